// Which Redis menuroom talks to, read from one of two variables by both tiers (the socket
// replicas' config and the web tier's connection), so the two cannot disagree on the rule:
// - REDIS_URL: one Redis, `redis://user:password@host:port`.
// - REDIS_CLUSTER_NODES: a Redis Cluster, comma-separated `redis://user:password@host:port` URLs of
//   some of its nodes (three or more is best: any one of them answers the topology). The cluster
//   reports its other nodes by address only, so every node must accept the same user and password;
//   the URLs must therefore all carry the same credentials, and they are used for every node.
// Setting both is refused: one setting chooses the topology.

export type RedisTopology =
  | { kind: 'single'; url: string }
  | {
      kind: 'cluster';
      /** `redis://host:port` of each listed node, without credentials. */
      nodes: string[];
      username?: string;
      password?: string;
    };

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function parseRedisUrl(variable: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${variable}: "${text}" is not a URL (expected redis://user:password@host:port)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`${variable}: "${url.protocol}" is not redis:// or rediss://`);
  }
  if (!url.hostname || !url.port) throw new Error(`${variable}: "${url.host}" needs a host and a port`);
  return url;
}

/** Throws an error naming the variable and the bad entry. */
export function readRedisTopology(env: Record<string, string | undefined> = process.env): RedisTopology {
  const clusterNodes = env.REDIS_CLUSTER_NODES?.trim();
  const single = env.REDIS_URL?.trim();
  if (clusterNodes && single) {
    throw new Error('set REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a cluster), not both');
  }
  if (!clusterNodes) {
    const url = single || DEFAULT_REDIS_URL;
    parseRedisUrl('REDIS_URL', url);
    return { kind: 'single', url };
  }
  const urls = clusterNodes
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => parseRedisUrl('REDIS_CLUSTER_NODES', entry));
  if (urls.length === 0) throw new Error('REDIS_CLUSTER_NODES: no node listed');
  const [first] = urls as [URL, ...URL[]];
  for (const url of urls) {
    if (url.username !== first.username || url.password !== first.password) {
      throw new Error(
        `REDIS_CLUSTER_NODES: ${url.host} has other credentials than ${first.host}; use the same for all`,
      );
    }
  }
  return {
    kind: 'cluster',
    nodes: urls.map((url) => `${url.protocol}//${url.host}`),
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
  };
}

/** The topology as text for logs: addresses only, never a password. */
export function describeTopology(topology: RedisTopology): string {
  if (topology.kind === 'cluster') return `cluster of ${topology.nodes.join(',')}`;
  const url = new URL(topology.url);
  return `single ${url.host}`;
}

/**
 * How many replicas must confirm a write before it is answered (RedisRoomStore's waitForReplicas):
 * one on a cluster, where every master has a replica that takes over when it dies; none for a
 * single Redis, which has no replica to lose a write to (its AOF is its durability).
 * REDIS_WAIT_REPLICAS overrides it (0 for a cluster without replicas).
 */
export function replicasToWaitFor(
  topology: RedisTopology,
  env: Record<string, string | undefined> = process.env,
): number {
  const text = env.REDIS_WAIT_REPLICAS?.trim();
  if (!text) return topology.kind === 'cluster' ? 1 : 0;
  const replicas = Number(text);
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 5) {
    throw new Error(`REDIS_WAIT_REPLICAS: "${text}" is not a whole number from 0 to 5`);
  }
  return replicas;
}
