'use client';
import { useTranslations } from 'next-intl';
import { useRoomState } from '@/lib/roomClient/react';
import { useNeedNames } from './NeedChips';

interface MyNeedsProps {
  /** Whose needs: this member, or the member without a phone the host is picking for. */
  memberId: string;
  name: string | null;
  readOnly: boolean;
  /** Shown but not usable yet (the room on screen is not confirmed): the layout does not move. */
  waiting?: boolean;
  onEdit: (memberId: string) => void;
}

/** "My needs: peanuts, not spicy": set once, said on the staff card for every dish of this member. */
export function MyNeeds({ memberId, name, readOnly, waiting = false, onEdit }: MyNeedsProps) {
  const t = useTranslations('MyNeeds');
  const needNames = useNeedNames();
  const needs = useRoomState((s) => {
    const pending = s.outbox[`needs:${memberId === s.memberId ? '' : memberId}`]?.change;
    if (pending?.type === 'member.needs') return pending.needs;
    return s.members.find((m) => m.id === memberId)?.needs;
  });
  return (
    <div className="my-needs" data-testid="my-needs">
      <p>
        <strong>{name ? t('titleFor', { name }) : t('title')}</strong>{' '}
        {needs && needs.length > 0 ? needNames(needs) : t('none')}
      </p>
      {!readOnly && (
        <button
          type="button"
          className="button small"
          data-testid="edit-needs"
          disabled={waiting}
          onClick={() => onEdit(memberId)}
        >
          {t('edit')}
        </button>
      )}
    </div>
  );
}
