// The whole path from uploaded bytes to dishes, with a real Redis and the real Tesseract: the job
// is queued, read, and its dishes, boxes and photos are stored where any replica can find them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, isCluster, type MenuroomRedis } from '../../lib/storage/redis';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
import { silentLogger } from '../log';
import type { PhotoJob } from '../protocol';
import { loadJob, loadPhoto } from '../storage/photos';
import { readMenuPhotoConfig } from './config';
import { PhotoJobService } from './jobs';

const fixtures = join(import.meta.dirname, '../../test/fixtures/menus');

interface Truth {
  width: number;
  height: number;
  dishes: { name: string; priceMinor: number; box: { x: number; y: number; w: number; h: number } }[];
}

let server: RedisServer;
let redis: MenuroomRedis;
let jobs: PhotoJobService;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedis(server.adminUrl);
  await redis.connect();
  // On the test command's cluster run, photos and jobs wait for their replica as in production.
  const waitForReplicas = isCluster(redis) ? 1 : 0;
  jobs = new PhotoJobService(redis, { ...readMenuPhotoConfig(), waitForReplicas }, silentLogger);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

async function finished(jobId: string): Promise<PhotoJob> {
  for (const started = Date.now(); Date.now() - started < 50_000; ) {
    const job = await loadJob(redis, jobId);
    if (job?.status === 'done' || job?.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the job did not finish within 50 s');
}

function fixture(name: string): { bytes: Uint8Array; truth: Truth } {
  return {
    bytes: readFileSync(join(fixtures, `${name}.jpg`)),
    truth: JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as Truth,
  };
}

/** Share of true dishes read with the exact name and price, and with a box on the right line. */
function agreement(job: PhotoJob, truth: Truth) {
  const dishes = job.result?.dishes ?? [];
  const found = truth.dishes.filter((expected) => {
    const dish = dishes.find((d) => d.name === expected.name && d.priceMinor === expected.priceMinor);
    if (!dish) return false;
    const cx = dish.box.x + dish.box.w / 2;
    const cy = dish.box.y + dish.box.h / 2;
    const b = expected.box;
    return cx >= b.x && cx <= b.x + b.w && cy >= b.y && cy <= b.y + b.h;
  });
  return found.length / truth.dishes.length;
}

describe('menu photo pipeline', () => {
  it('reads a Korean menu with dotted leaders into dishes with prices and boxes', async () => {
    const { bytes, truth } = fixture('ko-leaders');
    const queued = await jobs.enqueue([{ name: 'menu.jpg', bytes }], 'ko');
    expect(queued.status).toBe('queued');
    const job = await finished(queued.id);
    expect(job.status).toBe('done');
    expect(job.result?.currency).toBe('KRW');
    expect(job.result?.language).toBe('ko');
    expect(agreement(job, truth)).toBeGreaterThanOrEqual(0.85);
    expect(job.result?.dishes.find((d) => d.name === '오징어볶음')).toMatchObject({
      priceMinor: 34_500,
      category: '구이류',
    });
    const photoId = job.result?.photos[0]?.id ?? '';
    expect(job.result?.dishes.every((d) => d.box.photoId === photoId)).toBe(true);
    const stored = await loadPhoto(redis, photoId);
    expect(stored).toMatchObject({ contentType: 'image/webp', width: 1200, height: 1600 });
  });

  it('reads a phone photo stored sideways, with its boxes on the upright photo and no GPS kept', async () => {
    const { bytes, truth } = fixture('de-columns-phone');
    const job = await finished((await jobs.enqueue([{ name: 'IMG_0412.jpg', bytes }], 'de')).id);
    expect(job.status).toBe('done');
    expect(agreement(job, truth)).toBeGreaterThanOrEqual(0.8);
    const stored = await loadPhoto(redis, job.result?.photos[0]?.id ?? '');
    expect(stored && [stored.width, stored.height]).toEqual([1600, 1200]);
    const metadata = await sharp(stored?.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored?.bytes.includes(Buffer.from('GPS'))).toBe(false);
  });

  it('guesses the language from the script when the host did not choose one', async () => {
    const { bytes } = fixture('ko-leaders');
    const job = await finished((await jobs.enqueue([{ name: 'menu.jpg', bytes }], null)).id);
    expect(job.status).toBe('done');
    expect(job.result?.language).toBe('ko');
    expect(job.result?.languageGuess).toBe('ko');
  });

  it('says no dishes were found in a photo without text, and keeps nothing of it', async () => {
    const width = 1600;
    const height = 1200;
    // A wooden table with grain but no text. The noise is seeded: sharp's own noise differs on every
    // run, and Tesseract can make a two-letter "dish" out of the odd random speck.
    let seed = 12345;
    const noise = Buffer.alloc(width * height * 3);
    for (let i = 0; i < noise.length; i += 3) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const grain = 80 + (seed % 60);
      noise[i] = grain + 27;
      noise[i + 1] = grain;
      noise[i + 2] = Math.max(0, grain - 30);
    }
    const table = await sharp(noise, { raw: { width, height, channels: 3 } })
      .blur(3)
      .jpeg()
      .toBuffer();
    const before = await redis.keys('photo:*');
    const job = await finished((await jobs.enqueue([{ name: 'table.jpg', bytes: table }], 'en')).id);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('no_dishes_found');
    expect(job.error?.message).toMatch(/No dishes/);
    expect(await redis.keys('photo:*')).toEqual(before);
  });

  it('fails a truncated photo with a message naming the file, and keeps nothing', async () => {
    const { bytes } = fixture('ko-leaders');
    const before = await redis.keys('photo:*');
    const job = await finished(
      (await jobs.enqueue([{ name: 'broken.jpg', bytes: bytes.subarray(0, 40_000) }], 'ko')).id,
    );
    expect(job).toMatchObject({ status: 'failed', error: { code: 'corrupt_image' } });
    expect(job.error?.message).toContain('broken.jpg');
    expect(await redis.keys('photo:*')).toEqual(before);
  });
});
