// Reading menu photos is a bounded job: a FIFO queue with a concurrency limit (Tesseract runs as a
// child process, so the event loop stays free), a time limit per photo, and a position and progress
// written to Redis after every step, so the host's phone can follow it through any web replica.
// Limits come from the environment (config.ts); a job whose server dies is reported as lost.
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '@/server/src/store/redisClient';
import { readMenuPhotoConfig } from './config';
import { PhotoError } from './errors';
import { type PreparedPhoto, preparePhoto } from './image';
import { type MenuLanguageCode, MENU_LANGUAGES } from './languages';
import {
  type DishOnPhoto,
  HEARTBEAT_MS,
  type PhotoJob,
  type StoredPhoto,
  saveJob,
  savePhotos,
} from './photoStore';
import type { MenuReading } from './menuParser';
import { readPhoto } from './readPhoto';
import { OcrQueue } from './queue';
import { detectScript } from './tesseract';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

const config = readMenuPhotoConfig();
/** At most `concurrency` jobs read at once (default one per two cores: Tesseract takes a core). */
const queue = new OcrQueue({ concurrency: config.concurrency, maxWaiting: config.maxWaiting });
const PER_PHOTO_TIMEOUT_MS = config.timeoutMs;

/** Jobs waiting or running in this process, refreshed in Redis so readers can tell them from lost ones. */
const active = new Map<string, PhotoJob>();
let heartbeat: NodeJS.Timeout | undefined;

function keepAlive(redis: RedisClient, job: PhotoJob): void {
  active.set(job.id, job);
  heartbeat ??= setInterval(() => {
    for (const current of active.values()) saveJob(redis, current).catch(() => {});
  }, HEARTBEAT_MS).unref();
}

function release(job: PhotoJob): void {
  active.delete(job.id);
  if (active.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

/** Languages tried, in this order after the script guess, when the host did not choose one. */
const FALLBACK_LANGUAGES: MenuLanguageCode[] = ['ko', 'ja', 'zh-Hans', 'th', 'en'];
const MAX_LANGUAGE_TRIES = 3;

/**
 * The host's language, or a guess: Tesseract's script detection first (right on most photos, but it
 * takes a few lines of Hangul for Japanese), then the other scripts in turn until one reads at least
 * two dishes. At most three readings, so a photo without text does not take minutes.
 */
async function chooseLanguage(photo: PreparedPhoto | undefined, language: MenuLanguageCode | null) {
  if (language || !photo) return { language: language ?? 'en', guess: null, firstReading: null };
  const detected = (await detectScript(photo.ocr.pgm, { timeoutMs: 10_000 })).language;
  const candidates = [...new Set([...(detected ? [detected] : []), ...FALLBACK_LANGUAGES])];
  let best: { language: MenuLanguageCode; reading: MenuReading } | null = null;
  for (const candidate of candidates.slice(0, MAX_LANGUAGE_TRIES)) {
    const reading = await readPhoto(photo.ocr, { language: candidate, timeoutMs: PER_PHOTO_TIMEOUT_MS });
    if (!best || reading.dishes.length > best.reading.dishes.length) best = { language: candidate, reading };
    if (reading.dishes.length >= 2) break;
  }
  const chosen = best?.language ?? 'en';
  return { language: chosen, guess: chosen, firstReading: best?.reading ?? null };
}

export function newPhotoId(): string {
  return randomBytes(12).toString('base64url');
}

/** Queues the files as one job and returns it; the work happens in the background. */
export async function enqueuePhotoJob(
  redis: RedisClient,
  files: UploadedFile[],
  language: MenuLanguageCode | null,
): Promise<PhotoJob> {
  const { running, waiting } = queue.load;
  if (running >= config.concurrency && waiting >= config.maxWaiting) {
    throw new PhotoError('busy', 'Many menus are being read right now; try again in a minute.');
  }
  const job: PhotoJob = {
    id: randomBytes(12).toString('base64url'),
    status: 'queued',
    position: running >= config.concurrency ? running + waiting : 0,
    progress: 0,
  };
  await saveJob(redis, job);
  const accepted = { ...job };
  keepAlive(redis, job);
  queue
    .run(
      () => run(redis, job, files, language),
      // The queue counts places in line (1 = next); the host sees how many jobs are ahead.
      (place) => {
        if (place === 0 || job.status !== 'queued') return;
        job.position = place - 1 + queue.load.running;
        saveJob(redis, job).catch(() => {});
      },
    )
    .catch(() => {})
    .finally(() => release(job));
  // The job as accepted: the one in the queue changes as it is read.
  return accepted;
}

async function run(
  redis: RedisClient,
  job: PhotoJob,
  files: UploadedFile[],
  language: MenuLanguageCode | null,
): Promise<void> {
  const update = (patch: Partial<PhotoJob>) => saveJob(redis, Object.assign(job, patch));
  try {
    await update({ status: 'reading', position: 0, progress: 0.02 });
    // Prepare every file first: one bad file fails the job before anything is stored.
    const prepared: { id: string; photo: PreparedPhoto }[] = [];
    for (const [index, file] of files.entries()) {
      prepared.push({ id: newPhotoId(), photo: await preparePhoto(file.bytes, file.name) });
      await update({ progress: 0.05 + (0.15 * (index + 1)) / files.length });
    }
    const first = prepared[0]?.photo;
    const { language: chosen, guess, firstReading } = await chooseLanguage(first, language);
    const dishes: DishOnPhoto[] = [];
    const lines: string[] = [];
    let currency: string = MENU_LANGUAGES[chosen].currency;
    for (const [index, { id, photo }] of prepared.entries()) {
      const reading =
        index === 0 && firstReading
          ? firstReading
          : await readPhoto(photo.ocr, { language: chosen, timeoutMs: PER_PHOTO_TIMEOUT_MS });
      currency = index === 0 ? reading.currency : currency;
      dishes.push(...reading.dishes.map((dish) => ({ ...dish, box: { photoId: id, ...dish.box } })));
      lines.push(...reading.lines);
      await update({ progress: 0.2 + (0.75 * (index + 1)) / prepared.length });
    }
    if (dishes.length === 0) {
      throw new PhotoError(
        'no_dishes_found',
        'No dishes with prices were found on this photo. Try a sharper, closer photo of the menu, or type the dishes.',
      );
    }
    const stored: StoredPhoto[] = prepared.map(({ id, photo }) => ({
      id,
      bytes: photo.display.bytes,
      contentType: photo.display.contentType,
      width: photo.display.width,
      height: photo.display.height,
    }));
    await savePhotos(redis, stored);
    await update({
      status: 'done',
      progress: 1,
      result: {
        photos: stored.map(({ id, width, height }) => ({ id, width, height })),
        dishes,
        language: chosen,
        languageGuess: guess,
        currency,
        lines,
      },
    });
  } catch (error) {
    const body =
      error instanceof PhotoError
        ? error.toBody()
        : {
            code: 'internal' as const,
            message: 'The photo could not be read. Try again, or type the dishes.',
          };
    if (!(error instanceof PhotoError))
      console.error(JSON.stringify({ message: 'photo job failed', error: String(error) }));
    await update({ status: 'failed', error: body });
  }
}
