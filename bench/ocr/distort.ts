// What a phone does to a menu after the lens: optical blur, uneven light, sensor noise, JPEG.
// (Rotation and perspective happen earlier, in the page, where they are exact.)
import sharp from 'sharp';
import type { Random } from './random';

export async function encodeClean(png: Buffer): Promise<Buffer> {
  return sharp(png).jpeg({ quality: 92 }).toBuffer();
}

export async function encodeDistorted(png: Buffer, random: Random): Promise<Buffer> {
  const blurSigma = random.between(0.6, 1.6);
  const { data, info } = await sharp(png)
    .removeAlpha()
    .blur(blurSigma)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  // Light falls off across the page from one side, and a warm lamp tints it.
  const angle = random.between(0, 2 * Math.PI);
  const strength = random.between(0.2, 0.45);
  const tint = random.chance(0.5) ? [1, 0.96, 0.86] : [1, 1, 1];
  const noiseSigma = random.between(3, 10);
  const dx = Math.cos(angle) / width;
  const dy = Math.sin(angle) / height;
  const offset = Math.min(0, dx * width) + Math.min(0, dy * height);
  const span = Math.abs(dx * width) + Math.abs(dy * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const along = (x * dx + y * dy - offset) / span;
      const gain = 1.05 - strength * along;
      const noise = random.gaussian() * noiseSigma;
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) {
        const value = (data[i + c] as number) * gain * (tint[c] as number) + noise;
        data[i + c] = Math.max(0, Math.min(255, value));
      }
    }
  }
  return sharp(data, { raw: { width, height, channels } })
    .jpeg({ quality: random.int(60, 80) })
    .toBuffer();
}
