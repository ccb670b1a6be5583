// Which language a menu is printed in, from what the first reading recognised. Tesseract's script
// detection tells Hangul from Thai from Latin, but not French from Vietnamese, nor simplified from
// traditional Chinese; this module decides those from the text itself.
import { francAll } from 'franc';
import { Converter } from 'opencc-js';
import { DE_GLOSSARY } from '../glossary/data/de';
import { EN_GLOSSARY } from '../glossary/data/en';
import { ES_GLOSSARY } from '../glossary/data/es';
import { FR_GLOSSARY } from '../glossary/data/fr';
import { IT_GLOSSARY } from '../glossary/data/it';
import { VI_GLOSSARY } from '../glossary/data/vi';
import type { GlossaryEntry } from '../glossary/types';
import type { MenuLanguageCode } from './languages';
import type { OcrWord } from './tsv';

export type LatinLanguage = Extract<MenuLanguageCode, 'vi' | 'fr' | 'de' | 'es' | 'it' | 'en'>;

/** franc's ISO 639-3 codes for the Latin-script menu languages. */
const FRANC_CODES: Record<string, LatinLanguage> = {
  vie: 'vi',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  eng: 'en',
};
const LATIN_LANGUAGES = Object.values(FRANC_CODES);

/**
 * Letters that, in this set of languages, only one of them writes. Vietnamese stacks its tone marks
 * (ạ ả ấ ầ … ỹ, the Latin Extended Additional block) and alone uses ă đ ơ ư; ß and the umlauts are
 * German; œ, ç and the circumflexes French; ñ and the inverted marks Spanish; a grave on i or o
 * Italian (Vietnamese has those too, but it is already told apart by its own letters).
 */
const OWN_LETTERS: Record<LatinLanguage, RegExp> = {
  vi: /[ăđơưĂĐƠƯ\u1EA0-\u1EF9]/gu,
  de: /[äöüßÄÖÜ]/gu,
  fr: /[œçâêîôûëïÿèŒÇÂÊÎÔÛ]/gu,
  es: /[ñáíóú¡¿Ñ]/gu,
  it: /[ìòùÌÒÙ]/gu,
  en: /(?!)/gu,
};

const GLOSSARIES: Record<LatinLanguage, GlossaryEntry[]> = {
  vi: VI_GLOSSARY,
  fr: FR_GLOSSARY,
  de: DE_GLOSSARY,
  es: ES_GLOSSARY,
  it: IT_GLOSSARY,
  en: EN_GLOSSARY,
};

/** Lower case, without accents: OCR often drops them, and the glossaries list both spellings. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toLowerCase();

const wordsOf = (text: string) => (text.match(/\p{L}{3,}/gu) ?? []).map(fold);

/**
 * The menu words of each cuisine (from the hand-written glossaries: dish names and menu words), each
 * with the languages whose menus print it. A word several cuisines share ("pizza", "salade" and
 * "salad" are not shared, "tiramisu" is) counts for each of them a fraction.
 */
let menuWords: Map<string, LatinLanguage[]> | null = null;
function menuWordLanguages(): Map<string, LatinLanguage[]> {
  if (menuWords) return menuWords;
  menuWords = new Map();
  for (const language of LATIN_LANGUAGES) {
    const words = new Set(GLOSSARIES[language].flatMap((entry) => entry.names.flatMap(wordsOf)));
    for (const word of words) menuWords.set(word, [...(menuWords.get(word) ?? []), language]);
  }
  return menuWords;
}

export interface LanguageEvidence {
  language: LatinLanguage;
  /** Each language's score: the trigram model's, plus its own letters, menu words and currency signs. */
  scores: Record<LatinLanguage, number>;
}

/**
 * Identifies the language of a Latin-script menu from its recognised lines. franc's trigram model
 * alone is unsure on a list of short dish names, so the reading adds its own evidence: letters only
 * one of the languages writes, words from that cuisine's glossary, and the currency next to the
 * prices (đ is Vietnamese, £ and $ English; € says only "not Vietnamese").
 */
