// Several real socket servers (each with its own Redis connections) on one real Redis, on port 0,
// and real socket.io clients connected to a chosen one. `redisUrl` may list a cluster's nodes
// (startRedisServer with MENUROOM_TEST_REDIS=cluster): the replicas then run on the cluster, their
// writes waiting for a replica as in production (replicasToWaitFor).
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { silentLogger } from '../../lib/log';
import type {
  ChangeReply,
  ChangeType,
  ClientToServerEvents,
  CreateRoomRequest,
  Reply,
  RoomChanged,
  ServerToClientEvents,
} from '../../lib/protocol';
import { EVENTS, PROTOCOL_VERSION, SOCKET_PATH } from '../../lib/protocol';
import { createRedis, isCluster, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { createSocketServer, type SocketServer } from '../../server/src/createSocketServer';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents> & {
  changes: RoomChanged[];
  /** Highest version announced by the replica's version beacon. */
  beaconVersion: number;
};

export interface Replica {
  id: string;
  url: string;
  server: SocketServer;
  redis: MenuroomRedis;
  sub: MenuroomRedis;
  store: RedisRoomStore;
}

/**
 * `protocol`: play a replica of an older (or newer) build. `port`: listen where a replica that was
 * just stopped listened, as a replacement in a rolling deploy does.
 */
export async function startReplica(
  redisUrl: string,
  id: string,
  options: { protocol?: number; port?: number } = {},
): Promise<Replica> {
  const redis = createRedis(redisUrl);
  const subscriberName = `menuroom-sub:${id}`;
  const sub = createRedis(redisUrl, { name: subscriberName });
  // Connection errors are expected in fault tests; node-redis reconnects by itself.
  for (const client of [redis, sub]) client.on('error', () => {});
  await Promise.all([redis.connect(), sub.connect()]);
  const store = new RedisRoomStore(redis, undefined, { waitForReplicas: isCluster(redis) ? 1 : 0 });
  const server = await createSocketServer({
    store,
    pubClient: redis,
    subClient: sub,
    subscriberName,
    replicaId: id,
    log: silentLogger,
    protocol: options.protocol,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return { id, url: `http://127.0.0.1:${port}`, server, redis, sub, store };
}

export async function stopReplica(replica: Replica): Promise<void> {
  await replica.server.drain(1_000);
  await Promise.allSettled([replica.redis.quit(), replica.sub.quit()]);
}

export function connectClient(
  replica: Replica,
  auth: { roomId: string; memberToken?: string } | Record<string, unknown>,
): Promise<TestClient> {
  const socket = io(replica.url, {
    path: SOCKET_PATH,
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  }) as TestClient;
  socket.changes = [];
  socket.beaconVersion = 0;
  socket.on(EVENTS.roomChanged, (event) => socket.changes.push(event));
  socket.on(EVENTS.roomVersion, ({ version }) => {
    socket.beaconVersion = Math.max(socket.beaconVersion, version);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits with an acknowledgement and resolves with the server's reply. */
export function ask<T>(socket: TestClient, event: string, ...args: unknown[]): Promise<Reply<T>> {
  return (
    socket.timeout(5_000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<Reply<T>> }
  ).emitWithAck(event, ...args);
}

/**
 * Sends a change request the way the client core does: `{ opId, change: { type, ...fields } }`.
 * `request` is the flat form `{ opId, ...fields }` the tests read best in.
 */
export function askChange(
  socket: TestClient,
  type: ChangeType,
  request: { opId?: unknown } & Record<string, unknown>,
): Promise<Reply<ChangeReply>> {
  const { opId, ...fields } = request;
  return ask<ChangeReply>(socket, EVENTS.roomChange, { opId, change: { type, ...fields } });
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const SAMPLE_ROOM: CreateRoomRequest = {
  title: 'Gogi House',
  currency: 'KRW',
  hostName: 'Hana',
  dishes: [
    { name: '비빔밥', priceMinor: 9000 },
    { name: '김치찌개', priceMinor: 8000 },
    { name: '불고기', priceMinor: 15000 },
  ],
};
