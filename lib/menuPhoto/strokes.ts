// Thin strokes, as in serif Chinese and Japanese type (Noto Serif CJK, Mincho), are read much worse
// by Tesseract's chi_sim and jpn models than the same glyphs in a sans face: on the benchmark,
// serif Chinese names came out with a character error rate of 0.2–0.3 against 0.05 for sans.
// Darkening each pixel halfway towards the darkest of its neighbours (a 3×2 window) thickens
// strokes by about a pixel; that alone fixed most of those errors.

/** Returns a copy of a binary PGM (P5) whose dark strokes are thickened by about one pixel. */
export function thickenStrokes(pgm: Buffer): Buffer {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  const out = Buffer.from(pgm);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let darkest = 255;
      for (let dy = -1; dy <= 1; dy++) {
        const row = y + dy;
        if (row < 0 || row >= height) continue;
        for (let dx = -1; dx <= 0; dx++) {
          const column = x + dx;
          if (column < 0) continue;
          const value = pgm[start + row * width + column] as number;
          if (value < darkest) darkest = value;
        }
      }
      const own = pgm[start + y * width + x] as number;
      out[start + y * width + x] = (own + darkest) >> 1;
    }
  }
  return out;
}
