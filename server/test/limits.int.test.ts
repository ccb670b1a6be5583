// Limits that follow the person, not the socket: budgets in a real Redis shared by two real replicas,
// reached through real socket.io clients. Each test speaks from its own client address (X-Real-IP,
// which a replica trusts from loopback as it trusts nginx) so the per-address budgets start fresh.
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log';
import {
  CHANGE_REQUESTS,
  EVENTS,
  MAX_DISHES,
  MAX_DISH_NAME_LENGTH,
  PROTOCOL_VERSION,
  type Reply,
  SOCKET_PATH,
} from '../../lib/protocol';
import { changeScriptKeys } from '../../lib/storage/keys';
import { createRedis, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
import { SAMPLE_ROOM, type TestClient, ask, askChange, waitFor } from '../../test/support/socketCluster';
import { createSocketServer, type SocketServer } from '../src/createSocketServer';
import { LARGE_MESSAGES } from '../src/largeMessages';
import { LIMITS, MAX_EVENT_BYTES, SharedLimits, largestDish } from '../src/limits';

interface Replica {
  url: string;
  server: SocketServer;
  redis: MenuroomRedis;
  sub: MenuroomRedis;
  store: RedisRoomStore;
}

async function startReplica(redisUrl: string, id: string): Promise<Replica> {
  const redis = createRedis(redisUrl);
  const sub = createRedis(redisUrl, { name: `menuroom-sub:${id}` });
  for (const client of [redis, sub]) client.on('error', () => {});
  await Promise.all([redis.connect(), sub.connect()]);
  const store = new RedisRoomStore(redis);
  const server = await createSocketServer({
    store,
    pubClient: redis,
    subClient: sub,
    subscriberName: `menuroom-sub:${id}`,
    replicaId: id,
    log: silentLogger,
  });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, redis, sub, store };
}

let redis: RedisServer;
let a: Replica;
let b: Replica;
const sockets: TestClient[] = [];
let nextAddress = 1;
/** A client address of its own for each test. */
const freshAddress = () => `10.20.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`;

