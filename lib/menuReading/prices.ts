// Prices as menus print them and as recognised text returns them: "9,000원", "9천원", "¥1,200",
// "1200円", "12.50", "12,50 €", "12€50", "₫45.000", "45k", "฿120", "120.-", "120 บาท", "1,320円(税込)",
// "₺120", "120 TL", "MX$95", "NT$120", "HK$48", "CHF 12.50", "Fr. 12.–", "Rp 25.000", "25rb", Korean
// "9.0" (= 9,000). One set of patterns for photos (menuParser) and typed menus (lib/menuText.ts): a
// line reads the same either way. lib/money.ts lists the marks and reads the number; this module
// finds the price in a line, forgives OCR noise, judges plausibility and infers the currency.
// Browser code imports it: it must import nothing but ../money (and types).
import {
  CURRENCIES,
  type CurrencyCode,
  normalisePriceText,
  PRICE_MARKS,
  type PriceMark,
  parsePrice,
  priceMarkSource,
} from '../money';
import type { MenuLanguageCode } from '../protocol';

export { normalisePriceText } from '../money';

const alternatives = (marks: readonly PriceMark[]) => marks.map(priceMarkSource).join('|');

// OCR's readings of signs, which only photos produce: ₩ as a backslash (Korean fonts draw the
// backslash as ₩), and 원 in small type as 우, 운, 윈 or 월.
const MISREAD_PREFIX = String.raw`\\`;
const MISREAD_SUFFIX = String.raw`[우운윈월](?!\p{L})`;

const PREFIX = `(?:${alternatives(PRICE_MARKS.filter((m) => m.where !== 'after'))}|${MISREAD_PREFIX})`;
const MARK_SUFFIX = `(?:${alternatives(PRICE_MARKS.filter((m) => m.where !== 'before'))}|${MISREAD_SUFFIX})`;
// ",-" and ".–" (no cents, German and Swiss), a trailing dash ("1,200-"), "++" (plus service and tax).
const SUFFIX = String.raw`(?:${MARK_SUFFIX}|[.,]?[-–—]|\+\+)`;
const TAX_NOTE = String.raw`(?:\(?\s*(?:税込|税抜|税別|tax)\s*\)?|\+\s*税)`;
const NUMBER = String.raw`\d(?:[\d.,']*\d)?`;
const KOREAN_AMOUNT = String.raw`\d+(?:\.\d+)?\s*만(?:\s*\d+\s*천)?|\d+\s*천`;

/** A price at the very end of a text, with what may sit around it. */
const TRAILING_PRICE = new RegExp(
  String.raw`(?:${PREFIX}\s*)?(?:${KOREAN_AMOUNT}|${NUMBER})(?:\s*${SUFFIX})*\s*${TAX_NOTE}?$`,
  'u',
);
/** A price at the very start of a text, before a space: "$8 Cheeseburger". */
const LEADING_PRICE = new RegExp(
  String.raw`^(?:${PREFIX}\s*)?(?:${KOREAN_AMOUNT}|${NUMBER})(?:\s*${SUFFIX})*(?=\s)`,
  'u',
);
/** Something that makes a number a price even right after words: a currency sign or unit. */
const MARK = new RegExp(`${PREFIX}|${MARK_SUFFIX}|천|만`, 'u');
const MARKS_ONLY = new RegExp(`${PREFIX}|${MARK_SUFFIX}`, 'gu');
const TAX_NOTES = new RegExp(TAX_NOTE, 'gu');
/** What may follow the number of a price to the end of the text. */
const PRICE_TAIL = new RegExp(String.raw`^(?:\s*${SUFFIX})*\s*${TAX_NOTE}?\s*$`, 'u');
const PREFIX_AT_END = new RegExp(String.raw`${PREFIX}\s*$`, 'u');

/** Lowest and highest plausible price of one dish, in major units: filters page numbers and years. */
const PLAUSIBLE: Partial<Record<CurrencyCode, [number, number]>> = {
  KRW: [100, 5_000_000],
  JPY: [50, 500_000],
  VND: [1_000, 50_000_000],
  IDR: [1_000, 50_000_000],
  TWD: [10, 100_000],
  TRY: [1, 100_000],
  MXN: [1, 100_000],
};
const PLAUSIBLE_DEFAULT: [number, number] = [0.1, 10_000];

