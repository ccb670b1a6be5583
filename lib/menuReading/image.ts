// Turns an uploaded file into the two images the product keeps: one to show, one to read.
// Nothing here trusts the file: its type comes from its bytes, its size and pixel count are capped
// before decoding, and the outputs carry no metadata (EXIF, GPS, XMP, ICC) from the phone.
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { PhotoErrorCode } from '../protocol';
import { PhotoError } from './errors';
import { eraseNonText } from './cleanup';
import { type Levelling, levelImage, measureLevelling, needsLevelling } from './skew';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** 40 MP: above every phone camera's default mode (12–24 MP, 48–50 MP sensors bin to 12), below a bomb. */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Long side of the image Tesseract reads: see bench/ocr/README.md for the accuracy/time measurements. */
export const OCR_LONG_SIDE = 2000;
/** Long side of the image the room shows: sharp enough to read a line at arm's length on a phone. */
export const DISPLAY_LONG_SIDE = 1600;
/** After dividing by the paper's brightness, this and lighter is paper (see readableGray). */
const PAPER_WHITE = 235;
/**
 * A photo whose brightest tenth (the paper) is darker than this was taken in dim light. On the
 * benchmark every low-light photo has it at 92–152 and every other one at 213 or more.
 */
const DIM_PAPER = 180;

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic';

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** The image type from the file's first bytes, whatever its name or declared type says. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  // ISO base media file: size, "ftyp", major brand. AVIF shares the container but not the brand.
  if (ascii(4, 8) === 'ftyp' && HEIC_BRANDS.has(ascii(8, 12)) && !ascii(8, 64).includes('avif'))
    return 'heic';
  return null;
}

/** Whether this build of libvips can decode HEIC (sharp's prebuilt one reads only AVIF, for patent reasons). */
export function canDecodeHeic(): boolean {
  const suffixes: readonly string[] = sharp.format.heif?.input.fileSuffix ?? [];
  return suffixes.includes('.heic');
}

function looksLikeSvgOrText(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<') || head.includes('<svg');
}

/** Grayscale, evenly lit, straightened, without leaders; a binary PGM file for Tesseract. */
export interface OcrImage {
  pgm: Buffer;
  width: number;
  height: number;
  /** How the rows were levelled; boxes are mapped back onto the photo with unlevelBox. */
  levelling: Levelling;
  /** Taken in dim light (see isDim): Tesseract then binarises it locally (tesseract.ts). */
  dim?: boolean;
}

export interface PreparedPhoto {
  /** Upright size of the original, after EXIF orientation. */
  width: number;
  height: number;
  display: { bytes: Buffer; contentType: 'image/webp'; width: number; height: number };
  /** What Tesseract reads: see readableGray. */
  ocr: OcrImage;
}

/**
 * The checks that need only the first bytes and the header: size, type (from the bytes), decoder
 * support, and pixel count (a decompression bomb is refused before a pixel is decoded). Cheap
 * enough for the upload route to run before accepting a file. Throws PhotoError with a message
 * that starts with `name` (the file name, or "The photo").
 */
