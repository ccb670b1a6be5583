// Finding a dish by what it is: "noodles" must find "rice noodle soup", "tomatoes" a dish "with
// tomato", "cafe" a "café". Words are compared folded and, in Latin letters, without a plural ending;
// each word the member types must appear in what a dish is searched by.

/** Lowercase without accents, so "cafe" finds "café" and "Stew" finds "stew". */
export const foldForSearch = (text: string) =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();

/**
 * A typed word without its plural ending (English, Spanish, French: -s, -es after s/x/z/ch/sh and o,
 * -ies → y), so it matches the singular and the plural alike. Words of other scripts are kept.
 */
export function searchStem(word: string): string {
  if (!/^[a-z]{4,}$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|[sxzo])es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words of a query, folded and stemmed. */
export const searchWords = (query: string) =>
  foldForSearch(query).split(/\s+/).filter(Boolean).map(searchStem);

/** Whether every word of the query appears in `text` (already folded), as typed or stemmed. */
export function matchesSearch(text: string, words: readonly string[]): boolean {
  return words.every(
    (word) => text.includes(word) || (word.endsWith('y') && text.includes(`${word.slice(0, -1)}ies`)),
  );
}
