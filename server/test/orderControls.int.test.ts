// The order for the waiter and the host's controls, through two real replicas on one real Redis:
// notes and needs, shared plates, members without a phone, lock, rounds, handing over the host role,
// removing a member and closing the room. Every refusal is a clear error that changes nothing.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeReply, CreateRoomResponse, JoinReply, Reply, RoomSnapshot } from '../../lib/protocol';
import { EVENTS, PROTOCOL_VERSION, SOCKET_PATH } from '../../lib/protocol';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
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

interface Table {
  room: CreateRoomResponse;
  host: TestClient;
  ana: TestClient & { memberId: string; memberToken: string };
  ben: TestClient & { memberId: string; memberToken: string };
}

/** A room with its host on replica a, Ana on b and Ben on a. */
async function table(): Promise<Table> {
  const room = await a.store.createRoom({ ...SAMPLE_ROOM, language: 'ko' });
  const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
  const join = async (replica: Replica, name: string) => {
    const socket = await client(replica, { roomId: room.roomId });
    const reply = await ask<JoinReply>(socket, EVENTS.memberJoin, { name });
    if (!reply.ok) throw new Error(reply.error.message);
    return Object.assign(socket, { memberId: reply.data.memberId, memberToken: reply.data.memberToken });
  };
  return { room, host, ana: await join(b, 'Ana'), ben: await join(a, 'Ben') };
}

let counter = 0;
const change = (
  socket: TestClient,
  type: Parameters<typeof askChange>[1],
  fields: Record<string, unknown> = {},
) => askChange(socket, type, { opId: `op-order-${String(++counter).padStart(6, '0')}`, ...fields });

async function snapshotOf(room: CreateRoomResponse): Promise<RoomSnapshot> {
  const snapshot = await a.store.getSnapshot(room.roomId);
  if (!snapshot) throw new Error('room gone');
  return snapshot;
}

function expectRefused(reply: Reply<ChangeReply>, code: string) {
  expect(reply.ok ? 'accepted' : reply.error.code).toBe(code);
  if (!reply.ok) expect(reply.error.message.length).toBeGreaterThan(10);
}

/** Refused, and the room is exactly as it was (same version, same state). */
async function expectRefusedAndUnchanged(
  room: CreateRoomResponse,
  send: () => Promise<Reply<ChangeReply>>,
  code: string,
) {
  const before = await snapshotOf(room);
  expectRefused(await send(), code);
  const after = await snapshotOf(room);
  expect({ ...after, expiresAt: 0, online: [] }).toEqual({ ...before, expiresAt: 0, online: [] });
}

beforeAll(async () => {
  redis = await startRedisServer();
  a = await startReplica(redis.url, 'order-a');
  b = await startReplica(redis.url, 'order-b');
});

afterAll(async () => {
  for (const socket of clients) socket.close();
  await Promise.allSettled([a && stopReplica(a), b && stopReplica(b)]);
  await redis?.stop();
});

