// On a Redis Cluster every acknowledged write waits for its replica (WAIT 1): with the replicas
// paused (SIGSTOP) the WAIT times out, so the write is applied on its master but answered as not
// done (NotReplicatedError). Once they are resumed, the client's retry must land on what the first
// attempt wrote (the same room, the same member), through another connection too (another web
// process or socket replica), and be answered only once a replica holds it. Photos and photo jobs
// wait the same way, and a claim of photos that is not confirmed gives them back.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisCluster, startRedisCluster } from '../../scripts/stack/cluster';
import type { CreateRoomRequest, PhotoJob } from '../protocol';
import { joinCodeKey, photoJobKey, photoKey, roomKeys } from './keys';
import { claimPhotos, loadJob, loadPhoto, saveJob, savePhotos } from './photos';
import { createRedis, type MenuroomRedis, mastersOf, NotReplicatedError } from './redis';
import { RedisRoomStore } from './redisRoomStore';

const ROOM: CreateRoomRequest = {
  title: 'Retry',
  currency: 'EUR',
  hostName: 'Host',
  dishes: [{ name: 'Soup', priceMinor: 500 }],
};
const requestId = () => randomBytes(18).toString('base64url');

let cluster: RedisCluster;
/** Two connections, as two web processes (or two socket replicas) have. */
let first: MenuroomRedis;
let second: MenuroomRedis;
let admin: MenuroomRedis;

async function connect(url: string): Promise<MenuroomRedis> {
  const redis = createRedis(url);
  redis.on('error', () => {});
  await redis.connect();
  return redis;
}

/** Runs `write` with every replica hung, so no WAIT is confirmed; resumes them after. */
async function withReplicasPaused<T>(write: () => Promise<T>): Promise<T> {
  const replicas = (await cluster.state()).filter((node) => node.role === 'replica');
  for (const replica of replicas) cluster.pauseNode(replica.port);
  try {
    return await write();
  } finally {
    for (const replica of replicas) cluster.resumeNode(replica.port);
  }
}

/** Keys matching `pattern` on every master (the admin user may run KEYS). */
async function keysOnMasters(pattern: string): Promise<string[]> {
  const masters = await mastersOf(admin);
  return (await Promise.all(masters.map((master) => master.keys(pattern)))).flat();
}

/** Whether the replica of `key`'s master holds it: what survives a failover. */
async function onReplica(key: string): Promise<boolean> {
  const nodes = await cluster.state();
  const masterPort = await cluster.masterOf(key);
  const masterId = nodes.find((node) => node.port === masterPort)?.id;
  const replica = nodes.find((node) => node.masterId === masterId);
  if (!replica) throw new Error(`no replica of ${masterPort}`);
  const url = new URL(cluster.adminNodesUrl.split(',')[0] as string);
  url.port = String(replica.port);
  const client = createClient({ url: url.toString() });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.sendCommand(['READONLY']);
    return (await client.exists(key)) === 1;
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  cluster = await startRedisCluster();
  [first, second, admin] = await Promise.all([
    connect(cluster.nodesUrl),
    connect(cluster.nodesUrl),
    connect(cluster.adminNodesUrl),
  ]);
});

afterAll(async () => {
  for (const client of [first, second, admin]) client?.destroy();
  await cluster?.stop(true);
});

