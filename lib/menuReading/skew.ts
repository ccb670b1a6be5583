// A hand-held photo of a menu is turned by a few degrees and seen at an angle, so its text rows
// slope, and by different amounts at the top and at the bottom (perspective). Tesseract reads
// sloping rows worse and, worse for pairing, a sloping row no longer has its price at the height of
// its name. So the OCR image is levelled first: the slope of the rows is measured in overlapping
// horizontal bands, interpolated between them, and each column of pixels is shifted up or down to
// cancel it (a shear, which for a few degrees is as good as a rotation). Boxes found on the
// levelled image are mapped back onto the photo with unlevelBox.

/** Photos are held within about this many degrees of level; a menu shot sideways is turned by EXIF. */
const MAX_SKEW_DEGREES = 8;
/** Below this, levelling changes nothing Tesseract would notice. */
const MIN_CORRECTION_DEGREES = 0.2;

/** Row slope in degrees (positive: rows fall to the right) at heights `y` (pixels), interpolated. */
export interface Levelling {
  knots: { y: number; degrees: number }[];
  /** The column that stays in place. */
  centerX: number;
}

const tan = (degrees: number) => Math.tan((degrees * Math.PI) / 180);

/**
 * The slope of the text rows between rows `from` and `to` of a small grayscale image (ink dark), by
 * projection profile: at the right angle the ink piles up into sharp rows, which maximises the sum
 * of squared row counts. Profiles are taken in vertical strips and summed: over the whole width,
 * the rows of two columns that are out of step line up at a wrong angle and would win.
 * Returns null when there is too little ink to tell.
 */
export function estimateSkew(
  gray: Uint8Array,
  width: number,
  height: number,
  from = 0,
  to = height,
  ink = 150,
): { degrees: number; ink: number } | null {
  const strips = 4;
  const stripWidth = width / strips;
  const xs: number[] = [];
  const ys: number[] = [];
  const stripOf: number[] = [];
  for (let y = from; y < to; y++) {
    for (let x = 0; x < width; x++) {
      if ((gray[y * width + x] as number) < ink) {
        const strip = Math.min(strips - 1, Math.floor(x / stripWidth));
        xs.push(x - (strip + 0.5) * stripWidth);
        ys.push(y - from);
        stripOf.push(strip);
      }
    }
  }
  if (xs.length < 200) return null;
  const margin = Math.ceil(stripWidth * tan(MAX_SKEW_DEGREES)) + 2;
  const span = to - from + 2 * margin;
  const sharpness = (degrees: number) => {
    const t = tan(degrees);
    const rows = new Float64Array(span * strips);
    for (let i = 0; i < xs.length; i++) {
      const row = Math.round((ys[i] as number) - (xs[i] as number) * t) + margin;
      const index = (stripOf[i] as number) * span + row;
      rows[index] = (rows[index] as number) + 1;
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
 * Measures the row slope in overlapping horizontal bands of a small image (y in pixels of an image
 * `scale` times larger). Each band's slope is replaced by the median of it and its neighbours, so a
 * band fooled by a picture or a stamp does not bend the page.
 */
export function measureLevelling(gray: Uint8Array, width: number, height: number, scale: number): Levelling {
  const bandHeight = Math.max(8, Math.round(height / 4));
  const bands: { y: number; degrees: number }[] = [];
  for (let from = 0; from + bandHeight / 2 < height; from += Math.round(bandHeight / 2)) {
    const to = Math.min(height, from + bandHeight);
    const skew = estimateSkew(gray, width, height, from, to);
    if (skew) bands.push({ y: ((from + to) / 2) * scale, degrees: skew.degrees });
  }
  const knots = bands.map((band, i) => ({
    y: band.y,
    degrees: median3(bands.slice(Math.max(0, i - 1), i + 2).map((b) => b.degrees)),
  }));
  return { knots, centerX: (width * scale) / 2 };
}

function median3(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 2
    ? ((sorted[0] ?? 0) + (sorted[1] ?? 0)) / 2
    : (sorted[Math.floor(sorted.length / 2)] ?? 0);
}

/** The row slope at height y: linear between knots, constant beyond the first and the last. */
export function slopeAt(levelling: Levelling, y: number): number {
  const { knots } = levelling;
  const first = knots[0];
  const last = knots.at(-1);
  if (!first || !last) return 0;
  if (y <= first.y) return first.degrees;
  if (y >= last.y) return last.degrees;
  const i = knots.findIndex((k) => k.y >= y);
  const a = knots[i - 1] ?? first;
  const b = knots[i] ?? last;
  return a.degrees + ((b.degrees - a.degrees) * (y - a.y)) / Math.max(1e-9, b.y - a.y);
}

/** Whether levelling would change anything: some row slope on the page is above the threshold. */
export function needsLevelling(levelling: Levelling): boolean {
  return levelling.knots.some((k) => Math.abs(k.degrees) >= MIN_CORRECTION_DEGREES);
}

/** Source row of a pixel of the levelled image. */
function sourceY(levelling: Levelling, x: number, y: number): number {
  return y + (x - levelling.centerX) * tan(slopeAt(levelling, y));
}

/** Shifts each column so that the rows come out level; what comes from outside the image is white. */
export function levelImage(
  gray: Uint8Array,
  width: number,
  height: number,
  levelling: Levelling,
): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const slope = tan(slopeAt(levelling, y));
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