describe('notes and dietary needs', () => {
  it('keeps a note and needs with their pick, shows them to the table, and drops them with the pick', async () => {
    const { room, host, ana } = await table();
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'pick.note', { dishId: 'd1', note: 'no egg', needs: [] }),
      'not_allowed',
    );
    expect((await change(ana, 'pick.set', { dishId: 'd1', qty: 2 })).ok).toBe(true);
    expect(
      (
        await change(ana, 'pick.note', {
          dishId: 'd1',
          note: '  no   coriander ',
          needs: ['not_spicy', 'peanuts'],
        })
      ).ok,
    ).toBe(true);
    expect((await change(ana, 'member.needs', { needs: ['shellfish'] })).ok).toBe(true);
    await waitFor(() => host.changes.some((c) => c.change.type === 'note'));
    expect(host.changes.find((c) => c.change.type === 'note')?.change).toEqual({
      type: 'note',
      // Normalised, and the needs in the list's order.
      note: { dishId: 'd1', memberId: ana.memberId, note: 'no coriander', needs: ['peanuts', 'not_spicy'] },
    });
    const snapshot = await snapshotOf(room);
    expect(snapshot.notes).toEqual([
      { dishId: 'd1', memberId: ana.memberId, note: 'no coriander', needs: ['peanuts', 'not_spicy'] },
    ]);
    expect(snapshot.members.find((m) => m.id === ana.memberId)?.needs).toEqual(['shellfish']);
    expect((await change(ana, 'pick.set', { dishId: 'd1', qty: 0 })).ok).toBe(true);
    expect((await snapshotOf(room)).notes).toEqual([]);
  });

  it('refuses notes that are too long, hide or reorder text, or name a need nobody knows', async () => {
    const { room, ana } = await table();
    await change(ana, 'pick.set', { dishId: 'd2', qty: 1 });
    for (const bad of [
      { note: 'x'.repeat(81), needs: [] },
      { note: 'mild\u202Eplease', needs: [] },
      { note: 'fine', needs: ['gluten'] },
      { note: 'fine', needs: 'peanuts' },
      { note: '\uD800', needs: [] },
    ])
      await expectRefusedAndUnchanged(
        room,
        () => change(ana, 'pick.note', { dishId: 'd2', ...bad }),
        'invalid_payload',
      );
    // 80 letters of a script that takes two code units each still fit.
    expect((await change(ana, 'pick.note', { dishId: 'd2', note: '𠮷'.repeat(80), needs: [] })).ok).toBe(
      true,
    );
  });
});

describe('shared plates', () => {
  it('asks the others, counts who joined, hands the plate on and takes it back', async () => {
    const { room, host, ana, ben } = await table();
    const noPhone = 'nophone1';
    expect((await change(host, 'member.add', { memberId: noPhone, name: 'Grandma' })).ok).toBe(true);
    const offer = await change(ana, 'share.offer', {
      shareId: 'plate1',
      dishId: 'd3',
      plates: 1,
      memberIds: [ben.memberId, noPhone],
    });
    expect(offer.ok).toBe(true);
    let [share] = (await snapshotOf(room)).shares;
    // Grandma cannot answer on a phone she has not got: she is on the plate at once.
    expect(share).toEqual({
      id: 'plate1',
      dishId: 'd3',
      plates: 1,
      by: ana.memberId,
      members: [ana.memberId, noPhone],
      invited: [ben.memberId],
    });
    expect((await change(ben, 'share.respond', { shareId: 'plate1', accept: true })).ok).toBe(true);
    expect((await snapshotOf(room)).shares[0]?.members).toEqual([ana.memberId, noPhone, ben.memberId]);
    // Ana leaves her own plate: it stays, for those still on it.
    expect((await change(ana, 'share.respond', { shareId: 'plate1', accept: false })).ok).toBe(true);
    [share] = (await snapshotOf(room)).shares;
    expect(share?.members).toEqual([noPhone, ben.memberId]);
    expect(share?.by).toBe(noPhone);
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'share.cancel', { shareId: 'plate1' }),
      'not_allowed',
    );
    expect((await change(host, 'share.cancel', { shareId: 'plate1' })).ok).toBe(true);
    expect((await snapshotOf(room)).shares).toEqual([]);
  });

  it('refuses a plate for someone who is not in the room, or too many people', async () => {
    const { room, ana } = await table();
    await expectRefusedAndUnchanged(
      room,
      () =>
        change(ana, 'share.offer', { shareId: 'plate2', dishId: 'd1', plates: 1, memberIds: ['nobody1'] }),
      'not_a_member',
    );
    await expectRefusedAndUnchanged(
      room,
      () =>
        change(ana, 'share.offer', {
          shareId: 'plate3',
          dishId: 'd1',
          plates: 1,
          memberIds: Array.from({ length: 13 }, (_, i) => `someone${i}`),
        }),
      'invalid_payload',
    );
  });
});

