// The lunch-rush fan-out benchmark (issue #12, benchmarks 1 and 2): R rooms × M phones, each phone
// the shipped client core over a real socket.io client from a loopback address of its own, through
// nginx to the replicas; an open-loop pick rate stepped up until p99 tap → every peer passes 100 ms.
// The same driver then runs against a bare socket.io server set (bareServer.ts) with the same
// adapter, Redis and nginx template, and the product's knee is given as a ratio to the bare one.
//
//   npx tsx bench/fanout/run.ts                  full run: 1,000 rooms × 5 over 2 replicas, both sets
//   npx tsx bench/fanout/run.ts --short          ≤ 2 min, 50 rooms × 5 at 200 picks/s; exits 1 on a gross
//                                                regression (delivered < 100 %, a duplicate, p99 > 250 ms)
// Options: --rooms N --members M --replicas N --workers N --rates 250,500,… --step-seconds S
//          --targets product,bare --routing spread|room --every-rate (past the knee too)
//          --redis single|cluster (cluster: the native stack's 3 masters + 3 replicas, writes WAIT 1)
// Prints JSON on stdout, then a one-line summary; progress on stderr. Needs `npm run build`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RUNS_DIR, startStack } from '../../scripts/stack/index';
import {
  nginxArgs,
  nginxBinary,
  type SocketRouting,
  writeNativeNginxConfig,
} from '../../scripts/stack/nginx';
import { type ManagedProcess, spawnLogged, stopProcess, writePidFile } from '../../scripts/stack/processes';
import { serverNamesOf } from '../../scripts/stack/publicOrigins';
import { freePorts, httpOk, waitUntil } from '../../scripts/stack/wait';
import { phoneAddress } from '../lib/addresses';
import { INSPECT_ENV } from '../lib/inspector';
import type { PhoneSpec } from '../lib/phone';
import type { StepReply } from '../lib/phoneWorker';
import { pidFromRunDir, type ProcessFigures, Probe, type ProbeTarget } from '../lib/probe';
import { openProductRooms } from '../lib/rooms';
import {
  connectInfoClients,
  type MonitorSample,
  monitorRedis,
  type RedisDelta,
  redisDelta,
  sampleRedis,
} from '../lib/redisInfo';
import { round, sleep, sum, summarize } from '../lib/stats';
import { PhoneWorkers } from '../lib/workers';

const { values: argv } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    rooms: { type: 'string' },
    members: { type: 'string' },
    replicas: { type: 'string' },
    workers: { type: 'string' },
    rates: { type: 'string' },
    'step-seconds': { type: 'string' },
    targets: { type: 'string' },
    routing: { type: 'string' },
    redis: { type: 'string' },
    /** Run every rate even past the knee (to compare routings at the same rates). */
    'every-rate': { type: 'boolean', default: false },
  },
});
const short = argv.short ?? false;
const config = {
  rooms: Number(argv.rooms ?? (short ? 50 : 1000)),
  members: Number(argv.members ?? 5),
  replicas: Number(argv.replicas ?? 2),
  workers: Number(argv.workers ?? 2),
  rates: (argv.rates ?? (short ? '200' : '250,500,1000,1500,2000,2500,3000,4000,5000'))
    .split(',')
    .map(Number),
  stepSeconds: Number(argv['step-seconds'] ?? (short ? 20 : 15)),
  drainSeconds: 5,
  /** Phones connected, nobody picks: what Redis does in the background, per second. */
  idleSeconds: short ? 5 : 10,
  targets: (argv.targets ?? (short ? 'product' : 'product,bare')).split(',') as ('product' | 'bare')[],
  /**
   * nginx's /ws routing (scripts/stack/nginx.ts): spread, what ships (each phone on its own); room,
   * every phone of a room on one replica (the client core names its room in the socket query).
   */
  routing: (argv.routing ?? 'spread') as SocketRouting,
  /** single: one Redis; cluster: 3 masters with a replica each (scripts/stack/cluster.ts). */
  redis: (argv.redis ?? 'single') as 'single' | 'cluster',
  dishes: 12,
  connectPerSecond: 400,
  monitor: !short,
  everyRate: argv['every-rate'] ?? false,
};
const KNEE_MS = 100;
/** Picks per second while MONITOR tells client commands from script commands. */
const MONITOR_RATE = 300;
const SHORT_LIMITS = { p99Ms: 250, delivered: 1, duplicates: 0 };

