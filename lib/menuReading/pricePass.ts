// A second reading of the photo for prices only, for the languages whose Tesseract models lack the
// menu's currency sign: chi_sim, jpn, kor and tha have no ¥, ₩ or ฿, and a sign they cannot read
// spoils the digits next to it too ("¥57" comes out as "苦到"). The English model, allowed only
// digits, separators and the signs it knows, reads those prices cleanly (measured: every price of
// a Chinese menu that chi_sim read 7 of 20 right). Its words replace the main reading's where the
// main reading did not make a price of them.
import type { CurrencyCode } from '../money';
import { joinSplitThousands, trailingPrice } from './prices';
import type { OcrWord } from './tsv';

export const PRICE_PASS_MODELS = 'eng';
export const PRICE_PASS_CHARACTERS = '0123456789.,¥$€£';

const PRICE_WORD = /^([¥$€£]*)(\d[\d.,]*\d|\d)$/u;
/** Currency units written after the digits as a letter of the script: 650円, 32元, 120圓, 9,000원. */
const UNIT_SIGN = /^[円元圓원]$/u;

const area = (w: OcrWord) => w.width * w.height;

/** "8215" where the price pass read "215": the main model took the sign (฿) for a digit. */
function signReadAsDigit(mainText: string, priceDigits: string): boolean {
  const digits = mainText.replace(/[^\d]/g, '');
  const plain = priceDigits.replace(/[^\d]/g, '');
  return plain.length >= 2 && digits.length === plain.length + 1 && digits.endsWith(plain);
}
/**
 * "6504" over the main reading's "656" and "円": the pass took the unit sign after the digits for
 * one more digit, and its digit next to the sign is the surer one (the main CJK models read a bold 0
 * touching 円 as 6: 650円 → 656). Returns the pass's price without that digit, or null.
 */
function passDigitsBeforeUnit(covered: readonly OcrWord[], priceText: string): string | null {
  if (!covered.some((w) => UNIT_SIGN.test(w.text))) return null;
  const number = covered.find((w) => /\d/.test(w.text));
  if (!number) return null;
  const mainDigits = number.text.replace(/\D/g, '');
  const passDigits = priceText.replace(/\D/g, '');
  if (mainDigits.length < 2 || passDigits.length !== mainDigits.length + 1) return null;
  // Only the digit touching the sign is in doubt; where the readings differ elsewhere, neither is
  // surer, and the main reading stays.
  if (passDigits.slice(0, -2) !== mainDigits.slice(0, -1)) return null;
  return priceText.slice(0, -1);
}

function overlap(a: OcrWord, b: OcrWord): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Merges the price pass into the main reading. A price-pass word wins over the main words it covers
 * when it has a currency sign they lack (the main model misread the sign, and often the digits),
 * when they read the sign as one more digit, or when they do not read as a price at all; it is
 * added where the main reading found nothing. Its
 * sign is dropped: the currency comes from the language and the main reading's marks.
 */
export function mergePriceWords(
  main: readonly OcrWord[],
  prices: readonly OcrWord[],
  currency: CurrencyCode,
): OcrWord[] {
  const removed = new Set<OcrWord>();
  const signedWords = new Set<OcrWord>();
  const added: OcrWord[] = [];
  let nextBlock = Math.max(0, ...main.map((w) => w.block)) + 1;
  for (const price of prices) {
    const match = PRICE_WORD.exec(price.text);
    if (!match) continue;
    const digits = (match[2] ?? '').replace(/\D/g, '').length;
    // Forced to digits, the pass makes "4" or "2" of a heading or a speck: keep only sure readings.
    if (digits < 2 && price.confidence < 80) continue;
    const covered = main.filter((w) => overlap(w, price) >= area(w) * 0.5);
    if (covered.length === 0 && price.confidence < 50) continue;
    // "\\2, 250" is one price: CJK fonts set a space after the thousands comma (joinSplitThousands).
    const mainText = joinSplitThousands(covered.map((w) => w.text).join(' '));
    const mainPrice = covered.length > 0 ? trailingPrice(mainText, currency, true) : null;
    // Digits before the main reading's price: it read only the end of the number the pass read.
    const mainReadsPrice = mainPrice !== null && !/\d/u.test(mainPrice.before);
    const signOnlyHere = match[1] !== '' && !/[¥￥$€£₩฿₫\\]/u.test(mainText);
    const beforeUnit = mainReadsPrice ? passDigitsBeforeUnit(covered, match[2] ?? '') : null;
    if (mainReadsPrice && !signOnlyHere && !beforeUnit && !signReadAsDigit(mainText, match[2] ?? ''))
      continue;
    // A price-pass word over confident letters is the whitelist forcing digits onto a name; but
    // where it saw a sign before the very digits of a main word ("每份 105" read "$¥105": the main
    // model lost the ￥), that word was printed as a price.
    if (covered.some((w) => /\p{L}/u.test(w.text) && !UNIT_SIGN.test(w.text) && w.confidence >= 90)) {
      const digits = (match[2] ?? '').replace(/\D/g, '');
      const number = covered.find((w) => /^\d[\d.,]*$/u.test(w.text) && w.text.replace(/\D/g, '') === digits);
      if (match[1] && number) signedWords.add(number);
      continue;
    }
    for (const word of covered) removed.add(word);
    const anchor = covered[0];
    added.push({
      ...price,
      text: beforeUnit ?? match[2] ?? price.text,
      ...(match[1] ? { signed: true } : {}),
      block: anchor?.block ?? nextBlock++,
      paragraph: anchor?.paragraph ?? 1,
      line: anchor?.line ?? 1,
      confidence: Math.max(price.confidence, anchor?.confidence ?? 0),
    });
  }
  const kept = main
    .filter((w) => !removed.has(w))
    .map((w) => (signedWords.has(w) ? { ...w, signed: true } : w));
  return [...kept, ...added];
}
