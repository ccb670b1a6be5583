// What a dish is, for members who cannot read the menu: a reading in Latin letters and a short
// explanation in each interface language. In this order: the built-in glossary of the menu's
// cuisine (the dish itself, also when spelled with spaces, an OCR slip or a common variant, or when
// the name adds a word around it), then a word-by-word reading from the glossary's menu words and
// the open dictionaries, marked "literal". Runs in the web tier when a menu is read or edited; the
// result is stored with the dish.
import {
  type DishExplanation,
  INGREDIENT_HINTS,
  type IngredientHint,
  INTERFACE_LANGUAGES,
  type InterfaceLanguage,
  MAX_GLOSS_LENGTH,
  type MenuLanguageCode,
} from '../protocol';
import { DE_GLOSSARY } from './data/de';
import { EN_GLOSSARY } from './data/en';
import { ES_GLOSSARY } from './data/es';
import { FR_GLOSSARY } from './data/fr';
import { IT_GLOSSARY } from './data/it';
import { JA_GLOSSARY } from './data/ja';
import { KO_GLOSSARY } from './data/ko';
import { TH_GLOSSARY } from './data/th';
import { VI_GLOSSARY } from './data/vi';
import { ZH_GLOSSARY } from './data/zh';
import { cedictWords, freeDict, japaneseTokens, pinyinOf, thaiWords } from './dictionaries';
import { cleanName, editDistance, germanKey, latinWords, matchKey } from './normalize';
import { kanaToHepburn } from './romanize/kana';
import { romanizeKorean } from './romanize/korean';
import { romanizeThai } from './romanize/thai';
import type { GlossaryEntry } from './types';

const CUISINES: Record<MenuLanguageCode, GlossaryEntry[]> = {
  ko: KO_GLOSSARY,
  ja: JA_GLOSSARY,
  'zh-Hans': ZH_GLOSSARY,
  'zh-Hant': ZH_GLOSSARY,
  th: TH_GLOSSARY,
  vi: VI_GLOSSARY,
  fr: FR_GLOSSARY,
  de: DE_GLOSSARY,
  es: ES_GLOSSARY,
  it: IT_GLOSSARY,
  en: EN_GLOSSARY,
};

const LATIN: ReadonlySet<MenuLanguageCode> = new Set(['vi', 'fr', 'de', 'es', 'it', 'en']);

interface CuisineIndex {
  dishes: Map<string, GlossaryEntry>;
  /** Menu words and dishes, for word-by-word readings. */
  words: Map<string, GlossaryEntry>;
  /** Dish keys, longest first, for names that add words around a known dish. */
  dishKeys: string[];
  longestWord: number;
}

const indexes = new Map<MenuLanguageCode, CuisineIndex>();

function keysOf(name: string, language: MenuLanguageCode): string[] {
  return language === 'de' ? [...new Set([matchKey(name), germanKey(name)])] : [matchKey(name)];
}

function indexOf(language: MenuLanguageCode): CuisineIndex {
  const cached = indexes.get(language);
  if (cached) return cached;
  const dishes = new Map<string, GlossaryEntry>();
  const words = new Map<string, GlossaryEntry>();
  for (const entry of CUISINES[language]) {
    for (const name of entry.names) {
      for (const key of keysOf(name, language)) {
        if (!key) continue;
        if (entry.kind === 'dish' && !dishes.has(key)) dishes.set(key, entry);
        if (!words.has(key) || entry.kind === 'word') words.set(key, entry);
      }
    }
  }
  const dishKeys = [...dishes.keys()].sort((a, b) => [...b].length - [...a].length);
  const longestWord = Math.max(1, ...[...words.keys()].map((key) => [...key].length));
  const index = { dishes, words, dishKeys, longestWord };
  indexes.set(language, index);
  return index;
}

/** A word of a literal reading: its meaning per language where the glossary has it, else English. */
interface Piece {
  gloss: Partial<Record<InterfaceLanguage, string>>;
  contains: IngredientHint[];
  source: string;
}

const GLOSSARY_SOURCE = 'menuroom glossary';

function pieceOf(entry: GlossaryEntry): Piece {
  return { gloss: entry.gloss, contains: entry.contains ?? [], source: GLOSSARY_SOURCE };
}

