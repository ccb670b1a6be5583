// A hand-held photo of a menu is turned by a few degrees and seen at an angle, so its text rows
// slope, and by different amounts at the top and at the bottom (perspective). Tesseract reads
// sloping rows worse and, worse for pairing, a sloping row no longer has its price at the height of
// its name. So the OCR image is levelled first: the slope of the rows is measured in horizontal
// bands, fitted as slope(y) = a + b·y, and each column of pixels is shifted up or down to cancel
// it (a shear, which for a few degrees is as good as a rotation). Boxes found on the levelled image
// are mapped back onto the photo with unlevelBox.

/** Photos are held within about this many degrees of level; a menu shot sideways is turned by EXIF. */
const MAX_SKEW_DEGREES = 8;
/** Below this, levelling changes nothing Tesseract would notice. */
const MIN_CORRECTION_DEGREES = 0.2;

/** Row slope in degrees (positive: rows fall to the right) as a function of y: a + b·y, in pixels. */
export interface Levelling {
  a: number;
  b: number;
  /** The column that stays in place. */
  centerX: number;
}

export const LEVEL: Levelling = { a: 0, b: 0, centerX: 0 };

const tan = (degrees: number) => Math.tan((degrees * Math.PI) / 180);

/**
 * The slope of the text rows between rows `from` and `to` of a small grayscale image (ink dark), by
 * projection profile: at the right angle the ink piles up into sharp rows, which maximises the sum
 * of squared row counts. Returns null when there is too little ink to tell.
 */
export function estimateSkew(
  gray: Uint8Array,
  width: number,
  height: number,
  from = 0,
  to = height,
  ink = 150,
): { degrees: number; ink: number } | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = from; y < to; y++) {
    for (let x = 0; x < width; x++) {
      if ((gray[y * width + x] as number) < ink) {
        xs.push(x - width / 2);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return null;
  const sharpness = (degrees: number) => {
    const t = tan(degrees);
    const offset = width * 0.15 + 2;
    const rows = new Float64Array(height + 2 * Math.ceil(offset) + 2);
    for (let i = 0; i < xs.length; i++) {
      const row = Math.round((ys[i] as number) - (xs[i] as number) * t + offset);
      if (row >= 0 && row < rows.length) rows[row] = (rows[row] as number) + 1;
    }
    let sum = 0;
    for (const count of rows) sum += count * count;
    return sum;
  };
  let best = 0;
  let bestScore = sharpness(0);
  const search = (low: number, high: number, step: number) => {
    for (let degrees = low; degrees <= high + 1e-9; degrees += step) {
      const score = sharpness(degrees);
      if (score > bestScore) {
        best = degrees;
        bestScore = score;
      }
    }
  };
  search(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.5);
  const coarse = best;
  search(coarse - 0.5, coarse + 0.5, 0.1);
  return { degrees: best, ink: xs.length };
}

/**
 * Measures the row slope in overlapping horizontal bands of a small image and fits a + b·y to them
 * (y in pixels of an image `scale` times larger). Bands where the fit disagrees by more than a
 * degree (a picture, a stamp) are dropped and the rest refitted.
 */
export function measureLevelling(gray: Uint8Array, width: number, height: number, scale: number): Levelling {
  const bandHeight = Math.max(8, Math.round(height / 4));
  const bands: { y: number; degrees: number; weight: number }[] = [];
  for (let from = 0; from + bandHeight / 2 < height; from += Math.round(bandHeight / 2)) {
    const to = Math.min(height, from + bandHeight);
    const skew = estimateSkew(gray, width, height, from, to);
    if (skew) bands.push({ y: ((from + to) / 2) * scale, degrees: skew.degrees, weight: skew.ink });
  }
  const centerX = (width * scale) / 2;
  if (bands.length === 0) return { ...LEVEL, centerX };
  let fit = weightedLine(bands);
  const agreeing = bands.filter((band) => Math.abs(band.degrees - (fit.a + fit.b * band.y)) <= 1);
  if (agreeing.length >= 2 && agreeing.length < bands.length) fit = weightedLine(agreeing);
  return { ...fit, centerX };
}

function weightedLine(points: { y: number; degrees: number; weight: number }[]): { a: number; b: number } {
  const total = points.reduce((s, p) => s + p.weight, 0);
  const meanY = points.reduce((s, p) => s + p.weight * p.y, 0) / total;
  const meanD = points.reduce((s, p) => s + p.weight * p.degrees, 0) / total;
  const sxx = points.reduce((s, p) => s + p.weight * (p.y - meanY) ** 2, 0);
  const sxy = points.reduce((s, p) => s + p.weight * (p.y - meanY) * (p.degrees - meanD), 0);
  const b = points.length >= 3 && sxx > 0 ? sxy / sxx : 0;
  return { a: meanD - b * meanY, b };
}

/** Whether levelling would change anything: some row slope on the page is above the threshold. */
export function needsLevelling(levelling: Levelling, height: number): boolean {
  return Math.max(Math.abs(levelling.a), Math.abs(levelling.a + levelling.b * height)) >= MIN_CORRECTION_DEGREES;
}

/** Source row of a pixel of the levelled image. */
function sourceY(levelling: Levelling, x: number, y: number): number {
  return y + (x - levelling.centerX) * tan(levelling.a + levelling.b * y);
}

/** Shifts each column so that the rows come out level; what comes from outside the image is white. */
export function levelImage(gray: Uint8Array, width: number, height: number, levelling: Levelling): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const slope = tan(levelling.a + levelling.b * y);
    for (let x = 0; x < width; x++) {
      const from = y + (x - levelling.centerX) * slope;
      const above = Math.floor(from);
      const weight = from - above;
      const upper = above >= 0 && above < height ? (gray[above * width + x] as number) : 255;
      const lower = above + 1 >= 0 && above + 1 < height ? (gray[(above + 1) * width + x] as number) : 255;
      out[y * width + x] = upper + (lower - upper) * weight;
    }
  }
  return out;
}

/** Maps a box found on the levelled image back to the photo (the box around its four corners). */
export function unlevelBox<B extends { left: number; top: number; width: number; height: number }>(
  box: B,
  levelling: Levelling,
): { left: number; top: number; width: number; height: number } {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  const ys = [
    sourceY(levelling, box.left, box.top),
    sourceY(levelling, right, box.top),
    sourceY(levelling, box.left, bottom),
    sourceY(levelling, right, bottom),
  ];
  const top = Math.min(...ys);
  return { left: box.left, top, width: box.width, height: Math.max(...ys) - top };
}
