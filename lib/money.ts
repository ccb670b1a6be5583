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

// One formatter per locale and currency: a room prints every price and subtotal on each render, and
// building an Intl.NumberFormat costs far more than using one.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(locale: string, currency: CurrencyCode): Intl.NumberFormat {
  const key = `${locale} ${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const { minorDigits } = CURRENCIES[currency];
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: minorDigits,
      maximumFractionDigits: minorDigits,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats minor units for display in the reader's locale, e.g. 1250 EUR → "€12.50" in English and
 * "12,50 €" in French, 9000 KRW → "₩9,000".
 */
export function formatMoney(minor: number, currency: CurrencyCode, locale = 'en'): string {
  const { minorDigits } = CURRENCIES[currency];
  try {
    return moneyFormat(locale, currency).format(minor / 10 ** minorDigits);
  } catch {
    return `${CURRENCIES[currency].symbol}${(minor / 10 ** minorDigits).toFixed(minorDigits)}`;
  }
}

/** "EUR" → "[Ee][Uu][Rr]": a word in either case (regex flags cannot be mixed inside one pattern). */
const anyCase = (word: string) =>
  [...word]
    .map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toUpperCase()}${c.toLowerCase()}]`))
    .join('');

/** One way a currency is printed next to a price. */
export interface PriceMark {
  /** The mark as a regular expression source, on NFKC-normalised text; no capturing groups. */
  readonly mark: string;
  /** What it means: one currency, or several for a shared sign, for `sign` to tell apart. */
  readonly currencies: readonly [CurrencyCode, ...CurrencyCode[]];
  /** Printed before the number ("€12"), after it ("12 €"), or either. */
  readonly where: 'before' | 'after' | 'either';
  /** Made of Latin letters: it must not touch other letters ("TL" but not "TLC"). */
  readonly word?: true;
  /** Stands for thousands: "50k" is 50,000 (only in its currencies, which have no minor unit). */
  readonly thousands?: true;
  /** A sign several currencies share, told apart by the other marks on the menu and its language. */
  readonly sign?: 'yen' | 'yuan' | 'dollar' | 'thousands';
}

const iso = (
  code: CurrencyCode | 'NTD' | 'RMB',
  currency: CurrencyCode = code as CurrencyCode,
): PriceMark => ({
  // "TRY" only in capitals: "try 2" is English.
  mark: code === 'TRY' ? code : anyCase(code),
  currencies: [currency],
  where: 'either',
  word: true,
});

/**
 * Every printed form of the picker's currencies, as menus and `Intl.NumberFormat` print them. Marks
 * that contain another come first ("NT$" before "$"), so one alternation of them all reads the longer.
 */
export const PRICE_MARKS: readonly PriceMark[] = [
  { mark: String.raw`NT\s?\$`, currencies: ['TWD'], where: 'either', word: true },
  { mark: String.raw`HK\s?\$`, currencies: ['HKD'], where: 'either', word: true },
  { mark: String.raw`US\s?\$|\$US`, currencies: ['USD'], where: 'either', word: true },
  { mark: String.raw`MX\s?\$|\$MX`, currencies: ['MXN'], where: 'either', word: true },
  { mark: 'CN¥', currencies: ['CNY'], where: 'either', word: true },
  { mark: 'JP¥', currencies: ['JPY'], where: 'either', word: true },
  { mark: '£GB', currencies: ['GBP'], where: 'after', word: true },
  iso('KRW'),
  iso('JPY'),
  iso('CNY'),
  iso('RMB', 'CNY'),
  iso('TWD'),
  iso('NTD', 'TWD'),
  iso('HKD'),
  iso('THB'),
  iso('VND'),
  iso('EUR'),
  iso('USD'),
  iso('GBP'),
  iso('CHF'),
  iso('TRY'),
  iso('MXN'),
  iso('IDR'),
  { mark: '₩', currencies: ['KRW'], where: 'either' },
  { mark: '원', currencies: ['KRW'], where: 'after' },
  { mark: '円', currencies: ['JPY'], where: 'after' },
  { mark: '฿', currencies: ['THB'], where: 'either' },
  // บาท, and its abbreviation บ.
  { mark: String.raw`บาท|บ\.`, currencies: ['THB'], where: 'after', word: true },
  { mark: '₫', currencies: ['VND'], where: 'either' },
  { mark: `${anyCase('VN')}[ĐđDd]|[đĐ]`, currencies: ['VND'], where: 'either', word: true },
  { mark: '€', currencies: ['EUR'], where: 'either' },
  { mark: `${anyCase('euro')}s?`, currencies: ['EUR'], where: 'after', word: true },
  { mark: '£', currencies: ['GBP'], where: 'either' },
  // Swiss francs: "Fr. 12.50", "12.50 Fr.", "SFr. 12".
  { mark: String.raw`S?${anyCase('fr')}s?\.?`, currencies: ['CHF'], where: 'either', word: true },
  { mark: '₺', currencies: ['TRY'], where: 'either' },
  { mark: anyCase('TL'), currencies: ['TRY'], where: 'either', word: true },
  { mark: String.raw`${anyCase('Rp')}\.?`, currencies: ['IDR'], where: 'either', word: true },
  // Indonesian "25rb" (ribu, thousand) is 25,000 rupiah.
  { mark: anyCase('ribu|rb'), currencies: ['IDR'], where: 'after', word: true, thousands: true },
  { mark: '¥', currencies: ['JPY', 'CNY'], where: 'either', sign: 'yen' },
  { mark: '元', currencies: ['CNY', 'TWD', 'HKD'], where: 'either', sign: 'yuan' },
  { mark: String.raw`\$`, currencies: ['USD', 'MXN', 'TWD', 'HKD'], where: 'either', sign: 'dollar' },
  // "50k" is 50,000 where prices run to thousands: đồng, rupiah, won. Never cents of a euro or dollar.
  {
    mark: '[kK]',
    currencies: ['VND', 'IDR', 'KRW'],
    where: 'after',
    word: true,
    thousands: true,
    sign: 'thousands',
  },
];