const log = (message: string) =>
  process.stderr.write(`[fanout ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const dishIds = Array.from({ length: config.dishes }, (_, i) => `d${i + 1}`);

interface StepResult {
  rate: number;
  achievedRate: number;
  everyPeerMs: ReturnType<typeof summarize>;
  ackMs: ReturnType<typeof summarize>;
  delivered: number;
  duplicates: number;
  acked: number;
  replaced: number;
  unacked: number;
  refused: Record<string, number>;
  resyncs: number;
  retries: number;
  driverLoopDelayP99Ms: number[];
  processes: Record<string, ProcessFigures>;
  redis: RedisPerPick;
}

interface RedisPerPick {
  /** Commands per pick by name (client commands and those run inside scripts), less the idle rate. */
  callsPerPick: Record<string, number>;
  commandsPerPick: number;
  /**
   * Redis's execution time per pick (commandstats usec less the idle rate) of the commands clients
   * sent: a script's time includes the commands it runs, which are not counted again.
   */
  usecPerPick: number;
  /** All of Redis's CPU (user + sys, with I/O), less the idle rate, per pick. */
  cpuUsecPerPick: number;
  /** µs per call of the pick-path commands. */
  usecPerCall: Record<string, number>;
  /** Share of all commands in the step that are background (presence, beacons, watchdog, limits of idle sockets). */
  backgroundShare: number;
  /** Bytes Redis sent per pick (replies and pub/sub deliveries to the replicas). */
  outputBytesPerPick: number;
  /** Each master's CPU in the step (INFO cpu), % of one core: how the picks spread over the masters. */
  cpuPercentByMaster: Record<string, number>;
}

/** The pick path's share of Redis's work in a step: the step's commands minus the idle rate. */
function redisPerPick(
  step: RedisDelta,
  idle: RedisDelta,
  picks: number,
  fromClients: (name: string) => number,
): RedisPerPick {
  const callsPerPick: Record<string, number> = {};
  const usecPerCall: Record<string, number> = {};
  let commands = 0;
  let usec = 0;
  let background = 0;
  const scale = step.seconds / idle.seconds;
  for (const [name, stat] of Object.entries(step.commands)) {
    const idleStat = idle.commands[name] ?? { calls: 0, usec: 0 };
    const bgCalls = Math.min(stat.calls, idleStat.calls * scale);
    background += bgCalls;
    const calls = stat.calls - bgCalls;
    if (calls / picks >= 0.005) {
      callsPerPick[name] = round(calls / picks, 3);
      usecPerCall[name] = round(stat.usec / stat.calls, 2);
    }
    commands += calls;
    usec += Math.max(0, stat.usec - idleStat.usec * scale) * fromClients(name);
  }
  const idleCpuSeconds = idle.cpuSeconds * scale;
  return {
    callsPerPick,
    commandsPerPick: round(commands / picks, 3),
    usecPerPick: round(usec / picks, 1),
    cpuUsecPerPick: round((Math.max(0, step.cpuSeconds - idleCpuSeconds) * 1e6) / picks, 1),
    usecPerCall,
    backgroundShare: round(background / Math.max(1, step.calls), 3),
    outputBytesPerPick: Math.round(step.netOutputBytes / picks),
    cpuPercentByMaster: Object.fromEntries(
      Object.entries(step.cpuSecondsByServer).map(([name, cpu]) => [
        name,
        round((cpu / step.seconds) * 100, 1),
      ]),
    ),
  };
}

/** Round trips and commands of one pick, from MONITOR: a window at a modest rate less an idle one. */
interface PickPath {
  rate: number;
  /** Sum of the round trips per pick of the commands that picking adds (each at least 0.05 per pick). */
  roundTripsPerPick: number;
  roundTripsPerPickByCommand: Record<string, number>;
  clientCommandsPerPick: Record<string, number>;
  scriptCommandsPerPick: Record<string, number>;
  /** Background round trips per second with every phone connected and nobody picking. */
  idleRoundTripsPerSecond: number;
}

function pickPath(picking: MonitorSample, idle: MonitorSample, picks: number, rate: number): PickPath {
  const scale = picking.seconds / idle.seconds;
  // Background comes in bursts (heartbeats every 5 s): a command picking does not add can come out
  // slightly negative or positive; below 0.05 per pick it is taken as noise.
  const perPick = (during: Record<string, number>, before: Record<string, number>, floor: number) =>
    Object.fromEntries(
      Object.entries(during)
        .map(([name, n]) => [name, round((n - (before[name] ?? 0) * scale) / picks, 3)] as const)
        .filter(([, n]) => n >= floor),
    );
  const roundTrips = perPick(picking.roundTrips, idle.roundTrips, 0.05);
  const idleTrips = Object.values(idle.roundTrips).reduce((a, b) => a + b, 0);
  return {
    rate,
    roundTripsPerPick: round(
      Object.values(roundTrips).reduce((a, b) => a + b, 0),
      3,
    ),
    roundTripsPerPickByCommand: roundTrips,
    clientCommandsPerPick: perPick(picking.fromClients, idle.fromClients, 0.005),
    scriptCommandsPerPick: perPick(picking.fromScripts, idle.fromScripts, 0.005),
    idleRoundTripsPerSecond: round(idleTrips / idle.seconds, 1),
  };
}

function mergeSteps(rate: number, replies: StepReply[], stepMs: number) {
  const all = <K extends keyof StepReply>(key: K) => replies.map((r) => r[key]);
  const refused: Record<string, number> = {};
  for (const r of replies)
    for (const [code, n] of Object.entries(r.refused)) refused[code] = (refused[code] ?? 0) + n;
  const expected = sum(all('expectedDeliveries') as number[]);
  const submitted = sum(all('submitted') as number[]);
  const generationMs = Math.max(stepMs, ...(all('generationMs') as number[]));
  return {
    rate,
    achievedRate: Math.round((submitted * 1000) / generationMs),
    everyPeerMs: summarize(replies.flatMap((r) => r.everyPeerMs)),
    ackMs: summarize(replies.flatMap((r) => r.ackMs)),
    delivered: expected ? round(sum(all('deliveries') as number[]) / expected, 5) : 0,
    duplicates: sum(all('duplicates') as number[]),
    acked: sum(all('acked') as number[]),
    replaced: sum(all('replaced') as number[]),
    unacked: sum(all('unacked') as number[]),
    refused,
    resyncs: sum(all('resyncs') as number[]),
    retries: sum(all('retries') as number[]),
    driverLoopDelayP99Ms: all('driverLoopDelayP99Ms') as number[],
    submitted,
  };
}

interface TargetRun {
  target: 'product' | 'bare';
  phones: number;
  byReplica: Record<string, number>;
  connectSeconds: number;
  idle: { seconds: number; commandsPerSecond: Record<string, number> };
  pickPath: PickPath | null;
  steps: StepResult[];
  /** Highest rate whose p99 stayed ≤ 100 ms (null: not even the first). */
  kneeRate: number | null;
  /** Why the run stopped: p99 over 100 ms, deliveries lost, the driver could not keep the rate, or the last rate. */
  stoppedBecause: string;
}

async function runTarget(
  target: 'product' | 'bare',
  url: string,
  phones: PhoneSpec[],
  probeTargets: ProbeTarget[],
  redisAdminUrl: string,
): Promise<TargetRun> {
  const workers = PhoneWorkers.start(config.workers);
  const probe = new Probe([
    ...probeTargets,
    ...workers.pids.map((pid, i) => ({ name: `driver-${i + 1}`, pid: () => pid })),
  ]);
  const info = await connectInfoClients(redisAdminUrl);
  try {
    log(`${target}: opening ${phones.length} phones through nginx`);
    const opened = await workers.open(url, phones, dishIds, config.connectPerSecond);
    const synced = opened.reduce((n, o) => n + o.synced, 0);
    const byReplica: Record<string, number> = {};
    for (const o of opened)
      for (const [id, n] of Object.entries(o.byReplica)) byReplica[id] = (byReplica[id] ?? 0) + n;
    log(`${target}: ${synced}/${phones.length} phones connected and synced: ${JSON.stringify(byReplica)}`);
    if (synced < phones.length)
      throw new Error(`${target}: only ${synced} of ${phones.length} phones connected`);

    const idleBefore = await sampleRedis(info);
    await sleep(config.idleSeconds * 1000);
    const idle = redisDelta(idleBefore, await sampleRedis(info), config.idleSeconds);
    // MONITOR windows of their own (it slows Redis): idle, then picking at a modest rate. 10 s: two
    // presence heartbeats and one version beacon in each. The short run leaves them out.
    const monitorMs = 10_000;
    const idleMonitor = config.monitor ? await monitorRedis(redisAdminUrl, monitorMs) : null;
    const [monitored] = idleMonitor
      ? await Promise.all([
          sleep(500).then(() => monitorRedis(redisAdminUrl, monitorMs)),
          workers.step(MONITOR_RATE, monitorMs + 1_000, config.drainSeconds * 1000),
        ])
      : [null];
    const path =
      monitored && idleMonitor
        ? pickPath(monitored, idleMonitor, (MONITOR_RATE * monitorMs) / 1000, MONITOR_RATE)
        : null;
    if (path) log(`${target}: pick path ${JSON.stringify(path)}`);
    // Without a MONITOR sample every command counts as sent by a client.
    const allMonitored = (name: string) =>
      (monitored?.fromClients[name] ?? 0) + (monitored?.fromScripts[name] ?? 0);
    const fromClients = (name: string) =>
      allMonitored(name) ? (monitored?.fromClients[name] ?? 0) / allMonitored(name) : 1;
    const run: TargetRun = {
      target,
      phones: phones.length,
      byReplica,
      connectSeconds: round(Math.max(...opened.map((o) => o.openMs)) / 1000),
      idle: {
        seconds: config.idleSeconds,
        commandsPerSecond: Object.fromEntries(
          Object.entries(idle.commands).map(([name, s]) => [name, round(s.calls / config.idleSeconds, 1)]),
        ),
      },
      pickPath: path,
      steps: [],
      kneeRate: null,
      stoppedBecause: 'last rate',
    };
    for (const rate of config.rates) {
      const stepMs = config.stepSeconds * 1000;
      const begun = await probe.begin();
      const redisBefore = await sampleRedis(info);
      const started = Date.now();
      // The window closes when the taps stop; the drain after it only collects the answers.
      const windowEnd = sleep(stepMs).then(async () => ({
        processes: await probe.end(begun),
        redis: redisDelta(redisBefore, await sampleRedis(info), (Date.now() - started) / 1000),
      }));
      const [replies, window] = await Promise.all([
        workers.step(rate, stepMs, config.drainSeconds * 1000),
        windowEnd,
      ]);
      const merged = mergeSteps(rate, replies, stepMs);
      const { submitted, ...rest } = merged;
      const step: StepResult = {
        ...rest,
        processes: window.processes,
        redis: redisPerPick(window.redis, idle, submitted, fromClients),
      };
      run.steps.push(step);
      log(
        `${target} ${rate}/s: achieved ${step.achievedRate}/s, every peer p50 ${step.everyPeerMs.p50} p99 ${step.everyPeerMs.p99} max ${step.everyPeerMs.max} ms, ack p99 ${step.ackMs.p99} ms, delivered ${step.delivered}, dup ${step.duplicates}, redis ${step.redis.commandsPerPick} cmd ${step.redis.usecPerPick} µs/pick, bg ${step.redis.backgroundShare}`,
      );
      if (step.everyPeerMs.p99 > KNEE_MS) {
        run.stoppedBecause = `p99 ${step.everyPeerMs.p99} ms > ${KNEE_MS} ms at ${rate}/s`;
        if (config.everyRate) continue;
        break;
      }
      if (run.stoppedBecause === 'last rate') run.kneeRate = rate;
      if (step.delivered < 0.99) {
        run.stoppedBecause = `delivered ${step.delivered} at ${rate}/s`;
        break;
      }
      if (step.achievedRate < rate * 0.95) {
        run.stoppedBecause = `driver reached only ${step.achievedRate} of ${rate} picks/s`;
        break;
      }
    }
    return run;
  } finally {
    probe.close();
    await info.quit().catch(() => {});
    await workers.close();
    log(`${target}: phones closed`);
  }
}

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
  log(`config ${JSON.stringify(config)}; load ${load.join(' ')}`);
  const crashes: string[] = [];
  const stack = await startStack({
    name: short ? 'bench-short' : 'bench-fanout',
    replicas: config.replicas,
    redisCluster: config.redis === 'cluster',
    socketRouting: config.routing,
    web: false,
    socketEnv: INSPECT_ENV,
    log: (message) => {
      if (message.includes('unexpectedly')) crashes.push(message);
    },
  });
  const bareProcesses: ManagedProcess[] = [];
  // A run directory of its own: the next stack start kills its processes if this launcher died.
  const bareDir = join(RUNS_DIR, `${short ? 'bench-short' : 'bench-fanout'}-bare`);
  const results: TargetRun[] = [];
  try {
    const redisTargets = await redisProbeTargets(stack);
    const stackTargets: ProbeTarget[] = [
      ...stack.replicas.map((r) => ({
        name: r.id,
        pid: () => stack.replicas.find((x) => x.id === r.id)?.pid ?? 0,
        logFile: join(stack.runDir, `${r.id}.log`),
      })),
      ...redisTargets,
      { name: 'nginx', pid: () => pidFromRunDir(stack.runDir, 'nginx'), withChildren: true },
    ];
    for (const target of config.targets) {
      if (target === 'product') {
        const phones = await productRooms(stack.redisUrl);
        results.push(await runTarget('product', stack.url, phones, stackTargets, stack.redisAdminUrl));
      } else {
        const bare = await startBare(stack.redisUrl, stack.publicOrigins, bareDir, bareProcesses);
        const phones = bareRooms();
        const targets: ProbeTarget[] = [
          ...bare.replicas.map((r) => ({ name: r.name, pid: () => r.pid, logFile: r.logFile })),
          ...redisTargets,
          { name: 'nginx', pid: () => bare.nginxPid, withChildren: true },
        ];
        results.push(await runTarget('bare', bare.url, phones, targets, stack.redisAdminUrl));
      }
    }
  } finally {
    for (const proc of bareProcesses.reverse()) await stopProcess(proc, 'SIGTERM', 3_000);
    await stack.stop();
    log('stacks stopped');
  }

  const product = results.find((r) => r.target === 'product');
  const bare = results.find((r) => r.target === 'bare');
  const output = {
    benchmark: 'fanout',
    at: new Date().toISOString(),
    loadAverageAtStart: load,
    note: 'driver processes share the 2 cores with nginx, the replicas and Redis',
    config,
    crashes,
    results,
    kneeRatio: product?.kneeRate && bare?.kneeRate ? round(product.kneeRate / bare.kneeRate, 2) : null,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);

  const line = results
    .map((r) => {
      const at1000 = r.steps.find((s) => s.rate === 1000);
      return `${r.target}: knee ${r.kneeRate ?? '<first'}/s (${r.stoppedBecause})${at1000 ? `, at 1000/s p99 ${at1000.everyPeerMs.p99} ms delivered ${at1000.delivered} dup ${at1000.duplicates}` : ''}`;
    })
    .join('; ');
  let failed = crashes.length > 0;
  if (short) {
    const step = product?.steps[0];
    const problems: string[] = [...crashes];
    if (!step) problems.push('no step ran');
    else {
      if (step.delivered < SHORT_LIMITS.delivered) problems.push(`delivered ${step.delivered} < 1`);
      if (step.duplicates > SHORT_LIMITS.duplicates) problems.push(`${step.duplicates} duplicates`);
      if (step.everyPeerMs.p99 > SHORT_LIMITS.p99Ms) problems.push(`p99 ${step.everyPeerMs.p99} ms > 250 ms`);
      if (step.unacked > 0) problems.push(`${step.unacked} picks never acknowledged`);
    }
    failed = problems.length > 0;
    console.log(
      `fanout --short: ${config.rooms} rooms × ${config.members} at ${config.rates[0]}/s: every peer p50 ${step?.everyPeerMs.p50} p99 ${step?.everyPeerMs.p99} ms, delivered ${step?.delivered}, duplicates ${step?.duplicates}: ${failed ? `FAIL (${problems.join('; ')})` : 'ok'}`,
    );
  } else {
    console.log(
      `fanout ${config.rooms} rooms × ${config.members}, ${config.replicas} replicas, redis ${config.redis}: ${line}; knee ratio ${output.kneeRatio ?? 'n/a'}`,
    );
  }
  process.exit(failed ? 1 : 0);
}

/**
 * The Redis processes to measure: `redis`, or each cluster node as `redis-<port> master|replica`
 * (the replicas' CPU is the price of the copies every write waits for).
 */
async function redisProbeTargets(stack: Awaited<ReturnType<typeof startStack>>): Promise<ProbeTarget[]> {
  if (!stack.cluster) return [{ name: 'redis', pid: () => pidFromRunDir(stack.runDir, 'redis') }];
  const nodes = await stack.cluster.state();
  return nodes
    .sort((a, b) => a.port - b.port)
    .map((node) => ({
      name: `redis-${node.port} ${node.role}`,
      pid: () => pidFromRunDir(stack.runDir, `redis-${node.port}`),
    }));
}

/** Rooms opened with the storage module, as the fault suite does; members added to each. */
function productRooms(redisUrl: string): Promise<PhoneSpec[]> {
  return openProductRooms(redisUrl, {
    rooms: config.rooms,
    members: config.members,
    dishIds,
  });
}

/** Bare rooms need nothing stored: ids in the protocol's formats, tokens that name the member. */
function bareRooms(): PhoneSpec[] {
  const phones: PhoneSpec[] = [];
  const run = Date.now().toString(36);
  for (let roomIndex = 0; roomIndex < config.rooms; roomIndex++)
    for (let m = 0; m < config.members; m++) {
      const memberId = `m${roomIndex}x${m}`;
      phones.push({
        roomIndex,
        roomId: `bare${run}r${roomIndex}`,
        memberId,
        memberToken: `${memberId}_${'t'.repeat(24)}`,
        from: phoneAddress(roomIndex * config.members + m),
      });
    }
  return phones;
}

interface BareSet {
  url: string;
  nginxPid: number;
  replicas: { name: string; pid: number; logFile: string }[];
}

/** Bare replicas on free ports and a second nginx from the same template in front of them. */
async function startBare(
  redisUrl: string,
  publicOrigins: string,
  dir: string,
  started: ManagedProcess[],
): Promise<BareSet> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ports = await freePorts(config.replicas + 2);
  const [nginxPort, unusedWebPort] = ports as [number, number];
  const replicaPorts = ports.slice(2);
  const replicas: BareSet['replicas'] = [];
  const host = '127.0.0.1';
  for (const [i, port] of replicaPorts.entries()) {
    const name = `bare-${i + 1}`;
    const logFile = join(dir, `${name}.log`);
    const proc = spawnLogged(name, process.execPath, ['--import', 'tsx', 'bench/fanout/bareServer.ts'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...INSPECT_ENV,
        NODE_ENV: 'production',
        PORT: String(port),
        ...(redisUrl.includes(',') ? { REDIS_CLUSTER_NODES: redisUrl } : { REDIS_URL: redisUrl }),
        REPLICA_ID: name,
        DISHES: String(config.dishes),
      },
      logFile,
    });
    started.push(proc);
    writePidFile(dir, started);
    await waitUntil('/readyz 200', () => httpOk(`http://${host}:${port}/readyz`, host), proc, 30_000);
    replicas.push({ name, pid: proc.pid, logFile });
  }
  const origin = `http://${host}:${nginxPort}`;
  const nginxDir = join(dir, 'nginx');
  const mainConf = writeNativeNginxConfig({
    runDir: nginxDir,
    listen: `${host}:${nginxPort}`,
    serverNames: serverNamesOf(`${origin},${publicOrigins}`),
    socketServers: replicaPorts.map((port) => `${host}:${port}`),
    webServers: [`${host}:${unusedWebPort}`],
    socketRouting: config.routing,
  });
  const nginx = spawnLogged('bare-nginx', nginxBinary(), nginxArgs(nginxDir, mainConf), {
    cwd: process.cwd(),
    env: process.env,
    logFile: join(dir, 'nginx.log'),
  });
  started.push(nginx);
  writePidFile(dir, started);
  await waitUntil(
    '/nginx-health 200',
    () => httpOk(`${origin}/nginx-health`, `${host}:${nginxPort}`),
    nginx,
    30_000,
  );
  return { url: origin, nginxPid: nginx.pid, replicas };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
