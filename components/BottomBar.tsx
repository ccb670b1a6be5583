'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useRoomState } from '@/lib/roomClient/react';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import { GROUP_ORDER_ID } from './GroupOrder';
import { useOrderSummary } from './useOrderSummary';

const hidden = (chunks: ReactNode) => <span className="visually-hidden">{chunks}</span>;

/**
 * Always under the thumb: what I have picked, what the table has, the way to the full order and
 * the card to show the staff.
 */
export function BottomBar({ currency, onShowStaff }: { currency: CurrencyCode; onShowStaff: () => void }) {
  const t = useTranslations('BottomBar');
  const locale = useLocale();
  const summary = useOrderSummary();
  const memberId = useRoomState((s) => s.memberId);
  const me = summary.people.find((p) => p.member.id === memberId);
  const items = me?.items ?? 0;
  return (
    <nav className="bottom-bar" aria-label={t('label')} data-testid="bottom-bar">
      <p className="figure">
        <span className="figure-label">
          {t.rich('me', {
            count: items,
            items: (chunks) => <span data-testid="my-items">{chunks}</span>,
            hidden,
          })}
        </span>
        <strong data-testid="my-subtotal">{formatMoney(me?.subtotalMinor ?? 0, currency, locale)}</strong>
      </p>
      {/* The table's figure is the way to the full order. */}
      <a className="figure figure-link" href={`#${GROUP_ORDER_ID}`} aria-label={t('groupOrder')}>
        <span className="figure-label">{t.rich('table', { count: summary.totalQty, hidden })}</span>
        <strong data-testid="bottom-group-total">{formatMoney(summary.totalMinor, currency, locale)}</strong>
      </a>
      <button type="button" className="button primary" data-testid="show-staff" onClick={onShowStaff}>
        {t('showStaff')}
      </button>
    </nav>
  );
}