describe('host controls', () => {
  it('picks for a member without a phone, and only the host can', async () => {
    const { room, host, ana } = await table();
    await change(host, 'member.add', { memberId: 'kid00001', name: 'Kid' });
    expect((await change(host, 'pick.setFor', { memberId: 'kid00001', dishId: 'd1', qty: 1 })).ok).toBe(true);
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'pick.setFor', { memberId: 'kid00001', dishId: 'd1', qty: 5 }),
      'not_the_host',
    );
    await expectRefusedAndUnchanged(
      room,
      () => change(host, 'pick.setFor', { memberId: ana.memberId, dishId: 'd1', qty: 5 }),
      'not_allowed',
    );
    expect((await snapshotOf(room)).picks).toEqual([{ dishId: 'd1', memberId: 'kid00001', qty: 1 }]);
  });

  it('locks the order: edits are refused with a clear message, "done" still works, reopening lets them in', async () => {
    const { room, host, ana } = await table();
    await change(ana, 'pick.set', { dishId: 'd1', qty: 1 });
    await expectRefusedAndUnchanged(room, () => change(ana, 'order.lock', { locked: true }), 'not_the_host');
    expect((await change(host, 'order.lock', { locked: true })).ok).toBe(true);
    await waitFor(() => ana.changes.some((c) => c.change.type === 'order'));
    for (const [type, fields] of [
      ['pick.set', { dishId: 'd1', qty: 3 }],
      ['pick.note', { dishId: 'd1', note: 'late', needs: [] }],
      ['member.needs', { needs: ['egg'] }],
      ['share.offer', { shareId: 'plate9', dishId: 'd1', plates: 1, memberIds: [] }],
    ] as const)
      await expectRefusedAndUnchanged(room, () => change(ana, type, fields), 'order_locked');
    expect((await change(ana, 'member.done', { done: true })).ok).toBe(true);
    expect((await change(host, 'order.lock', { locked: false })).ok).toBe(true);
    expect((await change(ana, 'pick.set', { dishId: 'd1', qty: 3 })).ok).toBe(true);
  });

  it('marks a round as ordered once, keeps it read-only, and starts the next one open', async () => {
    const { room, host, ana, ben } = await table();
    await expectRefusedAndUnchanged(room, () => change(host, 'order.placed', { round: 1 }), 'not_allowed');
    await change(ana, 'pick.set', { dishId: 'd1', qty: 2 });
    await change(ana, 'pick.note', { dishId: 'd1', note: 'well done', needs: [] });
    await change(ben, 'share.offer', { shareId: 'plate4', dishId: 'd2', plates: 1, memberIds: [] });
    await change(ben, 'member.done', { done: true });
    await change(host, 'order.lock', { locked: true });
    expect((await change(host, 'order.placed', { round: 1 })).ok).toBe(true);
    await expectRefusedAndUnchanged(room, () => change(host, 'order.placed', { round: 1 }), 'not_allowed');
    const snapshot = await snapshotOf(room);
    expect(snapshot).toMatchObject({ round: 2, locked: false, picks: [], notes: [], shares: [] });
    expect(snapshot.members.every((m) => !m.done)).toBe(true);
    expect(snapshot.rounds).toHaveLength(1);
    expect(snapshot.rounds[0]).toMatchObject({
      round: 1,
      picks: [{ dishId: 'd1', memberId: ana.memberId, qty: 2 }],
      notes: [{ dishId: 'd1', note: 'well done' }],
      shares: [{ id: 'plate4', dishId: 'd2', members: [ben.memberId] }],
    });
    expect(snapshot.rounds[0]?.dishes.map((d) => d.name)).toEqual(
      expect.arrayContaining(['비빔밥', '김치찌개']),
    );
    // The round as ordered does not change when the menu does.
    await change(host, 'menu.replace', { dishes: [{ name: 'Naengmyeon', priceMinor: 10000 }] });
    expect((await snapshotOf(room)).rounds[0]?.dishes.map((d) => d.name)).toEqual(
      expect.arrayContaining(['비빔밥']),
    );
  });

  it('hands the host role over: the new host can lock, the old one no longer can', async () => {
    const { room, host, ana } = await table();
    await expectRefusedAndUnchanged(
      room,
      () => change(host, 'host.transfer', { memberId: 'nobody9' }),
      'not_a_member',
    );
    expect((await change(host, 'host.transfer', { memberId: ana.memberId })).ok).toBe(true);
    expect((await snapshotOf(room)).hostMemberId).toBe(ana.memberId);
    await expectRefusedAndUnchanged(room, () => change(host, 'order.lock', { locked: true }), 'not_the_host');
    expect((await change(ana, 'order.lock', { locked: true })).ok).toBe(true);
  });

  it('removes a member: their picks go, their phone is disconnected and their key is refused', async () => {
    const { room, host, ana, ben } = await table();
    await change(ana, 'pick.set', { dishId: 'd1', qty: 2 });
    await change(ben, 'pick.set', { dishId: 'd1', qty: 1 });
    await expectRefusedAndUnchanged(
      room,
      () => change(host, 'member.remove', { memberId: room.memberId }),
      'not_allowed',
    );
    const gone = new Promise((resolve) => ana.once('disconnect', resolve));
    expect((await change(host, 'member.remove', { memberId: ana.memberId })).ok).toBe(true);
    await gone;
    const snapshot = await snapshotOf(room);
    expect(snapshot.members.map((m) => m.name)).toEqual(['Hana', 'Ben']);
    expect(snapshot.picks).toEqual([{ dishId: 'd1', memberId: ben.memberId, qty: 1 }]);
    const refused = await new Promise<string | undefined>((resolve) => {
      const socket = io(b.url, {
        path: SOCKET_PATH,
        auth: { roomId: room.roomId, memberToken: ana.memberToken, protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code: string } }) => resolve(error.data?.code));
    });
    expect(refused).toBe('member_removed');
  });

  it('closes the room: nothing changes and nobody joins any more, and the order stays readable', async () => {
    const { room, host, ana } = await table();
    await change(ana, 'pick.set', { dishId: 'd2', qty: 1 });
    await expectRefusedAndUnchanged(room, () => change(ana, 'room.close', { confirm: true }), 'not_the_host');
    expect((await change(host, 'room.close', { confirm: true })).ok).toBe(true);
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'pick.set', { dishId: 'd2', qty: 4 }),
      'room_closed',
    );
    await expectRefusedAndUnchanged(room, () => change(host, 'order.lock', { locked: false }), 'room_closed');
    const visitor = await client(b, { roomId: room.roomId });
    const joined = await ask<JoinReply>(visitor, EVENTS.memberJoin, { name: 'Late' });
    expect(joined.ok ? 'joined' : joined.error.code).toBe('room_closed');
    expect(await snapshotOf(room)).toMatchObject({
      closed: true,
      locked: true,
      picks: [{ dishId: 'd2', qty: 1 }],
    });
  });
});

describe('what members write about dishes', () => {
  it("shows a member's explanation to the table, lets them change or take it back, even while locked", async () => {
    const { room, host, ana } = await table();
    await change(host, 'order.lock', { locked: true });
    expect(
      (await change(ana, 'dish.explain', { dishId: 'd2', text: '  it is a  stew with kimchi ' })).ok,
    ).toBe(true);
    await waitFor(() => host.changes.some((c) => c.change.type === 'explanation'));
    expect((await snapshotOf(room)).explanations).toEqual([
      { dishId: 'd2', memberId: ana.memberId, text: 'it is a stew with kimchi', at: expect.any(Number) },
    ]);
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'dish.explain', { dishId: 'd2', text: 'x'.repeat(121) }),
      'invalid_payload',
    );
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'dish.explain', { dishId: 'd2', text: '<b>\u202Ebold' }),
      'invalid_payload',
    );
    await expectRefusedAndUnchanged(
      room,
      () => change(ana, 'dish.explain', { dishId: 'd99', text: 'what' }),
      'unknown_dish',
    );
    expect((await change(ana, 'dish.explain', { dishId: 'd2', text: '' })).ok).toBe(true);
    expect((await snapshotOf(room)).explanations).toEqual([]);
  });
});