function connect(replica: Replica, auth: Record<string, unknown>, address: string): Promise<TestClient> {
  const socket = io(replica.url, {
    path: SOCKET_PATH,
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { 'x-real-ip': address },
  }) as TestClient;
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** How many replies were accepted, and how many refused with each code. */
function tally(replies: Reply<unknown>[]) {
  const counts = { ok: 0, rate_limited: 0, invalid_payload: 0 } as Record<string, number> & {
    ok: number;
    rate_limited: number;
    invalid_payload: number;
  };
  for (const reply of replies) {
    const key = reply.ok ? 'ok' : reply.error.code;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The most a member budget admits in `seconds` (a flood may straddle one more window). */
const memberBudget = (seconds: number) =>
  LIMITS.member.perSecond * (Math.ceil(seconds) + 1) + LIMITS.member.burst;

const picks = (socket: TestClient, tag: string, count: number, dishId = 'd1') =>
  Array.from({ length: count }, (_, i) =>
    askChange(socket, 'pick.set', { opId: `op-${tag}-${String(i).padStart(5, '0')}`, dishId, qty: i % 3 }),
  );

beforeAll(async () => {
  redis = await startRedisServer();
  [a, b] = await Promise.all([startReplica(redis.url, 'limits-a'), startReplica(redis.url, 'limits-b')]);
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

afterAll(async () => {
  for (const replica of [a, b]) {
    if (!replica) continue;
    await replica.server.drain(500);
    await Promise.allSettled([replica.redis.quit(), replica.sub.quit()]);
  }
  await redis?.stop();
});

describe('a member has one budget however many sockets and replicas they use', () => {
  it('limits ten sockets sharing one token together, across two replicas', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    const ten = await Promise.all(
      Array.from({ length: 10 }, (_, i) => connect(i % 2 ? b : a, auth, address)),
    );
    const started = Date.now();
    // 40 each: exactly what every socket's own bucket lets through, so only the shared budget refuses.
    const replies = await Promise.all(ten.flatMap((socket, i) => picks(socket, `ten${i}`, 40)));
    const seconds = (Date.now() - started) / 1000;
    const counts = tally(replies);
    expect(counts.ok).toBeGreaterThanOrEqual(LIMITS.member.perSecond);
    expect(counts.ok).toBeLessThanOrEqual(memberBudget(seconds));
    expect(counts.rate_limited).toBe(400 - counts.ok);
    expect(ten.every((socket) => socket.connected)).toBe(true);
    // Counted in Redis, not in each replica's memory: by the change script, in the room's slot.
    const [perSecondKey] = changeScriptKeys(room.roomId, room.memberId).slice(-2);
    expect(perSecondKey).toBe(`menuroom:limit:member:{${room.roomId}}:${room.memberId}`);
    expect(await a.redis.exists(perSecondKey ?? '')).toBe(1);
  });

  it('does not give a reconnecting member a new budget', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    const replies: Reply<unknown>[] = [];
    const started = Date.now();
    for (let round = 0; round < 10; round++) {
      const socket = await connect(round % 2 ? b : a, auth, address);
      replies.push(...(await Promise.all(picks(socket, `loop${round}`, 30))));
      socket.close();
    }
    const seconds = (Date.now() - started) / 1000;
    const counts = tally(replies);
    expect(counts.ok).toBeLessThanOrEqual(memberBudget(seconds));
    expect(counts.rate_limited).toBeGreaterThanOrEqual(300 - memberBudget(seconds));
  });

  it('counts picks (in the change script) and other events (in the replica) against one budget', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => connect(i % 2 ? b : a, auth, address)));
    const started = Date.now();
    // 40 each: what every socket's own bucket lets through, so only the shared budget refuses.
    const replies = await Promise.all(
      six.flatMap((socket, i) =>
        i < 3
          ? // Counted by the replica: invalid changes never reach the store.
            Array.from({ length: 40 }, () =>
              ask(socket, EVENTS.roomChange, { opId: 'x', change: { type: 'pick.set', qty: 'lots' } }),
            )
          : // Counted by the change script, in the same Redis call as the pick.
            picks(socket, `mixed${i}`, 40),
      ),
    );
    const counts = tally(replies);
    expect(counts.ok + counts.invalid_payload).toBeLessThanOrEqual(
      memberBudget((Date.now() - started) / 1000),
    );
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.invalid_payload).toBeGreaterThan(0);
    expect(counts.rate_limited).toBe(240 - counts.ok - counts.invalid_payload);
  });

  it('counts invalid payloads against the budget', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    const five = await Promise.all(Array.from({ length: 5 }, () => connect(a, auth, address)));
    const started = Date.now();
    const replies = await Promise.all(
      five.flatMap((socket) =>
        Array.from({ length: 40 }, () =>
          ask(socket, EVENTS.roomChange, { opId: 'x', change: { type: 'pick.set', qty: 'lots' } }),
        ),
      ),
    );
    const counts = tally(replies);
    expect(counts.invalid_payload).toBeLessThanOrEqual(memberBudget((Date.now() - started) / 1000));
    expect(counts.rate_limited).toBe(200 - counts.invalid_payload);
    expect(counts.rate_limited).toBeGreaterThan(0);
    // Nothing was written.
    expect((await a.store.getSnapshot(room.roomId))?.picks).toEqual([]);
  });

  it('counts the events of sockets without a token by client address', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const visitors = await Promise.all(
      Array.from({ length: 12 }, (_, i) => connect(i % 2 ? b : a, { roomId: room.roomId }, address)),
    );
    const started = Date.now();
    // Invalid joins (an empty name): each one costs, none makes a member.
    const replies = await Promise.all(
      visitors.flatMap((socket) =>
        Array.from({ length: 40 }, () => ask(socket, EVENTS.memberJoin, { name: '' })),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const budget = LIMITS.visitorAddress.perSecond * (Math.ceil(seconds) + 1) + LIMITS.visitorAddress.burst;
    const counts = tally(replies);
    expect(counts.invalid_payload).toBeLessThanOrEqual(budget);
    expect(counts.rate_limited).toBe(480 - counts.invalid_payload);
    // Another address is not affected.
    const other = await connect(a, { roomId: room.roomId }, freshAddress());
    expect((await ask(other, EVENTS.roomSync)).ok).toBe(true);
  });
});

