// A replica survives Redis faults: a killed subscriber, a Redis restart with AOF, a Redis that comes
// back empty, and its own graceful drain, with real Redis and real clients.
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinReply, SyncReply } from '../../lib/protocol';
import { EVENTS } from '../../lib/protocol';
import type { SingleRedis } from '../../lib/storage/redis';
import { startRedisServer as startRedis } from '../../scripts/stack/redis';
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

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function cluster(options: { appendonly?: boolean } = {}) {
  let redis = await startRedis(options);
  cleanup.push(() => redis.stop());
  const a = await startReplica(redis.url, 'fault-a');
  const b = await startReplica(redis.url, 'fault-b');
  cleanup.push(
    () => stopReplica(a),
    () => stopReplica(b),
  );
  const restartRedis = async () => {
    await redis.shutdown();
    redis = await startRedis({ port: redis.port, dir: redis.dir, appendonly: options.appendonly });
  };
  return { redis: () => redis, a, b, restartRedis };
}

async function member(
  replica: Replica,
  roomId: string,
  name: string,
): Promise<TestClient & { memberId: string }> {
  const socket = await connectClient(replica, { roomId });
  cleanup.push(() => socket.close());
  const joined = await ask<JoinReply>(socket, EVENTS.memberJoin, { name });
  if (!joined.ok) throw new Error(joined.error.message);
  return Object.assign(socket, { memberId: joined.data.memberId });
}

async function readyz(replica: Replica) {
  const response = await fetch(`${replica.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Sets a pick on one client and waits until the other learns of it: by the broadcast itself or, when
 * the broadcast was lost in a Redis outage, by a version beacon that makes a real client resync.
 */
async function pickSeenAcross(
  from: TestClient,
  to: TestClient,
  opId: string,
  qty: number,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  let reply = await askChange(from, 'pick.set', { opId, dishId: 'd1', qty }).catch(() => null);
  while (!reply?.ok && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    reply = await askChange(from, 'pick.set', { opId, dishId: 'd1', qty }).catch(() => null);
  }
  if (!reply?.ok) throw new Error('pick never acknowledged');
  const version = reply.data.version;
  await waitFor(
    () => to.changes.some((c) => c.version === version) || to.beaconVersion >= version,
    Math.max(0, deadline - Date.now()),
  );
}

describe('Redis faults', () => {
  it('recovers broadcasts after CLIENT KILL TYPE pubsub', async () => {
    const { redis, a, b } = await cluster();
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const onA = await member(a, room.roomId, 'Ana');
    const onB = await member(b, room.roomId, 'Ben');
    await pickSeenAcross(onA, onB, 'op-before-kill-1', 1);

    const admin = createClient({ url: redis().url });
    await admin.connect();
    cleanup.push(() => admin.quit());
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);

    await pickSeenAcross(onA, onB, 'op-after-kill-01', 2);
    await pickSeenAcross(onB, onA, 'op-after-kill-02', 3);
    await waitFor(async () => (await readyz(a)).status === 200 && (await readyz(b)).status === 200, 10_000);
  });

  it('notices a subscriber that silently lost its subscriptions and recovers it', async () => {
    const { a, b } = await cluster();
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const onA = await member(a, room.roomId, 'Ana');
    const onB = await member(b, room.roomId, 'Ben');
    // SUNSUBSCRIBE behind node-redis's back: the connection is fine and node-redis still believes it
    // is subscribed, but Redis no longer delivers anything to it (the failure of node-redis 2155).
    await (a.sub as SingleRedis).sendCommand(['SUNSUBSCRIBE']);
    const lostAt = Date.now();
    const reply = await askChange(onB, 'pick.set', {
      opId: 'op-silent-loss-1',
      dishId: 'd1',
      qty: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(onA.changes.some((c) => reply.ok && c.version === reply.data.version)).toBe(false);

    await waitFor(async () => (await readyz(a)).body.subscriber === false, 10_000);
    // Recovered: the version beacon tells A's clients what they missed, and broadcasts flow again.
    await waitFor(() => reply.ok && onA.beaconVersion >= reply.data.version, 10_000);
    await pickSeenAcross(onB, onA, 'op-silent-loss-2', 2);
    await waitFor(async () => (await readyz(a)).status === 200, 10_000);
    console.log(JSON.stringify({ silentSubscriberLossRecoveredAfterMs: Date.now() - lostAt }));
  });

  it('keeps serving the same rooms through a Redis restart with AOF', async () => {
    const { a, b, restartRedis } = await cluster({ appendonly: true });
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const onA = await member(a, room.roomId, 'Ana');
    const onB = await member(b, room.roomId, 'Ben');
    await pickSeenAcross(onA, onB, 'op-before-restart', 4);
    const before = await ask<SyncReply>(onB, EVENTS.roomSync);

    await restartRedis();

    // Scripts are gone from the new process (NOSCRIPT) and subscriptions must be renewed.
    await pickSeenAcross(onB, onA, 'op-after-restart1', 5, 15_000);
    const after = await ask<SyncReply>(onA, EVENTS.roomSync);
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) {
      expect(after.data.snapshot.version).toBe(before.data.snapshot.version + 1);
      expect(after.data.snapshot.members.map((m) => m.name)).toEqual(['Hana', 'Ana', 'Ben']);
    }
    expect((await readyz(a)).body.redisDataLostAt).toBeNull();
  });

  it('reports a Redis that came back empty instead of serving empty rooms', async () => {
    const { a, restartRedis } = await cluster({ appendonly: false });
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const onA = await member(a, room.roomId, 'Ana');

    await restartRedis();

    await waitFor(async () => typeof (await readyz(a)).body.redisDataLostAt === 'number', 15_000);
    const sync = await ask<SyncReply>(onA, EVENTS.roomSync);
    expect(sync.ok).toBe(false);
    if (!sync.ok) expect(sync.error.code).toBe('room_not_found');
    const pick = await askChange(onA, 'pick.set', {
      opId: 'op-on-empty-001',
      dishId: 'd1',
      qty: 1,
    });
    expect(pick.ok).toBe(false);
  });
});

describe('graceful drain', () => {
  it('finishes in-flight operations, then hands clients off without marking them offline', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const a = await startReplica(redis.url, 'drain-a');
    const b = await startReplica(redis.url, 'drain-b');
    cleanup.push(() => stopReplica(b));
    const room = await a.store.createRoom(SAMPLE_ROOM);
    const leaving = await member(a, room.roomId, 'Ana');
    const staying = await member(b, room.roomId, 'Ben');
    const disconnected = new Promise<string>((resolve) => leaving.once('disconnect', resolve));

    // Pause Redis so the operation is really in flight on the replica when the drain starts.
    redis.process.child.kill('SIGSTOP');
    const inFlight = askChange(leaving, 'pick.set', {
      opId: 'op-during-drain',
      dishId: 'd2',
      qty: 2,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const drained = a.server.drain(5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    redis.process.child.kill('SIGCONT');
    const reply = await inFlight;
    await drained;
    await Promise.allSettled([a.redis.quit(), a.sub.quit()]);

    expect(reply.ok).toBe(true);
    expect(await disconnected).toBe('transport close');
    const snapshot = await b.store.getSnapshot(room.roomId);
    expect(snapshot?.picks).toContainEqual({ dishId: 'd2', memberId: leaving.memberId, qty: 2 });
    // The leaving member's presence is left to expire or to be renewed by its next replica.
    expect(snapshot?.online).toContain(leaving.memberId);
    expect(staying.connected).toBe(true);
  });
});
