import { describe, expect, it } from 'vitest';
import { GLOSS_LANGUAGES, type GlossaryEntry, INGREDIENT_HINTS } from '../types';
import { FR_GLOSSARY } from './fr';
import { IT_GLOSSARY } from './it';
import { VI_GLOSSARY } from './vi';

const GLOSSARIES: [string, GlossaryEntry[]][] = [
  ['vi', VI_GLOSSARY],
  ['fr', FR_GLOSSARY],
  ['it', IT_GLOSSARY],
];

const HINTS = new Set<string>(INGREDIENT_HINTS);

/** The spelling a menu without accents (or an OCR pass) produces: marks dropped, đ → d, œ → oe. */
function unaccented(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .normalize('NFC');
}

describe.each(GLOSSARIES)('%s glossary', (_cuisine, glossary) => {
  it('has at least 70 dishes and 40 menu words', () => {
    expect(glossary.filter((e) => e.kind === 'dish').length).toBeGreaterThanOrEqual(70);
    expect(glossary.filter((e) => e.kind === 'word').length).toBeGreaterThanOrEqual(40);
  });

  it('explains every entry in all six interface languages, briefly', () => {
    for (const entry of glossary) {
      expect(Object.keys(entry.gloss).sort(), entry.names[0]).toEqual([...GLOSS_LANGUAGES].sort());
      for (const lang of GLOSS_LANGUAGES) {
        const text = entry.gloss[lang];
        expect(typeof text, `${entry.names[0]} [${lang}]`).toBe('string');
        expect(text.trim().length, `${entry.names[0]} [${lang}] is empty`).toBeGreaterThan(0);
        expect([...text].length, `${entry.names[0]} [${lang}] is too long: ${text}`).toBeLessThanOrEqual(80);
      }
    }
  });

  it('spells names in NFC, without stray spaces', () => {
    for (const entry of glossary) {
      expect(entry.names.length, JSON.stringify(entry.gloss.en)).toBeGreaterThan(0);
      for (const name of entry.names) {
        expect(name, name).toBe(name.normalize('NFC'));
        expect(name, name).toBe(name.trim());
        expect(name, name).not.toMatch(/\s{2}/);
      }
    }
  });

  it('gives no name to two entries (ignoring case), nor twice to one', () => {
    const owner = new Map<string, string>();
    for (const entry of glossary) {
      for (const name of entry.names) {
        const key = name.toLowerCase();
        expect(owner.get(key), `"${name}" is also a name of "${owner.get(key)}"`).toBeUndefined();
        owner.set(key, entry.names[0] ?? name);
      }
    }
  });

  it('lists the unaccented spelling of every accented name', () => {
    for (const entry of glossary) {
      const lower = entry.names.map((n) => n.toLowerCase());
      for (const name of entry.names) {
        const plain = unaccented(name);
        if (plain === name) continue;
        // Short bare words whose unaccented form is another everyday word (nho, lon, ham, the) are
        // left out on purpose (see the file headers).
        if (!/[\s'’-]/.test(plain) && plain.length <= 4) continue;
        expect(lower, `${name} lacks "${plain}"`).toContain(plain.toLowerCase());
      }
    }
  });

  it('has no reading (Latin-script names)', () => {
    for (const entry of glossary) expect('reading' in entry, entry.names[0]).toBe(false);
  });

  it('uses only known ingredient hints, once each', () => {
    for (const entry of glossary) {
      const contains = entry.contains ?? [];
      for (const hint of contains) expect(HINTS.has(hint), `${entry.names[0]}: ${hint}`).toBe(true);
      expect(new Set(contains).size, entry.names[0]).toBe(contains.length);
    }
  });

  it('names a source for every entry', () => {
    for (const entry of glossary) expect(entry.source.trim().length, entry.names[0]).toBeGreaterThan(0);
  });
});

describe('vi glossary spelling', () => {
  it('writes most dish names first with their Vietnamese diacritics', () => {
    const dishes = VI_GLOSSARY.filter((e) => e.kind === 'dish');
    const marked = dishes.filter((e) => [...(e.names[0] ?? '')].some((c) => (c.codePointAt(0) ?? 0) > 0x7f));
    expect(marked.length / dishes.length).toBeGreaterThanOrEqual(0.8);
  });

  it('spot-checks tone marks on well-known dishes', () => {
    const first = new Set(VI_GLOSSARY.map((e) => e.names[0]));
    for (const name of ['Phở bò', 'Bún chả', 'Bún bò Huế', 'Bánh mì', 'Bánh xèo', 'Gỏi cuốn', 'Chả giò']) {
      expect(first.has(name), name).toBe(true);
    }
    for (const name of ['Cơm tấm', 'Hủ tiếu', 'Cao lầu', 'Mì Quảng', 'Cà phê sữa đá']) {
      expect(first.has(name), name).toBe(true);
    }
  });
});
