// Entry point of one socket replica: read config, connect Redis, listen, drain on SIGTERM.
import { readConfig } from './config';
import { createSocketServer } from './createSocketServer';
import { createRedisClient } from './store/redisClient';
import { RedisRoomStore } from './store/redisRoomStore';

const config = readConfig();
const log = (message: string, extra?: Record<string, unknown>) =>
  console.log(
    JSON.stringify({ time: new Date().toISOString(), replica: config.REPLICA_ID, message, ...extra }),
  );

const pubClient = createRedisClient(config.REDIS_URL);
const subscriberName = `menuroom-sub:${config.REPLICA_ID}`;
const subClient = createRedisClient(config.REDIS_URL, { name: subscriberName });
for (const client of [pubClient, subClient])
  client.on('error', (error) => log('redis error', { error: String(error) }));
await Promise.all([pubClient.connect(), subClient.connect()]);

const server = await createSocketServer({
  store: new RedisRoomStore(pubClient),
  pubClient,
  subClient,
  subscriberName,
  replicaId: config.REPLICA_ID,
  log,
});
server.httpServer.listen(config.PORT, config.HOST, () =>
  log('listening', { host: config.HOST, port: config.PORT }),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('draining', { signal });
  const forced = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 2_000);
  forced.unref();
  await server.drain(config.SHUTDOWN_GRACE_MS);
  await Promise.allSettled([pubClient.quit(), subClient.quit()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
