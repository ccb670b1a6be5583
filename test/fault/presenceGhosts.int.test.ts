// A replica killed with -9 cannot say goodbye for its connections: their presence entries must
// expire, and the replicas that are left must tell the room, instead of showing ghosts forever.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENTS, PROTOCOL_VERSION, SOCKET_PATH } from '../../lib/protocol';
import { type Stack, startStack } from '../../scripts/stack/index';
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { PRESENCE_TTL_MS } from '../../lib/storage/roomStore';

let stack: Stack;
const redis = { client: null as ReturnType<typeof createRedis> | null };

beforeAll(async () => {
  stack = await startStack({ name: 'presence-ghosts', replicas: 2, web: false });
  redis.client = createRedis(stack.redisUrl);
  await redis.client.connect();
});

afterAll(async () => {
  await redis.client?.quit();
  await stack?.stop();
});

/**
 * Straight to one replica, bypassing nginx; with the public Host the replicas answer (PUBLIC_ORIGINS
 * names nginx's port, not the replica's).
 */
function connect(replicaUrl: string, auth: object, reconnection: boolean) {
  const socket = io(replicaUrl, {
    path: SOCKET_PATH,
    auth: { protocol: PROTOCOL_VERSION, ...auth },
    extraHeaders: { host: new URL(stack.url).host },
    transports: ['websocket'],
    reconnection,
    forceNew: true,
  });
  return new Promise<typeof socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

it('drops the presence of a crashed replica’s connections within the presence TTL', async () => {
  if (!redis.client) throw new Error('no redis');
  const store = new RedisRoomStore(redis.client);
  const room = await store.createRoom({
    title: 'Ghosts',
    currency: 'EUR',
    hostName: 'Host',
    dishes: [{ name: 'Soup', priceMinor: 500 }],
  });
  const guest = await store.addMember(room.roomId, 'Guest');
  if (!guest.ok) throw new Error('no guest');
  const [first, second] = stack.replicas;
  if (!first || !second) throw new Error('two replicas expected');

  // The host watches from replica 2; the guest's phone is on replica 1 and then loses its network
  // for good (no reconnection), while replica 1 is killed.
  const host = await connect(second.url, { roomId: room.roomId, memberToken: room.memberToken }, true);
  const online: string[][] = [];
  host.on(EVENTS.presenceChanged, (event) => online.push(event.online));
  const phone = await connect(
    first.url,
    { roomId: room.roomId, memberToken: guest.value.memberToken },
    false,
  );
  await expect.poll(() => online.at(-1)?.includes(guest.value.memberId)).toBe(true);

  const killedAt = Date.now();
  await stack.killReplica(first.id, 'SIGKILL');
  await expect
    .poll(() => online.at(-1)?.includes(guest.value.memberId), {
      timeout: PRESENCE_TTL_MS + 20_000,
      interval: 500,
    })
    .toBe(false);
  const goneAfterMs = Date.now() - killedAt;
  console.log(JSON.stringify({ presenceGhostGoneAfterMs: goneAfterMs }));
  expect(goneAfterMs).toBeLessThanOrEqual(PRESENCE_TTL_MS + 12_000);
  expect(online.at(-1)).toContain(room.memberId);
  phone.close();
  host.close();
}, 90_000);