/** Ingredient hints a dictionary's English meaning names. */
const HINT_WORDS: [RegExp, IngredientHint][] = [
  [/\bpork\b|\bpig\b|\bham\b|\bbacon\b/, 'pork'],
  [/\bbeef\b|\bcow\b|\bveal\b/, 'beef'],
  [/\bchicken\b|\bhen\b/, 'chicken'],
  [/\blamb\b|\bmutton\b/, 'lamb'],
  [/\bfish\b|\btuna\b|\bsalmon\b|\bcod\b|\beel\b/, 'fish'],
  [/\bshrimp\b|\bprawn\b|\bcrab\b|\blobster\b|\boyster\b|\bclam\b|\bmussel\b|\bscallop\b/, 'shellfish'],
  [/\bsquid\b|\boctopus\b|\bseafood\b/, 'seafood'],
  [/\begg\b/, 'egg'],
  [/\bmilk\b|\bcheese\b|\bcream\b|\bbutter\b/, 'milk'],
  [/\bnoodle|\bwheat\b|\bbread\b|\bflour\b|\bdumpling/, 'wheat'],
  [/\btofu\b|\bsoy/, 'soy'],
  [/\bpeanut/, 'peanuts'],
  [/\bsesame\b/, 'sesame'],
  [/\bwine\b|\bbeer\b|\bliquor\b|\bsake\b|\bspirit\b/, 'alcohol'],
  [/\bspicy\b|\bchili\b|\bchilli\b|\bhot pepper\b/, 'spicy'],
];

function dictionaryPiece(meaning: string, source: string): Piece {
  const lower = meaning.toLowerCase();
  return {
    gloss: { en: meaning },
    contains: HINT_WORDS.filter(([p]) => p.test(lower)).map(([, h]) => h),
    source,
  };
}

/** Splits a key of a script without spaces by longest match, over the glossary's words and `more`. */
function longestMatch(
  key: string,
  index: CuisineIndex,
  more?: { lookup: (word: string) => string | undefined; longest: number; source: string },
): { pieces: Piece[]; covered: number } {
  const chars = [...key];
  const pieces: Piece[] = [];
  let covered = 0;
  for (let i = 0; i < chars.length; ) {
    let matched = 0;
    for (
      let length = Math.min(chars.length - i, Math.max(index.longestWord, more?.longest ?? 0));
      length > 0;
      length--
    ) {
      const word = chars.slice(i, i + length).join('');
      const entry = index.words.get(word);
      if (entry) {
        pieces.push(pieceOf(entry));
        matched = length;
        break;
      }
      const fromDictionary = more?.lookup(word);
      if (fromDictionary) {
        pieces.push(dictionaryPiece(fromDictionary, more?.source ?? ''));
        matched = length;
        break;
      }
    }
    if (matched) {
      covered += matched;
      i += matched;
    } else {
      i++;
    }
  }
  return { pieces, covered };
}

/** A name's reading in Latin letters, for names in another script. */
async function readingOf(name: string, language: MenuLanguageCode): Promise<string | undefined> {
  const cleaned = cleanName(name);
  switch (language) {
    case 'ko':
      return /\p{Script=Hangul}/u.test(cleaned) ? romanizeKorean(cleaned) : undefined;
    case 'ja': {
      if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(cleaned)) return undefined;
      const tokens = await japaneseTokens(cleaned);
      const words: string[] = [];
      let previousKatakana: boolean | null = null;
      for (const token of tokens) {
        const text = token.reading ? kanaToHepburn(token.reading) : token.surface.trim();
        if (!text) continue;
        const katakana = /^[\p{Script=Katakana}ー]+$/u.test(token.surface);
        // A particle stands apart (tori no karaage); a switch between kanji and katakana is a new
        // word (tonkotsu rāmen); kanji words run together (gyūdon).
        if (words.length && (token.particle || previousKatakana !== katakana || /[\s]/.test(token.surface)))
          words.push(text);
        else if (words.length) words[words.length - 1] += text;
        else words.push(text);
        previousKatakana = token.particle ? null : katakana;
      }
      return words.join(' ').replace(/\s+/g, ' ').trim() || undefined;
    }
    case 'zh-Hans':
    case 'zh-Hant': {
      if (!/\p{Script=Han}/u.test(cleaned)) return undefined;
      const { meanings, longest } = cedictWords();
      const words: string[] = [];
      for (const run of cleaned.split(/(\p{Script=Han}+)/u)) {
        if (!/\p{Script=Han}/u.test(run)) {
          if (run.trim()) words.push(run.trim());
          continue;
        }
        const chars = [...run];
        for (let i = 0; i < chars.length; ) {
          let length = Math.min(longest, chars.length - i);
          while (length > 1 && !meanings.has(chars.slice(i, i + length).join(''))) length--;
          words.push(pinyinOf(chars.slice(i, i + length).join('')));
          i += length;
        }
      }
      return words.join(' ');
    }
    case 'th':
      return /\p{Script=Thai}/u.test(cleaned) ? romanizeThai(cleaned, thaiWords) : undefined;
    default:
      return undefined;
  }
}

