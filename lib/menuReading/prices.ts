// Prices as recognised text prints them: "9,000원", "9천원", "¥1,200", "1200円", "12.50", "12,50 €",
// "12€50", "₫45.000", "45k", "฿120", "120.-", "120 บาท", "1,320円(税込)", Korean "9.0" (= 9,000).
// lib/money.ts reads the number; this module finds it at the end of a line and forgives OCR noise.
import { CURRENCIES, type CurrencyCode, parsePrice } from '../money';

const PREFIX = String.raw`(?:NT\$|HK\$|US\$|[₩¥€$£฿₫đ\\]|Rp\.?|CHF)`;
// 원 in small type often comes out as 우, 운, 윈 or 월.
const MARK_SUFFIX = String.raw`(?:원|[우운윈월](?!\p{L})|円|元|€|₫|đ|VNĐ|VND|vnđ|[kK]|บาท|THB|EUR|CHF|TL|₺)`;
const SUFFIX = String.raw`(?:${MARK_SUFFIX}|,-|\.-|-)`;
const TAX_NOTE = String.raw`(?:\(?\s*(?:税込|税抜|税別|tax)\s*\)?|\+\s*税)`;
const NUMBER = String.raw`\d(?:[\d.,']*\d)?`;
const KOREAN_AMOUNT = String.raw`\d+(?:\.\d+)?\s*만(?:\s*\d+\s*천)?|\d+\s*천`;

/** A price at the very end of a text, with what may sit around it. */
const TRAILING_PRICE = new RegExp(
  String.raw`(?:${PREFIX}\s*)?(?:${KOREAN_AMOUNT}|${NUMBER})(?:\s*${SUFFIX})*\s*${TAX_NOTE}?$`,
  'u',
);
/** Something that makes a number a price even right after words: a currency sign or unit. */
const MARK = new RegExp(`${PREFIX}|${MARK_SUFFIX}|천|만`, 'u');

/** Lowest and highest plausible price of one dish, in major units: filters page numbers and years. */
const PLAUSIBLE: Partial<Record<CurrencyCode, [number, number]>> = {
  KRW: [100, 5_000_000],
  JPY: [50, 500_000],
  VND: [1_000, 50_000_000],
  IDR: [1_000, 50_000_000],
  TWD: [10, 100_000],
};
const PLAUSIBLE_DEFAULT: [number, number] = [0.1, 10_000];

const THAI_DIGITS = /[๐-๙]/g;

/** Unicode-normalises and turns Thai digits and full-width forms into ASCII, as prices need. */
export function normalisePriceText(text: string): string {
  return text.normalize('NFKC').replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50));
}

export interface PriceMatch {
  /** Minor units of the currency. */
  minor: number;
  /** The text before the price (normalised like prices: NFKC, ASCII digits): the dish name. */
  before: string;
  /** The price as printed (normalised). */
  text: string;
  /** Printed with a currency mark or with decimals: a price even when it stands right after words. */
  marked: boolean;
}

/**
 * Finds a price at the end of `text`. A bare whole number ("Pho 24") counts only when `standalone`
 * (the number stands apart from the name: alone in its column, or after leaders or a wide gap), or
 * when the currency has no minor unit and the number is plausible for it (9,000 on a Korean menu).
 */
export function trailingPrice(text: string, currency: CurrencyCode, standalone: boolean): PriceMatch | null {
  const normalised = normalisePriceText(text)
    // French "12€50" means 12.50 €.
    .replace(/(\d)\s?€\s?(\d{2})(?!\d)/gu, '$1.$2 €')
    .replace(/\s+$/u, '');
  const match = TRAILING_PRICE.exec(normalised);
  if (!match) return null;
  // A number glued to letters ("Bia333", "A5") is part of a name, not a price.
  const before = normalised.slice(0, match.index);
  if (
    /[\p{L}\d]$/u.test(before) &&
    !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]$/u.test(before)
  ) {
    return null;
  }
  const minor = readPrice(match[0], currency);
  if (minor === null) return null;
  const marked = MARK.test(match[0]) || hasDecimals(match[0], currency);
  if (!marked && !standalone && CURRENCIES[currency].minorDigits > 0) return null;
  return { minor, before, text: match[0].trim(), marked };
}

