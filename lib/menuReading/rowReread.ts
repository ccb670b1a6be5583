// Sparse-text segmentation (psm 11, see tesseract.ts) finds names and far-away prices on any layout,
// but it cuts some glyphs in two: a Korean syllable with a final consonant (볶, 떡) comes back as a
// top half and a loose jamo below it ("제육볶음" → "제 = ㅋㄷ 유 본 을"), and a Chinese or Japanese
// character with separate parts can split the same way. Those rows are recognised with low
// confidence. Each such row is cropped, the crops are stacked into one strip, and the strip is read
// once more as a block of single lines (psm 6), where Tesseract sees each row whole; a row's new
// words replace the old ones only when Tesseract is clearly surer of them.
import type { Script } from './languages';
import { meanConfidence } from './menuParser';
import { type Box, type OcrWord, parseTsv, unionBox } from './tsv';
import { type Pgm, readPgm } from './strokes';
import { type RecognizeOptions, recognize } from './tesseract';

/** A row whose letters are recognised with less confidence than this (0–100) is read again. */
export const WEAK_ROW_CONFIDENCE = 75;
/** How much surer (mean confidence points) the second reading must be to replace the first. */
const REPLACE_MARGIN = 8;
/** Above this share of weak rows the page is not read again (see rereadWeakRows). */
const MAX_WEAK_SHARE = 0.5;
/** At most this many rows per photo are read again: the strip stays one quick recognition. */
const MAX_ROWS = 40;
/** Hangul compatibility jamo standing alone: a syllable cut in two, never printed on a menu. */
const LOOSE_JAMO = /[\u3131-\u318e]/u;
const LETTER = /\p{L}/u;

interface Row {
  words: OcrWord[];
  box: Box;
}

/** Words whose vertical extents overlap by half the smaller height belong to one printed row. */
export function groupRows(words: readonly OcrWord[]): Row[] {
  const sorted = [...words].sort((a, b) => a.top - b.top);
  const rows: Row[] = [];
  for (const word of sorted) {
    const row = rows.find((candidate) => {
      const overlap =
        Math.min(candidate.box.top + candidate.box.height, word.top + word.height) -
        Math.max(candidate.box.top, word.top);
      return overlap >= Math.min(candidate.box.height, word.height) * 0.5;
    });
    if (row) {
      row.words.push(word);
      row.box = unionBox([row.box, word]);
    } else rows.push({ words: [word], box: { ...word } });
  }
  return rows;
}

function isWeak(row: Row, script: Script): boolean {
  if (!row.words.some((word) => LETTER.test(word.text))) return false;
  if (script === 'hangul' && row.words.some((word) => LOOSE_JAMO.test(word.text))) return true;
  return meanConfidence(row.words) < WEAK_ROW_CONFIDENCE;
}

interface Placed {
  row: Row;
  /** The crop's box on the page. */
  crop: Box;
  /** Where the crop starts in the strip. */
  stripTop: number;
}

/** Copies each crop under the one before, on white, with a gap of white between them. */
function buildStrip(page: Pgm, crops: Box[], gap: number): { pgm: Buffer; tops: number[] } {
  const width = Math.max(...crops.map((crop) => crop.width)) + 2 * gap;
  const tops: number[] = [];
  let height = gap;
  for (const crop of crops) {
    tops.push(height);
    height += crop.height + gap;
  }
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const pixels = Buffer.alloc(width * height, 255);
  crops.forEach((crop, i) => {
    const top = tops[i] as number;
    for (let y = 0; y < crop.height; y++) {
      const from = page.start + (crop.top + y) * page.width + crop.left;
      page.data.copy(pixels, (top + y) * width + gap, from, from + crop.width);
    }
  });
  return { pgm: Buffer.concat([header, pixels]), tops };
}

/**
 * Reads the weak rows of `words` again from `image` (the PGM the words were recognised in) and
 * returns the words with each improved row replaced. Costs one recognition of a small strip, and
 * nothing when every row was read with confidence.
 */
export async function rereadWeakRows(
  image: Buffer,
  words: OcrWord[],
  options: RecognizeOptions & { script: Script },
): Promise<OcrWord[]> {
  const { script, ...recognizeOptions } = options;
  const lettered = groupRows(words).filter((row) => row.words.some((word) => LETTER.test(word.text)));
  const weak = lettered.filter((row) => isWeak(row, script));
  // Most rows weak: the page is not in this model's script, or nothing on it can be read (a Latin
  // page read by a Chinese model during Detect). Reading it again would not help and costs seconds.
  if (weak.length === 0 || weak.length > lettered.length * MAX_WEAK_SHARE) return words;
  weak.splice(MAX_ROWS);
  const page = readPgm(image);
  const heights = weak.map((row) => row.box.height).sort((a, b) => a - b);
  const rowHeight = heights[Math.floor(heights.length / 2)] as number;
  const pad = Math.max(4, Math.round(rowHeight * 0.3));
  const placed: Placed[] = weak.map((row) => {
    const left = Math.max(0, row.box.left - pad);
    const top = Math.max(0, row.box.top - pad);
    const right = Math.min(page.width, row.box.left + row.box.width + pad);
    const bottom = Math.min(page.height, row.box.top + row.box.height + pad);
    return { row, crop: { left, top, width: right - left, height: bottom - top }, stripTop: 0 };
  });
  const gap = Math.max(20, rowHeight);
  const strip = buildStrip(
    page,
    placed.map((p) => p.crop),
    gap,
  );
  placed.forEach((p, i) => {
    p.stripTop = strip.tops[i] as number;
  });
  const reread = parseTsv(await recognize(strip.pgm, { ...recognizeOptions, psm: 6 }));

  const replaced = new Set<OcrWord>();
  const added: OcrWord[] = [];
  let nextBlock = Math.max(0, ...words.map((word) => word.block)) + 1;
  for (const p of placed) {
    const inside = reread.filter((word) => {
      const middle = word.top + word.height / 2;
      return middle >= p.stripTop && middle < p.stripTop + p.crop.height;
    });
    if (!inside.some((word) => LETTER.test(word.text))) continue;
    if (meanConfidence(inside) < meanConfidence(p.row.words) + REPLACE_MARGIN) continue;
    const block = nextBlock++;
    for (const word of p.row.words) replaced.add(word);
    for (const word of inside) {
      added.push({
        ...word,
        block,
        left: word.left - gap + p.crop.left,
        top: word.top - p.stripTop + p.crop.top,
      });
    }
  }
  if (added.length === 0) return words;
  return [...words.filter((word) => !replaced.has(word)), ...added];
}

/**
 * Two readings of one page by different models, row by row: each printed row is taken from the
 * reading whose letters Tesseract was surer of. A row only one model found is kept from it.
 */
export function surerRows(first: readonly OcrWord[], second: readonly OcrWord[]): OcrWord[] {
  const origin = new Map<OcrWord, 0 | 1>();
  for (const word of first) origin.set(word, 0);
  for (const word of second) origin.set(word, 1);
  const blockOffset = Math.max(0, ...first.map((word) => word.block)) + 1;
  return groupRows([...first, ...second]).flatMap((row) => {
    const fromFirst = row.words.filter((word) => origin.get(word) === 0);
    const fromSecond = row.words.filter((word) => origin.get(word) === 1);
    const chosen =
      fromFirst.length === 0
        ? 1
        : fromSecond.length === 0
          ? 0
          : meanConfidence(fromSecond) > meanConfidence(fromFirst)
            ? 1
            : 0;
    return chosen === 0
      ? fromFirst
      : fromSecond.map((word) => ({ ...word, block: word.block + blockOffset }));
  });
}
