// Bounded storage against a real redis-server: new rooms are refused near maxmemory while open rooms
// keep working, each member's remembered operations are a bounded window that still covers every
// retry a phone makes, reads never extend a room's life and changes never extend it past its
// maximum lifetime, a menu update costs what it changes, and lone surrogates corrupt nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeRequest, CreateRoomRequest, DishInput, Pick } from '../../lib/protocol';
import {
  changeScriptKeys,
  joinCodeKey,
  OPS_KEPT_PER_MEMBER,
  roomKeys,
  scriptKeys,
} from '../../lib/storage/keys';
import { createRedis, type MenuroomRedis, mastersOf, serverOf } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { CapacityReachedError, ROOM_CREATION_MEMORY_SHARE } from '../../lib/storage/roomStore';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';

let server: RedisServer;
/** The stores' connection, as the app logs in. */
let redis: MenuroomRedis;
/** A connection with every command (CONFIG, FLUSHALL), as an operator's. */
let admin: MenuroomRedis;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedis(server.url);
  admin = createRedis((server as RedisServer & { adminUrl?: string }).adminUrl ?? server.url);
  await Promise.all([redis.connect(), admin.connect()]);
});

afterAll(async () => {
  await Promise.all([redis?.quit(), admin?.quit()]);
  await server?.stop();
});

beforeEach(async () => {
  await admin.configSet({ maxmemory: '0', 'maxmemory-policy': 'noeviction' });
  await admin.flushAll();
});

const dishes = (count: number, prefix = 'Dish'): DishInput[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `${prefix} ${i + 1} with a name as long as a real menu line`,
    priceMinor: 100 * (i + 1),
  }));

const roomRequest = (dishCount = 5): CreateRoomRequest => ({
  title: 'Dinner',
  currency: 'EUR',
  hostName: 'Host',
  dishes: dishes(dishCount),
});

/** A store that reads Redis's memory on every creation (the default reading lasts a second). */
const freshStore = (ttlSeconds?: number, maxLifetimeSeconds?: number) =>
  new RedisRoomStore(redis, ttlSeconds, { memoryReadingMs: 0, maxLifetimeSeconds });

// On a cluster (MENUROOM_TEST_REDIS=cluster) each master has its own memory and limit: the store
// refuses new rooms when any master is past the share, and a room's writes fail when its master is full.
async function usedMemory(server: MenuroomRedis): Promise<number> {
  return Number(/^used_memory:(\d+)/m.exec(await server.info('memory'))?.[1]);
}

/** Sets every master's maxmemory from what it uses now. */
async function setMaxmemory(fromUsed: (used: number) => number): Promise<void> {
  for (const server of await mastersOf(admin)) {
    await server.configSet('maxmemory', String(fromUsed(await usedMemory(server))));
  }
}

async function anyMasterPast(share: number): Promise<boolean> {
  for (const server of await mastersOf(admin)) {
    const maxmemory = Number((await server.configGet('maxmemory')).maxmemory);
    if ((await usedMemory(server)) > maxmemory * share) return true;
  }
  return false;
}

const sortedPicks = (picks: Pick[]) =>
  [...picks].sort((a, b) => `${a.dishId}:${a.memberId}`.localeCompare(`${b.dishId}:${b.memberId}`));

let opCounter = 0;
const newOpId = () => `op-${Date.now().toString(36)}-${(opCounter++).toString(36).padStart(6, '0')}`;

