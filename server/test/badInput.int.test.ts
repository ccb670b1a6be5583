// Malformed and unauthorised events get a clear error reply, change nothing and crash nothing.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateRoomResponse, JoinReply, Reply, SyncReply } from '../../lib/protocol';
import { EVENTS, PROTOCOL_VERSION, SOCKET_PATH } from '../../lib/protocol';
import { type RedisServer, startRedisServer as startRedis } from '../../scripts/stack/redis';
import { MAX_EVENT_BYTES } from '../../server/src/limits';
import {
  type Replica,
  SAMPLE_ROOM,
  type TestClient,
  ask,
  askChange,
  connectClient,
  startReplica,
  stopReplica,
} from '../../test/support/socketCluster';

let redis: RedisServer;
let replica: Replica;
let room: CreateRoomResponse;
let member: TestClient;
let memberId: string;
const clients: TestClient[] = [];

async function client(auth: Record<string, unknown>): Promise<TestClient> {
  const socket = await connectClient(replica, auth);
  clients.push(socket);
  return socket;
}

async function roomState() {
  const snapshot = await replica.store.getSnapshot(room.roomId);
  return { version: snapshot?.version, picks: snapshot?.picks, members: snapshot?.members };
}

function expectError(reply: Reply<unknown>, code: string) {
  expect(reply.ok).toBe(false);
  if (!reply.ok) {
    expect(reply.error.code).toBe(code);
    expect(reply.error.message.length).toBeGreaterThan(5);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  replica = await startReplica(redis.url, 'replica-bad');
  room = await replica.store.createRoom(SAMPLE_ROOM);
  member = await client({ roomId: room.roomId });
  const joined = await ask<JoinReply>(member, EVENTS.memberJoin, { name: 'Lee' });
  if (!joined.ok) throw new Error('join failed');
  memberId = joined.data.memberId;
  const picked = await askChange(member, 'pick.set', {
    opId: 'op-good-00001',
    dishId: 'd1',
    qty: 2,
  });
  expect(picked.ok).toBe(true);
});

afterAll(async () => {
  for (const socket of clients) socket.close();
  if (replica) await stopReplica(replica);
  await redis?.stop();
});

describe('room:change rejects bad payloads and changes nothing', () => {
  const pick = (opId: unknown, change: unknown) => ({ opId, change });
  const cases: [string, unknown, string][] = [
    [
      'quantity as a string',
      pick('op-bad-000001', { type: 'pick.set', dishId: 'd1', qty: '3' }),
      'invalid_payload',
    ],
    [
      'negative quantity',
      pick('op-bad-000002', { type: 'pick.set', dishId: 'd1', qty: -1 }),
      'invalid_payload',
    ],
    [
      'absurd quantity',
      pick('op-bad-000003', { type: 'pick.set', dishId: 'd1', qty: 1e9 }),
      'invalid_payload',
    ],
    [
      'fractional quantity',
      pick('op-bad-000004', { type: 'pick.set', dishId: 'd1', qty: 1.5 }),
      'invalid_payload',
    ],
    ['missing operation id', { change: { type: 'pick.set', dishId: 'd1', qty: 1 } }, 'invalid_payload'],
    [
      'operation id with a separator',
      pick('op:bad|0005', { type: 'pick.set', dishId: 'd1', qty: 1 }),
      'invalid_payload',
    ],
    [
      'dish id with a field separator',
      pick('op-bad-000006', { type: 'pick.set', dishId: 'd1:x', qty: 1 }),
      'invalid_payload',
    ],
    ['unknown dish', pick('op-bad-000007', { type: 'pick.set', dishId: 'd99', qty: 1 }), 'unknown_dish'],
    [
      'a change type nobody knows',
      pick('op-bad-000008', { type: 'pick.steal', dishId: 'd1' }),
      'unsupported_change',
    ],
    [
      'a change type that is an inherited name',
      pick('op-bad-000009', { type: 'constructor' }),
      'unsupported_change',
    ],
    ['no change type', pick('op-bad-000010', { dishId: 'd1', qty: 1 }), 'invalid_payload'],
    ['change not an object', pick('op-bad-000011', 'pick.set'), 'invalid_payload'],
    ['not an object', 'qty=2', 'invalid_payload'],
    ['null', null, 'invalid_payload'],
  ];
  for (const [name, payload, code] of cases) {
    it(name, async () => {
      const before = await roomState();
      expectError(await ask(member, EVENTS.roomChange, payload), code);
      expect(await roomState()).toEqual(before);
    });
  }

  it('ignores a field it does not know (a newer client) and never acts for another member', async () => {
    const reply = await ask(member, EVENTS.roomChange, {
      opId: 'op-extra-00001',
      change: { type: 'pick.set', dishId: 'd3', qty: 1, memberId: room.memberId, note: 'from the future' },
      future: true,
    });
    expect(reply.ok).toBe(true);
    const { picks } = await roomState();
    expect(picks).toContainEqual({ dishId: 'd3', memberId, qty: 1 });
    expect(picks).not.toContainEqual(expect.objectContaining({ dishId: 'd3', memberId: room.memberId }));
    expect((await askChange(member, 'pick.set', { opId: 'op-extra-00002', dishId: 'd3', qty: 0 })).ok).toBe(
      true,
    );
  });

  it('refuses picks from a visitor who has not joined', async () => {
    const visitor = await client({ roomId: room.roomId });
    const before = await roomState();
    expectError(
      await askChange(visitor, 'pick.set', { opId: 'op-visitor-01', dishId: 'd1', qty: 1 }),
      'not_a_member',
    );
    expect(await roomState()).toEqual(before);
  });

  it('refuses an empty or absurd display name', async () => {
    const visitor = await client({ roomId: room.roomId });
    const before = await roomState();
    expectError(await ask(visitor, EVENTS.memberJoin, { name: '   ' }), 'invalid_payload');
    expectError(await ask(visitor, EVENTS.memberJoin, { name: 'x'.repeat(500) }), 'invalid_payload');
    expectError(await ask(visitor, EVENTS.memberJoin, { name: 42 }), 'invalid_payload');
    expectError(await ask(member, EVENTS.memberJoin, { name: 'Again' }), 'already_joined');
    expect(await roomState()).toEqual(before);
  });
});

