// One real stack for the whole run: Redis, two socket replicas, Next (production build) and nginx,
// on free loopback ports. Tests reach it only through nginx (E2E_BASE_URL).
import type { FullConfig } from '@playwright/test';
import { startStack } from '../scripts/stack/index';

export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack({
    name: 'e2e',
    replicas: 2,
    // Every phone of the run is 127.0.0.1: the limits per address are tested in test/web, not here.
    webEnv: {
      LIMIT_ROOMS_PER_MINUTE: '1000',
      LIMIT_ROOMS_BURST: '1000',
      LIMIT_CODE_LOOKUPS_PER_MINUTE: '1000',
      LIMIT_PHOTO_UPLOADS_PER_10_MINUTES: '1000',
      LIMIT_EXPLAIN_PER_MINUTE: '1000',
      MENU_OCR_MAX_JOBS_PER_ADDRESS: '100',
    },
    log: (m) => console.log(`[stack] ${m}`),
  });
  process.env.E2E_BASE_URL = stack.url;
  process.env.E2E_REDIS_URL = stack.redisUrl;
  return async () => {
    await stack.stop();
  };
}