describe('capacity', () => {
  it('refuses new rooms with CapacityReachedError near maxmemory while open rooms keep taking picks', async () => {
    const store = freshStore();
    const open = await Promise.all([1, 2, 3].map(() => store.createRoom(roomRequest(40))));

    await setMaxmemory((used) => used + 4_000_000);
    let created = 0;
    let refusal: unknown = null;
    while (created < 500) {
      try {
        await store.createRoom(roomRequest(300));
        created++;
      } catch (error) {
        refusal = error;
        break;
      }
    }
    expect(refusal).toBeInstanceOf(CapacityReachedError);
    expect(created).toBeGreaterThan(0);
    await expect(store.ensureCapacity()).rejects.toBeInstanceOf(CapacityReachedError);
    expect(await anyMasterPast(ROOM_CREATION_MEMORY_SHARE)).toBe(true);

    // The headroom is for the rooms already open: they keep taking picks.
    for (const room of open) {
      const picked = await store.applyChange(room.roomId, room.memberId, newOpId(), {
        type: 'pick.set',
        dishId: 'd1',
        qty: 2,
      });
      expect(picked.ok).toBe(true);
    }

    // Redis filled to the brim by something else: writes are refused as capacity_reached (which the
    // phone retries), nothing is half-written, and a creation leaves nothing behind.
    const [room] = open;
    if (!room) throw new Error('no room');
    // In the room's hash slot, so on a cluster they fill the room's master.
    const filler = (i: number) => `filler:{${room.roomId}}:${i}`;
    let fillers = 0;
    for (;;) {
      try {
        await admin.set(filler(fillers++), 'x'.repeat(64 * 1024));
      } catch (error) {
        expect(String(error)).toMatch(/OOM/);
        break;
      }
    }
    // A refused write frees its own query buffer, so Redis sits a few KB under the limit again: pull
    // the limit under what is used now, so every write from here on meets a full Redis.
    await setMaxmemory((used) => used - 256 * 1024);
    // A sync still answers: Redis refuses to queue a MULTI now, so the snapshot comes from a script.
    const before = await store.getSnapshot(room.roomId);
    expect(before?.picks).toEqual([{ dishId: 'd1', memberId: room.memberId, qty: 2 }]);
    expect((await store.getSnapshot(room.roomId, { knownMenuVersion: '1' }))?.dishes).toEqual([]);
    const keysBefore = await redis.dbSize();
    const refused = await store.applyChange(room.roomId, room.memberId, newOpId(), {
      type: 'pick.set',
      dishId: 'd2',
      qty: 3,
    });
    expect(refused).toEqual({ ok: false, code: 'capacity_reached' });
    expect(await store.addMember(room.roomId, 'Late guest')).toEqual({ ok: false, code: 'capacity_reached' });
    // Reads keep answering (a sync, a presence check), and a heartbeat that cannot be written is not an error.
    expect(await store.authenticate(room.roomId, room.memberToken)).toEqual({ memberId: room.memberId });
    await store.touchPresence(room.roomId, [{ memberId: room.memberId, connectionId: 'c1' }]);
    expect(await store.onlineMembers(room.roomId)).toEqual({ online: [], expired: 0 });
    await expect(store.createRoom(roomRequest(300))).rejects.toBeInstanceOf(CapacityReachedError);
    expect(await redis.dbSize()).toBe(keysBefore);
    const after = await store.getSnapshot(room.roomId);
    expect(after?.version).toBe(before?.version);
    expect(after?.picks).toEqual(before?.picks);
    expect(after?.members).toEqual(before?.members);

    // Memory freed: the same room takes the same kind of pick again.
    for (let i = 0; i < fillers; i++) await admin.del(filler(i));
    const retried = await store.applyChange(room.roomId, room.memberId, newOpId(), {
      type: 'pick.set',
      dishId: 'd2',
      qty: 3,
    });
    expect(retried.ok).toBe(true);
  });

  it('never refuses a room when Redis has no maxmemory', async () => {
    await admin.set('filler', 'x'.repeat(4_000_000));
    await expect(freshStore().ensureCapacity()).resolves.toBeUndefined();
    await expect(freshStore().createRoom(roomRequest())).resolves.toMatchObject({ code: expect.any(String) });
  });
});

