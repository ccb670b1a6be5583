// The reading half of the pipeline: a prepared photo → Tesseract → dishes.
import { MENU_LANGUAGES, type MenuLanguageCode } from './languages';
import { type MenuReading, readMenu } from './menuParser';
import type { PreparedPhoto } from './image';
import { type RecognizeOptions, recognize } from './tesseract';

export interface ReadPhotoOptions extends Omit<RecognizeOptions, 'models'> {
  language: MenuLanguageCode;
}

/** Recognises the text of one prepared photo in `language` and reads its dishes. */
export async function readPhoto(ocr: PreparedPhoto['ocr'], options: ReadPhotoOptions): Promise<MenuReading> {
  const { language, ...recognizeOptions } = options;
  const { tesseract, currency } = MENU_LANGUAGES[language];
  const tsv = await recognize(ocr.pgm, { ...recognizeOptions, models: tesseract });
  return readMenu(tsv, { width: ocr.width, height: ocr.height, levelling: ocr.levelling, currency });
}
