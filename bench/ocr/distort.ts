// What a phone does to a menu after the lens: optical blur, uneven light, sensor noise, JPEG; and,
// in a share of the photos, the harder cases of real use: a curved page, a shaking hand (motion
// blur), the lamp's reflection on glossy paper (glare) and a dim restaurant (low light).
// (Rotation and perspective happen earlier, in the page, where they are exact.)
import sharp from 'sharp';
import type { Random } from './random';

export const EFFECTS = ['curved', 'motionBlur', 'glare', 'lowLight'] as const;
export type Effect = (typeof EFFECTS)[number];
/** Share of the distorted photos that get each effect (drawn independently). */
export const EFFECT_SHARE: Record<Effect, number> = {
  curved: 0.3,
  motionBlur: 0.25,
  glare: 0.3,
  lowLight: 0.25,
};

/** Maps a point of the unwarped frame (where the page measured its boxes) onto the photo. */
export type Warp = (x: number, y: number) => [number, number];

export interface DistortedPhoto {
  jpeg: Buffer;
  effects: Effect[];
  warp: Warp;
}

export async function encodeClean(png: Buffer): Promise<Buffer> {
  return sharp(png).jpeg({ quality: 92 }).toBuffer();
}

export async function encodeDistorted(png: Buffer, random: Random): Promise<DistortedPhoto> {
  const effects = EFFECTS.filter((effect) => random.chance(EFFECT_SHARE[effect]));
  const has = (effect: Effect) => effects.includes(effect);
  const decoded = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = decoded.info;
  const raw = { raw: { width, height, channels } };
  let pixels: Buffer = decoded.data;
  let warp: Warp = (x, y) => [x, y];
  if (has('curved')) {
    const curve = drawCurve(width, height, random);
    pixels = remap(pixels, width, height, channels, curve);
    warp = curve.forward;
  }
  light(pixels, width, height, channels, random, has('lowLight'));
  if (has('glare')) {
    const spots = random.chance(0.3) ? 2 : 1;
    for (let i = 0; i < spots; i++) glare(pixels, width, height, channels, random);
  }
  // The lens: out of focus a little (a phone's denoising softens a dark photo more), and for a
  // shaking hand smeared along one direction.
  const blurSigma = random.between(0.6, 1.6) + (has('lowLight') ? 0.4 : 0);
  let optics = sharp(pixels, raw).blur(blurSigma);
  if (has('motionBlur')) optics = optics.convolve(motionKernel(Math.min(width, height), random));
  const blurred = await optics.raw().toBuffer();
  sensor(blurred, width, height, channels, random, has('lowLight'));
  const jpeg = await sharp(blurred, raw)
    .jpeg({ quality: has('lowLight') ? random.int(55, 72) : random.int(60, 80) })
    .toBuffer();
  return { jpeg, effects, warp };
}

/**
 * Light falls off across the page from one side, and a warm lamp tints it. In low light the page
 * is darker, the falloff stronger and the tint warmer (a tungsten lamp, no daylight).
 */
function light(data: Buffer, width: number, height: number, channels: number, random: Random, low: boolean) {
  const angle = random.between(0, 2 * Math.PI);
  const strength = low ? random.between(0.3, 0.55) : random.between(0.2, 0.45);
  const tint = low
    ? [1, random.between(0.84, 0.9), random.between(0.62, 0.74)]
    : random.chance(0.5)
      ? [1, 0.96, 0.86]
      : [1, 1, 1];
  // Under-exposure before the phone brightens the photo again (which amplifies the noise, sensor()).
  const exposure = low ? random.between(0.5, 0.72) : 1;
  const dx = Math.cos(angle) / width;
  const dy = Math.sin(angle) / height;
  const offset = Math.min(0, dx * width) + Math.min(0, dy * height);
  const span = Math.abs(dx * width) + Math.abs(dy * height);
  const gains = tint.map((t) => t * exposure);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const along = (x * dx + y * dy - offset) / span;
      const gain = 1.05 - strength * along;
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        data[i + c] = Math.min(255, (data[i + c] as number) * gain * (gains[c] as number));
      }
    }
  }
}

/**
 * A lamp's reflection on glossy or laminated paper: a bright ellipse, washed out to white in its
 * core and fading over about its own size, lying anywhere on the page.
 */
