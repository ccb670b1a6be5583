// A hand-held photo of a menu is turned by a few degrees. Tesseract reads turned text worse and,
// worse for us, a turned row no longer has its name and its price at the same height. So the OCR
// image is straightened first, and the boxes found on it are turned back onto the photo.

/** Photos are held within about this many degrees of level; a menu shot sideways is turned by EXIF. */
const MAX_SKEW_DEGREES = 8;

/**
 * Estimates the angle of the text lines in a small grayscale image (ink dark), in degrees,
 * positive when lines fall to the right (clockwise). Projection profile: at the right angle the
 * ink piles up into sharp rows, which maximises the sum of squared row counts.
 */
export function estimateSkew(gray: Uint8Array, width: number, height: number, ink = 150): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((gray[y * width + x] as number) < ink) {
        xs.push(x - width / 2);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const sharpness = (degrees: number) => {
    const tan = Math.tan((degrees * Math.PI) / 180);
    const rows = new Float64Array(height * 2 + 2);
    for (let i = 0; i < xs.length; i++) {
      const row = Math.round((ys[i] as number) - (xs[i] as number) * tan + height / 2);
      if (row >= 0 && row < rows.length) rows[row] = (rows[row] as number) + 1;
    }
    let sum = 0;
    for (const count of rows) sum += count * count;
    return sum;
  };
  let best = 0;
  let bestScore = sharpness(0);
  const search = (from: number, to: number, step: number) => {
    for (let degrees = from; degrees <= to + 1e-9; degrees += step) {
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
  return Math.round(best * 10) / 10;
}

export interface Rotation {
  /** Degrees the OCR image was turned (counter to the text's skew). */
  degrees: number;
  /** Size before and after turning: sharp enlarges the canvas to keep the corners. */
  before: { width: number; height: number };
  after: { width: number; height: number };
}

/** Maps a box found on the turned image back to the unturned one (the box around the turned box). */
export function unrotateBox(
  box: { left: number; top: number; width: number; height: number },
  rotation: Rotation,
): { left: number; top: number; width: number; height: number } {
  if (rotation.degrees === 0) return box;
  const radians = (-rotation.degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const corners = [
    [box.left, box.top],
    [box.left + box.width, box.top],
    [box.left, box.top + box.height],
    [box.left + box.width, box.top + box.height],
  ].map(([x = 0, y = 0]) => {
    const dx = x - rotation.after.width / 2;
    const dy = y - rotation.after.height / 2;
    return [
      dx * cos - dy * sin + rotation.before.width / 2,
      dx * sin + dy * cos + rotation.before.height / 2,
    ];
  });
  const left = Math.max(0, Math.min(...corners.map(([x = 0]) => x)));
  const top = Math.max(0, Math.min(...corners.map(([, y = 0]) => y)));
  const right = Math.min(rotation.before.width, Math.max(...corners.map(([x = 0]) => x)));
  const bottom = Math.min(rotation.before.height, Math.max(...corners.map(([, y = 0]) => y)));
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}
