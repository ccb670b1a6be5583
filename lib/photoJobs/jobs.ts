// Reading menu photos is a bounded job: a FIFO queue with a concurrency limit (Tesseract runs as a
// child process, so the event loop stays free), a time limit per photo, and a position and progress
// written to Redis after every step, so the host's phone can follow it through any web replica.
// A job whose server dies is reported as lost (storage/photos.ts). The reading itself is the pure
// library in lib/menuReading; this service only schedules it and keeps its results.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import { PhotoError } from '../menuReading/errors';
import { type PreparedPhoto, preparePhoto } from '../menuReading/image';
import { type MenuPhotoReading, readMenuPhoto } from '../menuReading/readMenuPhoto';
import type { DishOnPhoto, MenuLanguageCode, PhotoJob } from '../protocol';
import { HEARTBEAT_MS, type StoredPhoto, saveJob, savePhotos } from '../storage/photos';
import { type MenuroomRedis, NotReplicatedError } from '../storage/redis';
import type { MenuPhotoConfig } from './config';
import { OcrQueue } from './queue';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The refusal of an upload from an address whose earlier uploads are still waiting or being read. */
export function addressBusyError(maxJobs: number): PhotoError {
  return new PhotoError(
    'busy',
    `This network already has ${maxJobs} menus being read; wait for them to finish, then try again.`,
  );
}

export function newPhotoId(): string {
  return randomBytes(12).toString('base64url');
}

/** What the service reports to the web tier's metrics (lib/server/metrics.ts). */
export interface PhotoJobObserver {
  /** A job's reading started after `seconds` in line. */
  waited(seconds: number): void;
  /** A job's reading ended after `seconds`, "done" or with its error code. */
  read(seconds: number, outcome: string): void;
}

