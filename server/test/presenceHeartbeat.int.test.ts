// The replica's heartbeat for a room is one Redis call (store.heartbeat): it renews the replica's
// connections, sweeps the expired ones of others (a crashed replica's), and answers who is online and
// the room's version for the beacon. Against a real Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePresence } from '../../lib/storage/codec';
import { roomKeys } from '../../lib/storage/keys';
import { createRedis, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
import { SAMPLE_ROOM } from '../../test/support/socketCluster';

let server: RedisServer;
let redis: MenuroomRedis;
let store: RedisRoomStore;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedis(server.url);
  await redis.connect();
  store = new RedisRoomStore(redis);
});

afterAll(async () => {
  redis?.destroy();
  await server?.stop();
});

describe('a room heartbeat', () => {
  it('renews these connections, drops expired ones and answers who is online and the version', async () => {
    const room = await store.createRoom(SAMPLE_ROOM);
    const presence = roomKeys(room.roomId).presence;
    // A connection of a replica that died: its entry stopped being renewed a while ago.
    await redis.zAdd(presence, {
      score: Date.now() - 1_000,
      value: encodePresence({ memberId: 'ghost1', connectionId: 'c9' }),
    });

    const beat = await store.heartbeat(room.roomId, [{ memberId: room.memberId, connectionId: 'c1' }]);
    expect(beat).toEqual({
      online: [room.memberId],
      expired: 1,
      version: await store.getVersion(room.roomId),
    });
    expect(beat.version).not.toBeNull();
    // The entry lives on past this heartbeat, and the key expires by itself if no heartbeat follows.
    const score = await redis.zScore(
      presence,
      encodePresence({ memberId: room.memberId, connectionId: 'c1' }),
    );
    expect(score ?? 0).toBeGreaterThan(Date.now());
    expect(await redis.pTTL(presence)).toBeGreaterThan(0);

    // A heartbeat with nothing to vouch for still sweeps and reads.
    expect(await store.heartbeat(room.roomId, [])).toEqual({
      online: [room.memberId],
      expired: 0,
      version: beat.version,
    });
  });

  it('answers no version for a room that does not exist, and writes nothing', async () => {
    expect(await store.heartbeat('nosuchroom00', [])).toEqual({ online: [], expired: 0, version: null });
    expect(await redis.exists(roomKeys('nosuchroom00').presence)).toBe(0);
  });
});