function glare(data: Buffer, width: number, height: number, channels: number, random: Random) {
  const short = Math.min(width, height);
  const cx = random.between(0.2, 0.8) * width;
  const cy = random.between(0.15, 0.85) * height;
  const rx = short * random.between(0.05, 0.16);
  const ry = rx * random.between(0.35, 0.8);
  const angle = random.between(0, Math.PI);
  const peak = random.between(0.75, 1);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const reach = rx * 1.7;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(width - 1, Math.ceil(cx + reach));
  const y0 = Math.max(0, Math.floor(cy - reach));
  const y1 = Math.min(height - 1, Math.ceil(cy + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const u = ((x - cx) * cos + (y - cy) * sin) / rx;
      const v = (-(x - cx) * sin + (y - cy) * cos) / ry;
      const d2 = u * u + v * v;
      if (d2 > 2.9) continue;
      const amount = Math.min(1, peak * 1.35 * Math.exp(-2.2 * d2));
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        const value = data[i + c] as number;
        data[i + c] = value + (255 - value) * amount;
      }
    }
  }
}

/** A straight smear 0.25–0.5 % of the short side long (8–15 px on a 12 MP photo), any direction. */
function motionKernel(short: number, random: Random) {
  const length = short * random.between(0.0025, 0.005);
  const angle = random.between(0, Math.PI);
  const size = 2 * Math.ceil(length / 2) + 1;
  const weights = new Float64Array(size * size);
  const centre = (size - 1) / 2;
  const samples = size * 8;
  for (let s = 0; s < samples; s++) {
    const t = (s / (samples - 1) - 0.5) * length;
    const x = centre + t * Math.cos(angle);
    const y = centre + t * Math.sin(angle);
    // Spread each sample over its four neighbouring cells, so that any angle draws a smooth line.
    const fx = Math.floor(x);
    const fy = Math.floor(y);
    for (const [cx, cy, w] of [
      [fx, fy, (1 - (x - fx)) * (1 - (y - fy))],
      [fx + 1, fy, (x - fx) * (1 - (y - fy))],
      [fx, fy + 1, (1 - (x - fx)) * (y - fy)],
      [fx + 1, fy + 1, (x - fx) * (y - fy)],
    ] as const) {
      const cell = cy * size + cx;
      if (cx >= 0 && cx < size && cy >= 0 && cy < size) weights[cell] = (weights[cell] as number) + w;
    }
  }
  // Integer weights keep libvips on its fast path.
  const kernel = [...weights].map((w) => Math.round((w * 1000) / samples));
  return { width: size, height: size, kernel, scale: kernel.reduce((a, b) => a + b, 0) };
}

/**
 * The sensor: noise, much stronger in low light, where the phone's gain also shows as blotches of
 * colour (chroma noise, left coarse by its denoising).
 */
function sensor(data: Buffer, width: number, height: number, channels: number, random: Random, low: boolean) {
  const noiseSigma = low ? random.between(9, 18) : random.between(3, 10);
  const chromaSigma = low ? random.between(3, 7) : 0;
  const gaussian = gaussians(random);
  const cw = Math.ceil(width / 2);
  const chroma =
    chromaSigma > 0 ? Float32Array.from({ length: cw * Math.ceil(height / 2) * 3 }, gaussian) : null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const noise = gaussian() * noiseSigma;
      const i = (y * width + x) * channels;
      const ci = ((y >> 1) * cw + (x >> 1)) * 3;
      for (let c = 0; c < 3; c++) {
        const colour = chroma ? (chroma[ci + c] as number) * chromaSigma : 0;
        data[i + c] = Math.max(0, Math.min(255, (data[i + c] as number) + noise + colour));
      }
    }
  }
}

/** Standard normal numbers, both of each Box–Muller pair used. */
function gaussians(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const r = Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12)));
    const a = 2 * Math.PI * random.next();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

interface Curve {
  forward: Warp;
  /** For each photo column (bending along x) or row (along y): where it comes from. */
  inverse: { alongX: boolean; source: Float64Array; scale: Float64Array; lift: Float64Array; k: number };
}

