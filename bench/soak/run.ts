// The churn soak of the lunch-rush issue (#12): tables come and go for ten minutes and the replicas'
// memory must not grow. Each cycle opens new rooms (the storage module, as the other benchmarks do),
// connects their phones through nginx (the shipped client core over real socket.io clients, the
// fan-out driver's workers), picks at a steady rate, and closes every phone: a room whose last
// phone left must leave nothing behind on a replica (its socket.io room, presence, shared reads,
// limits). After each cycle the replicas' live heap is read after a full collection (inspector).
//
//   npx tsx bench/soak/run.ts [--minutes 10] [--rooms 200] [--members 5] [--rate 200] [--pick-seconds 10]
// Prints JSON on stdout, then a one-line summary; progress on stderr. Needs `npm run build`.
// Exits 1 if a pick was lost or doubled, or a replica's heap grew by more than --max-growth-mb
// (default 5) between the end of the first cycle and the last.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStack } from '../../scripts/stack/index';
import { INSPECT_ENV } from '../lib/inspector';
import { Probe } from '../lib/probe';
import { sampleProcess } from '../lib/proc';
import { openProductRooms } from '../lib/rooms';
import { round, sleep, sum, summarize } from '../lib/stats';
import { PhoneWorkers } from '../lib/workers';

