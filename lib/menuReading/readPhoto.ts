// The reading half of the pipeline: a prepared photo → Tesseract → dishes.
import type { PreparedPhoto } from './image';
import { MENU_LANGUAGES, type MenuLanguageCode } from './languages';
import { type MenuReading, readMenuWords } from './menuParser';
import { mergePriceWords, PRICE_PASS_CHARACTERS, PRICE_PASS_MODELS } from './pricePass';
import { thickenStrokes } from './strokes';
import { type OcrWord, parseTsv } from './tsv';
import { type RecognizeOptions, recognize } from './tesseract';

export interface ReadPhotoOptions extends Omit<RecognizeOptions, 'models'> {
  language: MenuLanguageCode;
  /** The main pass's words when they were already recognised (in `language`'s model). */
  recognised?: OcrWord[];
}

/** The main pass: the words Tesseract recognises in the language's own model. */
export async function recogniseWords(
  ocr: PreparedPhoto['ocr'],
  options: Omit<ReadPhotoOptions, 'recognised'>,
): Promise<OcrWord[]> {
  const { language, ...recognizeOptions } = options;
  const { tesseract, script } = MENU_LANGUAGES[language];
  const image =
    script === 'han' || script === 'japanese' || script === 'hangul' ? thickenStrokes(ocr.pgm) : ocr.pgm;
  return parseTsv(await recognize(image, { ...recognizeOptions, models: tesseract }));
}

/** Recognises the text of one prepared photo in `language` and reads its dishes. */
export async function readPhoto(ocr: PreparedPhoto['ocr'], options: ReadPhotoOptions): Promise<MenuReading> {
  const { recognised, ...recogniseOptions } = options;
  const { language, ...recognizeOptions } = recogniseOptions;
  const { currency, script } = MENU_LANGUAGES[language];
  let words = recognised ?? (await recogniseWords(ocr, recogniseOptions));
  // Latin-script models know €, $ and £ and read digits well: a second pass would only cost time.
  if (script !== 'latin') {
    const prices = await recognize(ocr.pgm, {
      ...recognizeOptions,
      models: PRICE_PASS_MODELS,
      allowedCharacters: PRICE_PASS_CHARACTERS,
    });
    words = mergePriceWords(words, parseTsv(prices), currency);
  }
  return readMenuWords(words, {
    width: ocr.width,
    height: ocr.height,
    levelling: ocr.levelling,
    currency,
    script,
    language,
  });
}