/**
 * A page bent around an axis (a menu that does not lie flat, the curl of a booklet), seen from a
 * camera above it: lines bow, letters near the fold are squeezed, the near part looks larger.
 * Along the bend, a point at arc length s from the centre lies at angle θ = s/R on a cylinder of
 * radius R; it is seen at R·sin θ, scaled by the perspective D/(D + depth); across the bend it is
 * scaled likewise and lifted a little (the camera not square to the axis).
 */
function drawCurve(width: number, height: number, random: Random): Curve {
  const alongX = random.chance(0.7);
  const [along, across] = alongX ? [width, height] : [height, width];
  const bend = random.between(0.5, 1.1); // radians over the frame
  const radius = along / bend;
  const toward = random.chance(0.5) ? 1 : -1; // edges curl toward the camera, or the middle bulges
  const distance = 1.3 * Math.max(width, height);
  const lift = random.between(-0.02, 0.02) * across;
  const half = bend / 2;
  const project = (theta: number) => {
    const depth = -toward * radius * (1 - Math.cos(theta));
    const scale = distance / (distance + depth);
    return {
      at: radius * Math.sin(theta) * scale,
      scale,
      lift: (lift * (1 - Math.cos(theta))) / (1 - Math.cos(half)),
    };
  };
  // Shrink the whole photo if the page's ends would leave the frame.
  const k = Math.min(1, along / 2 / Math.max(project(half).at, -project(-half).at));
  const forward: Warp = (x, y) => {
    const [a, c] = alongX ? [x - width / 2, y - height / 2] : [y - height / 2, x - width / 2];
    const p = project(a / radius);
    const a2 = k * p.at;
    const c2 = k * (c * p.scale + p.lift);
    return alongX ? [a2 + width / 2, c2 + height / 2] : [c2 + width / 2, a2 + height / 2];
  };
  // Invert along the bend by a table of θ (the projection is monotonic over the range used).
  const steps = 4096;
  const reach = Math.min(1.4, half * 1.6);
  const table = Array.from({ length: steps + 1 }, (_, i) => {
    const theta = -reach + (2 * reach * i) / steps;
    return { theta, ...project(theta), at: k * project(theta).at };
  });
  const source = new Float64Array(along);
  const scale = new Float64Array(along);
  const lifts = new Float64Array(along);
  let j = 0;
  for (let p = 0; p < along; p++) {
    const target = p + 0.5 - along / 2;
    while (j < steps - 1 && (table[j + 1] as (typeof table)[number]).at < target) j++;
    const lo = table[j] as (typeof table)[number];
    const hi = table[j + 1] as (typeof table)[number];
    const t = Math.max(0, Math.min(1, (target - lo.at) / (hi.at - lo.at || 1)));
    const theta = lo.theta + t * (hi.theta - lo.theta);
    const q = project(theta);
    source[p] = radius * theta + along / 2 - 0.5;
    scale[p] = q.scale;
    lifts[p] = q.lift;
  }
  return { forward, inverse: { alongX, source, scale, lift: lifts, k } };
}

/** Resamples the photo through the curve (bilinear; outside the frame, its nearest edge). */
function remap(data: Buffer, width: number, height: number, channels: number, curve: Curve): Buffer {
  const { alongX, source, scale, lift, k } = curve.inverse;
  const out = Buffer.alloc(data.length);
  const acrossHalf = (alongX ? height : width) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = alongX ? x : y;
      const q = alongX ? y : x;
      const a = source[p] as number;
      const c = ((q + 0.5 - acrossHalf) / k - (lift[p] as number)) / (scale[p] as number) + acrossHalf - 0.5;
      const sx = Math.max(0, Math.min(width - 1.001, alongX ? a : c));
      const sy = Math.max(0, Math.min(height - 1.001, alongX ? c : a));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * width + x0) * channels;
      const i01 = i00 + channels;
      const i10 = i00 + width * channels;
      const i11 = i10 + channels;
      const o = (y * width + x) * channels;
      for (let ch = 0; ch < channels; ch++) {
        const top = (data[i00 + ch] as number) * (1 - fx) + (data[i01 + ch] as number) * fx;
        const bottom = (data[i10 + ch] as number) * (1 - fx) + (data[i11 + ch] as number) * fx;
        out[o + ch] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}
