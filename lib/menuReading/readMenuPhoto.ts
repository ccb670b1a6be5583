// One photo in, dishes out, in the host's language or (left on "Detect") in the language the photo
// is printed in. The upload job and the OCR benchmark both call this, so the benchmark measures
// what ships.
//
// Detecting costs readings, and the host waits for them, so each script gets the cheapest sure path:
// Tesseract's script detection first (~0.5 s); Hangul and Thai are then read in their one language;
// a Latin-script page gets a first pass whose text identifies the language (menuLanguage.ts) and is
// read again in that language's model; a Chinese page is read by both Chinese models and the
// characters decide which one printed it; a Japanese page is checked for kana.
import type { OcrImage } from './image';
import { type MenuLanguageCode, MENU_LANGUAGES } from './languages';
import { hanVariant, identifyLatinLanguage } from './menuLanguage';
import type { MenuReading } from './menuParser';
import { asSimplified, type ReadPhotoOptions, readPhoto, recogniseInModel } from './readPhoto';
import { surerRows } from './rowReread';
import { detectScript, recognize } from './tesseract';
import { groupLines, parseTsv } from './tsv';

export interface MenuPhotoReading extends MenuReading {
  language: MenuLanguageCode;
  /** Whether `language` was identified from the photo rather than chosen by the host. */
  detected: boolean;
}

export interface ReadMenuPhotoOptions extends Omit<ReadPhotoOptions, 'language' | 'recognised'> {
  /** The host's choice, or null for "Detect from the photo". */
  language: MenuLanguageCode | null;
}

type PassOptions = Omit<ReadPhotoOptions, 'language' | 'recognised'>;

/**
 * The models of the first pass over a Latin-script page, whose text only identifies the language:
 * Vietnamese and French together know every letter the six Latin-script menu languages use (the
 * English model alone drops the accents that tell them apart; Tesseract's whole-script "Latin"
 * model reads no better and takes twice as long).
 */
export const LATIN_FIRST_PASS = 'vie+fra';
/** Languages tried in turn when script detection finds nothing it knows, at most three readings. */
const FALLBACK_LANGUAGES: MenuLanguageCode[] = ['ko', 'ja', 'zh-Hans', 'th'];
const MAX_FALLBACK_READINGS = 3;

/**
 * A detected reading with fewer dishes than this is doubtful. Script detection is least reliable on
 * Hangul (on the benchmark it took 4 of 10 Korean photos for Japanese or Latin, and the Japanese model
 * then reads 2 "dishes" of kana where Korean reads 15), so a doubtful page is read once more in
 * Korean, which is kept when it reads more dishes and is not doubtful itself. Trying every language
 * instead swapped one garbage reading for another on photos nothing reads (Japanese and Chinese lost
 * precision and language right) and cost up to 50 s.
 */
const DOUBTFUL_BELOW = 4;

export async function readMenuPhoto(ocr: OcrImage, options: ReadMenuPhotoOptions): Promise<MenuPhotoReading> {
  const { language, ...pass } = options;
  if (language) return { ...(await readPhoto(ocr, { ...pass, language })), language, detected: false };
  const reading = await readDetected(ocr, pass);
  if (reading.dishes.length >= DOUBTFUL_BELOW || reading.language === 'ko') return reading;
  const korean = await readAs(ocr, pass, 'ko');
  // Only a reading that is not doubtful itself replaces it: one garbage reading is as bad as another.
  return korean.dishes.length >= DOUBTFUL_BELOW && korean.dishes.length > reading.dishes.length
    ? korean
    : reading;
}

async function readDetected(ocr: OcrImage, pass: PassOptions): Promise<MenuPhotoReading> {
  const guess = await detectScript(ocr.pgm, { timeoutMs: 10_000, signal: pass.signal });
  switch (guess.script) {
    case 'latin':
      return readLatin(ocr, pass);
    case 'han':
      return readHan(ocr, pass);
    case 'japanese': {
      const reading = await readAs(ocr, pass, 'ja');
      // Script detection takes a page of kanji for Japanese now and then; Japanese menus write kana.
      return kanaShare(reading) > 0 || reading.dishes.length === 0 ? reading : readHan(ocr, pass);
    }
    case 'hangul':
      return readAs(ocr, pass, 'ko');
    case 'thai':
      return readAs(ocr, pass, 'th');
    default:
      return readWithoutScript(ocr, pass);
  }
}

async function readAs(
  ocr: OcrImage,
  pass: PassOptions,
  language: MenuLanguageCode,
): Promise<MenuPhotoReading> {
  return { ...(await readPhoto(ocr, { ...pass, language })), language, detected: true };
}

async function identifyLatin(ocr: OcrImage, pass: PassOptions) {
  const words = parseTsv(
    await recognize(ocr.pgm, { ...pass, models: LATIN_FIRST_PASS, localThreshold: ocr.dim === true }),
  );
  const lines = groupLines(words).map((line) => line.text);
  return { lines, words, evidence: identifyLatinLanguage(lines) };
}

async function readLatin(ocr: OcrImage, pass: PassOptions): Promise<MenuPhotoReading> {
  const { evidence } = await identifyLatin(ocr, pass);
  return readAs(ocr, pass, evidence.language);
}

async function readHan(ocr: OcrImage, pass: PassOptions): Promise<MenuPhotoReading> {
  const [simplifiedWords, traditionalWords] = [
    await recogniseInModel(ocr, { ...pass, language: 'zh-Hans' }, { rereadWeak: false }),
    await recogniseInModel(ocr, { ...pass, language: 'zh-Hant' }),
  ];
  // The simplified model's doubts say which characters the page uses; on a simplified page each row
  // is then taken from the surer of the two readings (see recogniseWords).
  const language = hanVariant(simplifiedWords, traditionalWords).variant;
  const recognised =
    language === 'zh-Hans' ? surerRows(simplifiedWords, asSimplified(traditionalWords)) : traditionalWords;
  const reading: MenuPhotoReading = {
    ...(await readPhoto(ocr, { ...pass, language, recognised })),
    language,
    detected: true,
  };
  // Prices in 円 are yen: a Japanese menu written without kana (or read without them).
  return reading.currency === 'JPY' ? readAs(ocr, pass, 'ja') : reading;
}

/**
 * Script detection needs a few lines of text and may name a script no menu language writes (it takes
 * blurred Thai for Arabic). A Latin first pass that recognises most of its words with confidence is
 * a Latin page; otherwise each non-Latin language is tried until one reads at least two dishes.
 */
async function readWithoutScript(ocr: OcrImage, pass: PassOptions): Promise<MenuPhotoReading> {
  const latin = await identifyLatin(ocr, pass);
  const letters = latin.words.filter((word) => /\p{L}{2}/u.test(word.text));
  const confident = letters.filter((word) => word.confidence >= 70);
  if (letters.length >= 4 && confident.length >= letters.length * 0.7)
    return readAs(ocr, pass, latin.evidence.language);
  let best: MenuPhotoReading | null = null;
  for (const language of FALLBACK_LANGUAGES.slice(0, MAX_FALLBACK_READINGS)) {
    const reading = await readAs(ocr, pass, language);
    if (!best || reading.dishes.length > best.dishes.length) best = reading;
    if (reading.dishes.length >= 2) break;
  }
  return (
    best ?? { currency: MENU_LANGUAGES.en.currency, dishes: [], lines: [], language: 'en', detected: true }
  );
}

function kanaShare(reading: MenuReading): number {
  const text = reading.dishes.map((dish) => dish.name).join('');
  const kana = (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  return kana / Math.max(1, text.length);
}
