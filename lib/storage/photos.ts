// Menu photos and photo-reading jobs live in Redis, so any web replica can serve a photo or answer
// a job's status, and both expire on their own.
import { RESP_TYPES } from 'redis';
import type { Photo, PhotoJob } from '../protocol';
import { photoJobKey, photoKey } from './keys';
import type { MenuroomRedis } from './redis';
import { ROOM_TTL_SECONDS } from './roomStore';

/** An uploaded photo whose room was never opened is dropped after this long. */
export const UNATTACHED_PHOTO_TTL_SECONDS = 2 * 60 * 60;
/**
 * Once a room is opened from it, a photo lives twice the room's idle TTL: photo keys are not in the
 * room's hash slot, so room activity cannot refresh them; a meal never lasts that long.
 */
export const ATTACHED_PHOTO_TTL_SECONDS = 2 * ROOM_TTL_SECONDS;
export const JOB_TTL_SECONDS = 60 * 60;
/** A waiting or running job is re-saved this often by the process that reads it. */
export const HEARTBEAT_MS = 10_000;
/** Not re-saved for this long, a waiting or running job has lost its process (a restart, a crash). */
export const LOST_JOB_MS = 6 * HEARTBEAT_MS;

export interface StoredPhoto extends Photo {
  contentType: string;
  bytes: Buffer;
}

export async function savePhotos(redis: MenuroomRedis, photos: StoredPhoto[]): Promise<void> {
  const multi = redis.multi();
  for (const photo of photos) {
    multi.hSet(photoKey(photo.id), {
      bytes: photo.bytes,
      contentType: photo.contentType,
      width: String(photo.width),
      height: String(photo.height),
    });
    multi.expire(photoKey(photo.id), UNATTACHED_PHOTO_TTL_SECONDS);
  }
  await multi.exec();
}

export async function loadPhoto(redis: MenuroomRedis, photoId: string): Promise<StoredPhoto | null> {
  const binary = redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const [bytes, contentType, width, height] = await binary.hmGet(photoKey(photoId), [
    'bytes',
    'contentType',
    'width',
    'height',
  ]);
  if (!bytes || !contentType) return null;
  return {
    id: photoId,
    bytes: bytes as Buffer,
    contentType: contentType.toString(),
    width: Number(width?.toString()),
    height: Number(height?.toString()),
  };
}

/** Photos of a room about to be opened: their sizes, or null when one has expired or never existed. */
export async function attachPhotos(redis: MenuroomRedis, photoIds: string[]): Promise<Photo[] | null> {
  const photos: Photo[] = [];
  for (const id of photoIds) {
    const [width, height] = await redis.hmGet(photoKey(id), ['width', 'height']);
    if (!width || !height) return null;
    photos.push({ id, width: Number(width), height: Number(height) });
  }
  await Promise.all(photoIds.map((id) => redis.expire(photoKey(id), ATTACHED_PHOTO_TTL_SECONDS)));
  return photos;
}

export async function saveJob(redis: MenuroomRedis, job: PhotoJob): Promise<void> {
  job.updatedAt = Date.now();
  await redis.set(photoJobKey(job.id), JSON.stringify(job), { EX: JOB_TTL_SECONDS });
}

export async function loadJob(
  redis: MenuroomRedis,
  jobId: string,
  now = Date.now(),
): Promise<PhotoJob | null> {
  const json = await redis.get(photoJobKey(jobId));
  return json ? reportLost(JSON.parse(json) as PhotoJob, now) : null;
}

/**
 * Jobs live in the memory of the process that took the upload; if it stopped, nobody will finish
 * them. Said plainly, instead of "waiting" for ever.
 */
export function reportLost(job: PhotoJob, now: number): PhotoJob {
  const unfinished = job.status === 'queued' || job.status === 'reading';
  if (!unfinished || job.updatedAt === undefined || now - job.updatedAt < LOST_JOB_MS) return job;
  return {
    ...job,
    status: 'failed',
    error: {
      code: 'unavailable',
      message: 'The server reading this photo restarted. Upload the photo again.',
    },
  };
}
