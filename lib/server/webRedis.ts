import 'server-only';
import { createLogger } from '@/lib/log';
import { createRedis, type MenuroomRedis } from '@/lib/storage/redis';
import { RedisRoomStore } from '@/lib/storage/redisRoomStore';
import { readRedisTopology, replicasToWaitFor } from '@/lib/storage/topology';

/** The web tier's logger: route handlers and photo jobs log through it. */
export const webLog = createLogger({ service: 'web' });

// One Redis connection per web process, created on first use and kept across requests
// (and across hot reloads in development, hence globalThis).
const globalForRedis = globalThis as unknown as { menuroomWebRedis?: Promise<MenuroomRedis> };

/** REDIS_URL or REDIS_CLUSTER_NODES, read by the same rule as the socket replicas'. */
const topology = () => readRedisTopology(process.env);

/** The web process's Redis connection (rooms, menu photos and photo jobs share it). */
export function webRedis(): Promise<MenuroomRedis> {
  if (!globalForRedis.menuroomWebRedis) {
    const client = createRedis(topology());
    client.on('error', (err) => webLog.error({ err }, 'redis error'));
    globalForRedis.menuroomWebRedis = client.connect().then(() => client);
    globalForRedis.menuroomWebRedis.catch(() => {
      globalForRedis.menuroomWebRedis = undefined;
    });
  }
  return globalForRedis.menuroomWebRedis;
}

/** Replicas a write the web tier acknowledges waits for: 1 on a cluster (topology.ts). */
export const webWaitForReplicas = () => replicasToWaitFor(topology());

/** The store itself (not only the RoomStore interface): routes use its request-id creation. */
export async function webRoomStore(): Promise<RedisRoomStore> {
  return new RedisRoomStore(await webRedis(), undefined, { waitForReplicas: webWaitForReplicas() });
}

export async function redisIsReady(): Promise<boolean> {
  try {
    return (await webRedis()).isReady;
  } catch {
    return false;
  }
}
