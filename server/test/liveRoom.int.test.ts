// Two real socket servers on one real Redis, with real socket.io clients on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRoomResponse, JoinReply, SyncReply } from '../../lib/protocol';
import { EVENTS } from '../../lib/protocol';
import { roomKeys } from '../../lib/storage/keys';
import { type RedisServer, startRedisServer as startRedis } from '../../scripts/stack/redis';
import {
  type Replica,
  SAMPLE_ROOM,
  type TestClient,
  ask,
  askChange,
  connectClient,
  startReplica,
  stopReplica,
  waitFor,
} from '../../test/support/socketCluster';

let redis: RedisServer;
let a: Replica;
let b: Replica;
const clients: TestClient[] = [];

async function client(replica: Replica, auth: Record<string, unknown>): Promise<TestClient> {
  const socket = await connectClient(replica, auth);
  clients.push(socket);
  return socket;
}

async function newRoom(): Promise<CreateRoomResponse> {
  return a.store.createRoom(SAMPLE_ROOM);
}

async function joinAs(replica: Replica, roomId: string, name: string) {
  const socket = await client(replica, { roomId });
  const reply = await ask<JoinReply>(socket, EVENTS.memberJoin, { name });
  if (!reply.ok) throw new Error(reply.error.message);
  return { socket, ...reply.data };
}

beforeAll(async () => {
  redis = await startRedis();
  a = await startReplica(redis.url, 'replica-a');
  b = await startReplica(redis.url, 'replica-b');
});

afterAll(async () => {
  for (const socket of clients) socket.close();
  await Promise.allSettled([a && stopReplica(a), b && stopReplica(b)]);
  await redis?.stop();
});

