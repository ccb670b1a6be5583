import { createClient } from 'redis';

/** node-redis client with the defaults every part of menuroom uses. */
export function createRedisClient(url: string, options: { name?: string } = {}) {
  return createClient({
    url,
    name: options.name,
    socket: {
      // Reconnect forever with capped, jittered backoff: Redis restarts must not kill replicas.
      reconnectStrategy: (retries) =>
        Math.min(2_000, 50 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 100),
      connectTimeout: 5_000,
    },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;
