// "Detect from the photo", through nginx and the real upload route, read by the real Tesseract: a
// menu of each script family, photographed with nothing but the photo sent, comes back in its own
// language, its own currency and with its dishes.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoJob } from '../../lib/protocol';
import { type Stack, startStack } from '../../scripts/stack/index';
import { launchChromium, photographMenu, TEST_MENUS, type TestMenu } from '../support/menuPhotos';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ name: 'detect', replicas: 1 }), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function readWithoutLanguage(photo: Buffer): Promise<PhotoJob> {
  const form = new FormData();
  form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'menu.jpg');
  const response = await fetch(`${stack.url}/api/photos`, { method: 'POST', body: form });
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  for (let i = 0; i < 240; i++) {
    const job = (await (await fetch(`${stack.url}/api/photos/jobs/${jobId}`)).json()) as PhotoJob;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the job did not finish in 60 s');
}

/** Apostrophes and quotes differ between print and OCR (’ and '); the rest must be as printed. */
const comparable = (name: string) =>
  name
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, '');

async function expectRead(menu: TestMenu) {
  const job = await readWithoutLanguage(await photographMenu(browser, menu));
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  const result = job.result;
  if (!result) throw new Error('no result');
  expect(result.language).toBe(menu.language);
  expect(result.languageGuess).toBe(menu.language);
  expect(result.currency).toBe(menu.currency);
  const exact = menu.dishes.filter(([name, , minor]) =>
    result.dishes.some((dish) => comparable(dish.name) === comparable(name) && dish.priceMinor === minor),
  );
  // How well names and prices are read is the benchmark's measure (bench/ocr); here the dishes must
  // come through, with at most two slips of a character or a digit per menu, and no junk lines.
  expect(
    exact.length,
    JSON.stringify(result.dishes.map((d) => [d.name, d.priceMinor])),
  ).toBeGreaterThanOrEqual(menu.dishes.length - 2);
  expect(result.dishes.length).toBeLessThanOrEqual(menu.dishes.length);
}

describe('a menu photo with the language left on Detect', () => {
  describe('Latin script: the language identified from the words', () => {
    for (const key of ['fr', 'es', 'it', 'de', 'vi', 'en']) {
      it(`reads a ${key} menu`, () => expectRead(TEST_MENUS[key] as TestMenu));
    }
  });
  describe('Han: simplified or traditional from the characters', () => {
    for (const key of ['zh-Hans', 'zh-Hant']) {
      it(`reads a ${key} menu`, () => expectRead(TEST_MENUS[key] as TestMenu));
    }
  });
  it('reads a Japanese menu (kana)', () => expectRead(TEST_MENUS.ja as TestMenu));
  it('reads a Korean menu (Hangul)', () => expectRead(TEST_MENUS.ko as TestMenu));
  it('reads a Thai menu, SARA AM composed as printed', () => expectRead(TEST_MENUS.th as TestMenu));
});