describe('ops dedupe window', () => {
  it('keeps each member’s last OPS_KEPT_PER_MEMBER operations: retries inside are not applied twice, the hash stays bounded', async () => {
    const store = freshStore();
    const room = await store.createRoom(roomRequest(300));
    const guest = await store.addMember(room.roomId, 'Guest');
    if (!guest.ok) throw new Error('no guest');
    const k = roomKeys(room.roomId);

    // The guest's one operation, before the host's long run: other members' volume never forgets it.
    const guestOp = newOpId();
    const guestPick: ChangeRequest = { type: 'pick.set', dishId: 'd1', qty: 1 };
    expect((await store.applyChange(room.roomId, guest.value.memberId, guestOp, guestPick)).ok).toBe(true);

    const total = OPS_KEPT_PER_MEMBER + 300;
    const opIds = Array.from({ length: total }, newOpId);
    const pickOf = (i: number): ChangeRequest => ({
      type: 'pick.set',
      dishId: `d${(i % 300) + 1}`,
      qty: (i % 50) + 1,
    });
    for (let start = 0; start < total; start += 200) {
      const batch = opIds.slice(start, start + 200);
      const results = await Promise.all(
        batch.map((opId, j) => store.applyChange(room.roomId, room.memberId, opId, pickOf(start + j))),
      );
      expect(results.every((r) => r.ok && !r.value.duplicate)).toBe(true);
    }

    // Bounded: the host's window, the guest's one operation; the log holds one counter per member.
    expect(await redis.hLen(k.ops)).toBe(OPS_KEPT_PER_MEMBER + 1);
    expect(await redis.hLen(k.opLog)).toBe(OPS_KEPT_PER_MEMBER + 1 + 2);

    // A phone that lost its connection with its last 300 picks (one per dish) in flight, and comes
    // back hours later, retries them all with the same ids: none is applied again.
    const version = (await store.getVersion(room.roomId)) ?? 0;
    for (let i = total - 300; i < total; i++) {
      const retry = await store.applyChange(room.roomId, room.memberId, opIds[i] ?? '', pickOf(i));
      expect(retry.ok && retry.value.duplicate).toBe(true);
    }
    // The oldest operation still inside the window, and the guest's, are remembered too.
    const oldestKept = total - OPS_KEPT_PER_MEMBER;
    const retryOldest = await store.applyChange(
      room.roomId,
      room.memberId,
      opIds[oldestKept] ?? '',
      pickOf(oldestKept),
    );
    expect(retryOldest.ok && retryOldest.value.duplicate).toBe(true);
    const retryGuest = await store.applyChange(room.roomId, guest.value.memberId, guestOp, guestPick);
    expect(retryGuest.ok && retryGuest.value.duplicate).toBe(true);
    expect(await store.getVersion(room.roomId)).toBe(version);

    // One step outside the window the operation is forgotten (the documented horizon).
    expect(await redis.hExists(k.ops, `${room.memberId}|${opIds[oldestKept - 1]}`)).toBe(0);
  });
});

