import { describe, expect, it } from 'vitest';
import { groupRows, surerRows } from './rowReread';
import type { OcrWord } from './tsv';

const word = (
  text: string,
  left: number,
  top: number,
  height: number,
  confidence: number,
  block = 1,
): OcrWord => ({
  block,
  paragraph: 1,
  line: 1,
  left,
  top,
  width: 30,
  height,
  confidence,
  text,
});

describe('rows of a page', () => {
  it('puts the halves of a syllable cut in two, and the price beside them, in one row', () => {
    // "제육볶음 11,000원" as sparse segmentation returns it: separate blocks, fragments below.
    const row = [
      word('제', 182, 473, 44, 97, 4),
      word('ㅋㄷ', 291, 494, 23, 50, 5),
      word('유', 229, 474, 18, 80, 6),
      word('11,000', 1141, 475, 45, 64, 7),
    ];
    const next = [word('냉면', 184, 587, 44, 97, 8), word('10,000', 1141, 589, 45, 88, 9)];
    const rows = groupRows([...next, ...row]);
    expect(rows.map((r) => r.words.map((w) => w.text).sort())).toEqual([
      ['11,000', 'ㅋㄷ', '유', '제'].sort(),
      ['10,000', '냉면'].sort(),
    ]);
  });
});

describe('the surer of two readings, row by row', () => {
  it('takes each row from the reading Tesseract was surer of, and keeps rows only one found', () => {
    const first = [word('麻波豆腐', 100, 100, 40, 60), word('红烧肉', 100, 200, 40, 95)];
    const second = [
      word('麻婆豆腐', 102, 101, 40, 90),
      word('红焼肉', 101, 199, 40, 70),
      word('酸辣汤', 100, 300, 40, 88),
    ];
    const texts = surerRows(first, second)
      .sort((a, b) => a.top - b.top)
      .map((w) => w.text);
    expect(texts).toEqual(['麻婆豆腐', '红烧肉', '酸辣汤']);
  });

  it('gives the words taken from the second reading blocks of their own', () => {
    const first = [word('a', 0, 0, 10, 10, 3)];
    const second = [word('b', 0, 0, 10, 90, 1)];
    expect(surerRows(first, second)[0]?.block).toBeGreaterThan(3);
  });
});
