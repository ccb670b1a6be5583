import { describe, expect, it } from 'vitest';
import { GLOSS_LANGUAGES, type GlossaryEntry, INGREDIENT_HINTS } from '../types';
import { DE_GLOSSARY } from './de';
import { EN_GLOSSARY } from './en';
import { ES_GLOSSARY } from './es';

// Shape checks for the hand-written Spanish, German and English-language glossaries.
const GLOSSARIES: Array<[string, GlossaryEntry[]]> = [
  ['es', ES_GLOSSARY],
  ['de', DE_GLOSSARY],
  ['en', EN_GLOSSARY],
];

const MAX_GLOSS_LENGTH = 80;
const HINTS: ReadonlySet<string> = new Set(INGREDIENT_HINTS);
/** Traditional-only forms of characters food glosses use; a zh-Hans gloss must write 面, 鸡, 猪… */
const TRADITIONAL_ONLY = [...'麵雞豬魚蝦醬湯飯餅燒鮮蔥腸鍋濃黃紅綠類麥蘋薑醃燉鹽塗蓋層捲點'];

/** Names the glossary must know, and pairs of names that must be one entry (same dish or word). */
const REQUIRED: Record<string, { names: string[]; same: [string, string][]; different: [string, string][] }> =
  {
    es: {
      names: [
        'Tortilla de patatas',
        'Patatas bravas',
        'Jamón ibérico',
        'Paella',
        'Gazpacho',
        'Salmorejo',
        'Sangría',
        'Caña',
        'Tinto de verano',
        'Tacos al pastor',
        'Tapa',
        'Media ración',
        'Ración',
        'Menú del día',
        'A la plancha',
        'Frito',
        'Asado',
        'Al horno',
        'Guisado',
      ],
      same: [
        ['Jamón ibérico', 'Jamon iberico'],
        ['Patatas bravas', 'Papas bravas'],
        ['Pincho', 'Pintxo'],
      ],
      different: [['Tortilla de patatas', 'Tortilla']],
    },
    de: {
      names: [
        'Wiener Schnitzel',
        'Schnitzel Wiener Art',
        'Currywurst',
        'Weißwurst',
        'Schweinebraten',
        'Semmelknödel',
        'Käsespätzle',
        'Leberknödelsuppe',
        'Maultaschen',
        'Flammkuchen',
        'Kaiserschmarrn',
        'Brezel',
        'Rösti',
        'Eintopf',
        'Kaffee und Kuchen',
        'gebraten',
        'gegrillt',
        'paniert',
        'geräuchert',
        'gekocht',
        'kleine Portion',
        'Tagesgericht',
        'Beilage',
      ],
      same: [
        ['Weißwurst', 'Weisswurst'],
        ['Käsespätzle', 'Kaesespaetzle'],
        ['Brötchen', 'Semmel'],
        ['Brötchen', 'Schrippe'],
      ],
      different: [['Wiener Schnitzel', 'Schnitzel Wiener Art']],
    },
    en: {
      names: [
        'Full English',
        'Fish and chips',
        'Bangers and mash',
        'Black pudding',
        'Bubble and squeak',
        'Sunday roast',
        'Hamburger',
        'Grits',
        'Biscuits and gravy',
        'Hash browns',
        'Chips',
        'Biscuit',
        'Entrée',
        'Starter',
        'Appetizer',
        'Side',
        'For two',
        'Refill',
        'Grilled',
        'Battered',
        'Pan-fried',
        'Smoked',
        'Poached',
        'Rare',
        'Medium',
        'Well done',
      ],
      same: [
        ['Aubergine', 'Eggplant'],
        ['Bangers', 'Banger'],
        ['Entrée', 'Entree'],
      ],
      different: [
        ['Chips', 'Fries'],
        ['Chips', 'Crisps'],
      ],
    },
  };

/** The entry a name belongs to, compared case-insensitively as the matcher does. */
function entryOf(glossary: GlossaryEntry[], name: string): GlossaryEntry | undefined {
  const key = name.toLowerCase();
  return glossary.find((entry) => entry.names.some((n) => n.toLowerCase() === key));
}

