'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { type DietaryNeed, graphemeLength, MAX_NOTE_LENGTH } from '@/lib/protocolValues';
import { Sheet } from '../Sheet';
import { NeedChips } from './NeedChips';

interface PickNoteSheetProps {
  dishName: string;
  note: string;
  needs: DietaryNeed[];
  onSave: (note: string, needs: DietaryNeed[]) => void;
  onClose: () => void;
}

/** A note on one pick ("no coriander"), shown to the table and, as written, on the staff card. */
export function PickNoteSheet({ dishName, note, needs, onSave, onClose }: PickNoteSheetProps) {
  const t = useTranslations('PickNote');
  const [text, setText] = useState(note);
  const [value, setValue] = useState(needs);
  const length = graphemeLength(text.trim());
  const tooLong = length > MAX_NOTE_LENGTH;
  return (
    <Sheet
      title={t('title', { name: dishName })}
      closeLabel={t('cancel')}
      onClose={onClose}
      testId="note-sheet"
      footer={
        <button
          type="button"
          className="button primary wide"
          disabled={tooLong}
          data-testid="save-note"
          onClick={() => {
            onSave(text.trim(), value);
            onClose();
          }}
        >
          {t('save')}
        </button>
      }
    >
      <label className="field">
        <span>{t('noteLabel')}</span>
        <textarea
          value={text}
          rows={2}
          placeholder={t('placeholder')}
          aria-invalid={tooLong}
          onChange={(event) => setText(event.target.value)}
        />
        <span className={tooLong ? 'field-error' : 'hint'}>
          {t('length', { length, max: MAX_NOTE_LENGTH })}
        </span>
      </label>
      <p className="hint">{t('needsHint')}</p>
      <NeedChips value={value} onChange={setValue} />
    </Sheet>
  );
}
