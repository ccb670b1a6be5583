'use client';
import { useLocale, useTranslations } from 'next-intl';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import { summarizeOrder } from '@/lib/orderSummary';
import type { PlacedRound } from '@/lib/protocol';

/** Rounds already ordered, read-only: what was ordered and when. */
export function RoundsHistory({ rounds, currency }: { rounds: PlacedRound[]; currency: CurrencyCode }) {
  const t = useTranslations('Rounds');
  const locale = useLocale();
  if (rounds.length === 0) return null;
  return (
    <section className="card rounds" aria-labelledby="rounds-title" data-testid="rounds">
      <h2 id="rounds-title">{t('title')}</h2>
      {[...rounds].reverse().map((round) => {
        const summary = summarizeOrder({
          dishes: round.dishes,
          members: round.members,
          picks: Object.fromEntries(round.picks.map((p) => [`${p.dishId}:${p.memberId}`, p.qty])),
          notes: round.notes,
          shares: round.shares,
        });
        const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(
          round.placedAt,
        );
        return (
          <details key={round.round} className="round" data-testid="placed-round">
            <summary>
              {t('round', { round: round.round, time, count: summary.totalQty })}{' '}
              <strong>{formatMoney(summary.totalMinor, currency, locale)}</strong>
            </summary>
            <ul className="order-lines">
              {summary.lines.map((line) => (
                <li key={line.dish.id} className="order-line">
                  <p className="order-main">
                    <span className="order-qty">{t('qty', { qty: line.totalQty })}</span>{' '}
                    <span className="name">{line.dish.name}</span>
                    <span className="price">{formatMoney(line.totalMinor, currency, locale)}</span>
                  </p>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
