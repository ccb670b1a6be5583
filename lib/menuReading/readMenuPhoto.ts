// One photo in, dishes out, in the host's language or (left on "Detect") in the language the photo
// is printed in. The upload job and the OCR benchmark both call this, so the benchmark measures
// what ships.
import type { OcrImage } from './image';
import type { MenuLanguageCode } from './languages';
import type { MenuReading } from './menuParser';
import { type ReadPhotoOptions, readPhoto } from './readPhoto';
import { detectScript } from './tesseract';

export interface MenuPhotoReading extends MenuReading {
  language: MenuLanguageCode;
  /** Whether `language` was identified from the photo rather than chosen by the host. */
  detected: boolean;
}

export interface ReadMenuPhotoOptions extends Omit<ReadPhotoOptions, 'language'> {
  /** The host's choice, or null for "Detect from the photo". */
  language: MenuLanguageCode | null;
}

/** Languages tried, in this order after the script guess, when the host did not choose one. */
const FALLBACK_LANGUAGES: MenuLanguageCode[] = ['ko', 'ja', 'zh-Hans', 'th', 'en'];
const MAX_LANGUAGE_TRIES = 3;

export async function readMenuPhoto(ocr: OcrImage, options: ReadMenuPhotoOptions): Promise<MenuPhotoReading> {
  const { language, ...readOptions } = options;
  if (language) return { ...(await readPhoto(ocr, { ...readOptions, language })), language, detected: false };
  const detected = (await detectScript(ocr.pgm, { timeoutMs: 10_000, signal: readOptions.signal })).language;
  const candidates = [...new Set([...(detected ? [detected] : []), ...FALLBACK_LANGUAGES])];
  let best: MenuPhotoReading | null = null;
  for (const candidate of candidates.slice(0, MAX_LANGUAGE_TRIES)) {
    const reading = await readPhoto(ocr, { ...readOptions, language: candidate });
    if (!best || reading.dishes.length > best.dishes.length)
      best = { ...reading, language: candidate, detected: true };
    if (reading.dishes.length >= 2) break;
  }
  return best ?? { currency: 'USD', dishes: [], lines: [], language: 'en', detected: true };
}