describe('live picks across replicas', () => {
  it('carries a change made on one replica to a client on the other, with the next version', async () => {
    const room = await newRoom();
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const sync = await ask<SyncReply>(host, EVENTS.roomSync);
    expect(sync.ok && sync.data.replicaId).toBe('replica-a');
    const startVersion = sync.ok ? sync.data.snapshot.version : -1;

    const guest = await joinAs(b, room.roomId, 'Jun');
    expect(guest.version).toBe(startVersion + 1);
    await waitFor(() => host.changes.some((c) => c.change.type === 'member'));
    expect(host.changes[0]).toEqual({
      version: startVersion + 1,
      change: {
        type: 'member',
        member: { id: guest.memberId, name: 'Jun', needs: [], done: false, phoneless: false },
      },
    });

    const dishId = 'd2';
    const reply = await askChange(guest.socket, 'pick.set', {
      opId: 'op-cross-0001',
      dishId,
      qty: 2,
    });
    expect(reply).toEqual({ ok: true, data: { version: startVersion + 2, duplicate: false } });
    await waitFor(() => host.changes.length === 2);
    expect(host.changes[1]).toEqual({
      version: startVersion + 2,
      change: { type: 'pick', dishId, memberId: guest.memberId, qty: 2 },
    });

    const snapshot = await a.store.getSnapshot(room.roomId);
    expect(snapshot?.version).toBe(startVersion + 2);
    expect(snapshot?.picks).toEqual([{ dishId, memberId: guest.memberId, qty: 2 }]);
    expect(await a.redis.hGetAll(roomKeys(room.roomId).picks)).toEqual({
      [`${dishId}:${guest.memberId}`]: '2',
    });
  });

  it('applies a repeated operation id once, whatever the retry carries', async () => {
    const room = await newRoom();
    const guest = await joinAs(a, room.roomId, 'Mia');
    const first = await askChange(guest.socket, 'pick.set', {
      opId: 'op-retry-0001',
      dishId: 'd1',
      qty: 3,
    });
    // The retry arrives through the other replica, as after a reconnect.
    const again = await client(b, { roomId: room.roomId, memberToken: guest.memberToken });
    const retry = await askChange(again, 'pick.set', {
      opId: 'op-retry-0001',
      dishId: 'd1',
      qty: 7,
    });
    expect(first.ok && retry.ok).toBe(true);
    if (!first.ok || !retry.ok) return;
    expect(retry.data).toEqual({ version: first.data.version, duplicate: true });
    const snapshot = await b.store.getSnapshot(room.roomId);
    expect(snapshot?.version).toBe(first.data.version);
    expect(snapshot?.picks).toEqual([{ dishId: 'd1', memberId: guest.memberId, qty: 3 }]);
  });

  it('makes one member of a join retried with its request id through the other replica', async () => {
    const room = await newRoom();
    const requestId = 'join-retry-0123456789abcdef';
    // The first attempt's answer is lost with its connection; the phone asks again elsewhere.
    const first = await client(a, { roomId: room.roomId });
    const firstReply = await ask<JoinReply>(first, EVENTS.memberJoin, { name: 'Ana', requestId });
    first.close();
    const again = await client(b, { roomId: room.roomId });
    const retry = await ask<JoinReply>(again, EVENTS.memberJoin, { name: 'Ana', requestId });
    expect(firstReply.ok && retry.ok).toBe(true);
    if (!firstReply.ok || !retry.ok) return;
    expect(retry.data.memberId).toBe(firstReply.data.memberId);
    expect(retry.data.memberToken).toBe(firstReply.data.memberToken);
    const snapshot = await b.store.getSnapshot(room.roomId);
    expect(snapshot?.members.filter((m) => m.name === 'Ana')).toHaveLength(1);
    // Another join (no request id, or another one) is another person.
    const other = await ask<JoinReply>(await client(b, { roomId: room.roomId }), EVENTS.memberJoin, {
      name: 'Ana',
      requestId: 'join-other-0123456789abcdef',
    });
    expect(other.ok && other.data.memberId).not.toBe(firstReply.data.memberId);
    // Not a request id: refused by the schema, nothing written.
    const bad = await ask<JoinReply>(await client(b, { roomId: room.roomId }), EVENTS.memberJoin, {
      name: 'Ben',
      requestId: 'short',
    });
    expect(bad.ok).toBe(false);
    expect((await b.store.getSnapshot(room.roomId))?.members).toHaveLength(3);
  });

  it('lets a client that missed versions resync to exactly what Redis holds', async () => {
    const room = await newRoom();
    const sleeper = await joinAs(a, room.roomId, 'Sol');
    const awake = await joinAs(b, room.roomId, 'Kai');
    const before = await ask<SyncReply>(sleeper.socket, EVENTS.roomSync);
    sleeper.socket.disconnect();
    for (const [i, qty] of [1, 2, 0, 4].entries()) {
      const reply = await askChange(awake.socket, 'pick.set', {
        opId: `op-missed-${i}-000`,
        dishId: 'd3',
        qty,
      });
      expect(reply.ok).toBe(true);
    }
    await askChange(awake.socket, 'pick.set', { opId: 'op-missed-9-000', dishId: 'd1', qty: 1 });
    const back = await client(b, { roomId: room.roomId, memberToken: sleeper.memberToken });
    const after = await ask<SyncReply>(back, EVENTS.roomSync);
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(after.data.snapshot.version).toBe(before.data.snapshot.version + 5);
    expect(after.data.memberId).toBe(sleeper.memberId);
    const hash = await a.redis.hGetAll(roomKeys(room.roomId).picks);
    expect(
      Object.fromEntries(after.data.snapshot.picks.map((p) => [`${p.dishId}:${p.memberId}`, String(p.qty)])),
    ).toEqual(hash);
    expect(hash).toEqual({ [`d3:${awake.memberId}`]: '4', [`d1:${awake.memberId}`]: '1' });
    expect(Number(await a.redis.hGet(roomKeys(room.roomId).meta, 'version'))).toBe(
      after.data.snapshot.version,
    );
  });

  it('shows members online across replicas and drops them when they leave', async () => {
    const room = await newRoom();
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const guest = await joinAs(b, room.roomId, 'Ana');
    const seen: string[][] = [];
    host.on(EVENTS.presenceChanged, ({ online }) => seen.push(online));
    await waitFor(async () => {
      const s = await a.store.getSnapshot(room.roomId);
      return s?.online.length === 2;
    });
    guest.socket.close();
    await waitFor(() => seen.some((online) => online.length === 1 && online[0] === room.memberId));
  });
});
