import { type CurrencyCode, parsePrice } from './money';
import { MAX_DISH_NAME_LENGTH } from './protocol';

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

// A price at the end of a line: optional currency mark, digits with separators, optional unit mark.
const TRAILING_PRICE =
  /(?:[₩¥€$£฿₫]|Rp|NT\$|HK\$|CHF)?\s*\d[\d.,' ]*(?:\s*(?:천|만)\s*\d*)?\s*(?:원|円|元|€|đ|₫|TL|₺|EUR|USD)?\s*$/u;
// A price at the start of a line ("€12 Pasta"), for menus typed the other way round.
const LEADING_PRICE = /^\s*(?:[₩¥€$£฿₫]|Rp)\s*\d[\d.,]*\s+/u;
// Dotted or dashed leaders and separators between a dish name and its price.
const LEADERS = /[\s.·…_\-–—:|]+$/u;

/** Reads one typed or pasted line, "Bibimbap ........ 9,000원", into a dish. */
export function parseMenuLine(text: string, currency: CurrencyCode): ParsedDish | { error: string } {
  const line = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!line) return { error: 'empty line' };
  let name: string;
  let priceText: string;
  const trailing = TRAILING_PRICE.exec(line);
  const leading = LEADING_PRICE.exec(line);
  if (trailing && trailing.index > 0) {
    name = line.slice(0, trailing.index);
    priceText = trailing[0];
  } else if (leading) {
    name = line.slice(leading[0].length);
    priceText = leading[0];
  } else {
    return { error: `no price found in "${line}"` };
  }
  name = name.replace(LEADERS, '').trim();
  if (!name) return { error: `no dish name in "${line}"` };
  if (name.length > MAX_DISH_NAME_LENGTH) return { error: `dish name too long in "${line}"` };
  const priceMinor = parsePrice(priceText, currency);
  if (priceMinor === null) return { error: `cannot read the price "${priceText.trim()}"` };
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
