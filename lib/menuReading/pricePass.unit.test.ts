import { describe, expect, it } from 'vitest';
import { mergePriceWords } from './pricePass';
import type { OcrWord } from './tsv';

const word = (text: string, left: number, width: number, confidence = 90, block = 1): OcrWord => ({
  block,
  paragraph: 1,
  line: 1,
  left,
  top: 100,
  width,
  height: 40,
  confidence,
  text,
});
const texts = (words: OcrWord[]) => words.map((w) => w.text).sort();

describe('merging the price pass', () => {
  it('keeps the main reading where the pass differs in more than the digit next to the sign', () => {
    const main = [word('親子丼', 100, 120), word('970', 400, 90), word('円', 480, 34)];
    expect(texts(mergePriceWords(main, [word('3704', 400, 120, 0)], 'JPY'))).toEqual(texts(main));
    expect(texts(mergePriceWords(main, [word('970', 400, 90, 0)], 'JPY'))).toEqual(texts(main));
  });

  it('takes the digits of the pass when it read the unit sign as one more digit (650円 read 656 円)', () => {
    const main = [word('かけうどん', 100, 160), word('656', 400, 93, 88), word('円', 462, 34)];
    const merged = mergePriceWords(main, [word('6504', 400, 100, 0, 7)], 'JPY');
    expect(texts(merged)).toEqual(['650', 'かけうどん']);
  });

  it('adds a price where the main reading found none, and ignores a lone forced digit', () => {
    const main = [word('冷面', 100, 80)];
    const merged = mergePriceWords(main, [word('¥32', 400, 80, 90), word('4', 700, 20, 10)], 'CNY');
    expect(texts(merged)).toEqual(['32', '冷面']);
  });

  it('marks a main number as a price when the pass saw a sign before its digits ("每份 105" read "$¥105")', () => {
    const main = [word('每', 100, 60), word('份', 170, 60, 92), word('105', 240, 80, 45)];
    const merged = mergePriceWords(main, [word('$¥105', 100, 220, 0)], 'CNY');
    expect(texts(merged)).toEqual(texts(main));
    expect(merged.find((w) => w.text === '105')?.signed).toBe(true);
  });

  it("replaces a main reading that made a price of only the end of the pass's number (\\2 250)", () => {
    const main = [word('チャーハン', 100, 180), word('\\2', 400, 60, 90), word('250', 470, 60, 90)];
    const merged = mergePriceWords(main, [word('¥2,250', 400, 130, 0)], 'JPY');
    expect(texts(merged)).toEqual(['2,250', 'チャーハン']);
  });
});
