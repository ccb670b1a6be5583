import 'server-only';
import { createLogger } from '@/lib/log';
import { createRedis, type MenuroomRedis } from '@/lib/storage/redis';
import { RedisRoomStore } from '@/lib/storage/redisRoomStore';
import type { RoomStore } from '@/lib/storage/roomStore';

/** The web tier's logger: route handlers and photo jobs log through it. */
export const webLog = createLogger({ service: 'web' });

// One Redis connection per web process, created on first use and kept across requests
// (and across hot reloads in development, hence globalThis).
const globalForRedis = globalThis as unknown as { menuroomWebRedis?: Promise<MenuroomRedis> };

/** The web process's Redis connection (rooms, menu photos and photo jobs share it). */
export function webRedis(): Promise<MenuroomRedis> {
  if (!globalForRedis.menuroomWebRedis) {
    const client = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    client.on('error', (err) => webLog.error({ err }, 'redis error'));
    globalForRedis.menuroomWebRedis = client.connect().then(() => client);
    globalForRedis.menuroomWebRedis.catch(() => {
      globalForRedis.menuroomWebRedis = undefined;
    });
  }
  return globalForRedis.menuroomWebRedis;
}

export async function webRoomStore(): Promise<RoomStore> {
  return new RedisRoomStore(await webRedis());
}

export async function redisIsReady(): Promise<boolean> {
  try {
    return (await webRedis()).isReady;
  } catch {
    return false;
  }
}
