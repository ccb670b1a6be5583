import 'server-only';
import { createRedisClient, type RedisClient } from '@/server/src/store/redisClient';
import { RedisRoomStore } from '@/server/src/store/redisRoomStore';
import type { RoomStore } from '@/server/src/store/roomStore';

// One Redis connection per web process, created on first use and kept across requests
// (and across hot reloads in development, hence globalThis).
const globalForStore = globalThis as unknown as { menuroomRedis?: Promise<RedisClient> };

/** The web process's Redis connection (rooms, menu photos and photo jobs share it). */
export function redis(): Promise<RedisClient> {
  if (!globalForStore.menuroomRedis) {
    const client = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    client.on('error', (error) =>
      console.error(JSON.stringify({ message: 'redis error', error: String(error) })),
    );
    globalForStore.menuroomRedis = client.connect().then(() => client);
    globalForStore.menuroomRedis.catch(() => {
      globalForStore.menuroomRedis = undefined;
    });
  }
  return globalForStore.menuroomRedis;
}

export async function roomStore(): Promise<RoomStore> {
  return new RedisRoomStore(await redis());
}

export async function redisIsReady(): Promise<boolean> {
  try {
    return (await redis()).isReady;
  } catch {
    return false;
  }
}
