// The reading half of the pipeline: a prepared photo → Tesseract → dishes.
import { MENU_LANGUAGES, type MenuLanguageCode } from './languages';
import { type MenuReading, readMenuWords } from './menuParser';
import { mergePriceWords, PRICE_PASS_CHARACTERS, PRICE_PASS_MODELS } from './pricePass';
import { thickenStrokes } from './strokes';
import { parseTsv } from './tsv';
import type { PreparedPhoto } from './image';
import { type RecognizeOptions, recognize } from './tesseract';

export interface ReadPhotoOptions extends Omit<RecognizeOptions, 'models'> {
  language: MenuLanguageCode;
}

/** Recognises the text of one prepared photo in `language` and reads its dishes. */
export async function readPhoto(ocr: PreparedPhoto['ocr'], options: ReadPhotoOptions): Promise<MenuReading> {
  const { language, ...recognizeOptions } = options;
  const { tesseract, currency, script } = MENU_LANGUAGES[language];
  const image =
    script === 'han' || script === 'japanese' || script === 'hangul' ? thickenStrokes(ocr.pgm) : ocr.pgm;
  let words = parseTsv(await recognize(image, { ...recognizeOptions, models: tesseract }));
  // Latin-script models know €, $ and £ and read digits well: a second pass would only cost time.
  if (script !== 'latin') {
    const prices = await recognize(ocr.pgm, {
      ...recognizeOptions,
      models: PRICE_PASS_MODELS,
      allowedCharacters: PRICE_PASS_CHARACTERS,
    });
    words = mergePriceWords(words, parseTsv(prices), currency);
  }
  return readMenuWords(words, { width: ocr.width, height: ocr.height, levelling: ocr.levelling, currency });
}
