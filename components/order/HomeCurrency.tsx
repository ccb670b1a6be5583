'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { type HomeRate, parseRate, toHomeMinor } from '@/lib/homeCurrency';
import { CURRENCY_CODES, type CurrencyCode, formatMoney } from '@/lib/money';

const storageKey = (roomId: string) => `menuroom:home-rate:${roomId}`;

/** This phone's home-currency rate for a room (kept on the phone only), and a formatter for it. */
export function useHomeRate(roomId: string, menuCurrency: CurrencyCode) {
  const locale = useLocale();
  const t = useTranslations('HomeCurrency');
  const [rate, setRate] = useState<HomeRate | null>(null);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(roomId)) ?? 'null') as HomeRate | null;
      if (saved && CURRENCY_CODES.includes(saved.home) && saved.menuPerHome > 0) setRate(saved);
    } catch {
      // Nothing saved, or storage is off: no estimate until one is typed.
    }
  }, [roomId]);
  const save = useCallback(
    (next: HomeRate | null) => {
      setRate(next);
      try {
        if (next) localStorage.setItem(storageKey(roomId), JSON.stringify(next));
        else localStorage.removeItem(storageKey(roomId));
      } catch {
        // Storage is off: the estimate lasts as long as the page.
      }
    },
    [roomId],
  );
  const format =
    rate && rate.home !== menuCurrency
      ? (menuMinor: number) =>
          t('estimate', {
            amount: formatMoney(toHomeMinor(menuMinor, menuCurrency, rate), rate.home, locale),
          })
      : undefined;
  return { rate, save, format };
}

interface HomeCurrencyProps {
  menuCurrency: CurrencyCode;
  rate: HomeRate | null;
  onChange: (rate: HomeRate | null) => void;
}

/** "My currency": the home currency and a rate the member types; no rate is ever fetched. */
export function HomeCurrency({ menuCurrency, rate, onChange }: HomeCurrencyProps) {
  const t = useTranslations('HomeCurrency');
  const [home, setHome] = useState<CurrencyCode>(rate?.home ?? (menuCurrency === 'EUR' ? 'USD' : 'EUR'));
  const [text, setText] = useState(rate ? String(rate.menuPerHome) : '');
  const parsed = parseRate(text);
  return (
    <details className="card home-currency" data-testid="home-currency">
      <summary>{t('title')}</summary>
      <p className="hint">{t('hint')}</p>
      <div className="rate-row">
        <span>1</span>
        <select
          aria-label={t('homeCurrency')}
          value={home}
          onChange={(event) => setHome(event.target.value as CurrencyCode)}
        >
          {CURRENCY_CODES.filter((code) => code !== menuCurrency).map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <span>=</span>
        <input
          inputMode="decimal"
          aria-label={t('rate', { currency: menuCurrency })}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={text !== '' && parsed === null}
        />
        <span>{menuCurrency}</span>
      </div>
      <div className="row-actions">
        <button
          type="button"
          className="button small primary"
          disabled={parsed === null}
          onClick={() => parsed && onChange({ home, menuPerHome: parsed })}
        >
          {t('use')}
        </button>
        {rate && (
          <button type="button" className="button small" onClick={() => onChange(null)}>
            {t('clear')}
          </button>
        )}
      </div>
    </details>
  );
}
