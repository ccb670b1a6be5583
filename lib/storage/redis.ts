// The Redis connection every part of menuroom uses (web tier, socket replicas, tests): one Redis
// (createClient) or a Redis Cluster (createCluster), chosen by the topology (topology.ts), with the
// room scripts registered through node-redis's own script support: it sends EVALSHA and loads the
// script again after a Redis restart (NOSCRIPT) by itself; on a cluster each script runs on the
// master of its first key's slot, and every room script's keys are one room's (keys.ts).
import { type CommandParser, createClient, createCluster, defineScript } from 'redis';
import { ADD_MEMBER_LUA, APPLY_CHANGE_LUA, PRESENCE_HEARTBEAT_LUA, SNAPSHOT_LUA } from './lua';
import { type RedisTopology, readRedisTopology } from './topology';

/** Runs with the room's keys and the script's arguments; answers the script's raw array reply. */
function roomScript(source: string, numberOfKeys: number) {
  return defineScript({
    SCRIPT: source,
    NUMBER_OF_KEYS: numberOfKeys,
    parseCommand(parser: CommandParser, keys: string[], args: string[]) {
      for (const key of keys) parser.pushKey(key);
      parser.push(...args);
    },
    transformReply: undefined as unknown as () => unknown[],
  });
}

export const ROOM_SCRIPTS = {
  /** KEYS: scriptKeys(roomId) (keys.ts). */
  addMember: roomScript(ADD_MEMBER_LUA, 11),
  /** KEYS: changeScriptKeys(roomId, memberId) (keys.ts). */
  applyChange: roomScript(APPLY_CHANGE_LUA, 13),
  /** KEYS: snapshotKeys(roomId) (keys.ts). */
  readSnapshot: roomScript(SNAPSHOT_LUA, 9),
  /** KEYS: the room's presence and meta keys (keys.ts roomKeys). */
  presenceHeartbeat: roomScript(PRESENCE_HEARTBEAT_LUA, 2),
};

const socketOptions = {
  // Reconnect forever with capped, jittered backoff: Redis restarts must not kill replicas.
  reconnectStrategy: (retries: number) =>
    Math.min(2_000, 50 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 100),
  connectTimeout: 5_000,
};

function createSingle(url: string, name: string | undefined) {
  return createClient({ url, name, scripts: ROOM_SCRIPTS, socket: socketOptions });
}

function createClusterClient(
  topology: Extract<RedisTopology, { kind: 'cluster' }>,
  name: string | undefined,
) {
  return createCluster({
    rootNodes: topology.nodes.map((url) => ({ url })),
    // Every node connection (the listed ones and the ones the cluster reports) logs in the same way.
    defaults: { username: topology.username, password: topology.password, name, socket: socketOptions },
    scripts: ROOM_SCRIPTS,
    // Writes and the reads that must see them go to masters only.
    useReplicas: false,
  });
}

export type SingleRedis = ReturnType<typeof createSingle>;
export type ClusterRedis = ReturnType<typeof createClusterClient>;
/** Either connection: the commands menuroom uses have the same signatures on both. */
export type MenuroomRedis = SingleRedis | ClusterRedis;

/**
 * `target` is a topology, or text as a variable holds it: one URL (REDIS_URL's form) or several
 * comma-separated ones (REDIS_CLUSTER_NODES' form), which is how tests pass either.
 */
export function createRedis(target: string | RedisTopology, options: { name?: string } = {}): MenuroomRedis {
  const topology =
    typeof target !== 'string'
      ? target
      : readRedisTopology(target.includes(',') ? { REDIS_CLUSTER_NODES: target } : { REDIS_URL: target });
  return topology.kind === 'cluster'
    ? createClusterClient(topology, options.name)
    : createSingle(topology.url, options.name);
}

export function isCluster(redis: MenuroomRedis): redis is ClusterRedis {
  return 'masters' in redis;
}

/**
 * The connection to the one Redis server that holds `key`: the client itself, or the cluster's
 * connection to the key's master. For commands about a server rather than a key (INFO, WAIT),
 * which a cluster client would otherwise send to every shard.
 */
export async function serverOf(redis: MenuroomRedis, key: string): Promise<SingleRedis> {
  return isCluster(redis) ? ((await redis.getNodeClientForKey(key)) as unknown as SingleRedis) : redis;
}

/** A connection to every master (one for a single Redis), e.g. to find a connection by its name. */
export async function mastersOf(redis: MenuroomRedis): Promise<SingleRedis[]> {
  if (!isCluster(redis)) return [redis];
  return Promise.all(
    redis.masters.map(async (master) => (await redis.nodeClient(master)) as unknown as SingleRedis),
  );
}

/**
 * How long a write waits for its replica (WAIT) before it is answered as not done. A replica on
 * the same network acknowledges in well under a millisecond; this only runs out when the replica
 * is gone or its master is cut off (then the client retries the same write, see waitForReplicas).
 */
export const REPLICA_WAIT_MS = 250;

/**
 * A write was applied on its master but no replica confirmed it in time: it may or may not survive
 * a failover, so it is answered as a retryable failure (`unavailable`), and the retry must land on
 * the same record (an operation id, a request id) rather than make a second one.
 */
export class NotReplicatedError extends Error {
  constructor(key: string, acknowledged: number, wanted: number) {
    super(`write to ${key} reached ${acknowledged} of ${wanted} replicas in ${REPLICA_WAIT_MS} ms`);
    this.name = 'NotReplicatedError';
  }
}

/**
 * Waits until `replicas` replicas hold every write this connection made to `key`'s server, and
 * throws NotReplicatedError when they do not in REPLICA_WAIT_MS (0 replicas: returns at once).
 * WAIT counts the writes of the connection it is sent on, and a cluster client has one connection
 * per master, so it is sent on the connection of `key`'s master. Redis replicates asynchronously:
 * a write answered before its replica has it is lost if the master dies then and the replica
 * takes over.
 */
export async function waitForReplicas(redis: MenuroomRedis, key: string, replicas: number): Promise<void> {
  if (replicas === 0) return;
  const server = await serverOf(redis, key);
  const acknowledged = Number(await server.sendCommand(['WAIT', String(replicas), String(REPLICA_WAIT_MS)]));
  if (acknowledged < replicas) throw new NotReplicatedError(key, acknowledged, replicas);
}
