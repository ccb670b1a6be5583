// Upload edge cases at the image step: each gets a clear, typed error, and good photos come out
// upright, resized and without any of the phone's metadata. The last case runs the real Tesseract.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PhotoError } from './errors';
import {
  DISPLAY_LONG_SIDE,
  isDim,
  MAX_PHOTO_BYTES,
  OCR_LONG_SIDE,
  preparePhoto,
  sniffImageType,
} from './image';
import { readPhoto } from './readPhoto';

const fixtures = join(import.meta.dirname, '../../test/fixtures/menus');

async function failure(bytes: Uint8Array, name = '"menu.jpg"'): Promise<PhotoError> {
  const error = await preparePhoto(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoError);
  return error as PhotoError;
}

/** A valid PNG whose header claims `width`×`height`, with a few bytes of pixel data: a "bomb". */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#f4efe4' } })
    .jpeg()
    .toBuffer();
}

describe('sniffImageType', () => {
  it('tells the type from the bytes, not the name', async () => {
    expect(sniffImageType(await jpeg(8, 8))).toBe('jpeg');
    expect(
      sniffImageType(
        await sharp(await jpeg(8, 8))
          .png()
          .toBuffer(),
      ),
    ).toBe('png');
    expect(
      sniffImageType(
        await sharp(await jpeg(8, 8))
          .webp()
          .toBuffer(),
      ),
    ).toBe('webp');
    expect(sniffImageType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'))).toBe('heic');
    expect(sniffImageType(Buffer.from('\0\0\0\x1cftypavif\0\0\0\0avifmif1', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.from('GIF89a...', 'latin1'))).toBeNull();
  });
});

describe('preparePhoto refuses', () => {
  it('a file over the size limit, before looking inside', async () => {
    const huge = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    const error = await failure(huge);
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('"menu.jpg" is larger than 15 MB.');
  });

  it('a file that lies about its type (a web page named .jpg)', async () => {
    const error = await failure(Buffer.from('<!doctype html><html><body>hi</body></html>'));
    expect(error.code).toBe('unsupported_type');
  });

  it('an SVG, whatever it is called', async () => {
    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';
    const error = await failure(Buffer.from(svg));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/SVG/);
  });

  it('a decompression bomb: a tiny PNG claiming 100000×100000 pixels, without decoding it', async () => {
    const bomb = pngClaiming(100_000, 100_000);
    expect(bomb.length).toBeLessThan(2_000);
    const started = performance.now();
    const error = await failure(bomb);
    expect(error.code).toBe('too_many_pixels');
    expect(error.message).toMatch(/100000×100000/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a truncated JPEG', async () => {
    const photo = readFileSync(join(fixtures, 'ko-leaders.jpg'));
    const error = await failure(photo.subarray(0, Math.floor(photo.length / 2)));
    expect(error.code).toBe('corrupt_image');
    expect(error.message).toBe('"menu.jpg" is damaged or not a complete image.');
  });

  it('a HEIC photo this build cannot decode, saying what to do instead', async () => {
    const error = await failure(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\0', 'latin1'));
    expect(error.code).toBe('unsupported_type');
    expect(error.message).toMatch(/HEIC/);
  });
});

describe('preparePhoto', () => {
  it('turns a phone photo upright by its EXIF orientation and strips all metadata, GPS included', async () => {
    // Stored sideways with Orientation 6 and a GPS position, as phones do.
    const original = readFileSync(join(fixtures, 'de-columns-phone.jpg'));
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('Phone');

    const photo = await preparePhoto(original);
    expect([photo.width, photo.height]).toEqual([2048, 1536]);
    expect([photo.display.width, photo.display.height]).toEqual([DISPLAY_LONG_SIDE, 1200]);
    const shown = await sharp(photo.display.bytes).metadata();
    expect(shown.format).toBe('webp');
    expect(shown.exif).toBeUndefined();
    expect(shown.xmp).toBeUndefined();
    expect(shown.icc).toBeUndefined();
    expect(shown.orientation).toBeUndefined();
    expect(photo.display.bytes.includes(Buffer.from('GPS'))).toBe(false);
    expect([photo.ocr.width, photo.ocr.height]).toEqual([OCR_LONG_SIDE, 1500]);
    expect(photo.ocr.pgm.subarray(0, 2).toString()).toBe('P5');
  });

  it('reads no dishes in a photo without text (the job then says so)', async () => {
    // A table top: a gradient with grain, no text.
    const width = 1200;
    const height = 900;
    const pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      const value = 90 + ((i % width) / width) * 80 + ((i * 7919) % 13);
      pixels.fill(value, i * 3, i * 3 + 3);
    }
    const photo = await preparePhoto(
      await sharp(pixels, { raw: { width, height, channels: 3 } })
        .jpeg()
        .toBuffer(),
    );
    const reading = await readPhoto(photo.ocr, { language: 'en' });
    expect(reading.dishes).toEqual([]);
  });
});

describe('isDim', () => {
  // A page: 85 % paper at `paper`, 15 % ink at 40.
  const page = (paper: number) => Uint8Array.from({ length: 1000 }, (_, i) => (i % 100 < 15 ? 40 : paper));
  it('tells a photo taken in dim light (grey paper) from one in daylight', () => {
    expect(isDim(page(130))).toBe(true);
    expect(isDim(page(225))).toBe(false);
    // Mostly ink (a dark heading band) but bright paper around it: not dim.
    expect(isDim(Uint8Array.from({ length: 1000 }, (_, i) => (i < 850 ? 30 : 240)))).toBe(false);
  });
});
