import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkUploadedPhoto } from './uploadCheck';

const image = () => sharp({ create: { width: 320, height: 240, channels: 3, background: '#d9c7a0' } });

describe('checkUploadedPhoto', () => {
  it('accepts whole JPEG, PNG and WebP photos, and a JPEG with data after its end (motion photos)', async () => {
    const jpeg = await image().jpeg().toBuffer();
    await checkUploadedPhoto(jpeg, 'a.jpg');
    await checkUploadedPhoto(await image().png().toBuffer(), 'a.png');
    await checkUploadedPhoto(await image().webp().toBuffer(), 'a.webp');
    await checkUploadedPhoto(
      Buffer.concat([jpeg, Buffer.from('ftypmp42 video after the image')]),
      'motion.jpg',
    );
  });

  it('refuses truncated files as corrupt, naming them', async () => {
    const cut = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.7));
    for (const [name, bytes] of [
      ['cut.jpg', cut(await image().jpeg().toBuffer())],
      ['cut.png', cut(await image().png().toBuffer())],
      ['cut.webp', cut(await image().webp().toBuffer())],
    ] as const) {
      await expect(checkUploadedPhoto(bytes, name)).rejects.toMatchObject({
        code: 'corrupt_image',
        message: expect.stringContaining(name),
      });
    }
  });

  it('refuses an SVG behind a JPEG or PNG signature', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    for (const head of [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('\x89PNG\r\n\x1a\n', 'latin1')]) {
      await expect(checkUploadedPhoto(Buffer.concat([head, svg]), 'menu.jpg')).rejects.toMatchObject({
        code: expect.stringMatching(/unsupported_type|corrupt_image/),
      });
    }
  });
});
