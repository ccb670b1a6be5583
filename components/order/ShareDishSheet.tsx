'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Member } from '@/lib/protocol';
import { MAX_PLATES, MAX_SHARE_MEMBERS } from '@/lib/protocolValues';
import { Sheet } from '../Sheet';

interface ShareDishSheetProps {
  dishName: string;
  /** Everyone else at the table who can be asked. */
  others: Member[];
  onOffer: (plates: number, memberIds: string[]) => void;
  onClose: () => void;
}

/** "One plate for Ana, Ben and me": who is asked to share; those without a phone join at once. */
export function ShareDishSheet({ dishName, others, onOffer, onClose }: ShareDishSheetProps) {
  const t = useTranslations('ShareDish');
  const [plates, setPlates] = useState(1);
  const [asked, setAsked] = useState<string[]>([]);
  const toggle = (id: string) =>
    setAsked((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  return (
    <Sheet
      title={t('title', { name: dishName })}
      closeLabel={t('cancel')}
      onClose={onClose}
      testId="share-sheet"
      footer={
        <button
          type="button"
          className="button primary wide"
          disabled={asked.length === 0}
          data-testid="offer-share"
          onClick={() => {
            onOffer(plates, asked);
            onClose();
          }}
        >
          {t('offer', { count: asked.length })}
        </button>
      }
    >
      <p className="hint">{t('hint')}</p>
      <fieldset className="plates-row">
        <legend>{t('plates')}</legend>
        <div className="stepper">
          <button
            type="button"
            className="step"
            aria-label={t('fewer')}
            disabled={plates <= 1}
            onClick={() => setPlates(plates - 1)}
          >
            −
          </button>
          <span className="qty" aria-live="polite">
            {plates}
          </span>
          <button
            type="button"
            className="step"
            aria-label={t('more')}
            disabled={plates >= MAX_PLATES}
            onClick={() => setPlates(plates + 1)}
          >
            +
          </button>
        </div>
      </fieldset>
      <fieldset className="need-group">
        <legend>{t('with')}</legend>
        <div className="chips">
          {others.map((member) => (
            <button
              key={member.id}
              type="button"
              className="chip"
              aria-pressed={asked.includes(member.id)}
              disabled={!asked.includes(member.id) && asked.length >= MAX_SHARE_MEMBERS - 1}
              onClick={() => toggle(member.id)}
            >
              {member.name}
            </button>
          ))}
        </div>
      </fieldset>
    </Sheet>
  );
}