/** Words after which a four-digit number is a year: "Since 1998", "Est. 2010", "© 2024". */
const YEAR_WORD =
  /(?:(?<!\p{L})(?:since|est|established|founded|anno|depuis|seit|desde|dal|năm|copyright)\.?|©|\(c\))\s*[:.]?\s*$/iu;
/** A line that gives a phone number. */
const PHONE_WORD =
  /(?<!\p{L})(?:tel|tél|tlf|phone|fax|hotline|mobile|mob|sđt|đt|điện thoại|whatsapp)(?!\p{L})|電話|电话|전화|☎|📞|โทร/iu;

// ---------- OCR confusions ----------

const CONFUSABLE_RUN = /[\dOolI|S.,']+$/u;

/**
 * Undoes OCR's letters for digits in the price at the end of a text, and only there: O and o for 0,
 * l, I and | for 1, S for 5. Only in a run of digits, separators and such letters that has a real
 * digit and stands apart from words (a name like "Bio12" or "No.1" is left alone), and only where
 * the letter is clearly inside the number: O after a digit or separator (not "1o", an ordinal
 * "1º"), l/I before a digit (not "1l", a litre; | not first, a column rule), S between digits.
 */
function undoMisreadDigits(text: string): string {
  let end = text.length;
  let tail = '';
  // Skip the marks after the number: "12,5O €".
  for (let i = text.length; i > 0; i--) {
    if (!PRICE_TAIL.test(text.slice(i))) break;
    if (/[\dOolI|S.,']/u.test(text[i - 1] ?? '')) {
      end = i;
      tail = text.slice(i);
      break;
    }
  }
  const head = text.slice(0, end);
  const found = CONFUSABLE_RUN.exec(head);
  // The number starts with a digit, or with l or I before one ("l2.50"); what precedes is not it.
  const start = found ? found[0].search(/[lI]?\d/) : -1;
  if (!found || start < 0) return text;
  const run = found[0].slice(start);
  const before = head.slice(0, found.index + start);
  if (/\p{Script=Latin}$/u.test(before) && !PREFIX_AT_END.test(before)) return text;
  const chars = [...run];
  const digitish = (c: string | undefined) => c !== undefined && /[\dOo]/.test(c);
  const realDigits = chars.filter((c) => /\d/.test(c)).length;
  const hasSeparator = /[.,']/.test(run);
  if (/^\d{1,2}o$/.test(run)) return text;
  const fixed = chars.map((c, i) => {
    const previous = chars[i - 1];
    const next = chars[i + 1];
    const nextIsNumber = digitish(next) || (/[.,]/.test(next ?? '') && digitish(chars[i + 2]));
    if (c === 'O' || c === 'o') {
      const afterNumber = i > 0 && /[\d.,'Oo]/.test(previous ?? '');
      return afterNumber && (hasSeparator || realDigits >= 2 || nextIsNumber) ? '0' : c;
    }
    if (c === 'l' || c === 'I') return nextIsNumber ? '1' : c;
    if (c === '|') return i > 0 && nextIsNumber ? '1' : c;
    if (c === 'S') return i > 0 && /[\dOo.,]/.test(previous ?? '') && nextIsNumber ? '5' : c;
    return c;
  });
  return `${before}${fixed.join('')}${tail}`;
}

// ---------- reading ----------

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

/** A price at the start of a line, and the text after it. */
export interface LeadingPriceMatch {
  minor: number;
  /** The price as printed (normalised). */
  text: string;
  /** The text after the price (normalised): the dish name. */
  after: string;
}

/**
 * A number cut in two after its thousands separator, as recognised text returns it: "¥2, 250",
 * "45. 000đ", "\\2、250". Japanese and Chinese fonts set the comma half-width with its own space
 * after it, and Tesseract then reports two words, or reads the comma as 、. Only a separator
 * followed by exactly three digits is joined, so "12, 50" (two numbers, or a decimal comma) stays
 * apart.
 */
export function joinSplitThousands(text: string): string {
  return (
    text
      // The ideographic comma 、 is what the Japanese and Chinese models make of that comma.
      .replace(/(\d)[、，]\s*(?=\d{3}(?!\d))/gu, '$1,')
      .replace(/(\d[.,])\s+(?=\d{3}(?!\d))/gu, '$1')
  );
}

/** NFKC, ASCII digits, French "12€50" as "12.50 €", and OCR's letters for digits in the price. */
function prepareLine(text: string): string {
  return undoMisreadDigits(
    normalisePriceText(text)
      .replace(/(\d)\s?€\s?(\d{2})(?!\d)/gu, '$1.$2 €')
      .replace(/\s+$/u, ''),
  );
}

/**
 * The price printed at the end of `text`, as it stands (normalised), before judging whether it is
 * plausible; null when the text does not end in a number, or the number is glued to a word.
 */
export function priceAtEnd(text: string): { before: string; text: string } | null {
  const normalised = prepareLine(text);
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
  return { before, text: match[0] };
}

/**
 * Finds a price at the end of `text`. A bare whole number ("Pho 24") counts only when `standalone`
 * (the number stands apart from the name: alone in its column, or after leaders or a wide gap, or
 * typed by the host), or when the currency has no minor unit and the number is plausible for it
 * (9,000 on a Korean menu). A year ("Since 1998"; a bare 1900–2099 where prices have cents) and a
 * phone number ("Tel 0123 456 789", "02-123-4567") are not prices.
 */
export function trailingPrice(text: string, currency: CurrencyCode, standalone: boolean): PriceMatch | null {
  const found = priceAtEnd(text);
  if (!found) return null;
  const { before } = found;
  const minor = readPrice(found.text, currency);
  if (minor === null) return null;
  // "120.-" and "12,-" (whole amounts on Thai, German and Swiss menus) are prices wherever they stand.
  const marked = MARK.test(found.text) || hasDecimals(found.text, currency) || /\d[.,]-$/u.test(found.text);
  if (!marked && !standalone && CURRENCIES[currency].minorDigits > 0) return null;
  // "No.1", "Nr.5": a bare number glued to an abbreviation is part of the name.
  if (!marked && /\p{L}\.$/u.test(before)) return null;
  if (looksLikeYear(found.text, before, marked, currency) || looksLikePhone(before, marked)) return null;
  return { minor, before, text: found.text.trim(), marked };
}

/**
 * Finds a price at the start of `text`, before the dish name ("$8 Cheeseburger", "12 € Pasta"), as
 * typed menus sometimes have them. It needs a currency mark: "2 eggs" is no price.
 */
export function leadingPrice(text: string, currency: CurrencyCode): LeadingPriceMatch | null {
  const normalised = normalisePriceText(text)
    .replace(/(\d)\s?€\s?(\d{2})(?!\d)/gu, '$1.$2 €')
    .trim();
  const match = LEADING_PRICE.exec(normalised);
  if (!match || !MARK.test(match[0])) return null;
  const minor = readPrice(match[0], currency);
  if (minor === null) return null;
  return { minor, text: match[0].trim(), after: normalised.slice(match[0].length).trim() };
}

function hasDecimals(price: string, currency: CurrencyCode): boolean {
  return CURRENCIES[currency].minorDigits > 0 && /\d[.,]\d{2}(?!\d)/.test(price);
}

function looksLikeYear(price: string, before: string, marked: boolean, currency: CurrencyCode): boolean {
  const year = /^(?:19|20)\d\d$/.test(price.trim());
  if (!year) return false;
  return YEAR_WORD.test(before) || (!marked && CURRENCIES[currency].minorDigits > 0);
}

/**
 * A phone label before the number, or the number ends a run of digit groups that starts like a
 * phone number (+, a bracket or a leading 0), or it is joined to more digits by a dash or slash.
 */
function looksLikePhone(before: string, marked: boolean): boolean {
  if (PHONE_WORD.test(before)) return true;
  if (marked) return false;
  if (/\d[-–/)]$/u.test(before)) return true;
  const run = /[\d()+\-–.]+(?:\s+[\d()+\-–.]+)*\s+$/u.exec(before);
  return run !== null && /^(?:[+(]\d|0\d)/.test(run[0]);
}

/** Reads one price text (already cut out of a line) into minor units, or null. */
export function readPrice(priceText: string, currency: CurrencyCode): number | null {
  const text = undoMisreadDigits(normalisePriceText(priceText))
    .replace(TAX_NOTES, '')
    .replace(/\s+/g, '')
    // OCR doubles separators ("1,.060"): keep the first.
    .replace(/([.,])[.,]+/g, '$1')
    .replace(/\+\+$/u, '');
  const bare = text.replace(MARKS_ONLY, '');
  // Korean menus print "9.0" or "12.5" for 9,000 and 12,500 won.
  if (currency === 'KRW' && /^\d{1,3}\.\d$/.test(bare)) return Math.round(Number(bare) * 1_000);
  // A leading zero is a phone number or a code, not a price ("0.50" is one).
  if (/^0\d/.test(bare)) return null;
  // parsePrice strips the currency marks; the OCR misreadings of them go here.
  const minor = parsePrice(
    text.replace(/^\\/u, '').replace(new RegExp(`${MISREAD_SUFFIX}$`, 'u'), ''),
    currency,
  );
  if (minor === null) return null;
  const major = minor / 10 ** CURRENCIES[currency].minorDigits;
  const [low, high] = PLAUSIBLE[currency] ?? PLAUSIBLE_DEFAULT;
  return major >= low && major <= high ? minor : null;
}

// ---------- currency ----------

/** The currency a menu in each language is most likely priced in (as MENU_LANGUAGES says). */
const LANGUAGE_CURRENCY = {
  ko: 'KRW',
  ja: 'JPY',
  'zh-Hans': 'CNY',
  'zh-Hant': 'TWD',
  th: 'THB',
  vi: 'VND',
  fr: 'EUR',
  de: 'EUR',
  es: 'EUR',
  it: 'EUR',
  en: 'USD',
} as const satisfies Record<MenuLanguageCode, CurrencyCode>;

/** What a shared sign means in a language whose own currency is not among its meanings. */
const SIGN_IN_LANGUAGE: Partial<
  Record<NonNullable<PriceMark['sign']>, Partial<Record<MenuLanguageCode, CurrencyCode>>>
> = {
  // ¥ on a Chinese menu is the yuan, traditional characters or not.
  yen: { 'zh-Hant': 'CNY' },
  // $ on a Spanish menu is the peso: Spain prints €.
  dollar: { es: 'MXN' },
};

/** What a shared sign means when nothing else tells; the thousands "k" means nothing alone. */
const SIGN_DEFAULT: Record<NonNullable<PriceMark['sign']>, CurrencyCode | null> = {
  yen: 'JPY',
  yuan: 'CNY',
  dollar: 'USD',
  thousands: null,
};

/** "(单位：元)", "Unit: €", "Prices in €": a mark declared once for the whole menu. */
const UNIT_HEADER =
  /(?:単位|单位|單位|(?<!\p{L})(?:đơn vị(?: tính)?|đvt|units?|prices? in|prix en|preise in|precios en|prezzi in)(?!\p{L}))\s*[:：]?\s*[(（]?\s*$/iu;

const ALL_MARKS = new RegExp(PRICE_MARKS.map((m) => `(${priceMarkSource(m)})`).join('|'), 'gu');

/** The marks in a line that stand next to a number, or declare the menu's unit. */
function marksNextToNumbers(line: string): { mark: PriceMark; decimals: boolean }[] {
  const found: { mark: PriceMark; decimals: boolean }[] = [];
  for (const match of line.matchAll(ALL_MARKS)) {
    const mark = PRICE_MARKS[match.slice(1).findIndex((group) => group !== undefined)];
    if (!mark) continue;
    const start = match.index;
    const before = line.slice(0, start);
    const after = line.slice(start + match[0].length);
    const follows = mark.where !== 'before' && /[\d천만](?:[.,]?[-–—])?\s?$/u.test(before);
    const precedes = mark.where !== 'after' && /^\s?\d/u.test(after);
    if (!follows && !precedes && !(mark.where !== 'before' && UNIT_HEADER.test(before))) continue;
    const number = follows
      ? /(\d[\d.,']*)(?:[.,]?[-–—])?\s?$/u.exec(before)?.[1]
      : /^\s?(\d[\d.,']*)/u.exec(after)?.[1];
    found.push({ mark, decimals: /[.,]\d{1,2}$/.test(number ?? '') });
  }
  return found;
}

interface Hint {
  /** The currency the language suggests, or the caller's fallback. */
  currency: CurrencyCode | null;
  language: MenuLanguageCode | null;
}

function inferCurrency(lines: readonly string[], hint: Hint): CurrencyCode | null {
  const normalised = lines.map(normalisePriceText);
  const found = normalised.flatMap(marksNextToNumbers);
  const explicit = new Map<CurrencyCode, number>();
  for (const { mark } of found) {
    const [only] = mark.currencies;
    if (mark.currencies.length === 1) explicit.set(only, (explicit.get(only) ?? 0) + 1);
  }
  const counts = new Map(explicit);
  const text = normalised.join('\n');
  const yenWithCents = found.some(({ mark, decimals }) => mark.sign === 'yen' && decimals);
  for (const { mark } of found) {
    if (mark.currencies.length === 1) continue;
    const currency = resolveSign(mark, explicit, hint, text, yenWithCents);
    if (currency) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  }
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best) return null;
  // One stray "$" on a won menu is noise; marks that split evenly tell nothing.
  return second && best[1] < 2 * second[1] ? null : best[0];
}

/**
 * A shared sign's currency: the one the menu's unambiguous marks name most ("¥" with "円" is yen),
 * else the language's ("¥" on a Japanese menu; "元" on a traditional-Chinese one is the Taiwan
 * dollar), else the script (kana: yen; Chinese characters: yuan) and cents (yuan) for "¥", else the
 * sign's usual meaning ("$" is the US dollar). The thousands "k" counts only when something tells.
 */
function resolveSign(
  mark: PriceMark,
  explicit: ReadonlyMap<CurrencyCode, number>,
  hint: Hint,
  text: string,
  yenWithCents: boolean,
): CurrencyCode | null {
  const named = mark.currencies
    .filter((c) => (explicit.get(c) ?? 0) > 0)
    .sort((a, b) => (explicit.get(b) ?? 0) - (explicit.get(a) ?? 0));
  if (named[0]) return named[0];
  if (hint.currency && mark.currencies.includes(hint.currency)) return hint.currency;
  const sign = mark.sign;
  if (!sign) return null;
  const inLanguage = hint.language ? SIGN_IN_LANGUAGE[sign]?.[hint.language] : undefined;
  if (inLanguage) return inLanguage;
  if (sign === 'yen') {
    if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'JPY';
    if (/\p{Script=Han}/u.test(text) || yenWithCents) return 'CNY';
  }
  return SIGN_DEFAULT[sign];
}

/**
 * The currency that the marks printed next to the numbers indicate (€, 円, 元, บาท, đ, 원, ₩, ₺, TL,
 * MX$, Rp, NT$, HK$, £, CHF, $, ISO codes, …), or null when the lines carry no mark, or marks of
 * several currencies without one having at least twice as many as any other. A shared sign is read
 * by the other marks first, then by `language`: "¥" is yen on a Japanese menu and yuan on a Chinese
 * one; "元" is the Taiwan dollar on a zh-Hant menu and the yuan otherwise; "$" is the US dollar
 * unless the language says otherwise (zh-Hant: TWD, es: MXN); MX$, NT$ and HK$ are explicit.
 */
export function currencyFromMarks(
  lines: readonly string[],
  language: MenuLanguageCode | null,
): CurrencyCode | null {
  return inferCurrency(lines, { currency: language ? LANGUAGE_CURRENCY[language] : null, language });
}

/** The language whose menus are usually priced in a currency, to read shared signs by. */
const CURRENCY_LANGUAGE: Partial<Record<CurrencyCode, MenuLanguageCode>> = {
  KRW: 'ko',
  JPY: 'ja',
  CNY: 'zh-Hans',
  TWD: 'zh-Hant',
  THB: 'th',
  VND: 'vi',
  EUR: 'fr',
  USD: 'en',
  MXN: 'es',
};

/**
 * The currency the menu's prices are printed in: `currencyFromMarks`, reading shared signs as
 * `fallback` (the language's usual currency) suggests, else `fallback`.
 */
export function detectCurrency(lines: readonly string[], fallback: CurrencyCode): CurrencyCode {
  return (
    inferCurrency(lines, { currency: fallback, language: CURRENCY_LANGUAGE[fallback] ?? null }) ?? fallback
  );
}
