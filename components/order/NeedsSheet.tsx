'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DietaryNeed } from '@/lib/protocolValues';
import { Sheet } from '../Sheet';
import { NeedChips } from './NeedChips';

interface NeedsSheetProps {
  /** Whose needs: "you", or a member without a phone the host speaks for. */
  name: string | null;
  needs: DietaryNeed[];
  onSave: (needs: DietaryNeed[]) => void;
  onClose: () => void;
}

/** Needs for everything a member eats; the staff card says them in the menu's language. */
export function NeedsSheet({ name, needs, onSave, onClose }: NeedsSheetProps) {
  const t = useTranslations('NeedsSheet');
  const [value, setValue] = useState(needs);
  return (
    <Sheet
      title={name ? t('titleFor', { name }) : t('title')}
      closeLabel={t('cancel')}
      onClose={onClose}
      testId="needs-sheet"
      footer={
        <button
          type="button"
          className="button primary wide"
          onClick={() => {
            onSave(value);
            onClose();
          }}
        >
          {t('save')}
        </button>
      }
    >
      <p className="hint">{t('hint')}</p>
      <NeedChips value={value} onChange={setValue} />
    </Sheet>
  );
}
