// Uploads that must fail, through nginx and the real Next route, reading with the real Tesseract:
// each gets a clear message and leaves nothing behind in Redis.
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack/index';
import { createRedis } from '../../lib/storage/redis';

let stack: Stack;
let redis: ReturnType<typeof createRedis>;

beforeAll(async () => {
  stack = await startStack({ name: 'uploads', replicas: 1 });
  // The default user: the app's ACL user may not list keys.
  redis = createRedis(stack.redisAdminUrl);
  await redis.connect();
}, 120_000);

afterAll(async () => {
  await redis?.quit();
  await stack?.stop();
});

async function upload(bytes: Uint8Array, name: string, type = 'image/jpeg') {
  const form = new FormData();
  form.append('photos', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${stack.url}/api/photos`, { method: 'POST', body: form });
  return {
    status: response.status,
    body: (await response.json().catch(() => null)) as {
      jobId?: string;
      error?: { code: string; message: string };
    } | null,
  };
}

/** Uploads and follows the job to its end. */
async function read(bytes: Uint8Array, name: string) {
  const started = await upload(bytes, name);
  if (started.status !== 202)
    return { status: 'refused', error: started.body?.error, httpStatus: started.status };
  for (let i = 0; i < 200; i++) {
    const job = await (await fetch(`${stack.url}/api/photos/jobs/${started.body?.jobId}`)).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('job did not finish');
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid, tiny PNG that claims to be 100,000 × 100,000 pixels: a decompression bomb. */
function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(100_001))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function photoKeys(): Promise<string[]> {
  return redis.keys('photo:*');
}

describe('bad uploads', () => {
  it('refuses a file larger than the limit', async () => {
    const huge = new Uint8Array(16 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const result = await upload(huge, 'huge.jpg');
    expect(result.status).toBe(413);
    expect(result.body?.error?.message).toMatch(/huge\.jpg is larger than 15 MB/);
  });

  it('refuses a file that lies about its type, and an SVG', async () => {
    const text = await upload(new TextEncoder().encode('Bibimbap 9,000원'), 'menu.jpg');
    expect(text.status).toBe(415);
    expect(text.body?.error?.message).toMatch(/menu\.jpg is not a JPEG, PNG, WebP or HEIC photo/);
    const svg = await upload(
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'menu.svg',
      'image/svg+xml',
    );
    expect(svg.status).toBe(415);
  });

  it('refuses a decompression bomb at the door, before a pixel is decoded', async () => {
    const job = await read(pngBomb(), 'bomb.png');
    expect(job).toMatchObject({ status: 'refused', httpStatus: 422, error: { code: 'too_many_pixels' } });
    expect(job.error.message).toMatch(/bomb\.png/);
  });

  it('refuses a truncated JPEG at the door', async () => {
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } })
      .jpeg({ quality: 90 })
      .toBuffer();
    const job = await read(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'cut.jpg');
    expect(job).toMatchObject({ status: 'refused', httpStatus: 422, error: { code: 'corrupt_image' } });
    expect(job.error.message).toMatch(/cut\.jpg/);
  });

  it('says so when a photo has no dishes on it', async () => {
    const blank = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#f4efe4' } })
      .png()
      .toBuffer();
    const job = await read(blank, 'wall.png');
    expect(job.status).toBe('failed');
    expect(job.error.code).toBe('no_dishes_found');
  }, 60_000);

  it('keeps nothing from any of them', async () => {
    expect(await photoKeys()).toEqual([]);
  });
});
