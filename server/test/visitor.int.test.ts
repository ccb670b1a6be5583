// Who sees what, and what a sync costs: a socket with only the room's link (a visitor) against real
// replicas on a real Redis, with real socket.io clients.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangeRequestInput,
  type CreateRoomRequest,
  type CreateRoomResponse,
  DIETARY_NEEDS,
  EVENTS,
  INTERFACE_LANGUAGES,
  type JoinReply,
  MAX_DISHES,
  MAX_MEMBERS,
  PROTOCOL_VERSION,
  type SyncReply,
  parseChangeRequest,
} from '../../lib/protocol';
import { RoomClient } from '../../lib/roomClient/roomClient';
import { type KeyValueStorage, memoryStorage } from '../../lib/roomClient/session';
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
const roomClients: RoomClient[] = [];

/** The phone's own client core, as the page runs it, against a real replica. */
function phone(
  replica: Replica,
  roomId: string,
  storage: KeyValueStorage,
  syncs: SyncReply[] = [],
): RoomClient {
  const roomClient = new RoomClient({
    roomId,
    storage,
    connect: (options) => {
      const socket = io(replica.url, { ...options, forceNew: true });
      // The sync answers as they came over the wire (acknowledgements, socket.io packet type 3; the
      // reply is the last argument).
      socket.io.on('packet', (packet) => {
        if (packet.type !== 3 || !Array.isArray(packet.data)) return;
        const reply = packet.data.at(-1) as { ok?: boolean; data?: SyncReply } | undefined;
        if (reply?.ok && reply.data && 'snapshot' in reply.data) syncs.push(reply.data);
      });
      return socket;
    },
  });
  roomClients.push(roomClient);
  return roomClient;
}
let a: Replica;
let b: Replica;
const clients: TestClient[] = [];

async function client(replica: Replica, auth: Record<string, unknown>): Promise<TestClient> {
  const socket = await connectClient(replica, auth);
  clients.push(socket);
  return socket;
}

async function sync(socket: TestClient, request?: { menuVersion?: string }): Promise<SyncReply> {
  const reply = await (request === undefined
    ? ask<SyncReply>(socket, EVENTS.roomSync)
    : ask<SyncReply>(socket, EVENTS.roomSync, request));
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.data;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies a change through the store, as a replica would after validating it. */
async function apply(room: CreateRoomResponse, memberId: string, opId: string, change: ChangeRequestInput) {
  const parsed = parseChangeRequest(change as { type: string } & Record<string, unknown>);
  if (!parsed.ok) throw new Error(parsed.message);
  const result = await a.store.applyChange(room.roomId, memberId, opId, parsed.request);
  if (!result.ok) throw new Error(result.code);
}

beforeAll(async () => {
  redis = await startRedisServer();
  a = await startReplica(redis.url, 'replica-a');
  b = await startReplica(redis.url, 'replica-b');
});

afterAll(async () => {
  for (const roomClient of roomClients) roomClient.close();
  for (const socket of clients) socket.close();
  await Promise.allSettled([a && stopReplica(a), b && stopReplica(b)]);
  await redis?.stop();
});

describe('a socket with only the link', () => {
  it('sees the menu, the title and how many are at the table, and nothing anyone wrote or picked', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    await apply(room, room.memberId, 'op-visitor-pick1', { type: 'pick.set', dishId: 'd1', qty: 2 });
    await apply(room, room.memberId, 'op-visitor-note1', {
      type: 'pick.note',
      dishId: 'd1',
      note: 'no egg',
      needs: ['egg'],
    });
    await apply(room, room.memberId, 'op-visitor-expl1', {
      type: 'dish.explain',
      dishId: 'd2',
      text: 'spicy',
    });
    const visitor = await client(b, { roomId: room.roomId });
    const { snapshot, memberId } = await sync(visitor);
    expect(memberId).toBeNull();
    expect(snapshot).toMatchObject({
      roomId: room.roomId,
      title: SAMPLE_ROOM.title,
      currency: SAMPLE_ROOM.currency,
      language: 'en',
      memberCount: 1,
      version: 0,
      code: '',
      hostMemberId: '',
      members: [],
      picks: [],
      notes: [],
      shares: [],
      rounds: [],
      explanations: [],
      online: [],
    });
    expect(snapshot.dishes.map((d) => d.name)).toEqual(SAMPLE_ROOM.dishes.map((d) => d.name));
    const text = JSON.stringify(snapshot);
    for (const secret of [SAMPLE_ROOM.hostName, room.memberId, room.code, 'no egg', 'spicy']) {
      expect(text).not.toContain(secret);
    }
  });

  it('hears no broadcasts, is not online, and its coming and going tells the room nothing', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const presence: string[][] = [];
    host.on(EVENTS.presenceChanged, ({ online }) => presence.push(online));
    await waitFor(() => presence.length > 0);
    await sleep(200);
    const heard = presence.length;

    const visitors = await Promise.all([
      client(a, { roomId: room.roomId }),
      client(b, { roomId: room.roomId }),
    ]);
    for (const visitor of visitors) await sync(visitor);
    expect((await askChange(host, 'pick.set', { opId: 'op-visitor-pick2', dishId: 'd1', qty: 1 })).ok).toBe(
      true,
    );
    await waitFor(() => host.changes.length === 1);
    for (const visitor of visitors) visitor.close();
    await sleep(300);

    expect(presence.length).toBe(heard);
    expect(visitors.map((v) => v.changes.length)).toEqual([0, 0]);
    expect((await sync(host)).snapshot.online).toEqual([room.memberId]);
  });

  it('sees the whole room once it joins, and hears what changes from then on', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    await apply(room, room.memberId, 'op-visitor-pick3', { type: 'pick.set', dishId: 'd3', qty: 1 });
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const guest = await client(b, { roomId: room.roomId });
    expect((await sync(guest)).snapshot.picks).toEqual([]);

    const joined = await ask<JoinReply>(guest, EVENTS.memberJoin, { name: 'Jun' });
    if (!joined.ok) throw new Error(joined.error.message);
    const { snapshot, memberId } = await sync(guest);
    expect(memberId).toBe(joined.data.memberId);
    expect(snapshot.members.map((m) => m.name)).toEqual(['Hana', 'Jun']);
    expect(snapshot.picks).toEqual([{ dishId: 'd3', memberId: room.memberId, qty: 1 }]);
    expect(snapshot.code).toBe(room.code);

    expect((await askChange(host, 'pick.set', { opId: 'op-visitor-pick4', dishId: 'd2', qty: 3 })).ok).toBe(
      true,
    );
    await waitFor(() => guest.changes.some((c) => c.change.type === 'pick'));
    expect((await sync(host)).snapshot.online.sort()).toEqual([room.memberId, joined.data.memberId].sort());
  });

  it('makes one member of parallel joins on one socket; the others are told it already joined', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const visitor = await client(a, { roomId: room.roomId });
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ask<JoinReply>(visitor, EVENTS.memberJoin, { name: `Twin ${i}` })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    for (const reply of replies.filter((r) => !r.ok)) {
      expect(reply.ok === false && reply.error.code).toBe('already_joined');
    }
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    expect((await sync(host)).snapshot.members).toHaveLength(2);
  });
});

