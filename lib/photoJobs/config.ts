// Settings of menu photo reading, read once from the environment (documented in .env.example).
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { readRedisTopology, replicasToWaitFor } from '../storage/topology';

const ConfigSchema = z.object({
  /** Readings at once in one web process. Default: one per two cores (Tesseract takes a core). */
  MENU_OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Photos waiting beyond the running ones before uploads are refused as busy. */
  MENU_OCR_MAX_WAITING: z.coerce.number().int().min(0).max(1000).default(20),
  /** Uploads from one client address waiting or being read at once in one web process. */
  MENU_OCR_MAX_JOBS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(2),
  /** One Tesseract run longer than this is killed and the job fails. */
  MENU_OCR_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
});

export interface MenuPhotoConfig {
  concurrency: number;
  maxWaiting: number;
  maxJobsPerAddress: number;
  timeoutMs: number;
  /** Replicas an acknowledged photo or job write waits for (1 on a cluster; see storage/photos.ts). */
  waitForReplicas: number;
}

export function readMenuPhotoConfig(env: NodeJS.ProcessEnv = process.env): MenuPhotoConfig {
  const parsed = ConfigSchema.parse(env);
  return {
    concurrency: parsed.MENU_OCR_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
    maxWaiting: parsed.MENU_OCR_MAX_WAITING,
    maxJobsPerAddress: parsed.MENU_OCR_MAX_JOBS_PER_ADDRESS,
    timeoutMs: parsed.MENU_OCR_TIMEOUT_MS,
    waitForReplicas: replicasToWaitFor(readRedisTopology(env), env),
  };
}
