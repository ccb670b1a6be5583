import { hostname } from 'node:os';
import { z } from 'zod';
import { type PublicAccess, readPublicAccess } from '../../lib/publicAccess';
import { type RedisTopology, readRedisTopology, replicasToWaitFor } from '../../lib/storage/topology';

// Parsed once at start-up; a bad variable stops the process with a message naming it.
const ConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  REPLICA_ID: z.string().min(1).max(64).optional(),
  /** How long SIGTERM waits for in-flight operations before closing the remaining sockets. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** The origins phones open menuroom at ("https://menu.example,http://192.168.1.20:8080"). */
  PUBLIC_ORIGINS: z.string().optional(),
});

export type SocketServerConfig = z.infer<typeof ConfigSchema> & {
  REPLICA_ID: string;
  /** Origins and hosts the socket server answers; unset PUBLIC_ORIGINS means loopback only. */
  publicAccess: PublicAccess;
  /** REDIS_URL or REDIS_CLUSTER_NODES (lib/storage/topology.ts, the web tier reads the same). */
  redis: RedisTopology;
  /** Replicas a write waits for before it is answered (REDIS_WAIT_REPLICAS, see replicasToWaitFor). */
  waitForReplicas: number;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): SocketServerConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid socket server configuration: ${problems}`);
  }
  return {
    ...parsed.data,
    REPLICA_ID: parsed.data.REPLICA_ID ?? `${hostname()}-${process.pid}`,
    // Throws with a message naming PUBLIC_ORIGINS and the bad entry.
    publicAccess: readPublicAccess(parsed.data.PUBLIC_ORIGINS ?? ''),
    ...readTopology(env),
  };
}

function readTopology(env: NodeJS.ProcessEnv): Pick<SocketServerConfig, 'redis' | 'waitForReplicas'> {
  try {
    const redis = readRedisTopology(env);
    return { redis, waitForReplicas: replicasToWaitFor(redis, env) };
  } catch (error) {
    throw new Error(`invalid socket server configuration: ${(error as Error).message}`);
  }
}
