// Keys that menu names are matched on: what two spellings of one dish have in common. Menus and OCR
// differ in width (ｒａｍｅｎ), spacing (김치 찌개), punctuation and dots, case, accents (Pho bo),
// German ä written ae, Thai SARA AM written as two characters, and brackets around an extra word.

import { composeThaiSaraAm } from '../scriptText';

/** NFKC (full-width letters and digits, compatibility forms), composed Thai, one space between words. */
export function cleanName(name: string): string {
  return composeThaiSaraAm(name.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

const GERMAN_DIGRAPHS: [RegExp, string][] = [
  [/ä/g, 'ae'],
  [/ö/g, 'oe'],
  [/ü/g, 'ue'],
  [/ß/g, 'ss'],
];

/** The key a name is looked up by: no spaces, punctuation or case; Latin letters without accents. */
export function matchKey(name: string): string {
  const folded = cleanName(name)
    .toLowerCase()
    // đ has no decomposition: Vietnamese menus without diacritics write it d.
    .replace(/đ/g, 'd')
    .normalize('NFD')
    // Combining marks of Latin letters only: Thai and Hangul jamo are kept whole.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
  return folded.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}

/** Like matchKey, but Latin letters keep their accents (and đ stays đ). */
export function strictKey(name: string): string {
  return cleanName(name)
    .toLowerCase()
    .normalize('NFC')
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}

/** Whether a Latin-script name carries accents or other marks (Phở bò, crème, Käse). */
export function hasAccents(name: string): boolean {
  return /\p{M}|đ/u.test(
    name.normalize('NFD').replace(/[^\p{Script=Latin}\p{M}]/gu, (c) => (c === 'đ' || c === 'Đ' ? 'đ' : '')),
  );
}

/** A second key for German: ä, ö, ü and ß as menus without umlauts write them. */
export function germanKey(name: string): string {
  let text = cleanName(name).toLowerCase();
  for (const [pattern, replacement] of GERMAN_DIGRAPHS) text = text.replace(pattern, replacement);
  return matchKey(text);
}

/** Words of a Latin-script name, lowercase, accents kept, without punctuation. */
export function latinWords(name: string): string[] {
  return cleanName(name)
    .toLowerCase()
    .split(/[\s,;:/()[\]+&·.–—'’-]+/u)
    .map((word) => word.replace(/[\p{P}\p{S}]+/gu, ''))
    .filter(Boolean);
}

/** Levenshtein distance, stopping early once it is above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[y.length] ?? max + 1;
}