describe('joins follow the address, per room', () => {
  it('lets one address add a whole table to a room, not fill it, and leaves other addresses and rooms alone', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const other = await a.store.createRoom(SAMPLE_ROOM);
    const script = freshAddress();
    const joins = [];
    for (let i = 0; i < LIMITS.joinsPerAddressPerRoom + 6; i++) {
      const visitor = await connect(i % 2 ? b : a, { roomId: room.roomId }, script);
      joins.push(await ask(visitor, EVENTS.memberJoin, { name: `Bot ${i}` }));
    }
    const counts = tally(joins);
    expect(counts.ok).toBe(LIMITS.joinsPerAddressPerRoom);
    expect(counts.rate_limited).toBe(6);
    // The real guest, on their own phone's address, still gets in; so does the script elsewhere.
    const guest = await connect(a, { roomId: room.roomId }, freshAddress());
    expect((await ask(guest, EVENTS.memberJoin, { name: 'Guest' })).ok).toBe(true);
    const elsewhere = await connect(b, { roomId: other.roomId }, script);
    expect((await ask(elsewhere, EVENTS.memberJoin, { name: 'Bot' })).ok).toBe(true);
  });
});

describe('expensive events have their own, smaller budgets', () => {
  it('limits room:sync per member', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    // Eight sockets of one member, on both replicas: together more than the member's budget, each
    // within its own socket's.
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    const address = freshAddress();
    const sockets = await Promise.all(
      Array.from({ length: 8 }, (_, i) => connect(i % 2 ? b : a, auth, address)),
    );
    const started = Date.now();
    const replies = await Promise.all(
      sockets.flatMap((socket) =>
        Array.from({ length: LIMITS.socketExpensiveBurst }, () => ask(socket, EVENTS.roomSync)),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const { perSecond, burst } = LIMITS.expensiveMember;
    const counts = tally(replies);
    expect(counts.ok).toBeLessThanOrEqual(perSecond * (Math.ceil(seconds) + 1) + burst);
    expect(counts.rate_limited).toBe(replies.length - counts.ok);
  });

  it("refuses one socket's flood of room:sync in the replica's memory, before Redis", async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const socket = await connect(a, { roomId: room.roomId }, freshAddress());
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 20 }, () => ask(socket, EVENTS.roomSync)));
    const seconds = (Date.now() - started) / 1000;
    const counts = tally(replies);
    // The address's and the room's budgets would admit all 20 at once; the socket's only a few.
    expect(LIMITS.visitorAddress.perSecond).toBeGreaterThanOrEqual(20);
    expect(LIMITS.expensiveRoom.perSecond + LIMITS.expensiveRoom.burst).toBeGreaterThanOrEqual(20);
    expect(counts.ok).toBeGreaterThanOrEqual(LIMITS.socketExpensiveBurst);
    expect(counts.ok).toBeLessThanOrEqual(
      LIMITS.socketExpensiveBurst + LIMITS.socketExpensivePerSecond * Math.ceil(seconds),
    );
    expect(counts.rate_limited).toBe(20 - counts.ok);
    // A refused snapshot counts expensiveRefusalCost of the socket's refusals: 15 more were not enough
    // to be disconnected, and another 20 are.
    expect(socket.connected).toBe(true);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    for (let i = 0; i < 20; i++) void ask(socket, EVENTS.roomSync).catch(() => {});
    expect(await gone).toBe('io server disconnect');
  });

  it('limits room:sync per room, whoever asks, and leaves other rooms alone', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const address = freshAddress();
    const tokens = [room.memberToken];
    for (let i = 1; i < 10; i++) {
      const added = await a.store.addMember(room.roomId, `Guest ${i}`);
      if (!added.ok) throw new Error(added.code);
      tokens.push(added.value.memberToken);
    }
    // Each member on both replicas.
    const sockets = await Promise.all(
      tokens.flatMap((memberToken) =>
        [a, b].map((replica) => connect(replica, { roomId: room.roomId, memberToken }, address)),
      ),
    );
    const started = Date.now();
    // socketExpensiveBurst each stays inside every member's and socket's own budget, and together
    // they are more than the room's: only the room's refuses.
    const asked = sockets.length * LIMITS.socketExpensiveBurst;
    const member = LIMITS.expensiveMember;
    expect(2 * LIMITS.socketExpensiveBurst).toBeLessThanOrEqual(member.perSecond + member.burst);
    const { perSecond, burst } = LIMITS.expensiveRoom;
    expect(asked).toBeGreaterThan(perSecond + burst);
    const replies = await Promise.all(
      sockets.flatMap((socket) =>
        Array.from({ length: LIMITS.socketExpensiveBurst }, () => ask(socket, EVENTS.roomSync)),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const counts = tally(replies);
    expect(counts.ok).toBeLessThanOrEqual(perSecond * (Math.ceil(seconds) + 1) + burst);
    expect(counts.rate_limited).toBe(asked - counts.ok);

    const quiet = await a.store.createRoom(SAMPLE_ROOM);
    const neighbour = await connect(b, { roomId: quiet.roomId, memberToken: quiet.memberToken }, address);
    expect((await ask(neighbour, EVENTS.roomSync)).ok).toBe(true);
  });
});

