'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useRoomState } from '@/lib/roomClient/react';
import { isSending, myQty } from '@/lib/roomClient/state';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import type { DishLine } from '@/lib/orderSummary';
import { type Dish, MAX_QTY_PER_PICK, slotOf } from '@/lib/protocol';
import { formatPickers, usePickerWords } from './formatPickers';

interface DishRowProps {
  dish: Dish;
  currency: CurrencyCode;
  /** The dish's line in the group order, absent while nobody has picked it. */
  line: DishLine | undefined;
  /** Absent for a visitor who has not joined: the menu is read-only for them. */
  onSetQty?: (dishId: string, qty: number) => void;
  /** Present when the dish's line can be shown on a menu photo. */
  onShowOnPhoto?: (dishId: string) => void;
}

export function DishRow({ dish, currency, line, onSetQty, onShowOnPhoto }: DishRowProps) {
  const t = useTranslations('DishRow');
  const locale = useLocale();
  const pickerWords = usePickerWords();
  const qty = useRoomState((s) => myQty(s, dish.id));
  const memberId = useRoomState((s) => s.memberId);
  const sending = useRoomState((s) => isSending(s, slotOf({ type: 'pick.set', dishId: dish.id, qty })));
  const others = line?.pickers.filter((p) => p.memberId !== memberId) ?? [];
  const total = line?.totalQty ?? 0;

  return (
    <li className={`dish-row${qty > 0 ? ' picked' : ''}`} data-testid="dish-row" data-dish-id={dish.id}>
      <div className="dish-info">
        {onShowOnPhoto ? (
          // The whole name-and-price block is the target: a name alone can be one short word.
          <button
            type="button"
            className="dish-title-button"
            aria-label={t('showOnPhoto', { name: dish.name })}
            data-testid="show-on-photo"
            onClick={() => onShowOnPhoto(dish.id)}
          >
            <span className="name dish-title">
              {dish.name}
              <PhotoMark />
            </span>
            <span className="price">{formatMoney(dish.priceMinor, currency, locale)}</span>
          </button>
        ) : (
          <>
            <p className="name dish-title">{dish.name}</p>
            <p className="price">{formatMoney(dish.priceMinor, currency, locale)}</p>
          </>
        )}
        {total > 0 && (
          <p className="dish-pickers" data-testid="dish-pickers">
            {others.length > 0
              ? t.rich('othersAndTotal', {
                  others: formatPickers(others, pickerWords),
                  count: total,
                  total: totalTag,
                })
              : t.rich('total', { count: total, total: totalTag })}
          </p>
        )}
        {sending && (
          <p className="sending" data-testid="sending">
            {t('sending')}
          </p>
        )}
      </div>
      {onSetQty && (
        <div className="stepper">
          <button
            type="button"
            className="step"
            aria-label={t('removeOne', { name: dish.name })}
            disabled={qty <= 0}
            onClick={() => onSetQty(dish.id, qty - 1)}
          >
            −
          </button>
          {/* Live, so a screen reader hears the new quantity after each tap. */}
          <span className="qty" data-testid="my-qty" aria-live="polite">
            {qty}
          </span>
          <button
            type="button"
            className="step"
            aria-label={t('addOne', { name: dish.name })}
            disabled={qty >= MAX_QTY_PER_PICK}
            onClick={() => onSetQty(dish.id, qty + 1)}
          >
            +
          </button>
        </div>
      )}
    </li>
  );
}

/** The total's own element: the tests and the order line read it apart from the names. */
const totalTag = (chunks: ReactNode) => <span data-testid="dish-total">{chunks}</span>;

/** A small framed-picture mark: this name opens the dish's line on the menu photo. */
function PhotoMark() {
  return (
    <svg
      className="photo-mark"
      viewBox="0 0 20 20"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="2" y="3" width="16" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M5 14l3.5-4 2.5 3 2-2 2 3z" fill="currentColor" />
      <circle cx="14" cy="7" r="1.6" fill="currentColor" />
    </svg>
  );
}
