import { describe, expect, it } from 'vitest';
import { GLOSS_LANGUAGES, type GlossaryEntry, INGREDIENT_HINTS } from '../types';
import { JA_GLOSSARY } from './ja';
import { KO_GLOSSARY } from './ko';

const HANGUL = /\p{Script=Hangul}/u;
const KANA_OR_KANJI = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** How an entry is named in failure messages: its first (usual) name. */
const label = (entry: GlossaryEntry): string => entry.names[0] ?? '(no name)';

const glossaries = [
  { name: 'ko', entries: KO_GLOSSARY, script: HANGUL, reading: /^[a-z' -]+$/ },
  { name: 'ja', entries: JA_GLOSSARY, script: KANA_OR_KANJI, reading: /^[a-zāīūēō' -]+$/ },
];

describe.each(glossaries)('$name glossary', ({ entries, script, reading }) => {
  it('has at least 90 dishes and 40 menu words', () => {
    expect(entries.filter((e) => e.kind === 'dish').length).toBeGreaterThanOrEqual(90);
    expect(entries.filter((e) => e.kind === 'word').length).toBeGreaterThanOrEqual(40);
  });

  it('explains every entry in all six languages, briefly', () => {
    for (const entry of entries) {
      expect(Object.keys(entry.gloss).sort(), label(entry)).toEqual([...GLOSS_LANGUAGES].sort());
      for (const language of GLOSS_LANGUAGES) {
        const text = entry.gloss[language];
        expect(text.trim(), `${label(entry)} ${language}`).not.toBe('');
        expect([...text].length, `${label(entry)} ${language}: ${text}`).toBeLessThanOrEqual(80);
      }
    }
  });

  it('has NFC names, none shared by two entries', () => {
    const owner = new Map<string, string>();
    for (const entry of entries) {
      expect(entry.names.length, label(entry)).toBeGreaterThan(0);
      expect(new Set(entry.names).size, `repeated name in ${label(entry)}`).toBe(entry.names.length);
      for (const name of entry.names) {
        expect(name, name).toBe(name.normalize('NFC'));
        expect(name, name).toBe(name.trim());
        expect(owner.get(name), `${name} is in ${owner.get(name)} and ${label(entry)}`).toBeUndefined();
        owner.set(name, label(entry));
      }
    }
  });

  it('gives every entry a reading in the expected romanisation', () => {
    for (const entry of entries) {
      expect(entry.reading, label(entry)).toBeDefined();
      const text = entry.reading ?? '';
      expect(text, label(entry)).toMatch(reading);
      expect(text, label(entry)).toBe(text.normalize('NFC'));
      expect(text, label(entry)).toBe(text.trim());
      expect(text, label(entry)).not.toMatch(/ {2}/);
    }
  });

  it('writes names in the cuisine’s script', () => {
    for (const entry of entries) {
      for (const name of entry.names) expect(name, name).toMatch(script);
    }
  });

  it('uses only known ingredient hints, each once', () => {
    const known = new Set<string>(INGREDIENT_HINTS);
    for (const entry of entries) {
      const hints = entry.contains ?? [];
      for (const hint of hints) expect(known.has(hint), `${label(entry)}: ${hint}`).toBe(true);
      expect(new Set(hints).size, label(entry)).toBe(hints.length);
    }
  });

  it('names a source for every entry', () => {
    for (const entry of entries) expect(entry.source.trim(), label(entry)).not.toBe('');
  });
});

describe('ja glossary spelling', () => {
  it('spells the common dishes as menus do', () => {
    const names = new Set(JA_GLOSSARY.flatMap((e) => e.names));
    for (const name of ['ラーメン', '寿司', '天ぷら', '唐揚げ', '焼き鳥', '餃子', '牛丼', 'お好み焼き']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('writes syllabic n as revised Hepburn does', () => {
    const reading = (name: string) => JA_GLOSSARY.find((e) => e.names.includes(name))?.reading;
    expect(reading('天ぷら')).toBe('tenpura');
    expect(reading('一人前')).toBe('ichininmae');
    expect(reading('鉄板焼き')).toBe("teppan'yaki");
  });
});
