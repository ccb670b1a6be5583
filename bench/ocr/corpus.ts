// The corpus on disk: one image per menu photo and its ground truth next to it, listed in a manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DEFAULT_CORPUS_DIR = 'bench-results/ocr-corpus';

const BoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

export const TruthSchema = z.object({
  image: z.string(),
  language: z.string(),
  currency: z.string(),
  condition: z.enum(['clean', 'distorted']),
  layout: z.string(),
  /** Where the menu is printed when one language has several (zh-Hant: Taiwan or Hong Kong). */
  kind: z.string().optional(),
  /** Font stacks of the dishes and of the headings. */
  fonts: z.object({ body: z.string(), heading: z.string() }).optional(),
  /** The stronger distortions this photo got, beyond the usual ones (distort.ts). */
  effects: z.array(z.string()).optional(),
  width: z.number().int(),
  height: z.number().int(),
  dishes: z.array(
    z.object({
      name: z.string(),
      priceMinor: z.number().int(),
      priceText: z.string(),
      category: z.string(),
      /** 'section': the dish's row shows no price, its section heading does (layout sectionPrices). */
      priceFrom: z.enum(['row', 'section']).optional(),
      /** Normalised 0..1 to the image, axis-aligned around name and price. */
      box: BoxSchema,
    }),
  ),
});
export type Truth = z.infer<typeof TruthSchema>;

export const ManifestSchema = z.object({ seed: z.number(), truths: z.array(z.string()) });

export function readCorpus(dir: string): Truth[] {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  return manifest.truths.map((file) => TruthSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
}
