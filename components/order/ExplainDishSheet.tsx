'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { graphemeLength, MAX_EXPLANATION_LENGTH } from '@/lib/protocolValues';
import { Sheet } from '../Sheet';

interface ExplainDishSheetProps {
  dishName: string;
  text: string;
  onSave: (text: string) => void;
  onClose: () => void;
}

/** A member explains a dish to the table in their own words; everyone sees it, with their name. */
export function ExplainDishSheet({ dishName, text, onSave, onClose }: ExplainDishSheetProps) {
  const t = useTranslations('ExplainDish');
  const [value, setValue] = useState(text);
  const length = graphemeLength(value.trim());
  const tooLong = length > MAX_EXPLANATION_LENGTH;
  return (
    <Sheet
      title={t('title', { name: dishName })}
      closeLabel={t('cancel')}
      onClose={onClose}
      testId="explain-sheet"
      footer={
        <button
          type="button"
          className="button primary wide"
          disabled={tooLong}
          data-testid="save-explanation"
          onClick={() => {
            onSave(value.trim());
            onClose();
          }}
        >
          {value.trim() ? t('save') : t('remove')}
        </button>
      }
    >
      <label className="field">
        <span>{t('label')}</span>
        <textarea
          value={value}
          rows={3}
          placeholder={t('placeholder')}
          aria-invalid={tooLong}
          onChange={(event) => setValue(event.target.value)}
        />
        <span className={tooLong ? 'field-error' : 'hint'}>
          {t('length', { length, max: MAX_EXPLANATION_LENGTH })}
        </span>
      </label>
    </Sheet>
  );
}