/** A mark's pattern, with letter boundaries for word marks. */
export function priceMarkSource(mark: PriceMark): string {
  return mark.word ? String.raw`(?<!\p{L})(?:${mark.mark})(?!\p{L})` : `(?:${mark.mark})`;
}

const STRIPPED_MARKS = new RegExp(
  PRICE_MARKS.filter((m) => !m.thousands)
    .map(priceMarkSource)
    .join('|'),
  'giu',
);
const THOUSANDS_MARKS = PRICE_MARKS.filter((m) => m.thousands).map((m) => ({
  currencies: m.currencies,
  pattern: new RegExp(String.raw`(?<=\d)\s*(?:${m.mark})(?!\p{L})`, 'iu'),
}));

const THAI_DIGITS = /[๐-๙]/g;

/**
 * Prepares text for reading prices: NFKC (full-width "１２００円" and "￥", "＄", "￦" become ASCII
 * digits and the usual signs), Thai digits as ASCII, and the spaces and apostrophes that group
 * thousands ("1 234,50 €" with a no-break space, Swiss "1’234.50") as nothing and "'". Plain
 * spaces are left alone: "Bia 333 15.000đ" is a name with a number, then a price.
 */
export function normalisePriceText(text: string): string {
  return text
    .replace(/(?<=\d)[\u00a0\u202f\u2009\u2007](?=\d{3}(?!\d))/gu, '')
    .replace(/(?<=\d)[’‘´](?=\d{3}(?!\d))/gu, "'")
    .normalize('NFKC')
    .replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/**
 * Reads a printed price into minor units of `currency`.
 * Accepts "9,000원", "9천원", "¥1,200", "1200円", "€12.50", "12,50 €", "12€50", "₫45.000", "45k",
 * "฿120", "120 บาท", "$8", "MX$95", "₺120", "120 TL", "CHF 12.50", "Rp 25.000", "25rb", and what
 * `formatMoney` prints in any locale. "k" and "rb" (thousands) only in the currencies that use
 * them (VND, IDR, KRW; "rb" IDR only). Returns null when the text is not a price.
 */
export function parsePrice(text: string, currency: CurrencyCode): number | null {
  let s = normalisePriceText(text).replace(
    // French "12€50" is 12.50 €; after "1.234" the decimal mark is a comma.
    /(\d[\d.,']*)\s?€\s?(\d{2})(?!\d)/u,
    (_, whole: string, cents: string) => `${whole}${whole.includes('.') ? ',' : '.'}${cents}`,
  );
  let factor = 1;
  for (const { pattern, currencies } of THOUSANDS_MARKS) {
    if (!pattern.test(s)) continue;
    if (!currencies.includes(currency)) return null;
    factor = 1_000;
    s = s.replace(pattern, '');
    break;
  }
  s = s.replace(STRIPPED_MARKS, '').replace(/\s+/g, '').trim();
  // Korean written amounts: "9천" = 9,000, "1만2천" = 12,000, "1.5만" = 15,000.
  const korean = /^(?:(\d+(?:\.\d+)?)만)?(?:(\d+(?:\.\d+)?)천)?(\d+)?$/.exec(s);
  if (korean && (s.includes('만') || s.includes('천'))) {
    if (factor !== 1) return null;
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
  // "45k" is 45,000; "45.000k" is no price.
  if (factor !== 1 && major >= 1_000) return null;
  return toMinor(major * factor, currency);
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
