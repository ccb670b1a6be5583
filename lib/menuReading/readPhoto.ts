// The reading half of the pipeline: a prepared photo → Tesseract → dishes.
import type { PreparedPhoto } from './image';
import { MENU_LANGUAGES, type MenuLanguageCode } from './languages';
import { simplifiedForm } from './menuLanguage';
import { type MenuReading, readMenuWords } from './menuParser';
import { mergePriceWords, PRICE_PASS_CHARACTERS, PRICE_PASS_MODELS } from './pricePass';
import { thickenStrokes } from './strokes';
import { type OcrWord, parseTsv } from './tsv';
import { rereadWeakRows, surerRows } from './rowReread';
import { type RecognizeOptions, recognize } from './tesseract';

export interface ReadPhotoOptions extends Omit<RecognizeOptions, 'models'> {
  language: MenuLanguageCode;
  /** The main pass's words when they were already recognised (in `language`'s model). */
  recognised?: OcrWord[];
}

/**
 * The main pass: the words Tesseract recognises in the language's model. Simplified Chinese is read
 * by both Chinese models, row by row the surer one: the traditional model knows both kinds of
 * character (it prints a simplified 鱼 as 魚, converted back with OpenCC) and often reads a clean
 * simplified page better than the simplified model (麻婆豆腐, 糖醋 where chi_sim reads 麻波, 糖酯),
 * while chi_sim is better on blurred ones; see bench/ocr/README.md for the figures.
 */
export async function recogniseWords(
  ocr: PreparedPhoto['ocr'],
  options: Omit<ReadPhotoOptions, 'recognised'>,
): Promise<OcrWord[]> {
  if (options.language !== 'zh-Hans') return recogniseInModel(ocr, options);
  return surerRows(
    await recogniseInModel(ocr, options),
    asSimplified(await recogniseInModel(ocr, { ...options, language: 'zh-Hant' })),
  );
}

/** Words read by the traditional model, written in simplified characters. */
export function asSimplified(words: readonly OcrWord[]): OcrWord[] {
  return words.map((word) => ({ ...word, text: simplifiedForm(word.text) }));
}

/**
 * The words Tesseract recognises in exactly `language`'s own model; weak rows are read again (see
 * rowReread.ts) unless the words only serve as evidence of the script.
 */
export async function recogniseInModel(
  ocr: PreparedPhoto['ocr'],
  options: Omit<ReadPhotoOptions, 'recognised'>,
  { rereadWeak = true } = {},
): Promise<OcrWord[]> {
  const { language, ...recognizeOptions } = options;
  const { tesseract, script } = MENU_LANGUAGES[language];
  const image =
    script === 'han' || script === 'japanese' || script === 'hangul' ? thickenStrokes(ocr.pgm) : ocr.pgm;
  const pass = { ...recognizeOptions, models: tesseract, localThreshold: ocr.dim === true };
  const words = parseTsv(await recognize(image, pass));
  return rereadWeak ? rereadWeakRows(image, words, { ...pass, script }) : words;
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
      localThreshold: ocr.dim === true,
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
