// One real stack for the whole run: Redis, two socket replicas, Next (production build) and nginx,
// on free loopback ports. Tests reach it only through nginx (E2E_BASE_URL).
import type { FullConfig } from '@playwright/test';
import { startStack } from '../scripts/stack/index';

export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack({ name: 'e2e', replicas: 2, log: (m) => console.log(`[stack] ${m}`) });
  process.env.E2E_BASE_URL = stack.url;
  process.env.E2E_REDIS_URL = stack.redisUrl;
  return async () => {
    await stack.stop();
  };
}
