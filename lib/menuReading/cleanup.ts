// Erases what is not text from a grayscale image before OCR: dotted and dashed leaders
// ("Bibimbap ........ 9,000"), and shapes far larger than any letter (the paper's edge against the
// table, frames, rules, pictures).
//
// Tesseract handles both badly. Leaders: its layout analysis drops the leader and the price after
// it from the page, or reads the dots as letters ("이이 으으", Thai vowels, "ee ee"). Large shapes:
// text next to them (the price column beside the paper's edge) is taken for part of a picture and
// skipped. Both are easy to see in the image, though. A leader is a row of five or more small blobs
// of one size at one height, evenly spaced; letters' dots and diacritics rarely line up like that.
// A shape taller than an eighth of the page or wider than a quarter of it is no letter.

/** Darker than this is ink, on the evenly lit image that preparePhoto makes. */
const INK = 170;
/** Leaders in menu type at OCR size are 2–12 px dots or short dashes. */
const MAX_DOT = 16;
const MIN_CHAIN = 5;

export interface Blob {
  left: number;
  top: number;
  right: number;
  bottom: number;
  pixels: number;
}

/** Finds 8-connected ink blobs, row by row over runs of ink (fast enough for ~5 MP in JS). */
export function findBlobs(gray: Uint8Array, width: number, height: number) {
  let capacity = 1 << 16;
  let runY = new Int32Array(capacity);
  let runStart = new Int32Array(capacity);
  let runEnd = new Int32Array(capacity);
  let parent = new Int32Array(capacity);
  let count = 0;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const grow = () => {
    capacity *= 2;
    const copy = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    runY = copy(runY);
    runStart = copy(runStart);
    runEnd = copy(runEnd);
    parent = copy(parent);
  };
  let previousRow = 0;
  let previousRowEnd = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = count;
    const offset = y * width;
    let x = 0;
    while (x < width) {
      if ((gray[offset + x] as number) >= INK) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && (gray[offset + x] as number) < INK) x++;
      if (count === capacity) grow();
      runY[count] = y;
      runStart[count] = start;
      runEnd[count] = x - 1;
      parent[count] = count;
      // Join every run of the row above that touches this one, diagonals included.
      for (let r = previousRow; r < previousRowEnd; r++) {
        if ((runEnd[r] as number) >= start - 1 && (runStart[r] as number) <= x) {
          const a = find(r);
          const b = find(count);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
      count++;
    }
    previousRow = rowStart;
    previousRowEnd = count;
  }
  const blobs = new Map<number, Blob>();
  const rootOf = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const root = find(r);
    rootOf[r] = root;
    const y = runY[r] as number;
    const blob = blobs.get(root);
    const length = (runEnd[r] as number) - (runStart[r] as number) + 1;
    if (blob) {
      blob.left = Math.min(blob.left, runStart[r] as number);
      blob.right = Math.max(blob.right, runEnd[r] as number);
      blob.bottom = y;
      blob.pixels += length;
    } else {
      blobs.set(root, {
        left: runStart[r] as number,
        right: runEnd[r] as number,
        top: y,
        bottom: y,
        pixels: length,
      });
    }
  }
  return { blobs, runs: { count, runY, runStart, runEnd, rootOf } };
}

interface Dot {
  id: number;
  cx: number;
  cy: number;
  size: number;
  blob: Blob;
}

/** Links each dot to the nearest like dot to its right on the same level, then keeps long even chains. */
function findLeaderDots(blobs: ReadonlyMap<number, Blob>): Set<number> {
  const dots: Dot[] = [];
  for (const [id, blob] of blobs) {
    const w = blob.right - blob.left + 1;
    const h = blob.bottom - blob.top + 1;
    if (w > MAX_DOT || h > MAX_DOT || blob.pixels < 2) continue;
    if (w / h > 4 || h / w > 2) continue;
    // Solid, not a thin diagonal stroke of a small letter.
    if (blob.pixels < w * h * 0.4) continue;
    dots.push({
      id,
      cx: (blob.left + blob.right) / 2,
      cy: (blob.top + blob.bottom) / 2,
      size: Math.max(w, h),
      blob,
    });
  }
  dots.sort((a, b) => a.cx - b.cx);
  const next = new Map<Dot, Dot>();
  const hasPrevious = new Set<Dot>();
  for (let i = 0; i < dots.length; i++) {
    const dot = dots[i] as Dot;
    let best: Dot | undefined;
    for (let j = i + 1; j < dots.length; j++) {
      const other = dots[j] as Dot;
      const dx = other.cx - dot.cx;
      if (dx > dot.size * 7 + 4) break;
      if (dx < dot.size * 0.8 || hasPrevious.has(other)) continue;
      if (Math.abs(other.cy - dot.cy) > Math.max(2, dot.size * 0.5)) continue;
      if (other.size > dot.size * 1.8 + 1 || dot.size > other.size * 1.8 + 1) continue;
      if (!best || dx < best.cx - dot.cx) best = other;
    }
    if (best) {
      next.set(dot, best);
      hasPrevious.add(best);
    }
  }
  const leaders = new Set<number>();
  for (const start of dots) {
    if (hasPrevious.has(start)) continue;
    const chain = [start];
    for (let dot = next.get(start); dot; dot = next.get(dot)) chain.push(dot);
    if (chain.length < MIN_CHAIN || !evenlySpaced(chain)) continue;
    for (const dot of chain) leaders.add(dot.id);
  }
  return leaders;
}

function evenlySpaced(chain: Dot[]): boolean {
  const gaps = chain.slice(1).map((dot, i) => dot.cx - (chain[i] as Dot).cx);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const spread = Math.sqrt(gaps.reduce((sum, g) => sum + (g - mean) ** 2, 0) / gaps.length);
  return spread <= mean * 0.35 + 1;
}

/** Whether a blob is larger than any letter could be. */
function isHuge(blob: Blob, width: number, height: number): boolean {
  return blob.bottom - blob.top + 1 > height / 8 || blob.right - blob.left + 1 > width / 4;
}

/**
 * Paints leaders (and a pixel around each dot, where blur left a halo) and huge shapes white.
 * Returns how many leader dots and shapes it erased.
 */
export function eraseNonText(
  gray: Uint8Array,
  width: number,
  height: number,
): { dots: number; shapes: number } {
  const { blobs, runs } = findBlobs(gray, width, height);
  const leaders = findLeaderDots(blobs);
  for (const id of leaders) {
    const blob = blobs.get(id);
    if (!blob) continue;
    for (let y = Math.max(0, blob.top - 1); y <= Math.min(height - 1, blob.bottom + 1); y++) {
      gray.fill(
        255,
        y * width + Math.max(0, blob.left - 1),
        y * width + Math.min(width - 1, blob.right + 1) + 1,
      );
    }
  }
  // A frame's box holds the whole menu: erase its own pixels, run by run, not its box.
  const huge = new Set([...blobs].filter(([, blob]) => isHuge(blob, width, height)).map(([id]) => id));
  for (let r = 0; r < runs.count; r++) {
    if (!huge.has(runs.rootOf[r] as number)) continue;
    const offset = (runs.runY[r] as number) * width;
    gray.fill(255, offset + (runs.runStart[r] as number), offset + (runs.runEnd[r] as number) + 1);
  }
  return { dots: leaders.size, shapes: huge.size };
}
