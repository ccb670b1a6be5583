// Watches the two things node-redis cannot tell us by itself:
// 1. the subscriber connection can lose its subscriptions while "working" (killed by CLIENT KILL,
//    or a reconnect that did not resubscribe: node-redis 2155, socket.io 4845). A probe published
//    to this replica's own channel every few seconds must come back; when it does not, the
//    subscriber connection is killed on the server side so node-redis reconnects and resubscribes.
// 2. Redis can restart empty (no persistence). A marker key written at start-up vanishes then;
//    the loss is reported (log + /readyz) instead of rooms silently looking empty or expired.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../lib/log';
import { EPOCH_KEY, probeChannel } from '../../lib/storage/keys';
import { type MenuroomRedis, mastersOf } from '../../lib/storage/redis';

const PROBE_INTERVAL_MS = 2_000;
const PROBE_TIMEOUT_MS = 1_500;

export interface RedisHealth {
  subscriberHealthy: boolean;
  /** When this replica saw Redis come back without its data, if it ever did. */
  dataLostAt: number | null;
}

export interface WatchdogOptions {
  pub: MenuroomRedis;
  sub: MenuroomRedis;
  replicaId: string;
  subscriberName: string;
  log: Logger;
}

export async function startRedisWatchdog(options: WatchdogOptions) {
  const { pub, sub, replicaId, subscriberName, log } = options;
  const health: RedisHealth = { subscriberHealthy: true, dataLostAt: null };
  const channel = probeChannel(replicaId);
  let lastEcho = '';
  let misses = 0;
  await sub.sSubscribe(channel, (message) => {
    lastEcho = message;
  });
  // NX: the first replica (or the web tier) to start after Redis came up empty writes the epoch.
  await pub.set(EPOCH_KEY, randomUUID(), { NX: true });

  async function probe() {
    if (!pub.isReady) return;
    const token = randomUUID();
    await pub.sPublish(channel, token);
    await new Promise((resolve) => setTimeout(resolve, PROBE_TIMEOUT_MS));
    if (lastEcho === token) {
      if (!health.subscriberHealthy) log.info('redis subscriber recovered');
      health.subscriberHealthy = true;
      misses = 0;
    } else if (++misses >= 2) {
      health.subscriberHealthy = false;
      log.warn({ misses }, 'redis subscriber lost; forcing a reconnect');
      await killSubscriber(pub, subscriberName);
    }
    if ((await pub.set(EPOCH_KEY, randomUUID(), { NX: true })) === 'OK') {
      health.dataLostAt = Date.now();
      log.error('REDIS DATA LOST: Redis came back without menuroom data (no persistence?); rooms are gone');
    }
  }

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    probe()
      .catch((err) => log.warn({ err }, 'redis probe failed'))
      .finally(() => {
        running = false;
      });
  }, PROBE_INTERVAL_MS);
  timer.unref();
  return { health, stop: () => clearInterval(timer) };
}

/**
 * Kills our subscriber's server-side connections (on a cluster, one per master it subscribes on);
 * node-redis then reconnects and resubscribes.
 */
async function killSubscriber(pub: MenuroomRedis, name: string) {
  for (const server of await mastersOf(pub)) {
    const list = await server.sendCommand<string>(['CLIENT', 'LIST']);
    for (const line of String(list).split('\n')) {
      const id = /\bid=(\d+)\b/.exec(line)?.[1];
      if (id && line.includes(` name=${name} `)) await server.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    }
  }
}