function literalPieces(name: string, language: MenuLanguageCode, index: CuisineIndex) {
  const key = matchKey(name);
  if (LATIN.has(language)) {
    const words = latinWords(name);
    const dictionary = language in { fr: 1, de: 1, es: 1, it: 1 } ? freeDict(language as 'fr') : null;
    const pieces: Piece[] = [];
    let covered = 0;
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      // Menu words of two or three words first ("à la plancha", "al forno").
      for (let length = Math.min(3, words.length - i); length > 0 && !matched; length--) {
        const phrase = words.slice(i, i + length).join('');
        const entry =
          index.words.get(phrase) ?? (language === 'de' ? index.words.get(germanKey(phrase)) : undefined);
        if (entry) {
          pieces.push(pieceOf(entry));
          matched = length;
        } else if (length === 1 && dictionary) {
          const meaning = dictionary.get(words[i] ?? '');
          if (meaning) {
            pieces.push(dictionaryPiece(meaning, `FreeDict ${language}-eng`));
            matched = 1;
          }
        }
      }
      // Short connecting words ("de", "à", "mit", "con") count as read when they are not glossed.
      if (matched) covered += words.slice(i, i + matched).join('').length;
      else if ((words[i] ?? '').length <= 3) covered += (words[i] ?? '').length;
      i += matched || 1;
    }
    return { pieces, coverage: key.length ? covered / key.length : 0 };
  }
  if (language === 'zh-Hans' || language === 'zh-Hant') {
    const { meanings, longest } = cedictWords();
    const result = longestMatch(key, index, { lookup: (w) => meanings.get(w), longest, source: 'CC-CEDICT' });
    return { pieces: result.pieces, coverage: result.covered / Math.max(1, [...key].length) };
  }
  if (language === 'th') {
    const pieces: Piece[] = [];
    let covered = 0;
    for (const word of thaiWords(key)) {
      const entry = index.words.get(word);
      if (entry) {
        pieces.push(pieceOf(entry));
        covered += [...word].length;
      }
    }
    return { pieces, coverage: covered / Math.max(1, [...key].length) };
  }
  // Korean names are made of the glossary's words; Japanese words are looked up below.
  const result = longestMatch(key, index);
  return { pieces: result.pieces, coverage: result.covered / Math.max(1, [...key].length) };
}

async function japaneseLiteral(name: string, index: CuisineIndex) {
  const dictionary = freeDict('ja');
  const pieces: Piece[] = [];
  let covered = 0;
  const total = [...matchKey(name)].length;
  for (const token of await japaneseTokens(cleanName(name))) {
    if (token.particle) {
      covered += [...token.surface].length;
      continue;
    }
    const entry = index.words.get(matchKey(token.surface)) ?? index.words.get(matchKey(token.base));
    const meaning = entry ? null : (dictionary?.get(token.surface) ?? dictionary?.get(token.base));
    if (entry) pieces.push(pieceOf(entry));
    else if (meaning) pieces.push(dictionaryPiece(meaning, 'JMdict (FreeDict jpn-eng)'));
    else continue;
    covered += [...matchKey(token.surface)].length;
  }
  return { pieces, coverage: covered / Math.max(1, total) };
}