describe('the host closes joining', () => {
  it('refuses new members with joining_closed until the host opens it again', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const guest = await client(b, { roomId: room.roomId });
    const joined = await ask<JoinReply>(guest, EVENTS.memberJoin, { name: 'Jun' });
    expect(joined.ok).toBe(true);
    expect((await askChange(guest, 'room.joining', { opId: 'op-joining-guest', open: false })).ok).toBe(
      false,
    );

    expect((await askChange(host, 'room.joining', { opId: 'op-joining-close', open: false })).ok).toBe(true);
    const late = await client(b, { roomId: room.roomId });
    expect((await sync(late)).snapshot.joining).toBe(false);
    const refused = await ask<JoinReply>(late, EVENTS.memberJoin, { name: 'Late' });
    expect(refused.ok === false && refused.error.code).toBe('joining_closed');
    await waitFor(() => guest.changes.some((c) => c.change.type === 'joining'));

    expect((await askChange(host, 'room.joining', { opId: 'op-joining-open', open: true })).ok).toBe(true);
    expect((await ask<JoinReply>(late, EVENTS.memberJoin, { name: 'Late' })).ok).toBe(true);
  });
});

describe('what a sync costs', () => {
  /** A full room: 300 dishes explained in every interface language, 40 members with picks and notes. */
  async function fullRoom(): Promise<CreateRoomResponse> {
    const request: CreateRoomRequest = {
      ...SAMPLE_ROOM,
      dishes: Array.from({ length: MAX_DISHES }, (_, i) => ({
        name: `불고기 정식 ${i + 1}`,
        priceMinor: 9000 + i * 100,
        category: '정식',
        explanation: {
          kind: 'dish' as const,
          reading: `bulgogi jeongsik ${i + 1}`,
          gloss: Object.fromEntries(
            INTERFACE_LANGUAGES.map((lang) => [
              lang,
              `Marinated grilled beef set with rice and sides (${lang})`,
            ]),
          ),
          contains: ['beef', 'soy', 'sesame'],
          source: 'menuroom Korean glossary',
        },
      })),
    };
    const room = await a.store.createRoom(request);
    for (let m = 1; m < MAX_MEMBERS; m++) {
      const added = await a.store.addMember(room.roomId, `Guest ${m}`);
      if (!added.ok) throw new Error(added.code);
      const id = added.value.memberId;
      await apply(room, id, `op-full-needs-${m}`, {
        type: 'member.needs',
        needs: [DIETARY_NEEDS[m % 9] ?? 'egg'],
      });
      for (let p = 0; p < 3; p++) {
        const dishId = `d${1 + ((m * 7 + p * 31) % MAX_DISHES)}`;
        await apply(room, id, `op-full-pick-${m}-${p}`, { type: 'pick.set', dishId, qty: 1 + p });
      }
      await apply(room, id, `op-full-note-${m}`, {
        type: 'pick.note',
        dishId: `d${1 + ((m * 7) % MAX_DISHES)}`,
        note: 'less spicy please',
        needs: [],
      });
    }
    return room;
  }

  it('answers a phone that already has the menu without it: small for a 300-dish, 40-member room', async () => {
    const room = await fullRoom();
    const host = await client(a, { roomId: room.roomId, memberToken: room.memberToken });
    const first = await sync(host, {});
    expect(first.snapshot.dishes).toHaveLength(MAX_DISHES);
    expect(first.snapshot.members).toHaveLength(MAX_MEMBERS);
    const menuVersion = first.snapshot.menuVersion;
    expect(menuVersion).toEqual(expect.any(String));

    const again = await sync(host, { menuVersion });
    expect(again.menuUnchanged).toBe(true);
    expect(again.snapshot.dishes).toEqual([]);
    expect(again.snapshot.members).toHaveLength(MAX_MEMBERS);
    const full = bytes(first);
    const upToDate = bytes(again);
    console.info(
      `sync of a 300-dish, 40-member room: ${full} B in full, ${upToDate} B for an up-to-date phone`,
    );
    expect(full).toBeGreaterThan(150_000);
    expect(upToDate).toBeLessThan(16_000);

    // A phone whose menu is not the current one (or that names none) gets it.
    expect((await sync(host, { menuVersion: 'not-this-one' })).snapshot.dishes).toHaveLength(MAX_DISHES);

    const visitor = await client(b, { roomId: room.roomId });
    const visitorFirst = await sync(visitor, {});
    expect(visitorFirst.snapshot.menuVersion).toBe(menuVersion);
    const visitorAgain = await sync(visitor, { menuVersion });
    console.info(`visitor view: ${bytes(visitorFirst)} B with the menu, ${bytes(visitorAgain)} B without`);
    expect(visitorAgain.snapshot.memberCount).toBe(MAX_MEMBERS);
    expect(bytes(visitorAgain)).toBeLessThan(1_000);
  });

  it('takes the menu named in the handshake for the first sync in the old form', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const probe = await client(a, { roomId: room.roomId });
    const { menuVersion } = (await sync(probe, {})).snapshot;
    const phone = await client(b, { roomId: room.roomId, menuVersion });
    const reply = await sync(phone);
    expect(reply.menuUnchanged).toBe(true);
    expect(reply.snapshot.dishes).toEqual([]);
  });

  it('sends the whole menu to a phone one protocol older, which names none', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const old = await client(a, {
      roomId: room.roomId,
      memberToken: room.memberToken,
      protocol: PROTOCOL_VERSION - 1,
    });
    const reply = await sync(old);
    expect(reply.menuUnchanged).toBeUndefined();
    expect(reply.snapshot.dishes).toHaveLength(SAMPLE_ROOM.dishes.length);
  });
});