describe('lifetime', () => {
  it('reads never renew a room or its code; a change renews the room', async () => {
    const store = freshStore(20, 60);
    const room = await store.createRoom(roomRequest());
    const k = roomKeys(room.roomId);
    const codeTtlAtCreation = await redis.pTTL(joinCodeKey(room.code));
    expect(codeTtlAtCreation).toBeGreaterThan(55_000);
    expect(codeTtlAtCreation).toBeLessThanOrEqual(60_000);

    // Past the renewal margin (a tenth of the TTL here), then every kind of read, many times.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    for (let i = 0; i < 5; i++) {
      expect(await store.resolveCode(room.code)).toBe(room.roomId);
      expect(await store.getSnapshot(room.roomId)).not.toBeNull();
      expect(await store.authenticate(room.roomId, room.memberToken)).toEqual({ memberId: room.memberId });
      expect(await store.getVersion(room.roomId)).toBe(1);
      expect(await store.roomExists(room.roomId)).toBe(true);
    }
    expect(await redis.pTTL(k.meta)).toBeLessThan(20_000 - 2_400);
    expect(await redis.pTTL(joinCodeKey(room.code))).toBeLessThan(codeTtlAtCreation - 2_400);

    const picked = await store.applyChange(room.roomId, room.memberId, newOpId(), {
      type: 'pick.set',
      dishId: 'd1',
      qty: 1,
    });
    expect(picked.ok).toBe(true);
    for (const key of [k.meta, k.menu, k.members, k.tokens, k.picks, k.ops, k.opLog]) {
      expect(await redis.pTTL(key)).toBeGreaterThan(19_000);
    }
  });

  it('no change renews a room past createdAt + its maximum lifetime', async () => {
    const store = freshStore(20, 60);
    const room = await store.createRoom(roomRequest());
    const k = roomKeys(room.roomId);
    // The room was opened 57 s ago: 3 s of its 60 s lifetime are left, whatever is picked.
    await redis.hSet(k.meta, 'createdAt', String(Date.now() - 57_000));
    for (const key of scriptKeys(room.roomId)) await redis.pExpire(key, 500);
    for (let i = 0; i < 3; i++) {
      const picked = await store.applyChange(room.roomId, room.memberId, newOpId(), {
        type: 'pick.set',
        dishId: 'd1',
        qty: i + 1,
      });
      expect(picked.ok).toBe(true);
      for (const key of [k.meta, k.menu, k.picks, k.ops, k.opLog]) {
        const ttl = await redis.pTTL(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(3_000);
      }
    }
  });

  it('a room picked at all the time still ends with its lifetime, and its code answers nothing', async () => {
    const store = freshStore(2, 3);
    const room = await store.createRoom(roomRequest());
    const startedAt = Date.now();
    let lastAnswer = 'ok';
    while (Date.now() - startedAt < 4_500) {
      const picked = await store.applyChange(room.roomId, room.memberId, newOpId(), {
        type: 'pick.set',
        dishId: 'd1',
        qty: 1 + (Math.floor(Date.now() / 100) % 5),
      });
      lastAnswer = picked.ok ? 'ok' : picked.code;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lastAnswer).toBe('room_not_found');
    expect(await store.roomExists(room.roomId)).toBe(false);
    expect(await store.resolveCode(room.code)).toBeNull();
    for (const key of scriptKeys(room.roomId)) expect(await redis.exists(key)).toBe(0);
  });
});