export async function checkPhoto(bytes: Uint8Array, name = 'The photo'): Promise<Metadata> {
  const fail = (code: PhotoErrorCode, problem: string, cause?: unknown) =>
    new PhotoError(code, `${name} ${problem}`, { cause });
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw fail('too_large', `is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
  }
  const type = sniffImageType(bytes);
  if (type === null) {
    throw fail(
      'unsupported_type',
      looksLikeSvgOrText(bytes)
        ? 'is an SVG or text file, not a photo. Send a JPEG, PNG, WebP or HEIC photo.'
        : 'is not a JPEG, PNG, WebP or HEIC photo.',
    );
  }
  if (type === 'heic' && !canDecodeHeic()) {
    throw fail(
      'unsupported_type',
      'is a HEIC photo, which cannot be read here. Pick it from the photo library (the phone then sends a JPEG) or set the camera to "Most Compatible".',
    );
  }
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw fail('corrupt_image', 'is damaged or not a complete image.', error);
    });
  const { width = 0, height = 0 } = header;
  if (width * height > MAX_PHOTO_PIXELS) {
    throw fail(
      'too_many_pixels',
      `has ${width}×${height} pixels, more than ${MAX_PHOTO_PIXELS / 1e6} megapixels.`,
    );
  }
  return header;
}

/**
 * Checks (checkPhoto), decodes, orients, strips and resizes one uploaded photo.
 * Throws PhotoError with a message that starts with `name` (the file name, or "The photo").
 */
export async function preparePhoto(
  bytes: Uint8Array,
  name = 'The photo',
  { ocrLongSide = OCR_LONG_SIDE }: { ocrLongSide?: number } = {},
): Promise<PreparedPhoto> {
  const header = await checkPhoto(bytes, name);
  const { width = 0, height = 0 } = header;
  try {
    // failOn 'error' rejects truncated and broken files but tolerates harmless warnings that some
    // phone JPEGs carry (e.g. extraneous bytes before a marker).
    const source = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' }).autoOrient();
    const [display, ocr] = await Promise.all([
      source
        .clone()
        .resize(DISPLAY_LONG_SIDE, DISPLAY_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true }),
      readableGray(source.clone(), ocrLongSide),
    ]);
    const upright = header.autoOrient ?? { width, height };
    return {
      width: upright.width,
      height: upright.height,
      display: {
        bytes: display.data,
        contentType: 'image/webp',
        width: display.info.width,
        height: display.info.height,
      },
      ocr,
    };
  } catch (error) {
    throw new PhotoError('corrupt_image', `${name} is damaged or not a complete image.`, { cause: error });
  }
}

/**
 * The version Tesseract reads: grayscale at `longSide` (enlarged if need be: Tesseract wants
 * letters at least ~20 px high), divided by an estimate of the paper's
 * brightness (which flattens uneven light and turns a dark table around the menu white: without it
 * Tesseract's layout analysis takes the dark border for a picture and finds no text at all), with
 * its rows levelled (skew.ts) and its dotted leaders and other non-text shapes erased (cleanup.ts).
 */
async function readableGray(pipeline: Sharp, longSide: number): Promise<OcrImage> {
  const gray = await pipeline
    .resize(longSide, longSide, { fit: 'inside' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = gray.info;
  const dim = isDim(gray.data);
  const paper = await estimatePaper(gray.data, width, height);
  const flat = new Uint8Array(gray.data.length);
  // A plain loop over ~4 M bytes takes a few milliseconds; sharp's composite "colour-dodge" computes
  // the same quotient but takes ~200 ms of CPU. Anything within PAPER_WHITE of the paper becomes
  // pure white: left as faint grain, Tesseract's threshold on a page without text would turn the
  // grain into "letters" and read dishes out of a table top.
  for (let i = 0; i < flat.length; i++) {
    const value = ((gray.data[i] as number) * 255 * 255) / (Math.max(1, paper[i] as number) * PAPER_WHITE);
    flat[i] = Math.min(255, value);
  }
  // The row slopes are measured at quarter size, where it is cheap and the type is still legible.
  const small = await oneChannel(
    sharp(flat, { raw: { width, height, channels: 1 } }).resize(
      Math.round(width / 4),
      Math.round(height / 4),
      {
        fit: 'fill',
      },
    ),
  );
  const levelling = measureLevelling(small.data, small.width, small.height, width / small.width);
  const level = needsLevelling(levelling) ? levelImage(flat, width, height, levelling) : flat;
  eraseNonText(level, width, height);
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return { pgm: Buffer.concat([header, level]), width, height, levelling, dim };
}

/**
 * Whether the photo was taken in dim light: its brightest tenth, where the paper is, is grey. Such
 * photos are under-exposed and grainy; flattening evens their light but keeps the grain, and
 * Tesseract's one global (Otsu) threshold then breaks strokes and keeps specks.
 */
export function isDim(gray: Uint8Array): boolean {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < gray.length; i++)
    histogram[gray[i] as number] = (histogram[gray[i] as number] ?? 0) + 1;
  let brighter = 0;
  for (let value = 255; value >= 0; value--) {
    brighter += histogram[value] as number;
    if (brighter >= gray.length * 0.1) return value < DIM_PAPER;
  }
  return false;
}

/** Raw one-channel pixels: sharp turns one-channel raw input into sRGB unless told otherwise. */
async function oneChannel(pipeline: Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (data.length !== info.width * info.height) throw new Error('expected one channel');
  return { data, width: info.width, height: info.height };
}

/**
 * The brightness the paper would have without ink: the lightest pixel around (a max filter wider
 * than the thickest stroke, so bold headings vanish too), smoothed. Done at quarter size, where an
 * 11 px window spans ~44 px of the full image, and scaled back up: fast, and smooth enough that
 * dividing by it leaves no seams. (sharp's erode and dilate are binary, not grey-level, filters.)
 */
async function estimatePaper(gray: Buffer, width: number, height: number): Promise<Buffer> {
  const raw = { raw: { width, height, channels: 1 as const } };
  const small = await oneChannel(
    sharp(gray, raw)
      .resize(Math.max(1, Math.round(width / 4)), Math.max(1, Math.round(height / 4)), { fit: 'fill' })
      // A median first, or the max filter would pick sensor noise peaks and leave blotches.
      .median(3),
  );
  const lightest = maxFilter(small.data, small.width, small.height, 5);
  const paper = await oneChannel(
    sharp(lightest, { raw: { width: small.width, height: small.height, channels: 1 } })
      .blur(6)
      .resize(width, height, { fit: 'fill', kernel: 'linear' }),
  );
  return paper.data;
}

/** Grey-level max filter over a (2r+1)² square, as a horizontal then a vertical pass. */
function maxFilter(data: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++) {
        max = Math.max(max, data[y * width + k] as number);
      }
      across[y * width + x] = max;
    }
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let k = Math.max(0, y - radius); k <= Math.min(height - 1, y + radius); k++) {
        max = Math.max(max, across[k * width + x] as number);
      }
      out[y * width + x] = max;
    }
  }
  return out;
}
