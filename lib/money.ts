// Money is always an integer count of the currency's minor unit (cents, yen, won): no float money anywhere.

/** Currencies a menu can be priced in, with how many decimals their prices are printed with. */
export const CURRENCIES = {
  KRW: { minorDigits: 0, symbol: '₩' },
  JPY: { minorDigits: 0, symbol: '¥' },
  CNY: { minorDigits: 2, symbol: '¥' },
  TWD: { minorDigits: 0, symbol: 'NT$' },
  HKD: { minorDigits: 2, symbol: 'HK$' },
  THB: { minorDigits: 2, symbol: '฿' },
  VND: { minorDigits: 0, symbol: '₫' },
  EUR: { minorDigits: 2, symbol: '€' },
  USD: { minorDigits: 2, symbol: '$' },
  GBP: { minorDigits: 2, symbol: '£' },
  CHF: { minorDigits: 2, symbol: 'CHF' },
  TRY: { minorDigits: 2, symbol: '₺' },
  MXN: { minorDigits: 2, symbol: 'MX$' },
  IDR: { minorDigits: 0, symbol: 'Rp' },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]];

/** Largest price or total we accept: far above any restaurant bill, far below Number.MAX_SAFE_INTEGER. */
export const MAX_MINOR_AMOUNT = 10_000_000_000;

/** Formats minor units for display, e.g. 1250 EUR → "€12.50", 9000 KRW → "₩9,000". */
export function formatMoney(minor: number, currency: CurrencyCode): string {
  const { minorDigits } = CURRENCIES[currency];
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: minorDigits,
      maximumFractionDigits: minorDigits,
    }).format(minor / 10 ** minorDigits);
  } catch {
    return `${CURRENCIES[currency].symbol}${(minor / 10 ** minorDigits).toFixed(minorDigits)}`;
  }
}

const CURRENCY_MARKS = /[₩원¥円元€$£฿₫]|Rp|NT\$|HK\$|CHF|TL|₺|EUR|USD|KRW|JPY|CNY|THB|VND|GBP|đ/gi;

/**
 * Reads a printed price into minor units of `currency`.
 * Accepts "9,000원", "9천원", "¥1,200", "1200円", "€12.50", "12,50 €", "₫45.000", "฿120", "$8".
 * Thousands separators and decimal marks are told apart by the currency's minor digits and by
 * the number of digits after the last separator. Returns null when the text is not a price.
 */
export function parsePrice(text: string, currency: CurrencyCode): number | null {
  let s = text.normalize('NFKC').replace(CURRENCY_MARKS, '').replace(/\s+/g, '').trim();
  // Korean written amounts: "9천" = 9,000, "1만2천" = 12,000, "1.5만" = 15,000.
  const korean = /^(?:(\d+(?:\.\d+)?)만)?(?:(\d+(?:\.\d+)?)천)?(\d+)?$/.exec(s);
  if (korean && (s.includes('만') || s.includes('천'))) {
    const total = Number(korean[1] ?? 0) * 10_000 + Number(korean[2] ?? 0) * 1_000 + Number(korean[3] ?? 0);
    return toMinor(total, currency);
  }
  s = s.replace(/^[-–—:.]+|[-–—:]+$/g, '').replace(/[.,]$/, '');
  if (!/^\d{1,3}(?:[.,' ]?\d{3})*(?:[.,]\d{1,2})?$|^\d+(?:[.,]\d{1,2})?$/.test(s)) return null;
  const { minorDigits } = CURRENCIES[currency];
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let major: number;
  if (lastSep === -1) {
    major = Number(s);
  } else {
    const tail = s.slice(lastSep + 1);
    const decimalMark = tail.length <= 2 && (minorDigits > 0 || tail.length < 2);
    // "12.50" is a decimal; "9.000" or "45.000" is a thousands separator (three digits after it).
    if (decimalMark && tail.length !== 3) {
      major = Number(`${s.slice(0, lastSep).replace(/[.,' ]/g, '')}.${tail}`);
    } else {
      major = Number(s.replace(/[.,' ]/g, ''));
    }
  }
  return toMinor(major, currency);
}

function toMinor(major: number, currency: CurrencyCode): number | null {
  if (!Number.isFinite(major) || major < 0) return null;
  const minor = Math.round(major * 10 ** CURRENCIES[currency].minorDigits);
  return minor <= MAX_MINOR_AMOUNT ? minor : null;
}
