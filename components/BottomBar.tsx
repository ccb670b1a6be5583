'use client';
import { useRoomState } from '@/lib/roomClient/react';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import { GROUP_ORDER_ID } from './GroupOrder';
import { useOrderSummary } from './useOrderSummary';

/** Always under the thumb: what I have picked, what the table has, and the way to the full order. */
export function BottomBar({ currency }: { currency: CurrencyCode }) {
  const summary = useOrderSummary();
  const memberId = useRoomState((s) => s.memberId);
  const me = summary.people.find((p) => p.member.id === memberId);
  const items = me?.items ?? 0;
  return (
    <nav className="bottom-bar" aria-label="My order" data-testid="bottom-bar">
      <p className="figure">
        <span className="figure-label">
          Me · <span data-testid="my-items">{items}</span>
          <span className="visually-hidden"> {items === 1 ? 'item' : 'items'}</span>
        </span>
        <strong data-testid="my-subtotal">{formatMoney(me?.subtotalMinor ?? 0, currency)}</strong>
      </p>
      <p className="figure">
        <span className="figure-label">
          Table · {summary.totalQty}
          <span className="visually-hidden"> {summary.totalQty === 1 ? 'item' : 'items'}</span>
        </span>
        <strong data-testid="bottom-group-total">{formatMoney(summary.totalMinor, currency)}</strong>
      </p>
      <a className="button primary" href={`#${GROUP_ORDER_ID}`}>
        Group order
      </a>
    </nav>
  );
}
