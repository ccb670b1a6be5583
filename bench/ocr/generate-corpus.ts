// Renders realistic menu photos with their ground truth, deterministically from a seed.
//   npx tsx bench/ocr/generate-corpus.ts [--seed 1] [--per-language N] [--languages ko,ja] [--out dir]
// Each menu is photographed twice: flat and sharp ("clean"), and hand-held ("distorted": rotation up
// to 5°, perspective, blur, uneven light, noise, JPEG 60–80, sometimes an EXIF orientation and GPS;
// in a share of them a curved page, motion blur, glare or low light, see distort.ts).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { chromiumArgs } from '../../e2e/chromium';
import { DEFAULT_CORPUS_DIR, type Truth } from './corpus';
import { encodeClean, encodeDistorted, type Warp } from './distort';
import { checkFonts, FONTS } from './fonts';
import { FIT_AND_MEASURE, type Frame, menuHtml } from './menuHtml';
import { drawMenuSpec, layoutsFor, type MenuSpec } from './menuSpec';
import { PRICE_STYLES, SECTION_PRICE_WORDS } from './prices';
import { Random } from './random';
import { type CorpusLanguage, MENU_KINDS, type MenuKindId, VOCABULARIES } from './vocab';

/** By default a language gets one menu per layout that suits it, and more until it has this many dishes. */
export const MIN_DISHES_PER_LANGUAGE = 60;

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'per-language': { type: 'string' },
    languages: { type: 'string', default: Object.keys(VOCABULARIES).join(',') },
    out: { type: 'string', default: DEFAULT_CORPUS_DIR },
  },
});
const seed = Number(values.seed);
const languages = values.languages.split(',') as CorpusLanguage[];
for (const language of languages) {
  if (!(language in VOCABULARIES)) throw new Error(`Unknown language ${language}`);
}
const outDir = values.out;
const enough = (language: CorpusLanguage, menus: number, dishes: number) =>
  values['per-language']
    ? menus >= Number(values['per-language'])
    : menus >= layoutsFor(language).length && dishes >= MIN_DISHES_PER_LANGUAGE;

/** A number per language from its code, so that a language's menus do not depend on the others chosen. */
const languageStream = (language: string) =>
  [...language].reduce(
    (hash, c) => Math.imul(hash ^ (c.codePointAt(0) as number), 16_777_619) >>> 0,
    2_166_136_261,
  );

const TABLES = ['#6b4a2f', '#3a3a3a', '#8c7b6b', '#2f3b46', '#a07850'];

/**
 * Phone photo sizes: mostly 12 MP (the target), some 8 MP, some already shrunk by a messenger app.
 * Every third menu of a language is smaller (which ones shifts with the seed), so that each
 * language has 12 MP photos to time.
 */
function drawSize(spec: MenuSpec, index: number, random: Random): { width: number; height: number } {
  const [long, short] =
    (index + seed) % 3 !== 2
      ? [4000, 3000]
      : random.pick([
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

/** The axis-aligned box around a box of the page after the photo's warp (edges sampled), in 0..1. */
function warpBox(box: { x: number; y: number; w: number; h: number }, warp: Warp, frame: Frame) {
  const points: [number, number][] = [];
  for (let i = 0; i <= 8; i++) {
    const x = box.x + (box.w * i) / 8;
    const y = box.y + (box.h * i) / 8;
    points.push(warp(x, box.y), warp(x, box.y + box.h), warp(box.x, y), warp(box.x + box.w, y));
  }
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  const left = clamp(Math.min(...points.map(([x]) => x)) / frame.width);
  const right = clamp(Math.max(...points.map(([x]) => x)) / frame.width);
  const top = clamp(Math.min(...points.map(([, y]) => y)) / frame.height);
  const bottom = clamp(Math.max(...points.map(([, y]) => y)) / frame.height);
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/** All the text a kind of menu prints, for the font check. */
function textOf(kind: MenuKindId): string {
  const { vocabulary } = Object.values(MENU_KINDS)
    .flat()
    .find((k) => k.id === kind) as (typeof MENU_KINDS)[CorpusLanguage][number];
  const random = new Random(1);
  const prices = PRICE_STYLES[kind].flatMap((style) =>
    Array.from({ length: 20 }, () => style.format(style.draw(random))),
  );
  return [
    ...vocabulary.titles,
    ...vocabulary.categories,
    ...vocabulary.dishes,
    ...vocabulary.descriptions,
    ...prices,
    SECTION_PRICE_WORDS[kind]?.word ?? '',
  ].join('');
}

async function main(): Promise<void> {
  const started = performance.now();
  checkFonts(
    languages.flatMap((language) => MENU_KINDS[language].map((kind) => kind.id)).filter((id) => id in FONTS),
    textOf,
  );
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumArgs,
  });
  const truths: string[] = [];
  const counts: Record<string, { menus: number; dishes: number }> = {};
  try {
    const page = await browser.newPage();
    for (const language of languages) {
      let dishCount = 0;
      let index = 0;
      for (; !enough(language, index, dishCount); index++) {
        // One generator per menu, so adding languages or menus does not change the others.
        const random = new Random(seed * 100_003 + languageStream(language) * 1_009 + index);
        const spec = drawMenuSpec(language, index, random, seed);
        const size = drawSize(spec, index, random);
        const fontPx = Math.round(Math.min(size.width, size.height) * random.between(0.016, 0.024));
        const dishes = spec.sections.flatMap(({ category, dishes }) =>
          dishes.map((dish) => ({ ...dish, category })),
        );
        dishCount += dishes.length;
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
          const photo =
            condition === 'clean'
              ? { jpeg: await encodeClean(png), effects: [], warp: ((x, y) => [x, y]) as Warp }
              : await encodeDistorted(png, random);
          const jpeg = condition === 'clean' ? photo.jpeg : await asPhoneFile(photo.jpeg, random);
          const name = `${language}-${index}-${condition}`;
          writeFileSync(join(outDir, `${name}.jpg`), jpeg);
          const truth: Truth = {
            image: `${name}.jpg`,
            language,
            currency: spec.currency,
            condition,
            layout: spec.layout,
            kind: spec.kind,
            fonts: { body: spec.bodyFont, heading: spec.headingFont },
            ...(condition === 'distorted' ? { effects: photo.effects } : {}),
            width: frame.width,
            height: frame.height,
            dishes: dishes.map((dish, i) => ({
              name: dish.name,
              priceMinor: dish.priceMinor,
              priceText: dish.priceText,
              category: dish.category,
              priceFrom: dish.sectionPriced ? 'section' : 'row',
              box: warpBox(boxes[i] ?? { x: 0, y: 0, w: 0, h: 0 }, photo.warp, frame),
            })),
          };
          writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(truth, null, 2)}\n`);
          truths.push(`${name}.json`);
          console.log(
            `${name}: ${spec.kind} ${spec.layout}, ${frame.width}×${frame.height}, ${dishes.length} dishes, ${spec.bodyFont}${photo.effects.length ? `, ${photo.effects.join(' ')}` : ''}`,
          );
        }
      }
      counts[language] = { menus: index, dishes: dishCount };
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ seed, truths }, null, 2)}\n`);
  for (const [language, { menus, dishes }] of Object.entries(counts)) {
    console.log(`${language}: ${menus} menus, ${dishes} dishes per condition`);
  }
  console.log(`${truths.length} photos in ${outDir} (${Math.round((performance.now() - started) / 1000)} s)`);
}

await main();
