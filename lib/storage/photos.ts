// Menu photos and photo-reading jobs live in Redis, so any web replica can serve a photo or answer
// a job's status, and both expire on their own.
import { RESP_TYPES } from 'redis';
import type { Photo, PhotoJob } from '../protocol';
import { photoJobKey, photoKey } from './keys';
import { type MenuroomRedis, waitForReplicas } from './redis';
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

// Each photo is a key of its own hash slot, so every transaction here is about one photo: on a
// Redis Cluster a MULTI cannot span slots.
//
// `replicas`: on a cluster (replicasToWaitFor, topology.ts) a write that is acknowledged to the
// uploader, or that a room or a finished job will point at, waits for that many replicas
// (waitForReplicas, redis.ts) and throws NotReplicatedError when it is not confirmed: a photo the
// host was told is read must not vanish in a failover. Progress and heartbeats do not wait.

export async function savePhotos(redis: MenuroomRedis, photos: StoredPhoto[], replicas = 0): Promise<void> {
  await Promise.all(
    photos.map(async (photo) => {
      await redis
        .multi()
        .hSet(photoKey(photo.id), {
          bytes: photo.bytes,
          contentType: photo.contentType,
          width: String(photo.width),
          height: String(photo.height),
        })
        .expire(photoKey(photo.id), UNATTACHED_PHOTO_TTL_SECONDS)
        .exec();
      await waitForReplicas(redis, photoKey(photo.id), replicas);
    }),
  );
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

/** Photos a room is being opened with, under their new ids; `undo` puts them back as they were. */
export interface ClaimedPhotos {
  photos: Photo[];
  /** Upload id → the id the room shows the photo under. */
  renamed: Map<string, string>;
  undo(): Promise<void>;
}

/**
 * Moves uploaded photos to new random ids for the room about to be opened. Photo ids are the
 * capability to read a photo: before a room exists only the uploader knows them (from its job, whose
 * id only the uploader holds); once the room is opened they are known only under the new ids, which
 * only the room hands out. The upload ids stop working, so opening a second room with the same
 * photos fails (the photo "has expired") instead of lending it a second life or a second audience.
 * Null when one of them has expired or never existed; nothing is moved then.
 */
export async function claimPhotos(
  redis: MenuroomRedis,
  photoIds: string[],
  newId: () => string,
  replicas = 0,
): Promise<ClaimedPhotos | null> {
  const binary = redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const taken: { oldId: string; newId: string; fields: Record<string, Buffer>; ttlMs: number }[] = [];
  const undo = async () => {
    await Promise.all(
      taken.map(async (photo) => {
        await redis.del(photoKey(photo.newId));
        await redis
          .multi()
          .hSet(photoKey(photo.oldId), photo.fields)
          .pExpire(photoKey(photo.oldId), Math.max(1, photo.ttlMs))
          .exec();
      }),
    );
  };
  for (const oldId of new Set(photoIds)) {
    const key = photoKey(oldId);
    const fields = (await binary.hGetAll(key)) as unknown as Record<string, Buffer>;
    const ttlMs = await redis.pTTL(key);
    // Of two rooms opened at once with the same photo, only the one whose DEL removed it gets it.
    const removed = fields?.bytes && fields.width && fields.height ? await redis.del(key) : 0;
    if (removed !== 1) {
      await undo();
      return null;
    }
    taken.push({ oldId, newId: newId(), fields, ttlMs });
  }
  try {
    await Promise.all(
      taken.map(async (photo) => {
        await redis
          .multi()
          .hSet(photoKey(photo.newId), photo.fields)
          .expire(photoKey(photo.newId), ATTACHED_PHOTO_TTL_SECONDS)
          .exec();
        await waitForReplicas(redis, photoKey(photo.newId), replicas);
      }),
    );
  } catch (error) {
    // Not moved, or not confirmed: the photos go back under their upload ids for the retry.
    await undo();
    throw error;
  }
  const byOldId = new Map(taken.map((photo) => [photo.oldId, photo]));
  return {
    photos: photoIds.flatMap((id) => {
      const photo = byOldId.get(id);
      if (!photo) return [];
      return [
        {
          id: photo.newId,
          width: Number(photo.fields.width?.toString()),
          height: Number(photo.fields.height?.toString()),
        },
      ];
    }),
    renamed: new Map(taken.map((photo) => [photo.oldId, photo.newId])),
    undo,
  };
}

export async function saveJob(redis: MenuroomRedis, job: PhotoJob, replicas = 0): Promise<void> {
  job.updatedAt = Date.now();
  await redis.set(photoJobKey(job.id), JSON.stringify(job), { EX: JOB_TTL_SECONDS });
  await waitForReplicas(redis, photoJobKey(job.id), replicas);
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