describe('abuse and faults', () => {
  it('disconnects a socket that keeps sending after being refused', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const flooder = freshAddress();
    const socket = await connect(a, { roomId: room.roomId, memberToken: room.memberToken }, flooder);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    // 1,000 events at once: the socket's bucket refuses all but 40, and a script that sends on
    // regardless of the refusals loses its connection.
    for (let i = 0; i < 1_000; i++) raw.emit(EVENTS.roomSync, () => {});
    expect(await gone).toBe('io server disconnect');
    // And its address may not come straight back with a fresh socket (and a fresh bucket).
    await expect(connect(a, { roomId: room.roomId }, flooder)).rejects.toThrow();
    // The replica serves everyone else.
    const other = await connect(a, { roomId: room.roomId }, freshAddress());
    expect((await ask(other, EVENTS.roomSync)).ok).toBe(true);
  });

  it('closes a flood of large messages unparsed, and lets a host save menus', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const auth = { roomId: room.roomId, memberToken: room.memberToken };
    // 300 new dishes with long names, about 65 KB: a large real menu.
    const dishes = Array.from({ length: MAX_DISHES }, (_, i) => ({
      name: `${i} A dish with a long name, as menus print them, and more of it`.padEnd(
        MAX_DISH_NAME_LENGTH,
        '.',
      ),
      category: 'Dishes of the house, with their long section title'.padEnd(MAX_DISH_NAME_LENGTH, '.'),
      priceMinor: 1000 + i,
    }));
    const menuBytes = Buffer.byteLength(JSON.stringify(dishes));
    expect(menuBytes).toBeGreaterThan(LARGE_MESSAGES.minBytes);

    // A host saving the menu a few times in a row is answered every time and stays connected.
    const host = await connect(a, auth, freshAddress());
    for (let i = 0; i < 3; i++) {
      const reply = await askChange(host, 'menu.replace', { opId: `op-menu-save-${i}`, dishes });
      expect(reply.ok ? 'ok' : reply.error.code).toBe('ok');
    }
    expect(host.connected).toBe(true);

    // The same menu sent 400 times at once, far past the address's budget in bytes.
    const flooder = freshAddress();
    const socket = await connect(a, auth, flooder);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const answered: Reply<unknown>[] = [];
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    for (let i = 0; i < 400; i++) {
      const request = { opId: `op-menu-flood-${i}`, change: { type: 'menu.replace', dishes } };
      raw.emit(EVENTS.roomChange, request, (reply: Reply<unknown>) => answered.push(reply));
    }
    expect(await gone).toBe('transport close');
    // What the budget let through was parsed (and answered, mostly refused, if the answer came
    // before the connection closed); the rest never was. A large message costs at least
    // minCostBytes, so a small menu does not get a bigger share.
    const cost = Math.max(menuBytes, LARGE_MESSAGES.minCostBytes);
    const admitted = Math.ceil(LARGE_MESSAGES.burstBytes / cost) + 1;
    expect(answered.length).toBeLessThanOrEqual(admitted);
    await expect(connect(a, auth, flooder)).rejects.toThrow();
    // Nobody else is touched.
    expect(host.connected).toBe(true);
    const reply = await askChange(host, 'menu.replace', { opId: 'op-menu-save-after', dishes });
    expect(reply.ok || reply.error.code === 'rate_limited').toBe(true);
  }, 30_000);

  it('counts in memory, without waiting, when Redis cannot be reached', async () => {
    // A client of a Redis that is not there: never ready, so every limiter falls back at once.
    const nowhere = createRedis('redis://127.0.0.1:1');
    nowhere.on('error', () => {});
    void nowhere.connect().catch(() => {});
    const limits = new SharedLimits(nowhere, silentLogger);
    const sender = { roomId: 'room-nowhere-1', memberId: 'm1', address: '10.99.0.1' };
    const started = Date.now();
    const admitted = await Promise.all(Array.from({ length: 200 }, () => limits.admitEvent(sender, 0)));
    expect(Date.now() - started).toBeLessThan(1_000);
    const accepted = admitted.filter(Boolean).length;
    expect(accepted).toBeGreaterThanOrEqual(LIMITS.member.perSecond);
    expect(accepted).toBeLessThanOrEqual(memberBudget(1));
    await nowhere.destroy();
  });

  it('counts in memory after a short wait when Redis hangs', async () => {
    const hung = await startRedisServer();
    const client = createRedis(hung.url);
    client.on('error', () => {});
    await client.connect();
    try {
      const limits = new SharedLimits(client, silentLogger);
      const sender = { roomId: 'room-hung-0001', memberId: 'm1', address: '10.99.0.2' };
      expect(await limits.admitEvent(sender, 1)).toBe(true);
      process.kill(hung.process.pid, 'SIGSTOP');
      const started = Date.now();
      const admitted = await Promise.all(Array.from({ length: 100 }, () => limits.admitEvent(sender, 0)));
      // Each waits at most the limiter timeout (all at once), then the replica counts on its own.
      expect(Date.now() - started).toBeLessThan(4 * LIMITS.redisTimeoutMs);
      expect(admitted.filter(Boolean).length).toBeGreaterThanOrEqual(LIMITS.member.perSecond - 1);
      expect(admitted.filter(Boolean).length).toBeLessThanOrEqual(memberBudget(1));
    } finally {
      process.kill(hung.process.pid, 'SIGCONT');
      await client.destroy();
      await hung.stop();
    }
  });
});

