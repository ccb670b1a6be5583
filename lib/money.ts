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

/**
 * Formats minor units for display in the reader's locale, e.g. 1250 EUR → "€12.50" in English and
 * "12,50 €" in French, 9000 KRW → "₩9,000".
 */
export function formatMoney(minor: number, currency: CurrencyCode, locale = 'en'): string {
  const { minorDigits } = CURRENCIES[currency];
  try {
    return new Intl.NumberFormat(locale, {
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
 * Returns null when the text is not a price.
 */
export function parsePrice(text: string, currency: CurrencyCode): number | null {
  let s = text.normalize('NFKC').replace(CURRENCY_MARKS, '').replace(/\s+/g, '').trim();
  // Korean written amounts: "9천" = 9,000, "1만2천" = 12,000, "1.5만" = 15,000.
  const korean = /^(?:(\d+(?:\.\d+)?)만)?(?:(\d+(?:\.\d+)?)천)?(\d+)?$/.exec(s);
  if (korean && (s.includes('만') || s.includes('천'))) {
    const total = Number(korean[1] ?? 0) * 10_000 + Number(korean[2] ?? 0) * 1_000 + Number(korean[3] ?? 0);
    return toMinor(total, currency);
  }
  s = s
    .replace(/^[-–—:.]+|[-–—:]+$/g, '')
    .replace(/[.,]$/, '')
    .replace(/[' ]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const major = readNumber(s);
  if (major === null) return null;
  return toMinor(major, currency);
}

/**
 * Tells thousands separators from a decimal mark: with two kinds of separator the last one is the
 * decimal mark ("1.234,50"); with one kind used once, it is decimal when 1–2 digits follow ("12,50")
 * and a thousands separator when 3 follow ("9.000"); used several times it separates thousands.
 */
function readNumber(s: string): number | null {
  const separators = [...new Set(s.replace(/\d/g, ''))];
  if (separators.length > 2) return null;
  let integer = s;
  let fraction = '';
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  const tail = s.slice(last + 1);
  const usedOnce = separators.length === 1 && s.indexOf(s[last] ?? '') === last;
  if (separators.length === 2 || (usedOnce && tail.length <= 2)) {
    integer = s.slice(0, last);
    fraction = tail;
    if (fraction.length === 0 || fraction.length > 2) return null;
  }
  const groups = integer.split(/[.,]/);
  if (groups.length > 1 && groups.slice(1).some((g) => g.length !== 3)) return null;
  if (groups.length > 1 && (groups[0]?.length ?? 0) > 3) return null;
  return Number(`${groups.join('')}.${fraction || '0'}`);
}

function toMinor(major: number, currency: CurrencyCode): number | null {
  if (!Number.isFinite(major) || major < 0) return null;
  const minor = Math.round(major * 10 ** CURRENCIES[currency].minorDigits);
  return minor <= MAX_MINOR_AMOUNT ? minor : null;
}