describe('menu updates and snapshots', () => {
  it('a 300-dish menu update costs what it changes, and the menu version names the menu', async () => {
    const store = freshStore();
    const room = await store.createRoom(roomRequest(300));
    const members = [room.memberId];
    for (let m = 0; m < 39; m++) {
      const joined = await store.addMember(room.roomId, `Member ${m}`);
      if (!joined.ok) throw new Error(joined.code);
      members.push(joined.value.memberId);
    }
    // Every member picks 30 dishes, notes and explains some, and one plate is shared.
    await Promise.all(
      members.flatMap((memberId, m) =>
        Array.from({ length: 30 }, (_, j) => {
          const dishId = `d${((m * 7 + j * 10) % 300) + 1}`;
          return store.applyChange(room.roomId, memberId, newOpId(), { type: 'pick.set', dishId, qty: 1 });
        }),
      ),
    );
    const k = roomKeys(room.roomId);
    const pickOwner = members[0] ?? '';
    const [removedDish, keptDish] = ['d1', 'd2'];
    for (const dishId of [removedDish, keptDish]) {
      await store.applyChange(room.roomId, pickOwner, newOpId(), { type: 'pick.set', dishId, qty: 2 });
      await store.applyChange(room.roomId, pickOwner, newOpId(), {
        type: 'pick.note',
        dishId,
        note: 'no coriander',
        needs: [],
      });
      await store.applyChange(room.roomId, pickOwner, newOpId(), {
        type: 'dish.explain',
        dishId,
        text: 'soup',
      });
      await store.applyChange(room.roomId, pickOwner, newOpId(), {
        type: 'share.offer',
        shareId: `share-${dishId}`,
        dishId,
        plates: 1,
        memberIds: [members[1] ?? ''],
      });
    }
    const picksBefore = await redis.hLen(k.picks);

    const current = await store.getSnapshot(room.roomId);
    if (!current) throw new Error('no room');
    expect(current.menuVersion).toBe('1');
    const replace = (menu: (DishInput & { id?: string })[]) =>
      store.applyChange(room.roomId, room.memberId, newOpId(), { type: 'menu.replace', dishes: menu });
    // The first update writes the menu in the scripts' own form; later ones compare with it.
    const first = await replace(current.dishes);
    if (!first.ok) throw new Error(first.code);

    // The room's server: a cluster client would ask every master.
    const roomServer = await serverOf(admin, k.meta);
    await roomServer.configResetStat();
    const renamed = current.dishes.map((dish, i) => (i === 5 ? { ...dish, name: 'Renamed dish' } : dish));
    const unchangedButOne = await replace(renamed);
    if (!unchangedButOne.ok) throw new Error(unchangedButOne.code);
    const stats = await roomServer.info('commandstats');
    // No scan of picks, notes, explanations or plates, and one dish written (plus meta and ops).
    expect(stats).not.toMatch(/cmdstat_hkeys:/);
    expect(stats).not.toMatch(/cmdstat_hdel:/);
    expect(Number(/cmdstat_hgetall:calls=(\d+)/.exec(stats)?.[1])).toBe(1);
    expect(Number(/cmdstat_hset:calls=(\d+)/.exec(stats)?.[1])).toBeLessThanOrEqual(4);
    expect(await redis.hLen(k.picks)).toBe(picksBefore);

    // Removing a dish removes its picks, notes, explanations and plates, and nothing else.
    const removal = await replace(renamed.filter((dish) => dish.id !== removedDish));
    if (!removal.ok) throw new Error(removal.code);
    const after = await store.getSnapshot(room.roomId);
    if (!after) throw new Error('no room');
    expect(after.dishes).toHaveLength(299);
    expect(after.picks.filter((p) => p.dishId === removedDish)).toEqual([]);
    expect(after.notes.map((n) => n.dishId)).toEqual([keptDish]);
    expect(after.explanations.map((e) => e.dishId)).toEqual([keptDish]);
    expect(after.shares.map((s) => s.dishId)).toEqual([keptDish]);
    expect(after.picks.length).toBe(
      picksBefore - current.picks.filter((p) => p.dishId === removedDish).length,
    );
    expect(after.menuVersion).toBe(String(removal.value.version));

    // A dish named twice is refused before anything is written; new dishes get new ids.
    const twice = await replace([...after.dishes, after.dishes[0] as DishInput & { id: string }]);
    expect(twice).toEqual({ ok: false, code: 'invalid_payload' });
    const added = await replace([...after.dishes, { name: 'New dish', priceMinor: 700 }]);
    if (!added.ok) throw new Error(added.code);
    expect(added.value.change).toMatchObject({
      type: 'menu',
      dishes: { 299: { id: 'd301', name: 'New dish' } },
    });
    const afterAdding = await replace(after.dishes);
    if (!afterAdding.ok) throw new Error(afterAdding.code);
    const removedAgain = await store.getSnapshot(room.roomId);
    expect(removedAgain?.dishes).toEqual(after.dishes);
    expect(sortedPicks(removedAgain?.picks ?? [])).toEqual(sortedPicks(after.picks));
    expect(removedAgain?.menuVersion).toBe(String(afterAdding.value.version));

    // A reader that has this menu gets the snapshot without it; a stale one gets the menu.
    const full = removedAgain as NonNullable<typeof removedAgain>;
    const same = await store.getSnapshot(room.roomId, { knownMenuVersion: full.menuVersion });
    expect(same?.dishes).toEqual([]);
    expect({ ...same, dishes: full.dishes, expiresAt: 0 }).toEqual({ ...full, expiresAt: 0 });
    const stale = await store.getSnapshot(room.roomId, { knownMenuVersion: current.menuVersion });
    expect(stale?.dishes).toEqual(full.dishes);
  });

  it('the host closes and opens the room to new members', async () => {
    const store = freshStore();
    const room = await store.createRoom(roomRequest());
    const close = await store.applyChange(room.roomId, room.memberId, newOpId(), {
      type: 'room.joining',
      open: false,
    });
    expect(close).toMatchObject({ ok: true, value: { change: { type: 'joining', open: false } } });
    expect((await store.getSnapshot(room.roomId))?.joining).toBe(false);
    expect(await store.addMember(room.roomId, 'Late')).toEqual({ ok: false, code: 'joining_closed' });
    await store.applyChange(room.roomId, room.memberId, newOpId(), { type: 'room.joining', open: true });
    expect((await store.addMember(room.roomId, 'Late')).ok).toBe(true);
  });
});

