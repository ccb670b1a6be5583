// Several real socket servers (each with its own Redis connections) on one real Redis, on port 0,
// and real socket.io clients connected to a chosen one.
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  CreateRoomRequest,
  Reply,
  RoomChanged,
  ServerToClientEvents,
} from '../../lib/protocol';
import { SOCKET_PATH } from '../../lib/protocol';
import { createSocketServer, type SocketServer } from '../../server/src/createSocketServer';
import { createRedisClient, type RedisClient } from '../../server/src/store/redisClient';
import { RedisRoomStore } from '../../server/src/store/redisRoomStore';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents> & {
  changes: RoomChanged[];
  /** Highest version announced by the replica's version beacon. */
  beaconVersion: number;
};

export interface Replica {
  id: string;
  url: string;
  server: SocketServer;
  redis: RedisClient;
  sub: RedisClient;
  store: RedisRoomStore;
}

export async function startReplica(redisUrl: string, id: string): Promise<Replica> {
  const redis = createRedisClient(redisUrl);
  const subscriberName = `menuroom-sub:${id}`;
  const sub = createRedisClient(redisUrl, { name: subscriberName });
  // Connection errors are expected in fault tests; node-redis reconnects by itself.
  for (const client of [redis, sub]) client.on('error', () => {});
  await Promise.all([redis.connect(), sub.connect()]);
  const store = new RedisRoomStore(redis);
  const server = await createSocketServer({
    store,
    pubClient: redis,
    subClient: sub,
    subscriberName,
    replicaId: id,
    log: () => {},
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
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
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  }) as TestClient;
  socket.changes = [];
  socket.beaconVersion = 0;
  socket.on('room:changed', (event) => socket.changes.push(event));
  socket.on('room:version', ({ version }) => {
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