describe('text nobody could read is refused at the schema, with a message that says why', () => {
  const hostile: [string, string, string][] = [
    ['a lone surrogate', 'Lee\uD800', 'broken character'],
    ['a NUL', 'Lee\u0000', 'control character'],
    ['an escape sequence', '\u001B[2J', 'control character'],
    ['a bidi override', '\u202Eeel', 'direction of the text'],
    ['a bidi isolate', 'Lee\u2067', 'direction of the text'],
    ['only zero-width characters', '\u200B\u200C\u200D\uFEFF', 'visible letter'],
    ['only a Hangul filler', '\u3164\u3164', 'visible letter'],
    ['stacked marks', `Z${'\u0335'.repeat(80)}`, 'too many accents'],
  ];
  for (const [what, name, message] of hostile) {
    it(`refuses a name with ${what}`, async () => {
      const visitor = await client({ roomId: room.roomId });
      const before = await roomState();
      const reply = await ask(visitor, EVENTS.memberJoin, { name });
      expectError(reply, 'invalid_payload');
      expect(!reply.ok && reply.error.message).toContain(message);
      expect(await roomState()).toEqual(before);
    });
  }

  it('refuses a dish name with a lone surrogate before it reaches Lua, and a note that hides itself', async () => {
    const host = await client({ roomId: room.roomId, memberToken: room.memberToken });
    const before = await roomState();
    const menu = await askChange(host, 'menu.replace', {
      opId: 'op-text-menu-01',
      dishes: [{ name: 'Bibim\uDBFF', priceMinor: 9000 }],
    });
    expectError(menu, 'invalid_payload');
    expect(!menu.ok && menu.error.message).toContain('broken character');
    const note = await askChange(member, 'pick.note', {
      opId: 'op-text-note-01',
      dishId: 'd1',
      note: '\u2066\u2069',
      needs: [],
    });
    expectError(note, 'invalid_payload');
    expect(await roomState()).toEqual(before);
  });
});

describe('events with something missing get a clear answer when they ask for one', () => {
  it('refuses member:join and room:change sent with only the acknowledgement', async () => {
    const visitor = await client({ roomId: room.roomId });
    const before = await roomState();
    expectError(await ask(visitor, EVENTS.memberJoin), 'invalid_payload');
    expectError(await ask(member, EVENTS.roomChange), 'invalid_payload');
    expect(await roomState()).toEqual(before);
  });

  it('refuses an event nobody handles, by name or by number, and keeps the connection', async () => {
    expectError(await ask(member, 'no:such:event', {}), 'invalid_payload');
    expectError(await ask(member, 123 as unknown as string, {}), 'invalid_payload');
    expect((await ask<SyncReply>(member, EVENTS.roomSync, {})).ok).toBe(true);
  });
});

