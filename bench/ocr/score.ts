// Scores one photo's reading against its ground truth: which dishes were found, and how well.
import type { ReadDish } from '../../lib/menuReading/menuParser';
import type { Truth } from './corpus';

/** Scripts written without spaces: compare without them, since a space there is not an error. */
const UNSPACED_LANGUAGES = new Set(['ja', 'zh-Hans', 'zh-Hant', 'th']);

export function normaliseName(name: string, language: string): string {
  const text = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return UNSPACED_LANGUAGES.has(language) ? text.replace(/\s/g, '') : text;
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/** Character error rate of `read` against `truth`: edits per truth character (may exceed 1). */
export function cer(truth: string, read: string): number {
  return editDistance(truth, read) / Math.max(1, [...truth].length);
}

export interface PhotoScore {
  truthCount: number;
  readCount: number;
  matched: { truth: string; read: string; cer: number; priceOk: boolean; boxIou: number; boxHit: boolean }[];
  missed: string[];
  extra: string[];
}

/**
 * Matches read dishes to true ones greedily by name similarity, a right price adding to it. A pair
 * counts when the names are at least half alike, or the price is right and they are a quarter alike.
 */
export function scorePhoto(truth: Truth, dishes: readonly ReadDish[]): PhotoScore {
  const pairs: { t: number; r: number; score: number; cer: number }[] = [];
  truth.dishes.forEach((expected, t) => {
    const want = normaliseName(expected.name, truth.language);
    dishes.forEach((dish, r) => {
      const error = cer(want, normaliseName(dish.name, truth.language));
      const similarity = 1 - Math.min(1, error);
      const priceOk = dish.priceMinor === expected.priceMinor;
      if (similarity >= 0.5 || (priceOk && similarity >= 0.25)) {
        pairs.push({ t, r, score: similarity + (priceOk ? 0.5 : 0), cer: error });
      }
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedTruth = new Set<number>();
  const usedRead = new Set<number>();
  const matched: PhotoScore['matched'] = [];
  for (const pair of pairs) {
    if (usedTruth.has(pair.t) || usedRead.has(pair.r)) continue;
    usedTruth.add(pair.t);
    usedRead.add(pair.r);
    const expected = truth.dishes[pair.t];
    const dish = dishes[pair.r];
    if (!expected || !dish) continue;
    matched.push({
      truth: expected.name,
      read: dish.name,
      cer: pair.cer,
      priceOk: dish.priceMinor === expected.priceMinor,
      boxIou: iou(expected.box, dish.box),
      boxHit: boxHit(expected.box, dish.box),
    });
  }
  return {
    truthCount: truth.dishes.length,
    readCount: dishes.length,
    matched,
    missed: truth.dishes.filter((_, t) => !usedTruth.has(t)).map((d) => `${d.name} ${d.priceText}`),
    extra: dishes.filter((_, r) => !usedRead.has(r)).map((d) => `${d.name} ${d.priceMinor}`),
  };
}

type RelativeBox = { x: number; y: number; w: number; h: number };

/** Intersection over union of two boxes. */
export function iou(a: RelativeBox, b: RelativeBox): number {
  const w = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = w * h;
  return inter / Math.max(1e-9, a.w * a.h + b.w * b.h - inter);
}

/**
 * Whether a read box shows the right line: its centre lies in the true box (which spans the CSS line
 * height, taller than the ink Tesseract boxes) and it covers at least half of the true box's width.
 */
export function boxHit(truth: RelativeBox, read: RelativeBox): boolean {
  const cx = read.x + read.w / 2;
  const cy = read.y + read.h / 2;
  const inside = cx >= truth.x && cx <= truth.x + truth.w && cy >= truth.y && cy <= truth.y + truth.h;
  const covered = Math.max(0, Math.min(truth.x + truth.w, read.x + read.w) - Math.max(truth.x, read.x));
  return inside && covered >= truth.w * 0.5;
}
