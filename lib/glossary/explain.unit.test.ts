// Matching menu names to the glossary: variants, spacing, OCR slips and scripts. Names the glossary
// knows need no dictionary, so this runs without the built dictionaries.
import { describe, expect, it } from 'vitest';
import { explainDish } from './explain';

describe('known dishes', () => {
  it('finds a dish whatever its spacing or common misspelling, with its checked reading', async () => {
    // A misspelling is the same dish, read as printed.
    expect((await explainDish('김치찌게', 'ko'))?.reading).toBe('gimchijjige');
    for (const name of ['김치찌개', '김치 찌개', '김치찌게']) {
      const explanation = await explainDish(name, 'ko');
      expect(explanation, name).toMatchObject({ kind: 'dish' });
      if (name !== '김치찌게') expect(explanation?.reading, name).toBe('kimchi-jjigae');
      expect(explanation?.gloss.en, name).toMatch(/stew/);
      expect(Object.keys(explanation?.gloss ?? {}).sort()).toEqual(['en', 'es', 'fr', 'ja', 'ko', 'zh-Hans']);
    }
  });

  it('knows a Chinese dish in simplified and traditional characters', async () => {
    const simplified = await explainDish('牛肉面', 'zh-Hans');
    const traditional = await explainDish('牛肉麵', 'zh-Hant');
    expect(simplified?.kind).toBe('dish');
    expect(traditional?.gloss).toEqual(simplified?.gloss);
  });

  it('reads a Latin name written without its accents, and keeps accents that change the word', async () => {
    const pho = await explainDish('Pho bo', 'vi');
    expect(pho?.kind).toBe('dish');
    expect(pho?.gloss.en).toMatch(/beef/i);
    // bò is beef; with its accents it must never be taken for bơ (avocado).
    const grilledBeef = await explainDish('Bò nướng', 'vi');
    expect(grilledBeef?.gloss.en ?? '').not.toMatch(/avocado/i);
  });

  it('takes a Thai name whose SARA AM OCR wrote as two characters', async () => {
    const composed = await explainDish('ต้มยำกุ้ง', 'th');
    const decomposed = await explainDish('ต้มย\u0E4D\u0E32กุ้ง', 'th');
    expect(composed?.kind).toBe('dish');
    expect(decomposed?.gloss).toEqual(composed?.gloss);
  });

  it('knows a dish with a word around it in scripts without spaces, and says what the word adds', async () => {
    const explanation = await explainDish('돼지김치찌개', 'ko');
    expect(explanation?.gloss.en).toMatch(/stew/);
    const shrimpRice = await explainDish('ข้าวผัดกุ้ง', 'th');
    expect(shrimpRice?.gloss.en).toMatch(/shrimp|prawn/);
    expect(shrimpRice?.contains).toContain('shellfish');
  });

  it('takes a long name one letter off as that dish, but never a short one', async () => {
    expect((await explainDish('Spaghetti alla carbonera', 'it'))?.gloss.en).toMatch(
      /egg|guanciale|pancetta/i,
    );
    const butter = await explainDish('Butter', 'en');
    expect(butter?.gloss.en ?? '').not.toMatch(/ale|beer/i);
  });

  it('knows a dish another cuisine lends a Latin-script menu, by its name or its romanisation', async () => {
    // Tiramisù is Italian: a German menu prints it as it is.
    expect((await explainDish('Tiramisù', 'de'))?.gloss.en).toMatch(/mascarpone/);
    // 김치찌개 on a French menu, in Revised Romanization.
    const stew = await explainDish('Kimchi-jjigae', 'fr');
    expect(stew).toMatchObject({ kind: 'dish' });
    expect(stew?.gloss.en).toMatch(/stew/);
    // トンカツ on a German menu, in Hepburn.
    expect((await explainDish('Tonkatsu', 'de'))?.contains).toContain('pork');
  });

  it('reads a name that is both a dish and a word as the dish alone and the word inside others', async () => {
    expect((await explainDish('Chili', 'en'))?.contains).toContain('beef');
    const crab = await explainDish('Chilli crab', 'en');
    expect(crab?.kind).toBe('literal');
    expect(crab?.contains).toEqual(expect.arrayContaining(['shellfish', 'spicy']));
    expect(crab?.contains).not.toContain('beef');
  });

  it('says what a dish usually contains, from the glossary', async () => {
    const padThai = await explainDish('ผัดไทย', 'th');
    expect(padThai?.contains).toEqual(expect.arrayContaining(['peanuts']));
  });
});