function hasDecimals(price: string, currency: CurrencyCode): boolean {
  return CURRENCIES[currency].minorDigits > 0 && /\d[.,]\d{2}(?!\d)/.test(price);
}

/** Reads one price text (already cut out of a line) into minor units, or null. */
export function readPrice(priceText: string, currency: CurrencyCode): number | null {
  let text = normalisePriceText(priceText)
    .replace(new RegExp(TAX_NOTE, 'gu'), '')
    .replace(/(\d)\s?€\s?(\d{2})(?!\d)/gu, '$1.$2')
    .replace(/\s+/g, '')
    // OCR doubles separators ("1,.060"): keep the first.
    .replace(/([.,])[.,]+/g, '$1');
  let factor = 1;
  // "45k" on Vietnamese menus means 45,000 đồng.
  if (/\d[kK]$/.test(text)) {
    text = text.slice(0, -1);
    factor = 1_000;
  }
  // Korean menus print "9.0" or "12.5" for 9,000 and 12,500 won.
  if (currency === 'KRW' && /^\d{1,3}\.\d$/.test(text)) return Math.round(Number(text) * 1_000);
  // Strip every currency mark here: parsePrice knows most, not all ("VNĐ", "บาท").
  text = text.replace(new RegExp(`${PREFIX}|${MARK_SUFFIX}`, 'gu'), '').replace(/(?:,-|\.-|-)$/u, '');
  const minor = parsePrice(text, currency);
  if (minor === null) return null;
  const scaled = minor * factor;
  const major = scaled / 10 ** CURRENCIES[currency].minorDigits;
  const [low, high] = PLAUSIBLE[currency] ?? PLAUSIBLE_DEFAULT;
  return major >= low && major <= high ? scaled : null;
}

/** Currency marks next to numbers, and the currency each one means. */
const MARKS: [RegExp, CurrencyCode | 'YEN'][] = [
  [/₩\s?\d|\d\s?원|\d천원/u, 'KRW'],
  [/\d\s?円/u, 'JPY'],
  [/\d\s?元/u, 'CNY'],
  [/[¥￥]\s?\d/u, 'YEN'],
  [/NT\$\s?\d/u, 'TWD'],
  [/HK\$\s?\d/u, 'HKD'],
  [/฿\s?\d|\d\s?บาท/u, 'THB'],
  [/₫\s?\d|\d\s?(?:₫|đ|VNĐ|VND)(?!\p{L})/u, 'VND'],
  [/€\s?\d|\d\s?€/u, 'EUR'],
  [/£\s?\d/u, 'GBP'],
  [/(?<![A-Z])\$\s?\d/u, 'USD'],
];

/**
 * The currency the menu's prices are printed in: the mark seen most often next to a number, else the
 * language's usual currency. "¥" is yen on a Japanese menu and yuan elsewhere.
 */
export function detectCurrency(lines: readonly string[], fallback: CurrencyCode): CurrencyCode {
  const counts = new Map<CurrencyCode, number>();
  for (const line of lines) {
    for (const [pattern, mark] of MARKS) {
      if (!pattern.test(line)) continue;
      const currency = mark === 'YEN' ? (fallback === 'JPY' ? 'JPY' : 'CNY') : mark;
      counts.set(currency, (counts.get(currency) ?? 0) + 1);
    }
  }
  let best: CurrencyCode = fallback;
  let bestCount = 0;
  for (const [currency, count] of counts) {
    if (count > bestCount || (count === bestCount && currency === fallback)) {
      best = currency;
      bestCount = count;
    }
  }
  // One stray "$" on a won menu is noise: require a few marks before overriding the language.
  return bestCount >= 2 || counts.size === 1 ? best : fallback;
}
