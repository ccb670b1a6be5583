// Defences below the events, against real replicas and a real Redis: one CONNECT per websocket, a
// slow reader cut off before the replica buffers without end, Origin and Host checked by the socket
// server, connections and handshakes per client address. Raw websockets speak engine.io and
// socket.io by hand (`40{...}` is a CONNECT) to do what no socket.io client would.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../lib/log';
import { type Dish, EVENTS, PROTOCOL_VERSION, SOCKET_PATH } from '../../lib/protocol';
import { type PublicAccess, readPublicAccess } from '../../lib/publicAccess';
import { createRedis, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
import { SAMPLE_ROOM, waitFor } from '../../test/support/socketCluster';
import { createSocketServer, type SocketServer, type SocketServerDeps } from '../src/createSocketServer';
import { CONNECTION_LIMITS } from '../src/limitsConnection';
import { roomChannel } from '../src/types';

interface Replica {
  url: string;
  port: number;
  server: SocketServer;
  redis: MenuroomRedis;
  sub: MenuroomRedis;
  store: RedisRoomStore;
}

let redis: RedisServer;
const replicas: Replica[] = [];
const closers: (() => void)[] = [];

async function startReplica(
  id: string,
  options: { publicAccess?: PublicAccess; limits?: SocketServerDeps['limits'] } = {},
): Promise<Replica> {
  const pub = createRedis(redis.url);
  const sub = createRedis(redis.url, { name: `menuroom-sub:${id}` });
  for (const client of [pub, sub]) client.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const store = new RedisRoomStore(pub);
  const server = await createSocketServer({
    store,
    pubClient: pub,
    subClient: sub,
    subscriberName: `menuroom-sub:${id}`,
    replicaId: id,
    log: silentLogger,
    ...options,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const replica = { url: `http://127.0.0.1:${port}`, port, server, redis: pub, sub, store };
  replicas.push(replica);
  return replica;
}

/** A raw engine.io websocket, with every text frame it receives. */
async function rawSocket(replica: Replica, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${replica.port}${SOCKET_PATH}/?EIO=4&transport=websocket`, {
    headers,
  });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(data.toString()));
  ws.on('error', () => {});
  closers.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  await waitFor(() => frames.some((frame) => frame.startsWith('0{')));
  return { ws, frames };
}

/** Sends a CONNECT as the host of `roomId` and answers the replica's socket for it. */
async function connectRaw(replica: Replica, raw: { ws: WebSocket; frames: string[] }, auth: object) {
  raw.ws.send(`40${JSON.stringify({ protocol: PROTOCOL_VERSION, ...auth })}`);
  await waitFor(() => raw.frames.some((frame) => frame.startsWith('40{"sid"')));
  const sid = JSON.parse(raw.frames.find((frame) => frame.startsWith('40{"sid"'))?.slice(2) ?? '{}').sid;
  const socket = replica.server.io.of('/').sockets.get(sid);
  if (!socket) throw new Error('no socket on the replica');
  let disconnected = false;
  socket.once('disconnect', () => {
    disconnected = true;
  });
  return { isDisconnected: () => disconnected };
}

/** Stops reading: the TCP receive window fills, then the replica's buffers would. */
function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
}

/** The status of a websocket upgrade refused before it opened (0 when it opened). */
function upgradeStatus(replica: Replica, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${replica.port}${SOCKET_PATH}/?EIO=4&transport=websocket`, {
      headers,
    });
    ws.on('error', () => {});
    ws.once('open', () => {
      ws.terminate();
      resolve(0);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? -1);
      ws.terminate();
    });
  });
}

/** A long-polling handshake (a new engine.io session), with any Host / Origin / X-Real-IP. */
function pollingHandshake(
  replica: Replica,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return polling(replica, { headers });
}

