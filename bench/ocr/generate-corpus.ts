// Renders realistic menu photos with their ground truth, deterministically from a seed.
//   npx tsx bench/ocr/generate-corpus.ts [--seed 1] [--per-language 3] [--languages ko,ja] [--out dir]
// Each menu is photographed twice: flat and sharp ("clean"), and hand-held ("distorted": rotation up
// to 5°, perspective, blur, uneven light, noise, JPEG 60–80, sometimes an EXIF orientation and GPS).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { MENU_LANGUAGES } from '../../lib/menuReading/languages';
import { DEFAULT_CORPUS_DIR, type Truth } from './corpus';
import { encodeClean, encodeDistorted } from './distort';
import { FIT_AND_MEASURE, type Frame, menuHtml } from './menuHtml';
import { drawMenuSpec, layoutsFor, type MenuSpec } from './menuSpec';
import { Random } from './random';
import { type CorpusLanguage, VOCABULARIES } from './vocab';
import { chromiumArgs } from '../../e2e/chromium';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    // Default: one menu per layout that suits the language (3 or 4).
    'per-language': { type: 'string' },
    languages: { type: 'string', default: Object.keys(VOCABULARIES).join(',') },
    out: { type: 'string', default: DEFAULT_CORPUS_DIR },
  },
});
const seed = Number(values.seed);
const perLanguage = (language: CorpusLanguage) =>
  values['per-language'] ? Number(values['per-language']) : layoutsFor(language).length;
const languages = values.languages.split(',') as CorpusLanguage[];
const outDir = values.out;

const TABLES = ['#6b4a2f', '#3a3a3a', '#8c7b6b', '#2f3b46', '#a07850'];

/** Phone photo sizes: mostly 12 MP (the target), some 8 MP, some already shrunk by a messenger app. */
function drawSize(spec: MenuSpec, index: number, random: Random): { width: number; height: number } {
  const [long, short] =
    index % 3 === 0
      ? [4000, 3000]
      : random.pick([
          [4000, 3000],
          [3264, 2448],
          [2048, 1536],
        ]);
  return spec.layout === 'columns' ? { width: long, height: short } : { width: short, height: long };
}

function drawFrame(
  size: { width: number; height: number },
  fontPx: number,
  distorted: boolean,
  random: Random,
): Frame {
  if (!distorted) {
    return { ...size, transform: 'none', paperScale: 0.96, fontPx, table: random.pick(TABLES) };
  }
  const tiltX = random.between(-12, 12);
  const tiltY = random.between(-10, 10);
  const rotate = random.between(-5, 5);
  return {
    ...size,
    transform: `perspective(${Math.round(size.width * 1.4)}px) rotateX(${tiltX.toFixed(2)}deg) rotateY(${tiltY.toFixed(2)}deg) rotate(${rotate.toFixed(2)}deg) scale(0.9)`,
    paperScale: 0.97,
    fontPx,
    table: random.pick(TABLES),
  };
}

/** Some phones store the sensor's pixels turned and an EXIF tag saying how to show them; some add GPS. */
async function asPhoneFile(jpeg: Buffer, random: Random): Promise<Buffer> {
  if (!random.chance(0.4)) return jpeg;
  // Orientation 6 means "turn 90° clockwise to show": store the pixels turned the other way.
  return sharp(jpeg)
    .rotate(-90)
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'Phone', Model: 'Camera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 33/1 5910/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '126/1 58/1 4030/100',
      },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const truths: string[] = [];
  try {
    const page = await browser.newPage();
    for (const [languageIndex, language] of languages.entries()) {
      for (let index = 0; index < perLanguage(language); index++) {
        // One generator per menu, so adding languages or menus does not change the others.
        const random = new Random(seed * 100_003 + languageIndex * 1_009 + index);
        const spec = drawMenuSpec(language, index, random);
        const size = drawSize(spec, index, random);
        const fontPx = Math.round(Math.min(size.width, size.height) * random.between(0.016, 0.024));
        for (const condition of ['clean', 'distorted'] as const) {
          const frame = drawFrame(size, fontPx, condition === 'distorted', random);
          await page.setViewportSize({ width: frame.width, height: frame.height });
          await page.setContent(menuHtml(spec, frame), { waitUntil: 'load' });
          await page.evaluate('document.fonts.ready');
          const boxes = (await page.evaluate(FIT_AND_MEASURE)) as {
            x: number;
            y: number;
            w: number;
            h: number;
          }[];
          const png = await page.screenshot({ type: 'png' });
          const jpeg =
            condition === 'clean'
              ? await encodeClean(png)
              : await asPhoneFile(await encodeDistorted(png, random), random);
          const name = `${language}-${index}-${condition}`;
          writeFileSync(join(outDir, `${name}.jpg`), jpeg);
          const dishes = spec.sections.flatMap(({ category, dishes }) =>
            dishes.map((dish) => ({ ...dish, category })),
          );
          const truth: Truth = {
            image: `${name}.jpg`,
            language,
            currency: MENU_LANGUAGES[language].currency,
            condition,
            layout: spec.layout,
            width: frame.width,
            height: frame.height,
            dishes: dishes.map((dish, i) => {
              const box = boxes[i] ?? { x: 0, y: 0, w: 0, h: 0 };
              return {
                name: dish.name,
                priceMinor: dish.priceMinor,
                priceText: dish.priceText,
                category: dish.category,
                box: {
                  x: box.x / frame.width,
                  y: box.y / frame.height,
                  w: box.w / frame.width,
                  h: box.h / frame.height,
                },
              };
            }),
          };
          writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
          truths.push(`${name}.json`);
          console.log(`${name}: ${spec.layout}, ${frame.width}×${frame.height}, ${dishes.length} dishes`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ seed, truths }, null, 2)}\n`);
  console.log(`${truths.length} photos in ${outDir}`);
}

await main();