describe('lone surrogates', () => {
  it('are stored as U+FFFD and never break a later script', async () => {
    const store = freshStore();
    const lone = 'Ana\uD800';
    const room = await store.createRoom({
      ...roomRequest(),
      hostName: lone,
      dishes: [{ name: 'Soup \uDC00', priceMinor: 500 }, ...dishes(2)],
    });
    const guest = await store.addMember(room.roomId, `Ben\uDBFF`);
    if (!guest.ok) throw new Error(guest.code);
    const changes: ChangeRequest[] = [
      { type: 'member.needs', needs: ['vegan'] },
      { type: 'pick.set', dishId: 'd1', qty: 1 },
      { type: 'pick.note', dishId: 'd1', note: 'no \uD83D', needs: [] },
      { type: 'dish.explain', dishId: 'd1', text: 'tripe \uDE00' },
      {
        type: 'menu.replace',
        dishes: [{ id: 'd1', name: 'Soup \uD800 again', priceMinor: 500 }, ...dishes(1)],
      },
      { type: 'member.done', done: true },
      { type: 'order.placed', round: 1 },
    ];
    for (const change of changes) {
      const result = await store.applyChange(room.roomId, room.memberId, newOpId(), change);
      expect(result.ok, change.type).toBe(true);
    }
    expect(
      (await store.applyChange(room.roomId, guest.value.memberId, newOpId(), changes[0] as ChangeRequest)).ok,
    ).toBe(true);
    const snapshot = await store.getSnapshot(room.roomId);
    expect(snapshot?.members.map((m) => m.name).sort()).toEqual(['Ana\uFFFD', 'Ben\uFFFD']);
    expect(snapshot?.dishes[0]?.name).toBe('Soup \uFFFD again');
    expect(snapshot?.rounds[0]?.notes[0]?.note).toBe('no \uFFFD');
    expect(snapshot?.explanations[0]?.text).toBe('tripe \uFFFD');
    // Whole pairs (an emoji) are kept as they are.
    await store.applyChange(room.roomId, room.memberId, newOpId(), {
      type: 'dish.explain',
      dishId: 'd1',
      text: '🌶️ hot',
    });
    expect((await store.getSnapshot(room.roomId))?.explanations[0]?.text).toBe('🌶️ hot');
  });

  it('a request cjson cannot read is refused as invalid_payload, and nothing is written', async () => {
    const store = freshStore();
    const room = await store.createRoom(roomRequest());
    const reply = await redis.applyChange(changeScriptKeys(room.roomId, room.memberId), [
      '60',
      String(Date.now()),
      '120',
      room.memberId,
      newOpId(),
      'pick.note',
      '{"dishId":"d1","note":"\\ud800","needs":""}',
      '{"members":40,"rounds":12,"shares":60}',
    ]);
    expect(reply).toEqual(['err', 'invalid_payload']);
    expect(await store.getVersion(room.roomId)).toBe(1);
  });
});