export class PhotoJobService {
  private readonly queue: OcrQueue;
  /** Jobs waiting or running in this process, refreshed in Redis so readers can tell them from lost ones. */
  private readonly active = new Map<string, PhotoJob>();
  /** Jobs waiting or running per client address: one address cannot fill the line for everyone. */
  private readonly perAddress = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: MenuroomRedis,
    private readonly config: MenuPhotoConfig,
    private readonly log: Logger,
    private readonly observer?: PhotoJobObserver,
  ) {
    this.queue = new OcrQueue({ concurrency: config.concurrency, maxWaiting: config.maxWaiting });
  }

  /** Jobs reading and waiting in this process now. */
  get load(): { running: number; waiting: number } {
    return this.queue.load;
  }

  /** Whether a new job would be refused as busy right now (checked before reading an upload's body). */
  get full(): boolean {
    const { running, waiting } = this.queue.load;
    return running >= this.config.concurrency && waiting >= this.config.maxWaiting;
  }

  get maxJobsPerAddress(): number {
    return this.config.maxJobsPerAddress;
  }

  /** Whether this address already has as many jobs waiting or running as one address may. */
  addressBusy(address: string): boolean {
    return (this.perAddress.get(address) ?? 0) >= this.config.maxJobsPerAddress;
  }

  /**
   * Queues the files as one job and returns it as accepted; the work happens in the background.
   * `address` is the uploader's (see lib/server/httpLimits.ts), counted against maxJobsPerAddress.
   */
  async enqueue(
    files: UploadedFile[],
    language: MenuLanguageCode | null,
    address = 'unknown',
  ): Promise<PhotoJob> {
    if (this.full)
      throw new PhotoError('busy', 'Many menus are being read right now; try again in a minute.');
    if (this.addressBusy(address)) throw addressBusyError(this.config.maxJobsPerAddress);
    const { running, waiting } = this.queue.load;
    const job: PhotoJob = {
      id: randomBytes(12).toString('base64url'),
      status: 'queued',
      position: running >= this.config.concurrency ? running + waiting : 0,
      progress: 0,
    };
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    try {
      // The upload is acknowledged (202) only once its job is on a replica too.
      await saveJob(this.redis, job, this.config.waitForReplicas);
    } catch (error) {
      this.forget(address);
      throw error;
    }
    const accepted = { ...job };
    const queuedAt = performance.now();
    this.keepAlive(job);
    this.log.info({ event: 'photo_job_queued', job: job.id, photos: files.length }, 'photo job queued');
    this.queue
      .run(
        () => {
          this.observer?.waited((performance.now() - queuedAt) / 1000);
          return this.run(job, files, language);
        },
        // The queue counts places in line (1 = next); the host sees how many jobs are ahead.
        (place) => {
          if (place === 0 || job.status !== 'queued') return;
          job.position = place - 1 + this.queue.load.running;
          saveJob(this.redis, job).catch(() => {});
        },
      )
      .catch(() => {})
      .finally(() => {
        this.release(job);
        this.forget(address);
      });
    return accepted;
  }

  private forget(address: string): void {
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }

  private keepAlive(job: PhotoJob): void {
    this.active.set(job.id, job);
    this.heartbeat ??= setInterval(() => {
      for (const current of this.active.values()) saveJob(this.redis, current).catch(() => {});
    }, HEARTBEAT_MS).unref();
  }

  private release(job: PhotoJob): void {
    this.active.delete(job.id);
    if (this.active.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private async run(job: PhotoJob, files: UploadedFile[], language: MenuLanguageCode | null): Promise<void> {
    const update = (patch: Partial<PhotoJob>) => saveJob(this.redis, Object.assign(job, patch));
    // The end of a job is what the host acts on: it waits for the replica, as its photos do.
    const finish = (patch: Partial<PhotoJob>) =>
      saveJob(this.redis, Object.assign(job, patch), this.config.waitForReplicas);
    const startedAt = performance.now();
    let outcome = 'done';
    try {
      await update({ status: 'reading', position: 0, progress: 0.02 });
      // Prepare every file first: one bad file fails the job before anything is stored.
      const prepared: { id: string; photo: PreparedPhoto }[] = [];
      for (const [index, file] of files.entries()) {
        prepared.push({ id: newPhotoId(), photo: await preparePhoto(file.bytes, file.name) });
        await update({ progress: 0.05 + (0.15 * (index + 1)) / files.length });
      }
      const dishes: DishOnPhoto[] = [];
      const lines: string[] = [];
      // The first page decides the language (when left on Detect) and the currency; the other
      // pages of the same menu are read in that language.
      let first: MenuPhotoReading | null = null;
      for (const [index, { id, photo }] of prepared.entries()) {
        const reading = await readMenuPhoto(photo.ocr, {
          language: first?.language ?? language,
          timeoutMs: this.config.timeoutMs,
        });
        first ??= reading;
        dishes.push(...reading.dishes.map((dish) => ({ ...dish, box: { photoId: id, ...dish.box } })));
        lines.push(...reading.lines);
        await update({ progress: 0.2 + (0.75 * (index + 1)) / prepared.length });
      }
      if (!first || dishes.length === 0) {
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
      await savePhotos(this.redis, stored, this.config.waitForReplicas);
      this.log.info(
        { event: 'photo_job_done', job: job.id, photos: stored.length, dishes: dishes.length },
        'photo job done',
      );
      await finish({
        status: 'done',
        progress: 1,
        result: {
          photos: stored.map(({ id, width, height }) => ({ id, width, height })),
          dishes,
          language: first.language,
          languageGuess: first.detected ? first.language : null,
          currency: first.currency,
          lines,
        },
      });
    } catch (error) {
      const body =
        error instanceof PhotoError
          ? error.toBody()
          : error instanceof NotReplicatedError
            ? {
                code: 'unavailable' as const,
                message: 'The photo could not be saved safely just now. Upload it again in a moment.',
              }
            : {
                code: 'internal' as const,
                message: 'The photo could not be read. Try again, or type the dishes.',
              };
      if (error instanceof PhotoError)
        this.log.info({ event: 'photo_job_failed', job: job.id, code: body.code }, 'photo job failed');
      else this.log.error({ err: error, job: job.id, event: 'photo_job_failed' }, 'photo job failed');
      outcome = body.code;
      // Unconfirmed too, the job is no longer followed here: after LOST_JOB_MS readers see it as lost.
      await finish({ status: 'failed', error: body }).catch(() => {});
    } finally {
      this.observer?.read((performance.now() - startedAt) / 1000, outcome);
    }
  }
}
