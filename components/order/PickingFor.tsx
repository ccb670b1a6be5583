'use client';
import { useTranslations } from 'next-intl';
import type { Member } from '@/lib/protocol';

interface PickingForProps {
  me: string;
  /** Members without a phone, whose picks the host makes. */
  phoneless: Member[];
  value: string;
  onChange: (memberId: string) => void;
}

/** For the host: whose plate the + and − fill now, theirs or someone's without a phone. */
export function PickingFor({ me, phoneless, value, onChange }: PickingForProps) {
  const t = useTranslations('PickingFor');
  if (phoneless.length === 0) return null;
  return (
    <fieldset className="picking-for" data-testid="picking-for">
      <legend>{t('label')}</legend>
      <div className="chips">
        {[{ id: me, name: t('me') }, ...phoneless].map((member) => (
          <button
            key={member.id}
            type="button"
            className="chip"
            aria-pressed={value === member.id}
            onClick={() => onChange(member.id)}
          >
            {member.name}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
