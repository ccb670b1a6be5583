// The lunch-rush capacity benchmark (issue #12, benchmark 3), with the fan-out driver's phones (the
// shipped client core over real socket.io clients, each from a loopback address of its own), idle:
//   1. one replica behind nginx, phones added in steps up to 10,000: the replica's live heap (after
//      a full collection) and RSS per connection;
//   2. the whole stack (3 replicas) holding 10,000 phones through nginx: how many stay connected;
//   3. one of those replicas SIGKILLed: how long until every phone it held is connected to another
//      replica and has resynced its room.
//
//   npx tsx bench/capacity/run.ts [--phones 10000] [--members 5] [--hold-seconds 30]
// Prints JSON on stdout, then a one-line summary; progress on stderr. Needs `npm run build`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Stack, startStack } from '../../scripts/stack/index';
import { scrapeMetrics, sumOf } from '../../scripts/stack/metrics';
import { INSPECT_ENV } from '../lib/inspector';
import type { PhoneSpec } from '../lib/phone';
import { pidFromRunDir, Probe } from '../lib/probe';
import { openProductRooms } from '../lib/rooms';
import { sampleProcess } from '../lib/proc';
import { round, sleep, sum } from '../lib/stats';
import { PhoneWorkers } from '../lib/workers';

const { values: argv } = parseArgs({
  options: {
    phones: { type: 'string' },
    members: { type: 'string' },
    'hold-seconds': { type: 'string' },
  },
});
const config = {
  phones: Number(argv.phones ?? 10_000),
  members: Number(argv.members ?? 5),
  holdSeconds: Number(argv['hold-seconds'] ?? 30),
  steps: 4,
  workers: 2,
  connectPerSecond: 400,
  dishes: 12,
};
const dishIds = Array.from({ length: config.dishes }, (_, i) => `d${i + 1}`);
const log = (message: string) =>
  process.stderr.write(`[capacity ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function openRooms(stack: Stack, phones: number): Promise<PhoneSpec[]> {
  const rooms = Math.ceil(phones / config.members);
  const specs = await openProductRooms(stack.redisUrl, { rooms, members: config.members, dishIds });
  return specs.slice(0, phones);
}

/** menuroom_connected_phones of every replica, from its Prometheus endpoint (null if it has none). */
async function connectedByMetrics(stack: Stack): Promise<Record<string, number | null>> {
  const result: Record<string, number | null> = {};
  for (const replica of stack.replicas) {
    const url = replica.metricsUrl;
    try {
      if (!url || replica.pid === 0) throw new Error('no metrics');
      result[replica.id] = sumOf(await scrapeMetrics(url), 'menuroom_connected_phones');
    } catch {
      result[replica.id] = null;
    }
  }
  return result;
}

/** Part 1: heap and RSS per idle connection on one replica. */
async function perConnection() {
  const stack = await startStack({
    name: 'bench-capacity-1',
    replicas: 1,
    web: false,
    socketEnv: INSPECT_ENV,
  });
  const workers = PhoneWorkers.start(config.workers);
  const replica = stack.replicas[0];
  if (!replica) throw new Error('no replica');
  const probe = new Probe([
    { name: replica.id, pid: () => replica.pid, logFile: join(stack.runDir, `${replica.id}.log`) },
  ]);
  try {
    const phones = await openRooms(stack, config.phones);
    const before = await probe.liveHeap(replica.id);
    if (!before) throw new Error('the replica has no inspector');
    log(
      `one replica, no phones: heap ${round(before.heapUsedBytes / 2 ** 20)} MB, RSS ${round(before.rssBytes / 2 ** 20)} MB`,
    );
    const steps: Record<string, number | null>[] = [];
    const perStep = Math.ceil(phones.length / config.steps);
    let opened = 0;
    let previous: { heapUsedBytes: number; connected: number } | null = null;
    for (let s = 0; s < config.steps; s++) {
      const batch = phones.slice(s * perStep, (s + 1) * perStep);
      // Whole rooms stay on one worker: room index modulo the worker count decides it.
      await workers.open(stack.url, batch, dishIds, config.connectPerSecond);
      opened += batch.length;
      const status = await workers.status();
      const connected = sum(status.map((x) => x.synced));
      await sleep(2_000);
      const live = await probe.liveHeap(replica.id);
      const nginxPid = pidFromRunDir(stack.runDir, 'nginx');
      const nginx = sampleProcess(nginxPid, true);
      const row = {
        phones: opened,
        connected,
        connectedByMetrics: (await connectedByMetrics(stack))[replica.id] ?? null,
        heapUsedMB: live ? round(live.heapUsedBytes / 2 ** 20) : null,
        rssMB: live ? round(live.rssBytes / 2 ** 20) : null,
        heapKBPerConnection: live
          ? round((live.heapUsedBytes - before.heapUsedBytes) / connected / 1024, 2)
          : null,
        // Since the previous step: without the one-off cost of the first connections (code, caches).
        heapKBPerConnectionSincePrevious:
          live && previous
            ? round(
                (live.heapUsedBytes - previous.heapUsedBytes) / (connected - previous.connected) / 1024,
                2,
              )
            : null,
        rssKBPerConnection: live ? round((live.rssBytes - before.rssBytes) / connected / 1024, 2) : null,
        nginxFds: nginx?.fds ?? null,
        driverHeapMB: round(sum(status.map((x) => x.heapUsedBytes)) / 2 ** 20),
      };
      steps.push(row);
      if (live) previous = { heapUsedBytes: live.heapUsedBytes, connected };
      log(JSON.stringify(row));
    }
    return {
      before: { heapUsedMB: round(before.heapUsedBytes / 2 ** 20), rssMB: round(before.rssBytes / 2 ** 20) },
      steps,
    };
  } finally {
    probe.close();
    await workers.close();
    await stack.stop();
  }
}

/** Parts 2 and 3: the whole stack holds the phones; then a replica is killed. */
async function wholeStack() {
  const stack = await startStack({ name: 'bench-capacity-3', replicas: 3, web: false });
  const workers = PhoneWorkers.start(config.workers);
  try {
    const phones = await openRooms(stack, config.phones);
    const started = Date.now();
    const opened = await workers.open(stack.url, phones, dishIds, config.connectPerSecond);
    const connectSeconds = round((Date.now() - started) / 1000);
    const atOpen = sum(opened.map((x) => x.synced));
    log(`3 replicas: ${atOpen}/${phones.length} connected and synced in ${connectSeconds} s`);
    await sleep(config.holdSeconds * 1000);
    const held = await workers.status();
    const byReplica: Record<string, number> = {};
    for (const s of held)
      for (const [id, n] of Object.entries(s.byReplica)) byReplica[id] = (byReplica[id] ?? 0) + n;
    const hold = {
      phones: phones.length,
      connectSeconds,
      connectedAfterOpen: atOpen,
      holdSeconds: config.holdSeconds,
      connectedAfterHold: sum(held.map((x) => x.connected)),
      byReplica,
      connectedByMetrics: await connectedByMetrics(stack),
      nginxFds: sampleProcess(pidFromRunDir(stack.runDir, 'nginx'), true)?.fds ?? null,
    };
    log(JSON.stringify(hold));

    await workers.mark();
    const victim = 'socket-2';
    const killedAt = Date.now();
    await stack.killReplica(victim, 'SIGKILL');
    log(`killed ${victim}`);
    let back = await workers.back(victim);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && sum(back.map((b) => b.back)) < sum(back.map((b) => b.were))) {
      await sleep(250);
      back = await workers.back(victim);
    }
    const were = sum(back.map((b) => b.were));
    const returned = sum(back.map((b) => b.back));
    const kill = {
      replica: victim,
      phones: were,
      backAndResynced: returned,
      secondsUntilEveryPhoneBack:
        returned === were ? round((Math.max(...back.map((b) => b.lastResyncAt)) - killedAt) / 1000, 2) : null,
      byReplicaAfter: Object.fromEntries(
        (await workers.status())
          .flatMap((s) => Object.entries(s.byReplica))
          .reduce((map, [id, n]) => map.set(id, (map.get(id) ?? 0) + n), new Map<string, number>()),
      ),
    };
    log(JSON.stringify(kill));
    return { hold, kill };
  } finally {
    await workers.close();
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
  log(`config ${JSON.stringify(config)}; load ${load.join(' ')}`);
  const oneReplica = await perConnection();
  const whole = await wholeStack();
  const output = {
    benchmark: 'capacity',
    at: new Date().toISOString(),
    loadAverageAtStart: load,
    note: 'driver processes share the 2 cores with nginx, the replicas and Redis',
    config,
    oneReplica,
    ...whole,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  const last = oneReplica.steps.at(-1);
  console.log(
    `capacity: one replica ${last?.connected} phones, heap ${last?.heapKBPerConnection} KB and RSS ${last?.rssKBPerConnection} KB per connection; 3 replicas held ${whole.hold.connectedAfterHold}/${whole.hold.phones} through nginx; after kill -9 of ${whole.kill.replica}, ${whole.kill.backAndResynced}/${whole.kill.phones} phones back and resynced in ${whole.kill.secondsUntilEveryPhoneBack ?? 'n/a'} s`,
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
