// Menus the host types or pastes, one dish per line. Prices are found and read by the same code as
// prices on menu photos (lib/menuReading/prices.ts): a line reads the same typed or photographed,
// and the currency is inferred from the same marks.
import {
  currencyFromMarks,
  leadingPrice,
  normalisePriceText,
  priceAtEnd,
  trailingPrice,
} from './menuReading/prices';
import type { CurrencyCode } from './money';
import { MAX_DISH_NAME_LENGTH, type MenuLanguageCode } from './protocolValues';

export interface ParsedDish {
  name: string;
  priceMinor: number;
}

export interface ParsedMenuLine {
  line: number;
  text: string;
  dish?: ParsedDish;
  error?: string;
}

// Dotted or dashed leaders and separators between a dish name and its price.
const LEADERS = /[\s.·…_\-–—:|]+$/u;
// A list bullet before a pasted dish: "• Pho bò 45k", "- Bibimbap 9,000원".
const BULLET = /^[•·●○◦▪■□*\-–—]+\s+/u;

/**
 * Reads one typed or pasted line, "Bibimbap ........ 9,000원", into a dish. The price is at the end
 * ("Kebab ₺120", "ผัดไทย 60 บาท", "Bún chả 50k") or, with a currency mark, at the start ("$8
 * Cheeseburger"). A typed number stands apart from the name, so a bare "Pho 24" is 24 of the
 * currency, but digits glued to the name stay in it ("Menu A5 12,50 €", "7UP 2.000đ"). The name
 * comes out NFKC-normalised, as names read from photos do (full-width "ＢＢＱ" is "BBQ").
 */
export function parseMenuLine(text: string, currency: CurrencyCode): ParsedDish | { error: string } {
  // Normalised as prices are before spaces are squashed: a no-break space groups thousands.
  const line = normalisePriceText(text).replace(/\s+/g, ' ').trim();
  if (!line) return { error: 'empty line' };
  const trailing = trailingPrice(line, currency, true);
  // "€12 Menu 2": a marked price at the start wins over a bare number at the end.
  const leading = trailing?.marked ? null : leadingPrice(line, currency);
  let name: string;
  let priceMinor: number;
  if (leading) {
    name = leading.after;
    priceMinor = leading.minor;
  } else if (trailing) {
    name = trailing.before;
    priceMinor = trailing.minor;
  } else {
    const unread = priceAtEnd(line);
    if (unread?.before.trim()) return { error: `cannot read the price "${unread.text.trim()}"` };
    return { error: `no price found in "${line}"` };
  }
  name = name.replace(LEADERS, '').replace(BULLET, '').trim();
  if (!name) return { error: `no dish name in "${line}"` };
  if (name.length > MAX_DISH_NAME_LENGTH) return { error: `dish name too long in "${line}"` };
  return { name, priceMinor };
}

/** Parses a typed or pasted menu, one dish per line; blank lines are skipped. */
export function parseMenuText(text: string, currency: CurrencyCode): ParsedMenuLine[] {
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => {
      const parsed = parseMenuLine(raw, currency);
      return 'error' in parsed ? { line, text: raw, error: parsed.error } : { line, text: raw, dish: parsed };
    });
}

/**
 * The currency a typed menu's own marks indicate ("Ramen ¥850" with `ja` → JPY, "12,00 €" → EUR),
 * by the same inference as photos (`currencyFromMarks`), or null when the text carries no mark or
 * its marks disagree: the form then keeps the currency the host picked.
 */
export function inferTypedCurrency(text: string, language: MenuLanguageCode | null): CurrencyCode | null {
  return currencyFromMarks(text.split(/\r?\n/), language);
}