describe.each(GLOSSARIES)('%s glossary', (cuisine, glossary) => {
  it('has at least 70 dishes and 40 menu words', () => {
    expect(glossary.filter((e) => e.kind === 'dish').length).toBeGreaterThanOrEqual(70);
    expect(glossary.filter((e) => e.kind === 'word').length).toBeGreaterThanOrEqual(40);
  });

  it('has only the two kinds', () => {
    for (const entry of glossary) expect(['dish', 'word']).toContain(entry.kind);
  });

  it('has a non-empty gloss of at most 80 characters in every interface language', () => {
    for (const entry of glossary) {
      expect(Object.keys(entry.gloss).sort(), entry.names[0]).toEqual([...GLOSS_LANGUAGES].sort());
      for (const lang of GLOSS_LANGUAGES) {
        const text = entry.gloss[lang];
        expect(typeof text, `${entry.names[0]} [${lang}]`).toBe('string');
        expect(text.trim().length, `${entry.names[0]} [${lang}] is empty`).toBeGreaterThan(0);
        expect([...text].length, `${entry.names[0]} [${lang}] is too long`).toBeLessThanOrEqual(
          MAX_GLOSS_LENGTH,
        );
      }
    }
  });

  it('writes the zh-Hans gloss in simplified characters', () => {
    for (const entry of glossary) {
      const text = entry.gloss['zh-Hans'];
      expect(
        TRADITIONAL_ONLY.filter((c) => text.includes(c)),
        `${entry.names[0]}: ${text}`,
      ).toEqual([]);
    }
  });

  it('has at least one name per entry, each trimmed, non-empty and in NFC', () => {
    for (const entry of glossary) {
      expect(entry.names.length).toBeGreaterThan(0);
      for (const name of entry.names) {
        expect(name.trim(), JSON.stringify(name)).toBe(name);
        expect(name.length).toBeGreaterThan(0);
        expect(name.normalize('NFC'), JSON.stringify(name)).toBe(name);
      }
    }
  });

  // A name may belong to one dish and one menu word ("Chili" the dish, "chilli" in "Chilli
  // prawns"): the dish is matched whole, the word inside other names (explain.ts).
  it('never gives the same name (ignoring case) to two dishes, two words or twice to one entry', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    glossary.forEach((entry, index) => {
      for (const name of entry.names) {
        const key = `${entry.kind}:${name.toLowerCase()}`;
        const previous = owner.get(key);
        if (previous !== undefined) clashes.push(`${name} (${previous} / #${index} ${entry.names[0]})`);
        else owner.set(key, `#${index} ${entry.names[0]}`);
      }
    });
    expect(clashes).toEqual([]);
  });

  it('has no reading (all names are in Latin script)', () => {
    for (const entry of glossary) expect(entry, entry.names[0]).not.toHaveProperty('reading');
  });

  it('uses only known ingredient hints, without repeats', () => {
    for (const entry of glossary) {
      const contains = entry.contains ?? [];
      for (const hint of contains) expect(HINTS.has(hint), `${entry.names[0]}: ${hint}`).toBe(true);
      expect(new Set(contains).size, entry.names[0]).toBe(contains.length);
    }
  });

  it('names a source for every entry', () => {
    for (const entry of glossary) expect(entry.source.trim().length, entry.names[0]).toBeGreaterThan(0);
  });

  it('knows the dishes and menu words visitors meet most', () => {
    const required = REQUIRED[cuisine];
    expect(required).toBeDefined();
    if (!required) return;
    for (const name of required.names) expect(entryOf(glossary, name), name).toBeDefined();
    for (const [a, b] of required.same) {
      expect(entryOf(glossary, a), a).toBeDefined();
      expect(entryOf(glossary, b), `${b} should be a variant of ${a}`).toBe(entryOf(glossary, a));
    }
    for (const [a, b] of required.different) {
      expect(entryOf(glossary, a), a).toBeDefined();
      expect(entryOf(glossary, b), b).toBeDefined();
      expect(entryOf(glossary, b), `${a} and ${b} mean different things`).not.toBe(entryOf(glossary, a));
    }
  });
});