export function identifyLatinLanguage(lines: readonly string[]): LanguageEvidence {
  const text = lines.join('\n');
  const scores = Object.fromEntries(LATIN_LANGUAGES.map((l) => [l, 0])) as Record<LatinLanguage, number>;
  // francAll scores the best language 1 and the others by their distance from it.
  for (const [code, score] of francAll(text, { only: Object.keys(FRANC_CODES), minLength: 10 })) {
    const language = FRANC_CODES[code];
    if (language) scores[language] += score;
  }
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  for (const language of LATIN_LANGUAGES) {
    const own = (text.match(OWN_LETTERS[language]) ?? []).length;
    // One letter in fifty of the page's own kind is already telling; a stray one from OCR is not.
    scores[language] += Math.min(1, (own * 50) / Math.max(letters, 100));
  }
  const known = menuWordLanguages();
  const words = wordsOf(text);
  const hits = Object.fromEntries(LATIN_LANGUAGES.map((l) => [l, 0])) as Record<LatinLanguage, number>;
  for (const word of words) {
    const languages = known.get(word);
    if (languages) for (const language of languages) hits[language] += 1 / languages.length;
  }
  for (const language of LATIN_LANGUAGES)
    scores[language] += Math.min(1, (hits[language] * 4) / Math.max(words.length, 8));
  if (/\d\s?(?:đ|₫|VNĐ|VND)(?!\p{L})|₫\s?\d/u.test(text)) scores.vi += 1;
  if (/£\s?\d/u.test(text)) scores.en += 0.5;
  if (/(?<![A-Z])\$\s?\d/u.test(text)) scores.en += 0.3;
  if (/€\s?\d|\d\s?€/u.test(text)) scores.vi -= 0.5;
  const language = LATIN_LANGUAGES.reduce((best, l) => (scores[l] > scores[best] ? l : best), 'en');
  return { language, scores };
}

// OpenCC's conversion tables (with their phrase lists), Taiwan traditional → mainland simplified.
let toSimplified: ((text: string) => string) | null = null;
export function simplifiedForm(text: string): string {
  toSimplified ??= Converter({ from: 'tw', to: 'cn' });
  return toSimplified(text);
}

export interface HanEvidence {
  variant: 'zh-Hans' | 'zh-Hant';
  /**
   * The simplified model's mean confidence where the page's characters differ between the variants,
   * over its confidence elsewhere on the same page (same font, same blur): about 1 or more on a
   * simplified page, well under 1 on a traditional one. Null when too few characters differ.
   */
  ratio: number | null;
}

/** Fewer variant-sensitive words than this and the page reads the same in both: simplified. */
const MIN_VARIANT_WORDS = 3;
/** Below this ratio the simplified model did not know the characters: the page is traditional. */
export const TRADITIONAL_BELOW = 0.7;

/**
 * Simplified or traditional Chinese, decided from the characters on the page. The traditional model
 * reads either kind of page and prints traditional characters (a simplified 鱼 comes out as 魚),
 * so its reading says where the variants differ; the simplified model only knows simplified
 * characters, so at those places it is unsure on a traditional page (麵 → 生 with confidence 0,
 * 滷 → 瀣) and as sure as anywhere else on a simplified one. OpenCC's tables say which characters
 * differ.
 */
export function hanVariant(
  simplifiedWords: readonly OcrWord[],
  traditionalWords: readonly OcrWord[],
): HanEvidence {
  const sensitive: number[] = [];
  const invariant: number[] = [];
  for (const word of simplifiedWords) {
    if (!/\p{Script=Han}/u.test(word.text)) continue;
    const counterpart = mostOverlapping(word, traditionalWords);
    if (!counterpart || !/\p{Script=Han}/u.test(counterpart.text)) continue;
    const differs = [...counterpart.text].some((c) => /\p{Script=Han}/u.test(c) && simplifiedForm(c) !== c);
    (differs ? sensitive : invariant).push(word.confidence);
  }
  if (sensitive.length < MIN_VARIANT_WORDS || invariant.length === 0)
    return { variant: 'zh-Hans', ratio: null };
  const ratio = mean(sensitive) / Math.max(1, mean(invariant));
  return { variant: ratio < TRADITIONAL_BELOW ? 'zh-Hant' : 'zh-Hans', ratio };
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function mostOverlapping(word: OcrWord, candidates: readonly OcrWord[]): OcrWord | null {
  let best: OcrWord | null = null;
  let bestArea = (word.width * word.height) / 2;
  for (const other of candidates) {
    const w = Math.min(word.left + word.width, other.left + other.width) - Math.max(word.left, other.left);
    const h = Math.min(word.top + word.height, other.top + other.height) - Math.max(word.top, other.top);
    if (w > 0 && h > 0 && w * h > bestArea) {
      best = other;
      bestArea = w * h;
    }
  }
  return best;
}