/** How many letters a name may differ from a glossary dish by and still be that dish. */
function fuzzyDistance(key: string, language: MenuLanguageCode): number {
  const length = [...key].length;
  if (LATIN.has(language)) return length >= 14 ? 2 : length >= 8 ? 1 : 0;
  if (/\p{Script=Hangul}/u.test(key)) return length >= 4 ? 1 : 0;
  if (/\p{Script=Thai}/u.test(key)) return length >= 6 ? 1 : 0;
  return length >= 5 ? 1 : 0;
}

function fromEntry(entry: GlossaryEntry, reading: string | undefined): DishExplanation {
  return {
    kind: 'dish',
    ...(reading ? { reading } : {}),
    gloss: { ...entry.gloss },
    ...(entry.contains?.length ? { contains: [...entry.contains] } : {}),
    source: entry.source.slice(0, 160),
  };
}

/** Explains one dish name of a menu in `language`; null when nothing useful is known of it. */
export async function explainDish(name: string, language: MenuLanguageCode): Promise<DishExplanation | null> {
  const index = indexOf(language);
  const keys = keysOf(name, language);
  const key = keys[0] ?? '';
  if (!key) return null;
  const computedReading = () => readingOf(name, language);

  // 1. The dish itself, as the glossary spells it or a variant of it.
  for (const candidate of keys) {
    const entry = index.dishes.get(candidate);
    if (entry) return fromEntry(entry, entry.reading ?? (await computedReading()));
  }
  // 2. A known dish with a word around it ("돼지고기 김치찌개", "牛肉面 (大)"): scripts that write a
  // dish as one word only. In Latin script "Fish burger" is not a burger of the glossary's kind,
  // and the word-by-word reading below says what it is.
  const length = [...key].length;
  if (!LATIN.has(language)) {
    for (const dishKey of index.dishKeys) {
      const dishLength = [...dishKey].length;
      if (dishLength < 2 || dishLength < length * 0.6) break;
      if (key.includes(dishKey)) {
        const entry = index.dishes.get(dishKey) as GlossaryEntry;
        return fromEntry(entry, await computedReading());
      }
    }
  }
  // 3. An OCR slip or a misspelling of a long enough name: one letter off (two for long Latin
  // names). Short names are left alone: 羊肉面 is not 牛肉面, and "Butter" is not "Bitter".
  const allowed = fuzzyDistance(key, language);
  if (allowed > 0) {
    let best: { entry: GlossaryEntry; distance: number } | null = null;
    for (const [dishKey, entry] of index.dishes) {
      if (LATIN.has(language) && dishKey[0] !== key[0]) continue;
      const distance = editDistance(key, dishKey, allowed);
      if (distance <= allowed && (!best || distance < best.distance)) best = { entry, distance };
    }
    if (best) return fromEntry(best.entry, best.entry.reading ?? (await computedReading()));
  }
  // 4. Word by word, marked as a literal reading.
  const { pieces, coverage } =
    language === 'ja' ? await japaneseLiteral(name, index) : literalPieces(name, language, index);
  const reading = await computedReading();
  if (pieces.length === 0 || coverage < 0.5) return reading ? { kind: 'literal', reading, gloss: {} } : null;
  const gloss: Partial<Record<InterfaceLanguage, string>> = {};
  for (const lang of INTERFACE_LANGUAGES) {
    const words = pieces.map((piece) => piece.gloss[lang]);
    if (words.every(Boolean)) gloss[lang] = words.join(' + ').slice(0, MAX_GLOSS_LENGTH);
  }
  const contains = [...new Set(pieces.flatMap((piece) => piece.contains))].filter((hint) =>
    (INGREDIENT_HINTS as readonly string[]).includes(hint),
  );
  return {
    kind: 'literal',
    ...(reading ? { reading } : {}),
    gloss,
    ...(contains.length ? { contains } : {}),
    source: [...new Set(pieces.map((piece) => piece.source))].join(', ').slice(0, 160),
  };
}

/** Explains every dish of a menu (in order); a dish nothing is known of gets none. */
export async function explainMenu(
  names: string[],
  language: MenuLanguageCode,
): Promise<(DishExplanation | null)[]> {
  const explanations: (DishExplanation | null)[] = [];
  for (const name of names) explanations.push(await explainDish(name, language));
  return explanations;
}