describe('a write applied but not confirmed by a replica, then retried', () => {
  it('room creation: the retry answers the room the first attempt opened, not a second one', async () => {
    const id = requestId();
    const store = new RedisRoomStore(first, undefined, { waitForReplicas: 1 });
    const elsewhere = new RedisRoomStore(second, undefined, { waitForReplicas: 1 });
    await withReplicasPaused(async () => {
      await expect(store.createRoom(ROOM, [], { requestId: id })).rejects.toThrow(NotReplicatedError);
      // Retried while the replicas still lack it, through a connection that did not write it: not
      // confirmed either (WAIT on that connection alone would not wait for the first attempt).
      await expect(elsewhere.createRoom(ROOM, [], { requestId: id })).rejects.toThrow(NotReplicatedError);
    });
    const rooms = await keysOnMasters('room:*:meta');
    expect(rooms).toHaveLength(1);

    // The client retries through another web process.
    const retried = await elsewhere.createRoom(ROOM, [], { requestId: id });
    expect(await keysOnMasters('room:*:meta')).toEqual(rooms);
    expect(roomKeys(retried.roomId).meta).toBe(rooms[0]);
    expect(await keysOnMasters('code:*')).toEqual([joinCodeKey(retried.code)]);
    expect(await store.authenticate(retried.roomId, retried.memberToken)).toEqual({
      memberId: retried.memberId,
    });
    expect(await store.resolveCode(retried.code)).toBe(retried.roomId);
    // Answered as done only once the replicas hold the room and its code.
    expect(await onReplica(roomKeys(retried.roomId).meta)).toBe(true);
    expect(await onReplica(joinCodeKey(retried.code))).toBe(true);
    // Another request id is another room.
    const other = await store.createRoom(ROOM, [], { requestId: requestId() });
    expect(other.roomId).not.toBe(retried.roomId);
  });

  it('member join: the retry answers the member the first attempt added, as a duplicate', async () => {
    const store = new RedisRoomStore(first, undefined, { waitForReplicas: 1 });
    const room = await store.createRoom(ROOM);
    const elsewhere = new RedisRoomStore(second, undefined, { waitForReplicas: 1 });
    const id = requestId();
    await withReplicasPaused(async () => {
      await expect(store.addMember(room.roomId, 'Ann', { requestId: id })).rejects.toThrow(
        NotReplicatedError,
      );
      await expect(elsewhere.addMember(room.roomId, 'Ann', { requestId: id })).rejects.toThrow(
        NotReplicatedError,
      );
    });
    const versionAfterFirst = await store.getVersion(room.roomId);

    const retried = await elsewhere.addMember(room.roomId, 'Ann', { requestId: id });
    if (!retried.ok) throw new Error(retried.code);
    expect(retried.value.duplicate).toBe(true);
    expect(retried.value.member.name).toBe('Ann');
    expect(retried.value.version).toBe(versionAfterFirst);
    const snapshot = await store.getSnapshot(room.roomId);
    expect(snapshot?.members.map((member) => member.name)).toEqual(['Host', 'Ann']);
    expect(snapshot?.version).toBe(versionAfterFirst);
    expect(await store.authenticate(room.roomId, retried.value.memberToken)).toEqual({
      memberId: retried.value.memberId,
    });
    expect(await onReplica(roomKeys(room.roomId).members)).toBe(true);

    // A second person joining is a second member; the first one, removed, cannot come back by retrying.
    const bob = await store.addMember(room.roomId, 'Bob', { requestId: requestId() });
    expect(bob.ok && !bob.value.duplicate).toBe(true);
    const removed = await store.applyChange(room.roomId, room.memberId, 'remove-ann', {
      type: 'member.remove',
      memberId: retried.value.memberId,
    });
    expect(removed.ok).toBe(true);
    expect(await store.addMember(room.roomId, 'Ann', { requestId: id })).toEqual({
      ok: false,
      code: 'not_a_member',
    });
  });

  it('a change: its retry through another connection is a duplicate, confirmed on a replica first', async () => {
    const store = new RedisRoomStore(first, undefined, { waitForReplicas: 1 });
    const elsewhere = new RedisRoomStore(second, undefined, { waitForReplicas: 1 });
    const room = await store.createRoom(ROOM);
    const pick = { type: 'pick.set', dishId: 'd1', qty: 2 } as const;
    await withReplicasPaused(async () => {
      await expect(store.applyChange(room.roomId, room.memberId, 'op-1', pick)).rejects.toThrow(
        NotReplicatedError,
      );
      await expect(elsewhere.applyChange(room.roomId, room.memberId, 'op-1', pick)).rejects.toThrow(
        NotReplicatedError,
      );
    });
    const retried = await elsewhere.applyChange(room.roomId, room.memberId, 'op-1', pick);
    expect(retried.ok && retried.value.duplicate).toBe(true);
    expect((await store.getSnapshot(room.roomId))?.picks).toHaveLength(1);
  });

  it('photos and photo jobs wait for their replica; an unconfirmed claim gives the photos back', async () => {
    const photo = {
      id: requestId(),
      bytes: Buffer.from('jpeg'),
      contentType: 'image/jpeg',
      width: 4,
      height: 3,
    };
    await expect(withReplicasPaused(() => savePhotos(first, [photo], 1))).rejects.toThrow(NotReplicatedError);
    await savePhotos(first, [photo], 1);
    expect(await onReplica(photoKey(photo.id))).toBe(true);

    const job: PhotoJob = { id: requestId(), status: 'queued', position: 0, progress: 0 };
    await expect(withReplicasPaused(() => saveJob(first, job, 1))).rejects.toThrow(NotReplicatedError);
    await saveJob(second, job, 1);
    expect((await loadJob(first, job.id))?.status).toBe('queued');
    expect(await onReplica(photoJobKey(job.id))).toBe(true);

    await expect(withReplicasPaused(() => claimPhotos(first, [photo.id], requestId, 1))).rejects.toThrow(
      NotReplicatedError,
    );
    // Back under the upload id: opening the room again finds it.
    expect((await loadPhoto(second, photo.id))?.bytes.toString()).toBe('jpeg');
    const claimed = await claimPhotos(second, [photo.id], requestId, 1);
    expect(claimed?.photos).toHaveLength(1);
    expect(await onReplica(photoKey(claimed?.photos[0]?.id ?? ''))).toBe(true);
    expect(await loadPhoto(second, photo.id)).toBeNull();
  });
});