/** One long-polling request: a GET, or a POST of `body` to session `sid`. */
function polling(
  replica: Replica,
  options: { headers?: Record<string, string>; sid?: string; body?: string },
): Promise<{ status: number; body: string }> {
  const sid = options.sid ? `&sid=${options.sid}` : '';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: replica.port,
        path: `${SOCKET_PATH}/?EIO=4&transport=polling${sid}`,
        method: options.body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function client(
  replica: Replica,
  auth: Record<string, unknown>,
  options: { transport?: 'websocket' | 'polling'; address?: string } = {},
): Promise<Socket> {
  const socket = io(replica.url, {
    path: SOCKET_PATH,
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    transports: [options.transport ?? 'websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: options.address ? { 'x-real-ip': options.address } : {},
  });
  closers.push(() => socket.close());
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A menu change of about `bytes`, broadcast to a room straight from the replica. */
function bigChange(bytes: number, version: number) {
  const dishes: Dish[] = Array.from({ length: Math.ceil(bytes / 1_000) }, (_, i) => ({
    id: `d${i}`,
    name: `${'x'.repeat(960)}${i}`,
    priceMinor: i,
  }));
  return { version, change: { type: 'menu' as const, dishes } };
}

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(() => {
  for (const close of closers.splice(0)) close();
});

afterAll(async () => {
  for (const replica of replicas) {
    await replica.server.drain(500);
    await Promise.allSettled([replica.redis.quit(), replica.sub.quit()]);
  }
  await redis?.stop();
});

describe('one CONNECT per engine.io connection', () => {
  it('makes one socket of twenty CONNECTs sent back to back on one websocket', async () => {
    const replica = await startReplica('connect-once');
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const { ws, frames } = await rawSocket(replica);
    const before = replica.server.io.of('/').sockets.size;
    const connect = `40${JSON.stringify({ roomId: room.roomId, memberToken: room.memberToken, protocol: PROTOCOL_VERSION })}`;
    for (let i = 0; i < 20; i++) ws.send(connect);
    const answers = () => frames.filter((frame) => frame.startsWith('40') || frame.startsWith('44'));
    await waitFor(() => answers().length === 20);
    expect(answers().filter((frame) => frame.startsWith('40{"sid"'))).toHaveLength(1);
    const refusals = answers().filter((frame) => frame.startsWith('44'));
    expect(refusals).toHaveLength(19);
    expect(JSON.parse(refusals[0]?.slice(2) ?? '{}')).toMatchObject({ data: { code: 'not_allowed' } });
    expect(replica.server.io.of('/').sockets.size).toBe(before + 1);
  });

  it('lets a client try again on the same connection after a refused CONNECT', async () => {
    const replica = await startReplica('connect-retry');
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const { ws, frames } = await rawSocket(replica);
    ws.send(
      `40${JSON.stringify({ roomId: room.roomId, memberToken: 'not-a-valid-token-at-all', protocol: PROTOCOL_VERSION })}`,
    );
    await waitFor(() => frames.some((frame) => frame.startsWith('44')));
    ws.send(
      `40${JSON.stringify({ roomId: room.roomId, memberToken: room.memberToken, protocol: PROTOCOL_VERSION })}`,
    );
    await waitFor(() => frames.some((frame) => frame.startsWith('40{"sid"')));
  });
});

describe('a client that stops reading', () => {
  it('is disconnected once its backlog passes the bound, and the replica does not grow with it', async () => {
    const replica = await startReplica('slow-reader');
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const raw = await rawSocket(replica);
    const slow = await connectRaw(replica, raw, { roomId: room.roomId, memberToken: room.memberToken });
    // A reader that keeps up, in the same room.
    const reader = await client(replica, { roomId: room.roomId, memberToken: room.memberToken });
    let readerGot = 0;
    reader.on(EVENTS.roomChanged, () => readerGot++);
    stopReading(raw.ws);
    const rssBefore = process.memoryUsage().rss;
    const chunk = 256 * 1024;
    let pushed = 0;
    for (let version = 1; !slow.isDisconnected() && pushed < 256 * 1024 * 1024; version++) {
      replica.server.io.local
        .to(roomChannel(room.roomId))
        .emit(EVENTS.roomChanged, bigChange(chunk, version));
      pushed += chunk;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(slow.isDisconnected()).toBe(true);
    // What the kernel's socket buffers took in, plus the 2 MiB bound, plus one message.
    expect(pushed).toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    await waitFor(() => readerGot * chunk >= pushed * 0.9, 10_000);
    expect(reader.connected).toBe(true);
  });

  it('is disconnected over long-polling when it stops polling, at the bound and not later', async () => {
    const replica = await startReplica('slow-poller');
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const open = await polling(replica, {});
    const { sid } = JSON.parse(open.body.slice(1));
    const auth = { roomId: room.roomId, memberToken: room.memberToken, protocol: PROTOCOL_VERSION };
    expect((await polling(replica, { sid, body: `40${JSON.stringify(auth)}` })).status).toBe(200);
    await waitFor(() => replica.server.io.of('/').sockets.size === 1);
    const [socket] = replica.server.io.of('/').sockets.values();
    let disconnected = false;
    socket?.once('disconnect', () => {
      disconnected = true;
    });
    // It never polls again: everything for it waits in the replica's memory, nowhere else.
    const chunk = 256 * 1024;
    let pushed = 0;
    for (let version = 1; !disconnected && pushed < 64 * 1024 * 1024; version++) {
      replica.server.io.local
        .to(roomChannel(room.roomId))
        .emit(EVENTS.roomChanged, bigChange(chunk, version));
      pushed += chunk;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(disconnected).toBe(true);
    expect(pushed).toBeLessThanOrEqual(CONNECTION_LIMITS.writeBacklogBytes + 2 * chunk);
  });

  it('is disconnected when its queue stops moving, however many pongs it sends', async () => {
    const replica = await startReplica('stalled-reader', {
      limits: { writeStallMs: 1_500, writeBacklogBytes: 256 * 1024 * 1024 },
    });
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const raw = await rawSocket(replica);
    const stalled = await connectRaw(replica, raw, { roomId: room.roomId, memberToken: room.memberToken });
    stopReading(raw.ws);
    // Unsolicited pongs: engine.io takes them as signs of life.
    const pongs = setInterval(() => raw.ws.send('3'), 200);
    closers.push(() => clearInterval(pongs));
    // Enough to fill the kernel's buffers and leave a backlog, far below the byte bound.
    for (let version = 1; version <= 96; version++) {
      replica.server.io.local
        .to(roomChannel(room.roomId))
        .emit(EVENTS.roomChanged, bigChange(256 * 1024, version));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(stalled.isDisconnected, 10_000);
  });
});

describe('Origin and Host', () => {
  it('refuses foreign origins and hosts with a 403, answers the configured ones', async () => {
    const replica = await startReplica('public-origin', {
      publicAccess: readPublicAccess('https://menu.example,http://192.168.1.20:8080'),
    });
    const ok = await pollingHandshake(replica, { Host: 'menu.example', Origin: 'https://menu.example' });
    expect(ok.status).toBe(200);
    // nginx sends Host without the port of the public origin.
    expect((await pollingHandshake(replica, { Host: '192.168.1.20' })).status).toBe(200);
    expect((await pollingHandshake(replica, { Host: '192.168.1.20:8080' })).status).toBe(200);

    const foreignHost = await pollingHandshake(replica, { Host: 'rebound.evil.example' });
    expect(foreignHost.status).toBe(403);
    expect(JSON.parse(foreignHost.body)).toMatchObject({ error: { code: 'not_allowed' } });
    const foreignOrigin = await pollingHandshake(replica, {
      Host: 'menu.example',
      Origin: 'https://evil.example',
    });
    expect(foreignOrigin.status).toBe(403);
    expect(JSON.parse(foreignOrigin.body).error.message).toMatch(/other sites/);

    expect(await upgradeStatus(replica, { Host: 'menu.example', Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(replica, { Host: 'evil.example' })).toBe(403);
    expect(await upgradeStatus(replica, { Host: 'menu.example', Origin: 'https://menu.example' })).toBe(0);
  });

  it('accepts only loopback when no public origin is configured', async () => {
    const replica = await startReplica('loopback-only');
    expect((await pollingHandshake(replica, {})).status).toBe(200);
    expect((await pollingHandshake(replica, { Origin: 'http://localhost:3000' })).status).toBe(200);
    expect((await pollingHandshake(replica, { Origin: 'https://evil.example' })).status).toBe(403);
    expect(await upgradeStatus(replica, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(replica, { Host: 'evil.example' })).toBe(403);
  });
});

describe('connections per client address', () => {
  it('caps the open connections of one address on a replica', async () => {
    const replica = await startReplica('per-address', { limits: { connectionsPerAddress: 5 } });
    const from = (address: string) => pollingHandshake(replica, { 'X-Real-IP': address });
    for (let i = 0; i < 5; i++) expect((await from('10.30.0.1')).status).toBe(200);
    const refused = await from('10.30.0.1');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await from('10.30.0.2')).status).toBe(200);
  });

  it('limits how many connections one address opens per second, on every replica together', async () => {
    const limits = {
      handshakeAddress: { perSecond: 5, burst: 5, burstWindowSec: 60 },
      connectionsPerAddress: 1_000,
    };
    const one = await startReplica('handshakes-1', { limits });
    const two = await startReplica('handshakes-2', { limits });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => pollingHandshake(i % 2 ? one : two, { 'X-Real-IP': '10.30.1.1' })),
    );
    const opened = statuses.filter((s) => s.status === 200).length;
    expect(opened).toBeGreaterThanOrEqual(5);
    expect(opened).toBeLessThanOrEqual(15);
    expect(statuses.filter((s) => s.status === 429)).toHaveLength(30 - opened);
  });

  it('limits CONNECTs per address, long-polling ones included', async () => {
    const replica = await startReplica('connects', {
      limits: { connectAddress: { perSecond: 2, burst: 1, burstWindowSec: 60 } },
    });
    const room = await replica.store.createRoom(SAMPLE_ROOM);
    const auth = { roomId: room.roomId };
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () => client(replica, auth, { transport: 'polling', address: '10.30.2.1' })),
    );
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(attempts.length - refused.length).toBeGreaterThanOrEqual(2);
    expect(attempts.length - refused.length).toBeLessThanOrEqual(5);
    for (const attempt of refused) {
      expect((attempt.reason as Error & { data?: unknown }).data).toMatchObject({ code: 'rate_limited' });
    }
    await client(replica, auth, { transport: 'polling', address: '10.30.2.2' });
  });
});

describe('malformed socket.io packets', () => {
  for (const [what, frame] of [
    ['an event without its name', '42'],
    ['an event with an empty list', '42[]'],
    ['an answer to no call', '43[]'],
    ['an answer without its list', '43'],
  ] as const) {
    it(`closes the connection that sent ${what} (${frame}), and only that one`, async () => {
      const replica = await startReplica(`malformed-${frame}`);
      const room = await replica.store.createRoom(SAMPLE_ROOM);
      const auth = { roomId: room.roomId, memberToken: room.memberToken };
      const [sender, bystander] = [await rawSocket(replica), await rawSocket(replica)];
      const sent = await connectRaw(replica, sender, auth);
      const other = await connectRaw(replica, bystander, auth);
      let closed = false;
      sender.ws.once('close', () => {
        closed = true;
      });
      sender.ws.send(frame);
      await waitFor(() => closed && sent.isDisconnected());
      expect(other.isDisconnected()).toBe(false);
      expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    });
  }
});
