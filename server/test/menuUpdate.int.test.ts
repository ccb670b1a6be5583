// The host changes the menu of a live room: every member sees it, picks of removed dishes go with
// them, ids are never reused, and nobody else may do it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JoinReply, SyncReply } from '../../lib/protocol';
import { EVENTS } from '../../lib/protocol';
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
const sockets: TestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  a = await startReplica(redis.url, 'menu-a');
  b = await startReplica(redis.url, 'menu-b');
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.allSettled([a && stopReplica(a), b && stopReplica(b)]);
  await redis?.stop();
});

it('replaces the menu live, keeping picks of kept dishes and dropping those of removed ones', async () => {
  const room = await a.store.createRoom(SAMPLE_ROOM);
  const host = await connectClient(a, { roomId: room.roomId, memberToken: room.memberToken });
  const guest = await connectClient(b, { roomId: room.roomId });
  sockets.push(host, guest);
  const joined = await ask<JoinReply>(guest, EVENTS.memberJoin, { name: 'Jin' });
  expect(joined.ok).toBe(true);
  for (const [dishId, qty] of [
    ['d1', 2],
    ['d3', 1],
  ] as const) {
    const picked = await askChange(guest, 'pick.set', {
      opId: `op-menu-${dishId}-01`,
      dishId,
      qty,
    });
    expect(picked.ok).toBe(true);
  }

  // The host renames d1, removes d2 and d3, and adds a new dish with its box on a photo.
  const update = {
    opId: 'op-menu-update-1',
    dishes: [
      { id: 'd1', name: '비빔밥 (Bibimbap)', priceMinor: 9500 },
      {
        name: '냉면',
        priceMinor: 11000,
        category: '면',
        box: { photoId: 'photo-1234', x: 0.1, y: 0.2, w: 0.5, h: 0.05 },
      },
    ],
  };
  const reply = await askChange(host, 'menu.replace', update);
  expect(reply.ok).toBe(true);
  await waitFor(() => guest.changes.some((c) => c.change.type === 'menu'));
  const change = guest.changes.find((c) => c.change.type === 'menu');
  expect(change?.version).toBe(reply.ok ? reply.data.version : -1);
  expect(change?.change).toEqual({
    type: 'menu',
    dishes: [
      { id: 'd1', name: '비빔밥 (Bibimbap)', priceMinor: 9500 },
      { id: 'd4', ...update.dishes[1] },
    ],
  });

  const sync = await ask<SyncReply>(guest, EVENTS.roomSync);
  if (!sync.ok) throw new Error(sync.error.message);
  expect(sync.data.snapshot.dishes.map((d) => d.id)).toEqual(['d1', 'd4']);
  expect(sync.data.snapshot.picks).toEqual([
    { dishId: 'd1', memberId: joined.ok ? joined.data.memberId : '', qty: 2 },
  ]);

  // A late pick for a removed dish is refused; the retry of the update changes nothing.
  const late = await askChange(guest, 'pick.set', {
    opId: 'op-menu-late-001',
    dishId: 'd3',
    qty: 1,
  });
  expect(late.ok === false && late.error.code).toBe('unknown_dish');
  const again = await askChange(host, 'menu.replace', {
    ...update,
    dishes: [update.dishes[0]],
  });
  expect(again).toEqual({ ok: true, data: { version: reply.ok ? reply.data.version : -1, duplicate: true } });
  expect((await a.store.getSnapshot(room.roomId))?.dishes).toHaveLength(2);
});

it('refuses menu changes from members other than the host, and unknown dish ids', async () => {
  const room = await a.store.createRoom(SAMPLE_ROOM);
  const guest = await connectClient(a, { roomId: room.roomId });
  const host = await connectClient(b, { roomId: room.roomId, memberToken: room.memberToken });
  sockets.push(host, guest);
  await ask<JoinReply>(guest, EVENTS.memberJoin, { name: 'Jin' });
  const before = await a.store.getSnapshot(room.roomId);

  const byGuest = await askChange(guest, 'menu.replace', {
    opId: 'op-not-host-01',
    dishes: [{ name: 'X', priceMinor: 1 }],
  });
  expect(byGuest.ok === false && byGuest.error.code).toBe('not_the_host');
  const unknown = await askChange(host, 'menu.replace', {
    opId: 'op-unknown-01',
    dishes: [{ id: 'd77', name: 'X', priceMinor: 1 }],
  });
  expect(unknown.ok === false && unknown.error.code).toBe('unknown_dish');
  const empty = await askChange(host, 'menu.replace', { opId: 'op-empty-0001', dishes: [] });
  expect(empty.ok === false && empty.error.code).toBe('invalid_payload');
  const badBox = await askChange(host, 'menu.replace', {
    opId: 'op-bad-box-01',
    dishes: [{ name: 'X', priceMinor: 1, box: { photoId: 'photo-1234', x: 2, y: 0, w: 1, h: 1 } }],
  });
  expect(badBox.ok === false && badBox.error.code).toBe('invalid_payload');
  expect(await a.store.getSnapshot(room.roomId)).toEqual({
    ...before,
    expiresAt: expect.any(Number),
    online: expect.any(Array),
  });
});
