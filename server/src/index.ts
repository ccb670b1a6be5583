// Entry point of one socket replica: read config, connect Redis, listen, drain on SIGTERM.
import { createLogger } from '../../lib/log';
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { describeTopology } from '../../lib/storage/topology';
import { readConfig } from './config';
import { createSocketServer } from './createSocketServer';

const config = readConfig();
const log = createLogger({ service: 'socket', replica: config.REPLICA_ID });

const pubClient = createRedis(config.redis);
const subscriberName = `menuroom-sub:${config.REPLICA_ID}`;
const subClient = createRedis(config.redis, { name: subscriberName });
for (const client of [pubClient, subClient]) client.on('error', (err) => log.warn({ err }, 'redis error'));
await Promise.all([pubClient.connect(), subClient.connect()]);

const server = await createSocketServer({
  store: new RedisRoomStore(pubClient, undefined, { waitForReplicas: config.waitForReplicas }),
  pubClient,
  subClient,
  subscriberName,
  replicaId: config.REPLICA_ID,
  log,
  publicAccess: config.publicAccess,
});
server.httpServer.listen(config.PORT, config.HOST, () =>
  log.info({ host: config.HOST, port: config.PORT, redis: describeTopology(config.redis) }, 'listening'),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'draining');
  const forced = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 2_000);
  forced.unref();
  await server.drain(config.SHUTDOWN_GRACE_MS);
  await Promise.allSettled([pubClient.quit(), subClient.quit()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
