import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Held-apart dish lists for the gloss benchmark: structural checks only (the content is checked by people).

const LANGUAGES = ['ko', 'ja', 'zh-Hans', 'zh-Hant', 'th', 'vi', 'fr', 'es', 'it', 'de', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
const WITH_READING = new Set<Language>(['ko', 'ja', 'zh-Hans', 'zh-Hant', 'th']);
const MIN_DISHES = 45;

interface Dish {
  name: string;
  reading?: string;
  meaning: string;
  mustMention: string[];
}

interface HeldoutFile {
  language: string;
  writtenOn: string;
  note: string;
  sources: string[];
  dishes: Dish[];
}

const dir = import.meta.dirname;
const pathOf = (language: Language) => join(dir, `${language}.json`);

function load(language: Language): HeldoutFile {
  return JSON.parse(readFileSync(pathOf(language), 'utf8')) as HeldoutFile;
}

describe('held-out gloss lists', () => {
  it('has all 11 files and they parse', () => {
    for (const language of LANGUAGES) {
      expect(existsSync(pathOf(language)), `${language}.json`).toBe(true);
      expect(() => load(language), `${language}.json parses`).not.toThrow();
    }
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const file = existsSync(pathOf(language)) ? load(language) : undefined;
    const dishes = file?.dishes ?? [];

    it('has its header fields', () => {
      expect(file?.language).toBe(language);
      expect(file?.writtenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(file?.note.trim().length).toBeGreaterThan(0);
      expect(Array.isArray(file?.sources) && file.sources.length > 0).toBe(true);
    });

    it(`has at least ${MIN_DISHES} dishes`, () => {
      expect(dishes.length).toBeGreaterThanOrEqual(MIN_DISHES);
    });

    it('has no duplicate names', () => {
      const seen = new Set<string>();
      const duplicates = dishes.map((d) => d.name).filter((n) => seen.has(n) || !seen.add(n));
      expect(duplicates).toEqual([]);
    });

    it('has non-empty, trimmed, NFC names and meanings', () => {
      for (const d of dishes) {
        expect(typeof d.name === 'string' && d.name.length > 0, JSON.stringify(d)).toBe(true);
        expect(d.name, d.name).toBe(d.name.trim());
        expect(d.name, `${d.name} is NFC`).toBe(d.name.normalize('NFC'));
        expect(typeof d.meaning === 'string' && d.meaning.trim().length > 0, d.name).toBe(true);
      }
    });

    it(WITH_READING.has(language) ? 'has a reading for every dish' : 'has no readings', () => {
      for (const d of dishes) {
        if (WITH_READING.has(language)) {
          expect(typeof d.reading === 'string' && d.reading.trim().length > 0, d.name).toBe(true);
        } else {
          expect(d.reading, d.name).toBeUndefined();
        }
      }
    });

    it('has 1–3 non-empty lowercase mustMention keywords per dish', () => {
      for (const d of dishes) {
        expect(Array.isArray(d.mustMention), d.name).toBe(true);
        expect(d.mustMention.length, d.name).toBeGreaterThanOrEqual(1);
        expect(d.mustMention.length, d.name).toBeLessThanOrEqual(3);
        for (const k of d.mustMention) {
          expect(typeof k === 'string' && k.trim().length > 0, d.name).toBe(true);
          expect(k, d.name).toBe(k.toLowerCase());
        }
      }
    });
  });

  it('zh-Hant names are written in traditional characters, not copies of zh-Hans names', () => {
    const simplifiedChars = new Set(load('zh-Hans').dishes.flatMap((d) => [...d.name]));
    const distinct = load('zh-Hant').dishes.filter((d) => [...d.name].some((c) => !simplifiedChars.has(c)));
    expect(distinct.length).toBeGreaterThanOrEqual(30);
  });

  it('th names are in Thai script with the composed SARA AM', () => {
    for (const d of load('th').dishes) {
      expect(d.name, d.name).toMatch(/[\u0E00-\u0E7F]/);
      expect(d.name.includes('\u0E4D\u0E32'), `${d.name} has a decomposed SARA AM`).toBe(false);
    }
  });
});