describe('the largest legitimate event', () => {
  it('saves a 300-dish menu at every text limit, in a script of 12-byte letters', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const host = await connect(a, { roomId: room.roomId, memberToken: room.memberToken }, freshAddress());
    // क्षि: one grapheme of four code units (a Devanagari conjunct with its vowel), 12 bytes.
    // Every dish is new (no id): ids of dishes the room does not have are refused.
    const dishes = Array.from({ length: MAX_DISHES }, () => {
      const { id: _, ...dish } = largestDish('क्षि').dish;
      return dish;
    });
    const change = { type: 'menu.replace', dishes };
    expect(CHANGE_REQUESTS['menu.replace'].safeParse(change).success).toBe(true);
    const packet = `42${Number.MAX_SAFE_INTEGER}${JSON.stringify([EVENTS.roomChange, { opId: 'o'.repeat(64), change }])}`;
    expect(Buffer.byteLength(packet)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(Buffer.byteLength(packet)).toBeGreaterThan(MAX_EVENT_BYTES * 0.98);

    const reply = await askChange(host, 'menu.replace', { opId: 'op-largest-menu-1', dishes });
    expect(reply.ok ? 'ok' : reply.error).toBe('ok');
    expect(host.connected).toBe(true);
    await waitFor(async () => (await a.store.getSnapshot(room.roomId))?.dishes.length === MAX_DISHES);
  }, 60_000);
});
