// POST /api/rooms on a Redis Cluster, through nginx and Next: with every replica hung (SIGSTOP) the
// room is written on its master but no replica confirms it, so the creation is answered
// `unavailable`; the client's retry with the same Idempotency-Key then answers that room instead of
// opening a second one. Needs `npm run build`.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreateRoomResponse } from '../../lib/protocol';
import { createRedis, type MenuroomRedis, mastersOf } from '../../lib/storage/redis';
import type { RedisCluster } from '../../scripts/stack/cluster';
import { type Stack, startStack } from '../../scripts/stack/index';

let stack: Stack;
let cluster: RedisCluster;
let admin: MenuroomRedis;

beforeAll(async () => {
  stack = await startStack({ name: 'room-retry-int', replicas: 1, redisCluster: true });
  cluster = stack.cluster as RedisCluster;
  admin = createRedis(cluster.adminNodesUrl);
  admin.on('error', () => {});
  await admin.connect();
}, 120_000);
afterAll(async () => {
  admin?.destroy();
  await stack?.stop();
});

function openRoom(idempotencyKey: string): Promise<Response> {
  return fetch(`${stack.url}/api/rooms`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify({
      title: 'Lunch',
      currency: 'EUR',
      hostName: 'Mina',
      dishes: [{ name: 'Soup', priceMinor: 500 }],
    }),
  });
}

async function roomsInRedis(): Promise<string[]> {
  const masters = await mastersOf(admin);
  return (await Promise.all(masters.map((master) => master.keys('room:*:meta')))).flat();
}

it('refuses a malformed Idempotency-Key', async () => {
  const response = await openRoom('short');
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_payload');
});

it('answers an unconfirmed creation unavailable, and its retry with the room it wrote', async () => {
  const key = randomBytes(18).toString('base64url');
  const before = await roomsInRedis();
  const replicas = (await cluster.state()).filter((node) => node.role === 'replica');
  for (const replica of replicas) cluster.pauseNode(replica.port);
  let first: Response;
  try {
    first = await openRoom(key);
  } finally {
    for (const replica of replicas) cluster.resumeNode(replica.port);
  }
  expect(first.status).toBe(503);
  expect(((await first.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  const written = (await roomsInRedis()).filter((room) => !before.includes(room));
  expect(written).toHaveLength(1);

  await cluster.waitHealthy();
  const retried = await openRoom(key);
  expect(retried.status).toBe(201);
  const room = (await retried.json()) as CreateRoomResponse;
  expect(written).toEqual([`room:{${room.roomId}}:meta`]);
  // Once more: the same room again, and still one room.
  const again = await openRoom(key);
  expect(again.status).toBe(201);
  expect(await again.json()).toEqual(room);
  expect((await roomsInRedis()).filter((r) => !before.includes(r))).toHaveLength(1);
  // The code leads to it.
  const code = await fetch(`${stack.url}/api/codes/${room.code}`, {
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(code.status).toBe(200);
  expect(((await code.json()) as { roomId: string }).roomId).toBe(room.roomId);
}, 60_000);