describe('handshakes that cannot be honoured', () => {
  async function rejection(auth: unknown): Promise<{ message: string; code?: string }> {
    const socket = io(replica.url, {
      path: SOCKET_PATH,
      auth: { protocol: PROTOCOL_VERSION, ...(auth as object) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.close();
        reject(new Error('connected but should have been refused'));
      });
      socket.once('connect_error', (error: Error & { data?: { code: string } }) => {
        socket.close();
        resolve({ message: error.message, code: error.data?.code });
      });
    });
  }

  it('refuses an unknown room', async () => {
    expect(await rejection({ roomId: 'NoSuchRoom123' })).toMatchObject({ code: 'room_not_found' });
  });

  it("refuses a token that is not this room's", async () => {
    const other = await replica.store.createRoom(SAMPLE_ROOM);
    expect(await rejection({ roomId: room.roomId, memberToken: other.memberToken })).toMatchObject({
      code: 'unauthorised',
    });
    expect(await rejection({ roomId: room.roomId, memberToken: 'x'.repeat(40) })).toMatchObject({
      code: 'unauthorised',
    });
  });

  it('refuses malformed auth', async () => {
    expect(await rejection({})).toMatchObject({ code: 'invalid_payload' });
    expect(await rejection({ roomId: 42 })).toMatchObject({ code: 'invalid_payload' });
    expect(await rejection({ roomId: room.roomId, memberToken: 'short' })).toMatchObject({
      code: 'invalid_payload',
    });
  });

  it('refuses a client too old or too new to talk to, and tolerates a field it does not know', async () => {
    for (const protocol of [PROTOCOL_VERSION - 2, PROTOCOL_VERSION + 2, 'two'])
      expect(await rejection({ roomId: room.roomId, protocol })).toMatchObject({
        code: typeof protocol === 'number' ? 'protocol_mismatch' : 'invalid_payload',
      });
    // A page from before versioning sends no protocol at all: it is version 1.
    const { protocol: _none, ...unversioned } = { roomId: room.roomId, protocol: undefined };
    const socket = io(replica.url, {
      path: SOCKET_PATH,
      auth: unversioned,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const refused = await new Promise<string | undefined>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code: string } }) => resolve(error.data?.code));
    });
    socket.close();
    expect(refused).toBe('protocol_mismatch');
    const tolerated = await client({
      roomId: room.roomId,
      futureField: true,
      protocol: PROTOCOL_VERSION + 1,
    });
    expect(tolerated.connected).toBe(true);
  });
});

describe('abuse does not take the replica down', () => {
  it('survives unknown events, missing callbacks, oversized frames and floods', async () => {
    const before = await roomState();
    const rogue = await client({ roomId: room.roomId, memberToken: room.memberToken });
    const raw = rogue as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('no:such:event', { a: 1 });
    raw.emit(EVENTS.roomChange, {
      opId: 'op-noack-0001',
      change: { type: 'pick.set', dishId: 'd1', qty: 5 },
    }); // no callback: dropped
    raw.emit(EVENTS.roomSync, 'not a function');
    raw.emit(EVENTS.roomChange);
    // A flood is rate limited rather than applied without bound.
    const flood = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        askChange(rogue, 'pick.set', {
          opId: `op-flood-${String(i).padStart(4, '0')}`,
          dishId: 'd2',
          qty: 1,
        }),
      ),
    );
    expect(flood.some((reply) => !reply.ok && reply.error.code === 'rate_limited')).toBe(true);
    // A frame larger than the largest legitimate event (a full 300-dish menu) closes that one
    // connection, not the server.
    const big = await client({ roomId: room.roomId });
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    (big as unknown as { emit(event: string, ...args: unknown[]): void }).emit(
      EVENTS.memberJoin,
      { name: 'x'.repeat(MAX_EVENT_BYTES + 1_000) },
      () => {},
    );
    await closed;

    // The replica still answers, and only the rate-limited flood's own picks (d2 = 1) changed anything.
    const sync = await ask<SyncReply>(member, EVENTS.roomSync);
    expect(sync.ok).toBe(true);
    const after = await roomState();
    expect(after.members).toEqual(before.members);
    expect(after.picks).toEqual(
      expect.arrayContaining([
        { dishId: 'd1', memberId, qty: 2 },
        { dishId: 'd2', memberId: room.memberId, qty: 1 },
      ]),
    );
    expect(after.picks).toHaveLength(2);
  });
});
