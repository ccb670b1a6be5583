import 'server-only';
import { readMenuPhotoConfig } from '@/lib/photoJobs/config';
import { PhotoJobService } from '@/lib/photoJobs/jobs';
import { webMetrics } from './metrics';
import { webLog, webRedis } from './webRedis';

const globalForJobs = globalThis as unknown as { menuroomPhotoJobs?: Promise<PhotoJobService> };

/** The web process's photo-reading queue, built on first use from the environment. */
export function photoJobs(): Promise<PhotoJobService> {
  globalForJobs.menuroomPhotoJobs ??= webRedis().then((redis) => {
    const metrics = webMetrics();
    const service = new PhotoJobService(
      redis,
      readMenuPhotoConfig(),
      webLog.child({ part: 'photo-jobs' }),
      metrics.observer,
    );
    metrics.photoQueue = service;
    return service;
  });
  globalForJobs.menuroomPhotoJobs.catch(() => {
    globalForJobs.menuroomPhotoJobs = undefined;
  });
  return globalForJobs.menuroomPhotoJobs;
}
