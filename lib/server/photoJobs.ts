import 'server-only';
import { readMenuPhotoConfig } from '@/lib/photoJobs/config';
import { PhotoJobService } from '@/lib/photoJobs/jobs';
import { webLog, webRedis } from './webRedis';

const globalForJobs = globalThis as unknown as { menuroomPhotoJobs?: Promise<PhotoJobService> };

/** The web process's photo-reading queue, built on first use from the environment. */
export function photoJobs(): Promise<PhotoJobService> {
  globalForJobs.menuroomPhotoJobs ??= webRedis().then(
    (redis) => new PhotoJobService(redis, readMenuPhotoConfig(), webLog.child({ part: 'photo-jobs' })),
  );
  globalForJobs.menuroomPhotoJobs.catch(() => {
    globalForJobs.menuroomPhotoJobs = undefined;
  });
  return globalForJobs.menuroomPhotoJobs;
}