const { values: argv } = parseArgs({
  options: {
    minutes: { type: 'string' },
    rooms: { type: 'string' },
    members: { type: 'string' },
    rate: { type: 'string' },
    'pick-seconds': { type: 'string' },
    'max-growth-mb': { type: 'string' },
  },
});
const config = {
  minutes: Number(argv.minutes ?? 10),
  rooms: Number(argv.rooms ?? 200),
  members: Number(argv.members ?? 5),
  rate: Number(argv.rate ?? 200),
  pickSeconds: Number(argv['pick-seconds'] ?? 10),
  maxGrowthMB: Number(argv['max-growth-mb'] ?? 5),
  replicas: 2,
  workers: 2,
  connectPerSecond: 400,
  dishes: 12,
};
const dishIds = Array.from({ length: config.dishes }, (_, i) => `d${i + 1}`);
const log = (message: string) =>
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = sum(xs) / n;
  const my = sum(ys) / n;
  const cov = sum(xs.map((x, i) => (x - mx) * ((ys[i] ?? 0) - my)));
  const varx = sum(xs.map((x) => (x - mx) ** 2));
  return varx === 0 ? 0 : cov / varx;
}

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
  log(`config ${JSON.stringify(config)}; load ${load.join(' ')}`);
  const crashes: string[] = [];
  const stack = await startStack({
    name: 'bench-soak',
    replicas: config.replicas,
    web: false,
    socketEnv: INSPECT_ENV,
    log: (message) => {
      if (message.includes('unexpectedly')) crashes.push(message);
    },
  });
  const probe = new Probe(
    stack.replicas.map((r) => ({ name: r.id, pid: () => r.pid, logFile: join(stack.runDir, `${r.id}.log`) })),
  );
  const cycles: {
    cycle: number;
    atSeconds: number;
    connected: number;
    acked: number;
    unacked: number;
    refused: number;
    delivered: number;
    duplicates: number;
    everyPeerP99Ms: number;
    heapMB: Record<string, number>;
    rssMB: Record<string, number>;
  }[] = [];
  const started = Date.now();
  const baseline: Record<string, number> = {};
  try {
    for (const replica of stack.replicas) {
      const live = await probe.liveHeap(replica.id);
      if (!live) throw new Error(`${replica.id} has no inspector`);
      baseline[replica.id] = round(live.heapUsedBytes / 2 ** 20, 2);
    }
    log(`before any phone: heap ${JSON.stringify(baseline)} MB`);
    for (let cycle = 1; Date.now() - started < config.minutes * 60_000; cycle++) {
      const phones = await openProductRooms(stack.redisUrl, {
        rooms: config.rooms,
        members: config.members,
        dishIds,
      });
      const workers = PhoneWorkers.start(config.workers);
      let connected = 0;
      let steps: Awaited<ReturnType<PhoneWorkers['step']>> = [];
      try {
        const opened = await workers.open(stack.url, phones, dishIds, config.connectPerSecond);
        connected = sum(opened.map((x) => x.synced));
        steps = await workers.step(config.rate, config.pickSeconds * 1000, 5_000);
      } finally {
        await workers.close();
      }
      // The replicas see the disconnects, and their presence sweeps run once.
      await sleep(6_000);
      const heapMB: Record<string, number> = {};
      const rssMB: Record<string, number> = {};
      for (const replica of stack.replicas) {
        const live = await probe.liveHeap(replica.id);
        heapMB[replica.id] = live ? round(live.heapUsedBytes / 2 ** 20, 2) : Number.NaN;
        rssMB[replica.id] = round((sampleProcess(replica.pid)?.rssBytes ?? 0) / 2 ** 20, 1);
      }
      const everyPeer = steps.flatMap((s) => s.everyPeerMs).sort((a, b) => a - b);
      const expected = sum(steps.map((s) => s.expectedDeliveries));
      const row = {
        cycle,
        atSeconds: round((Date.now() - started) / 1000),
        connected,
        acked: sum(steps.map((s) => s.acked)),
        unacked: sum(steps.map((s) => s.unacked)),
        refused: sum(steps.map((s) => sum(Object.values(s.refused)))),
        delivered: expected === 0 ? 0 : round(sum(steps.map((s) => s.deliveries)) / expected, 4),
        duplicates: sum(steps.map((s) => s.duplicates)),
        everyPeerP99Ms: round(summarize(everyPeer).p99),
        heapMB,
        rssMB,
      };
      cycles.push(row);
      log(JSON.stringify(row));
    }
  } finally {
    probe.close();
    await stack.stop();
  }

  const first = cycles[0];
  const last = cycles.at(-1);
  if (!first || !last) throw new Error('no cycle ran');
  const replicas = Object.keys(first.heapMB);
  const growth = Object.fromEntries(
    replicas.map((id) => [id, round((last.heapMB[id] ?? 0) - (first.heapMB[id] ?? 0), 2)]),
  );
  // Over the second half only: the first cycles still warm caches and code up.
  const secondHalf = cycles.slice(Math.floor(cycles.length / 2));
  const slopeKBPerCycle = Object.fromEntries(
    replicas.map((id) => [
      id,
      round(
        slope(
          secondHalf.map((c) => c.cycle),
          secondHalf.map((c) => (c.heapMB[id] ?? 0) * 1024),
        ),
        1,
      ),
    ]),
  );
  const lost = sum(cycles.map((c) => c.unacked));
  const duplicates = sum(cycles.map((c) => c.duplicates));
  const undelivered = cycles.filter((c) => c.delivered < 1).length;
  const grew = Object.values(growth).some((mb) => mb > config.maxGrowthMB);
  const phonesConnected = sum(cycles.map((c) => c.connected));
  const result = {
    config,
    loadAtStart: load,
    crashes,
    baselineHeapMB: baseline,
    cycles,
    heapGrowthFirstToLastMB: growth,
    heapSlopeSecondHalfKBPerCycle: slopeKBPerCycle,
    phonesConnected,
    picksAcked: sum(cycles.map((c) => c.acked)),
    unacked: lost,
    duplicates,
    cyclesNotFullyDelivered: undelivered,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const ok = !grew && lost === 0 && duplicates === 0 && undelivered === 0 && crashes.length === 0;
  process.stdout.write(
    `SUMMARY soak ${cycles.length} cycles in ${round((Date.now() - started) / 60_000)} min, ${phonesConnected} phones connected and gone, ${result.picksAcked} picks acked, unacked ${lost}, duplicates ${duplicates}; replica heap first→last cycle ${replicas.map((id) => `${id} ${first.heapMB[id]}→${last.heapMB[id]} MB`).join(', ')} (second-half slope ${replicas.map((id) => `${slopeKBPerCycle[id]} KB/cycle`).join(', ')}): ${ok ? 'ok' : 'FAIL'}\n`,
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
