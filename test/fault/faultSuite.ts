// The fault suite: the real stack on loopback (Redis with AOF, three socket replicas, nginx), many
// rooms of simulated phones making random picks, and one fault at a time. After each fault heals,
// the phones stop picking, and the oracle checks that every phone equals Redis, that every
// acknowledged operation was applied exactly once, and that no process crashed. With
// `redisCluster` the same runs on a 3-master Redis Cluster with the cluster's own faults
// (CLUSTER_FAULTS): a master killed, a master hung past the node timeout, slots resharded.
import { createClient } from 'redis';
import { roomKeys } from '../../lib/storage/keys';
import { createRedis, isCluster, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { CLUSTER_NODE_TIMEOUT_MS, type RedisCluster } from '../../scripts/stack/cluster';
import { type Stack, startStack } from '../../scripts/stack/index';
import { type OracleRoom, opsSoFar, type Tally, tally, waitForConvergence } from './oracle';
import { SimPhone } from './simPhone';

export interface FaultResult extends Tally {
  fault: string;
  clientsConverged: number;
  clients: number;
  convergeP50Ms: number;
  convergeP99Ms: number;
  convergeMaxMs: number;
  /** Phones that rebuilt their state from a snapshot during this fault (reconnect, gap or beacon). */
  clientsResynced: number;
  versionsWentBackwards: number;
  crashes: string[];
}

export interface SuiteOptions {
  rooms?: number;
  phonesPerRoom?: number;
  /** Pause between one phone's picks, in ms (random up to this). */
  pickEveryMs?: number;
  /** Longest wait for convergence after a fault heals. */
  convergeTimeoutMs?: number;
  /** Run on a Redis Cluster of 3 masters and 3 replicas instead of one Redis. */
  redisCluster?: boolean;
  log?: (message: string) => void;
}

type Room = OracleRoom;

interface Fault {
  name: string;
  /** Injects the fault and heals it; phones keep picking until it returns. */
  run(stack: Stack, rooms: Room[]): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const FAULTS: Fault[] = [
  {
    name: 'kill -9 of a replica, restarted 10 s later',
    async run(stack) {
      await stack.killReplica('socket-2', 'SIGKILL');
      await sleep(10_000);
      await stack.restartReplica('socket-2');
    },
  },
  {
    name: 'rolling restart of every replica (SIGTERM)',
    async run(stack) {
      for (const replica of stack.replicas) await stack.restartReplica(replica.id);
    },
  },
  {
    name: 'Redis restart (AOF)',
    async run(stack) {
      await stack.restartRedis('SIGTERM');
    },
  },
  {
    name: 'CLIENT KILL TYPE pubsub',
    async run(stack) {
      const admin = createClient({ url: stack.redisUrl });
      await admin.connect();
      await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
      await admin.quit();
      await sleep(3_000);
    },
  },
  {
    name: 'Redis hung for 20 s (SIGSTOP/SIGCONT)',
    async run(stack) {
      stack.pauseRedis();
      await sleep(20_000);
      stack.resumeRedis();
    },
  },
];

function clusterOf(stack: Stack): RedisCluster {
  if (!stack.cluster) throw new Error('a cluster fault needs a cluster stack (redisCluster: true)');
  return stack.cluster;
}

/** The master that serves the first room: its phones are in the middle of the fault. */
const masterOfFirstRoom = (cluster: RedisCluster, rooms: Room[]) =>
  cluster.masterOf(roomKeys(rooms[0]?.roomId ?? '').meta);

/** Until the node at `port` no longer serves slots and another master took them over. */
async function waitForFailover(cluster: RedisCluster, port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await cluster.state().catch(() => []);
    const old = state.find((node) => node.port === port);
    const masters = state.filter((node) => node.role === 'master' && node.slots > 0 && !node.failed);
    if (!masters.some((node) => node.port === port) && masters.length === 3 && old) return;
    if (Date.now() > deadline) throw new Error(`no failover of ${port} in ${timeoutMs} ms`);
    await sleep(200);
  }
}

export const CLUSTER_FAULTS: Fault[] = [
  {
    name: 'kill -9 of a master (its replica takes over), the old one back 10 s later as a replica',
    async run(stack, rooms) {
      const cluster = clusterOf(stack);
      const port = await masterOfFirstRoom(cluster, rooms);
      const killedAt = Date.now();
      await cluster.stopNode(port, 'SIGKILL');
      await waitForFailover(cluster, port);
      // Not earlier than the failover: a master back from its AOF (fsync every second) before its
      // replica took over would be master again without its last second, and the replica would copy that.
      await sleep(Math.max(0, 10_000 - (Date.now() - killedAt)));
      await cluster.startNode(port);
      await cluster.waitHealthy();
    },
  },
  {
    name: `a master hung 3 × the node timeout (SIGSTOP ${(3 * CLUSTER_NODE_TIMEOUT_MS) / 1000} s, its replica takes over)`,
    async run(stack, rooms) {
      const cluster = clusterOf(stack);
      const port = await masterOfFirstRoom(cluster, rooms);
      cluster.pauseNode(port);
      try {
        await sleep(3 * CLUSTER_NODE_TIMEOUT_MS);
        await waitForFailover(cluster, port);
      } finally {
        cluster.resumeNode(port);
      }
      await cluster.waitHealthy();
    },
  },
  {
    name: 'reshard: the first room and its neighbouring slots moved to another master while phones pick',
    async run(stack, rooms) {
      const cluster = clusterOf(stack);
      const from = await masterOfFirstRoom(cluster, rooms);
      const to = (await cluster.state()).find((node) => node.role === 'master' && node.port !== from)?.port;
      if (to === undefined) throw new Error('no other master');
      // redis-cli moves a master's lowest slots first: enough of them to include the first room's.
      const key = roomKeys(rooms[0]?.roomId ?? '').meta;
      await cluster.reshard(from, to, await cluster.slotsUpTo(from, key));
      await cluster.waitHealthy();
      if ((await cluster.masterOf(key)) !== to) throw new Error('the reshard did not move the first room');
    },
  },
];

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function runFaultSuite(
  options: SuiteOptions = {},
  faults = options.redisCluster ? CLUSTER_FAULTS : FAULTS,
): Promise<FaultResult[]> {
  const log = options.log ?? (() => {});
  const crashes: string[] = [];
  const stack = await startStack({
    name: options.redisCluster ? 'faults-cluster' : 'faults',
    redisCluster: options.redisCluster,
    replicas: 3,
    web: false,
    redis: { appendonly: true, appendfsync: 'everysec' },
    socketEnv: { SHUTDOWN_GRACE_MS: '3000' },
    log: (message) => {
      if (message.includes('unexpectedly')) crashes.push(message);
      log(`[stack] ${message}`);
    },
  });
  const redis = createRedis(stack.redisUrl);
  redis.on('error', () => {});
  await redis.connect();
  // As the replicas do: on a cluster a write is answered once its replica has it.
  const store = new RedisRoomStore(redis, undefined, { waitForReplicas: isCluster(redis) ? 1 : 0 });
  const rooms: Room[] = [];
  try {
    rooms.push(...(await openRooms(stack, store, options)));
    const results: FaultResult[] = [];
    for (const fault of faults) {
      log(`fault: ${fault.name}`);
      results.push(await runOne(fault, stack, redis, store, rooms, crashes, options));
      log(JSON.stringify(results.at(-1)));
    }
    return results;
  } finally {
    for (const room of rooms) for (const phone of room.phones) phone.close();
    await redis.quit().catch(() => {});
    await stack.stop();
  }
}

async function openRooms(stack: Stack, store: RedisRoomStore, options: SuiteOptions): Promise<Room[]> {
  const rooms: Room[] = [];
  const dishes = ['Bibimbap', 'Bulgogi', 'Japchae', 'Mandu', 'Soju'].map((name, i) => ({
    name,
    priceMinor: 1000 * (i + 5),
  }));
  for (let r = 0; r < (options.rooms ?? 8); r++) {
    const created = await store.createRoom({
      title: `Table ${r + 1}`,
      currency: 'KRW',
      hostName: 'Host',
      dishes,
    });
    const members = [{ memberId: created.memberId, memberToken: created.memberToken }];
    for (let m = 1; m < (options.phonesPerRoom ?? 4); m++) {
      const added = await store.addMember(created.roomId, `Guest ${m}`);
      if (!added.ok) throw new Error(`could not add a member: ${added.code}`);
      members.push({ memberId: added.value.memberId, memberToken: added.value.memberToken });
    }
    const baseVersion = (await store.getVersion(created.roomId)) ?? 0;
    const phones = members.map(
      (member, i) =>
        new SimPhone({
          url: stack.url,
          roomId: created.roomId,
          ...member,
          dishIds: dishes.map((_, d) => `d${d + 1}`),
          transport: i % 4 === 3 ? 'polling' : 'websocket-first',
          from: `127.0.${10 + r}.${10 + i}`,
        }),
    );
    rooms.push({ roomId: created.roomId, baseVersion, phones });
  }
  const all = rooms.flatMap((room) => room.phones);
  const deadline = Date.now() + 20_000;
  while (!all.every((phone) => phone.connected && phone.version > 0)) {
    if (Date.now() > deadline) throw new Error('phones did not connect through nginx');
    await sleep(50);
  }
  return rooms;
}

async function runOne(
  fault: Fault,
  stack: Stack,
  redis: MenuroomRedis,
  store: RedisRoomStore,
  rooms: Room[],
  crashes: string[],
  options: SuiteOptions,
): Promise<FaultResult> {
  const phones = rooms.flatMap((room) => room.phones);
  const opsBefore = opsSoFar(rooms);
  const resyncsBefore = new Map(phones.map((phone) => [phone, phone.resyncs]));
  const crashesBefore = crashes.length;

  // Phones act throughout: a little before the fault, during it, until it has healed.
  let picking = true;
  const pickers = rooms.flatMap((room) =>
    room.phones.map(async (phone) => {
      const others = room.phones.filter((other) => other !== phone).map((other) => other.memberId);
      while (picking) {
        phone.actRandomly(others);
        await sleep(100 + Math.random() * (options.pickEveryMs ?? 800));
      }
    }),
  );
  await sleep(2_000);
  await fault.run(stack, rooms);
  picking = false;
  await Promise.all(pickers);
  const healedAt = Date.now();

  const convergedAfter = await waitForConvergence(
    store,
    rooms,
    healedAt,
    options.convergeTimeoutMs ?? 30_000,
    options.log,
  );
  await sleep(1_000);
  const counts = await tally(redis, rooms, opsBefore);
  const times = [...convergedAfter.values()];
  return {
    fault: fault.name,
    ...counts,
    clientsConverged: convergedAfter.size,
    clients: phones.length,
    convergeP50Ms: percentile(times, 50),
    convergeP99Ms: percentile(times, 99),
    convergeMaxMs: Math.max(0, ...times),
    clientsResynced: phones.filter((phone) => phone.resyncs > (resyncsBefore.get(phone) ?? 0)).length,
    versionsWentBackwards: phones.filter((phone) => phone.wentBackwards).length,
    crashes: crashes.slice(crashesBefore),
  };
}
