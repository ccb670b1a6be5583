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
import { dictionary, pinyinOf, thaiWords } from './dictionaries';
import { cleanName, editDistance, germanKey, hasAccents, latinWords, matchKey, strictKey } from './normalize';
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

/**
 * The keys a name is looked up by, strictest first. In Latin script the accents are kept when the
 * name has them (bò is beef, bơ avocado; pâte is dough, pâté pâté) and dropped only for a name
 * written without any, as menus abroad and OCR often do.
 */
function keysOf(name: string, language: MenuLanguageCode): string[] {
  const keys = LATIN.has(language) && hasAccents(name) ? [strictKey(name)] : [matchKey(name)];
  if (language === 'de') keys.push(germanKey(name));
  return [...new Set(keys.filter(Boolean))];
}

/** The glossary's keys of one of its names: accent-kept and accent-free for Latin script. */
function indexKeysOf(name: string, language: MenuLanguageCode): string[] {
  const keys = [matchKey(name)];
  if (LATIN.has(language)) keys.push(strictKey(name));
  if (language === 'de') keys.push(germanKey(name));
  return [...new Set(keys.filter(Boolean))];
}

function indexOf(language: MenuLanguageCode): CuisineIndex {
  const cached = indexes.get(language);
  if (cached) return cached;
  const dishes = new Map<string, GlossaryEntry>();
  const words = new Map<string, GlossaryEntry>();
  for (const entry of CUISINES[language]) {
    for (const name of entry.names) {
      for (const key of indexKeysOf(name, language)) {
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
      return japaneseWords(cleaned)
        .map((word) => word.reading)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    }
    case 'zh-Hans':
    case 'zh-Hant': {
      if (!/\p{Script=Han}/u.test(cleaned)) return undefined;
      const words: string[] = [];
      const zh = dictionary('zh');
      const longest = zh?.longestKey ?? 1;
      for (const run of cleaned.split(/(\p{Script=Han}+)/u)) {
        if (!/\p{Script=Han}/u.test(run)) {
          if (run.trim()) words.push(run.trim());
          continue;
        }
        const chars = [...run];
        for (let i = 0; i < chars.length; ) {
          let length = Math.min(longest, chars.length - i);
          while (length > 1 && !zh?.get(chars.slice(i, i + length).join(''))) length--;
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

/** Words that only join others ("de", "à la", "mit", "con"): read, but not worth a gloss. */
const CONNECTING_WORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'l',
  'd',
  'à',
  'au',
  'aux',
  'et',
  'en',
  'sur',
  'avec',
  'el',
  'los',
  'las',
  'del',
  'al',
  'a',
  'y',
  'con',
  'sin',
  'di',
  'e',
  'il',
  'lo',
  'alla',
  'allo',
  'alle',
  'mit',
  'und',
  'vom',
  'von',
  'im',
  'in',
  'nach',
  'art',
  'der',
  'die',
  'das',
  'auf',
  'and',
  'with',
  'of',
  'the',
  'on',
  'và',
  'với',
  'kiểu',
]);

/** Singular forms to try for a word a dictionary does not have (rognons → rognon). */
function singulars(word: string): string[] {
  return [
    word.replace(/s$/, ''),
    word.replace(/x$/, ''),
    word.replace(/es$/, ''),
    word.replace(/en$/, ''),
  ].filter((form) => form !== word && form.length >= 3);
}

function literalPieces(name: string, language: MenuLanguageCode, index: CuisineIndex) {
  const key = matchKey(name);
  if (LATIN.has(language)) {
    const words = latinWords(name);
    const dict =
      language === 'fr' || language === 'de' || language === 'es' || language === 'it'
        ? dictionary(language)
        : null;
    const pieces: Piece[] = [];
    let covered = 0;
    let unknown = 0;
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      // Menu words of two or three words first ("à la plancha", "al forno").
      for (let length = Math.min(3, words.length - i); length > 0 && !matched; length--) {
        const phrase = words.slice(i, i + length).join(' ');
        const entry = keysOf(phrase, language)
          .map((k) => index.words.get(k))
          .find(Boolean);
        if (entry) {
          pieces.push(pieceOf(entry));
          matched = length;
        }
      }
      const word = words[i] ?? '';
      if (!matched && CONNECTING_WORDS.has(word)) {
        covered += word.length;
        i++;
        continue;
      }
      if (!matched && dict) {
        const meaning = [word, ...singulars(word)].map((form) => dict.get(form)).find(Boolean);
        if (meaning) {
          pieces.push(dictionaryPiece(meaning, `FreeDict ${language}-eng`));
          matched = 1;
        }
      }
      if (matched) {
        covered += words.slice(i, i + matched).join('').length;
      } else {
        // A word nobody knows stays as written, so the reading does not pretend to be complete.
        pieces.push({
          gloss: Object.fromEntries(INTERFACE_LANGUAGES.map((l) => [l, word])),
          contains: [],
          source: '',
        });
        unknown++;
      }
      i += matched || 1;
    }
    const known = pieces.length - unknown;
    return { pieces: known > 0 ? pieces : [], coverage: key.length ? covered / key.length : 0 };
  }
  if (language === 'zh-Hans' || language === 'zh-Hant') {
    const zh = dictionary('zh');
    const result = longestMatch(key, index, {
      lookup: (w) => zh?.get(w),
      longest: zh?.longestKey ?? 1,
      source: 'CC-CEDICT',
    });
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

interface JapaneseWord {
  text: string;
  /** In Hepburn. */
  reading: string;
  meaning?: string;
}

/**
 * The words of a Japanese name by longest match over JMdict's written forms (kanji, kana or both),
 * each with its reading; kana the dictionary does not know are read as they are written.
 */
function japaneseWords(name: string): JapaneseWord[] {
  const ja = dictionary('ja');
  const chars = [...name.replace(/\s+/g, '')];
  const words: JapaneseWord[] = [];
  for (let i = 0; i < chars.length; ) {
    let found: JapaneseWord | null = null;
    for (let length = Math.min(chars.length - i, ja?.longestKey ?? 1); length > 0 && !found; length--) {
      const text = chars.slice(i, i + length).join('');
      // One hiragana alone (の, と) is a particle between words, not a dictionary word.
      if (length === 1 && /^\p{Script=Hiragana}$/u.test(text)) break;
      const entry = ja?.get(text);
      if (entry) {
        const [kana = '', meaning] = entry.split('\t');
        found = { text, reading: kanaToHepburn(kana), meaning };
      }
    }
    const text = found?.text ?? chars[i] ?? '';
    words.push(
      found ?? {
        text,
        reading: /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u.test(text) ? kanaToHepburn(text) : text,
      },
    );
    i += [...text].length;
  }
  // Kana read one by one belong together ("ふわふわ"): join what the dictionary did not split.
  const joined: JapaneseWord[] = [];
  for (const word of words) {
    const last = joined.at(-1);
    if (
      last &&
      !last.meaning &&
      !word.meaning &&
      /^[a-zāīūēō']+$/.test(last.reading + word.reading) &&
      word.text.length === 1
    )
      joined[joined.length - 1] = { text: last.text + word.text, reading: last.reading + word.reading };
    else joined.push(word);
  }
  return joined;
}

function japaneseLiteral(name: string, index: CuisineIndex) {
  const pieces: Piece[] = [];
  let covered = 0;
  const total = [...matchKey(name)].length;
  for (const word of japaneseWords(cleanName(name))) {
    const entry = index.words.get(matchKey(word.text));
    if (entry) pieces.push(pieceOf(entry));
    else if (word.meaning) pieces.push(dictionaryPiece(word.meaning, 'JMdict (FreeDict jpn-eng)'));
    else if ([...word.text].length === 1 && /\p{Script=Hiragana}/u.test(word.text)) {
      covered += 1;
      continue;
    } else continue;
    covered += [...matchKey(word.text)].length;
  }
  return { pieces, coverage: covered / Math.max(1, total) };
}

/** A known dish's explanation with what the words around it say, in every language that has them. */
function withExtra(explanation: DishExplanation, extra: Piece[]): DishExplanation {
  if (extra.length === 0) return explanation;
  const gloss = { ...explanation.gloss };
  for (const language of INTERFACE_LANGUAGES) {
    const words = extra.map((piece) => piece.gloss[language] ?? piece.gloss.en);
    if (gloss[language] && words.every(Boolean))
      gloss[language] = `${gloss[language]} (+ ${words.join(', ')})`.slice(0, MAX_GLOSS_LENGTH);
  }
  const contains = [
    ...new Set([...(explanation.contains ?? []), ...extra.flatMap((piece) => piece.contains)]),
  ];
  return { ...explanation, gloss, ...(contains.length ? { contains } : {}) };
}

const borrowedIndexes = new Map<MenuLanguageCode, Map<string, GlossaryEntry>>();

/**
 * The dishes of every other cuisine by the keys a Latin-script menu would print them under: their
 * Latin-script names, and the romanised reading of the others (Revised Romanization, Hepburn,
 * pinyin without tone marks, RTGS), which is how menus abroad spell 비빔밥 or ラーメン.
 */
function borrowedIndex(language: MenuLanguageCode): Map<string, GlossaryEntry> {
  const cached = borrowedIndexes.get(language);
  if (cached) return cached;
  const index = new Map<string, GlossaryEntry>();
  const seen = new Set<GlossaryEntry[]>([CUISINES[language]]);
  for (const other of Object.keys(CUISINES) as MenuLanguageCode[]) {
    const entries = CUISINES[other];
    if (seen.has(entries)) continue;
    seen.add(entries);
    for (const entry of entries) {
      if (entry.kind !== 'dish') continue;
      const names = LATIN.has(other) ? entry.names : entry.reading ? [entry.reading] : [];
      for (const name of names)
        for (const key of indexKeysOf(name, LATIN.has(other) ? other : 'en'))
          if (!index.has(key)) index.set(key, entry);
    }
  }
  borrowedIndexes.set(language, index);
  return index;
}

function borrowedDish(keys: readonly string[], language: MenuLanguageCode): GlossaryEntry | null {
  const index = borrowedIndex(language);
  for (const key of keys) {
    const entry = index.get(key);
    if (entry) return entry;
  }
  return null;
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
  // The glossary's reading is of its first name; a variant (아구찜 for 아귀찜) is read as printed.
  for (const candidate of keys) {
    const entry = index.dishes.get(candidate);
    if (!entry) continue;
    const asWritten =
      entry.names[0] !== undefined && indexKeysOf(entry.names[0], language).includes(candidate);
    return fromEntry(entry, (asWritten ? entry.reading : undefined) ?? (await computedReading()));
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
        // What the name adds (ข้าวผัดกุ้ง: shrimp) is said too: it may be the main ingredient.
        const rest = key.split(dishKey).join(' ').trim();
        const extra = rest ? literalPieces(rest, language, index).pieces : [];
        return withExtra(fromEntry(entry, await computedReading()), extra);
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
    if (best) return fromEntry(best.entry, await computedReading());
  }
  // 4. A dish of another cuisine, as menus abroad print it: Gazpacho or Croque monsieur on an
  // English menu, Tiramisù on a German one, Bibimbap or Pad thai in Latin letters anywhere. Only
  // Latin-script menus borrow this way, and only the exact name (or its romanisation) counts.
  if (LATIN.has(language)) {
    const borrowed = borrowedDish(keys, language);
    if (borrowed) return fromEntry(borrowed, undefined);
  }
  // 5. Word by word, marked as a literal reading.
  const { pieces, coverage } =
    language === 'ja' ? japaneseLiteral(name, index) : literalPieces(name, language, index);
  const reading = await computedReading();
  // Latin-script readings keep unknown words as written, so a third of the name read is useful.
  const enough = LATIN.has(language) ? 0.34 : 0.5;
  if (pieces.length === 0 || coverage < enough)
    return reading ? { kind: 'literal', reading, gloss: {} } : null;
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
    source: [...new Set(pieces.map((piece) => piece.source).filter(Boolean))].join(', ').slice(0, 160),
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
