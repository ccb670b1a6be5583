'use client';
import { useLocale, useTranslations } from 'next-intl';
import { memo, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/lib/roomClient/react';
import { isSending, noteOf, qtyOf } from '@/lib/roomClient/state';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import type { DishLine } from '@/lib/orderSummary';
import type { Dish, MemberExplanation } from '@/lib/protocol';
import { type DietaryNeed, MAX_QTY_PER_PICK, slotOf } from '@/lib/protocolValues';
import { DishExplanationView } from './menu/DishExplanationView';
import { formatPickers, usePickerWords } from './formatPickers';
import { useNeedNames } from './order/NeedChips';
import { SharedPlates } from './order/SharedPlates';

/** What a member can do on a dish; absent for a visitor who has not joined (read-only menu). */
export interface DishActions {
  /** Whose pick the + and − set: this phone's member, or a member without a phone the host picks for. */
  target: string;
  /** The order is locked or the room closed: nothing can be changed. */
  readOnly: boolean;
  isHost: boolean;
  onSetQty: (dishId: string, qty: number) => void;
  onNote: (dishId: string) => void;
  onShare: (dishId: string) => void;
  onExplain: (dishId: string) => void;
  /** Explaining a dish to the table stays open while the order is locked, until the room closes. */
  canExplain: boolean;
  /**
   * Every control is shown as it will be but cannot be used: the room on screen is the page's
   * visitor's view until the socket's snapshot (same layout then, nothing moves when it arrives).
   */
  waiting?: boolean;
}

interface DishRowProps {
  dish: Dish;
  currency: CurrencyCode;
  /** The dish's line in the group order, absent while nobody has picked it. */
  line: DishLine | undefined;
  actions?: DishActions;
  /** Present when the dish's line can be shown on a menu photo. */
  onShowOnPhoto?: (dishId: string) => void;
  /** What members wrote about this dish. */
  explanations: MemberExplanation[];
  /** Needs of the reader, for "may contain". */
  needs: readonly DietaryNeed[];
}

/**
 * One dish of the menu. Memoised: a pick re-renders the rows whose line changed, not the whole menu
 * (under a phone's slow CPU, a full menu of rows at every broadcast is what keeps the page busy).
 * What a row reads from the store itself (my quantity, note, sending) re-renders it on its own.
 */
export const DishRow = memo(DishRowView, (before, after) => {
  return (
    before.dish === after.dish &&
    before.currency === after.currency &&
    before.actions === after.actions &&
    before.onShowOnPhoto === after.onShowOnPhoto &&
    before.explanations === after.explanations &&
    before.needs === after.needs &&
    sameLine(before.line, after.line)
  );
});

/** The parts of a dish's line a row shows: its total, who picked it, its shared plates. */
function sameLine(a: DishLine | undefined, b: DishLine | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.totalQty === b.totalQty &&
    a.pickers.length === b.pickers.length &&
    a.pickers.every((p, i) => {
      const q = b.pickers[i];
      return q !== undefined && p.memberId === q.memberId && p.name === q.name && p.qty === q.qty;
    }) &&
    a.shared.length === b.shared.length &&
    a.shared.every((plate, i) => plate.share === b.shared[i]?.share)
  );
}

function DishRowView({ dish, currency, line, actions, onShowOnPhoto, explanations, needs }: DishRowProps) {
  const t = useTranslations('DishRow');
  const locale = useLocale();
  const pickerWords = usePickerWords();
  const memberId = useRoomState((s) => s.memberId);
  const members = useRoomState((s) => s.members);
  const target = actions?.target ?? memberId ?? '';
  const qty = useRoomState((s) => (target ? qtyOf(s, dish.id, target) : 0));
  // noteOf builds a new object: compare its fields, or every store change would render again.
  const note = useRoomState(useShallow((s) => (target ? noteOf(s, dish.id, target) : null)));
  const sending = useRoomState((s) =>
    isSending(
      s,
      slotOf(
        target === memberId
          ? { type: 'pick.set', dishId: dish.id, qty }
          : { type: 'pick.setFor', dishId: dish.id, memberId: target, qty },
      ),
    ),
  );
  const others = line?.pickers.filter((p) => p.memberId !== target) ?? [];
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
        <DishExplanationView
          dish={dish}
          needs={needs}
          explanations={explanations}
          members={members}
          memberId={memberId}
        />
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
        {note && (note.note || note.needs.length > 0) && (
          <p className="my-note" data-testid="my-note">
            {note.note}
            {note.needs.length > 0 && <NeedList needs={note.needs} />}
          </p>
        )}
        {actions && line && line.shared.length > 0 && (
          <SharedPlates
            shares={line.shared.map((s) => s.share)}
            members={members}
            memberId={memberId ?? ''}
            isHost={actions.isHost}
            readOnly={actions.readOnly}
          />
        )}
        {sending && (
          <p className="sending" data-testid="sending">
            {t('sending')}
          </p>
        )}
        {actions && (
          <div className="row-actions">
            {!actions.readOnly && qty > 0 && (
              <button
                type="button"
                className="button small"
                data-testid="note-button"
                disabled={actions.waiting}
                onClick={() => actions.onNote(dish.id)}
              >
                {note?.note || note?.needs.length ? t('editNote') : t('addNote')}
              </button>
            )}
            {!actions.readOnly && target === memberId && (
              <button
                type="button"
                className="button small"
                data-testid="share-button"
                disabled={actions.waiting}
                onClick={() => actions.onShare(dish.id)}
              >
                {t('share')}
              </button>
            )}
            {actions.canExplain && (
              <button
                type="button"
                className="button small"
                data-testid="explain-button"
                disabled={actions.waiting}
                onClick={() => actions.onExplain(dish.id)}
              >
                {t('explain')}
              </button>
            )}
          </div>
        )}
      </div>
      {actions && (
        <div className="stepper">
          <button
            type="button"
            className="step"
            aria-label={t('removeOne', { name: dish.name })}
            disabled={actions.readOnly || actions.waiting || qty <= 0}
            onClick={() => actions.onSetQty(dish.id, qty - 1)}
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
            disabled={actions.readOnly || actions.waiting || qty >= MAX_QTY_PER_PICK}
            onClick={() => actions.onSetQty(dish.id, qty + 1)}
          >
            +
          </button>
        </div>
      )}
    </li>
  );
}

function NeedList({ needs }: { needs: DietaryNeed[] }) {
  const names = useNeedNames();
  return <span className="need-list"> · {names(needs)}</span>;
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
