// What waiting for the replica (WAIT 1 after the room's script, RedisRoomStore's waitForReplicas)
// costs a pick and what it buys, on a local 3-master cluster with the store that ships:
// 1. cost: picks one after another (latency) and 32 rooms at once (throughput), without and with WAIT;
// 2. loss: writers pick on rooms of one master, which is killed (kill -9) or hung past the node
//    timeout (SIGSTOP 6 s) mid-run; once its replica has taken over, how many picks that were
//    answered as done are missing from Redis.
// Prints one JSON object and a one-line summary.
//   npx tsx test/fault/replicaWait.ts
import type { CreateRoomRequest } from '../../lib/protocol';
import { readRoomRecord } from '../../lib/storage/inspect';
import { roomKeys } from '../../lib/storage/keys';
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { type RedisCluster, startRedisCluster } from '../../scripts/stack/cluster';

const ROOM: CreateRoomRequest = {
  title: 'Bench',
  currency: 'EUR',
  hostName: 'Host',
  dishes: Array.from({ length: 20 }, (_, i) => ({ name: `Dish ${i + 1}`, priceMinor: 100 * (i + 1) })),
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (ms: number) => Math.round(ms * 1000) / 1000;
let opCounter = 0;
const opId = () => `bench-${process.pid}-${(opCounter++).toString(36).padStart(8, '0')}`;

async function connectedStore(cluster: RedisCluster, waitForReplicas: number) {
  const redis = createRedis(cluster.nodesUrl);
  redis.on('error', () => {});
  await redis.connect();
  return { redis, store: new RedisRoomStore(redis, undefined, { waitForReplicas }) };
}

async function cost(cluster: RedisCluster, waitForReplicas: number) {
  const { redis, store } = await connectedStore(cluster, waitForReplicas);
  const room = await store.createRoom(ROOM);
  const pick = (roomId: string, memberId: string, i: number) =>
    store.applyChange(roomId, memberId, opId(), {
      type: 'pick.set',
      dishId: `d${(i % 20) + 1}`,
      qty: (i % 5) + 1,
    });
  for (let i = 0; i < 200; i++) await pick(room.roomId, room.memberId, i);
  const latencies: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const started = performance.now();
    const result = await pick(room.roomId, room.memberId, i);
    latencies.push(performance.now() - started);
    if (!result.ok) throw new Error(result.code);
  }
  const rooms = await Promise.all(Array.from({ length: 32 }, () => store.createRoom(ROOM)));
  const perRoom = 150;
  const started = performance.now();
  await Promise.all(
    rooms.map(async (r) => {
      for (let i = 0; i < perRoom; i++) await pick(r.roomId, r.memberId, i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await redis.close();
  return {
    waitForReplicas,
    sequentialP50Ms: round(percentile(latencies, 50)),
    sequentialP99Ms: round(percentile(latencies, 99)),
    concurrentPicksPerSecond: Math.round((rooms.length * perRoom) / seconds),
  };
}

async function loss(cluster: RedisCluster, waitForReplicas: number, fault: 'kill' | 'pause') {
  const { redis, store } = await connectedStore(cluster, waitForReplicas);
  // Rooms until 8 of them live on one master: that master is killed.
  const byMaster = new Map<number, { roomId: string; memberId: string }[]>();
  let victim = 0;
  while (!victim) {
    const room = await store.createRoom(ROOM);
    const port = await cluster.masterOf(roomKeys(room.roomId).meta);
    const list = byMaster.get(port) ?? [];
    list.push(room);
    byMaster.set(port, list);
    if (list.length === 8) victim = port;
  }
  const rooms = byMaster.get(victim) ?? [];
  const acked: { roomId: string; memberId: string; opId: string }[] = [];
  let running = true;
  let failures = 0;
  const writers = rooms.map(async (room) => {
    for (let i = 0; running; i++) {
      const id = opId();
      // A phone retries the same operation until it is answered.
      while (running) {
        try {
          const result = await store.applyChange(room.roomId, room.memberId, id, {
            type: 'pick.set',
            dishId: `d${(i % 20) + 1}`,
            qty: (i % 5) + 1,
          });
          if (result.ok) acked.push({ ...room, opId: id });
          break;
        } catch {
          failures++;
          await sleep(200);
        }
      }
    }
  });
  await sleep(2_000);
  const killedAt = Date.now();
  if (fault === 'kill') await cluster.stopNode(victim, 'SIGKILL');
  else cluster.pauseNode(victim);
  // Until the replica took over and the writers got through again.
  for (;;) {
    const state = await cluster.state().catch(() => []);
    const masters = state.filter((node) => node.role === 'master' && node.slots > 0 && !node.failed);
    if (masters.length === 3 && !masters.some((node) => node.port === victim)) break;
    await sleep(100);
  }
  const failoverMs = Date.now() - killedAt;
  if (fault === 'pause') {
    await sleep(Math.max(0, 6_000 - failoverMs));
    cluster.resumeNode(victim);
  }
  await sleep(3_000);
  running = false;
  await Promise.all(writers);
  let lost = 0;
  for (const room of rooms) {
    const record = await readRoomRecord(redis, room.roomId);
    for (const op of acked.filter((a) => a.roomId === room.roomId)) {
      if (!record?.ops[`${room.memberId}|${op.opId}`]) lost++;
    }
  }
  await redis.close();
  // Back as a replica of its successor, for the next run.
  if (fault === 'kill') await cluster.startNode(victim);
  await cluster.waitHealthy(60_000);
  return { fault, waitForReplicas, acknowledged: acked.length, lost, failoverMs, failedAttempts: failures };
}

const cluster = await startRedisCluster({ appendonly: true });
try {
  const costs = [await cost(cluster, 0), await cost(cluster, 1)];
  const losses = [];
  for (const fault of ['kill', 'pause'] as const) {
    for (const waitForReplicas of [0, 1]) losses.push(await loss(cluster, waitForReplicas, fault));
  }
  console.log(JSON.stringify({ costs, losses }, null, 2));
  const [without, withWait] = costs as [(typeof costs)[0], (typeof costs)[0]];
  const lossText = losses
    .map(
      (l) => `${l.fault} ${l.waitForReplicas ? 'with' : 'without'} WAIT: ${l.lost} of ${l.acknowledged} lost`,
    )
    .join(', ');
  console.log(
    `replica wait: pick p50 ${without.sequentialP50Ms} → ${withWait.sequentialP50Ms} ms, p99 ${without.sequentialP99Ms} → ${withWait.sequentialP99Ms} ms, ` +
      `${without.concurrentPicksPerSecond} → ${withWait.concurrentPicksPerSecond} picks/s; ` +
      `acknowledged picks on the failed master: ${lossText}`,
  );
} finally {
  await cluster.stop(true);
}