describe('the phone', () => {
  it('joins from the visitor view and then sees the whole room', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    await apply(room, room.memberId, 'op-phone-pick01', { type: 'pick.set', dishId: 'd2', qty: 2 });
    const guest = phone(b, room.roomId, memoryStorage());
    await waitFor(() => guest.store.getState().meta !== null);
    expect(guest.store.getState()).toMatchObject({ memberCount: 1, members: [], picks: {}, memberId: null });
    expect(guest.store.getState().dishes).toHaveLength(SAMPLE_ROOM.dishes.length);

    expect(await guest.join('Jun')).toBeNull();
    const state = guest.store.getState();
    expect(state.members.map((m) => m.name)).toEqual(['Hana', 'Jun']);
    expect(state.picks).toEqual({ [`d2:${room.memberId}`]: 2 });
    expect(state.meta?.code).toBe(room.code);
  });

  it('is sent the menu once: not on a resync, not after a reload, again when the host changes it', async () => {
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const storage = memoryStorage();
    const syncs: SyncReply[] = [];
    const names = SAMPLE_ROOM.dishes.map((d) => d.name);
    const first = phone(a, room.roomId, storage, syncs);
    await waitFor(() => first.store.getState().meta !== null);
    await first.resync();
    expect(first.store.getState().dishes.map((d) => d.name)).toEqual(names);
    expect(syncs.map((reply) => reply.snapshot.dishes.length)).toEqual([names.length, 0]);
    first.close();

    // A reload: a new client core on the same storage names its menu in the handshake.
    const reloaded = phone(b, room.roomId, storage, syncs);
    await waitFor(() => reloaded.store.getState().meta !== null);
    expect(reloaded.store.getState().dishes.map((d) => d.name)).toEqual(names);
    expect(syncs.at(-1)?.menuUnchanged).toBe(true);

    await apply(room, room.memberId, 'op-phone-menu01', {
      type: 'menu.replace',
      dishes: [{ id: 'd1', name: '비빔밥', priceMinor: 9500 }],
    });
    await reloaded.resync();
    expect(reloaded.store.getState().dishes).toEqual([{ id: 'd1', name: '비빔밥', priceMinor: 9500 }]);
    expect(syncs.at(-1)?.snapshot.dishes).toHaveLength(1);
  });
});
