// A local Redis Cluster on loopback: 3 masters and 3 replicas of Debian's redis-server, made into a
// cluster with `redis-cli --cluster create --cluster-replicas 1`, with the same ACL users and
// passwords as the single Redis (redis.ts). The stack launcher (REDIS_CLUSTER=1 / redisCluster:
// true), the tests on the cluster (MENUROOM_TEST_REDIS=cluster) and the cluster faults of the fault
// suite use it. Every node keeps its nodes.conf in its own directory, so a node killed and started
// again on its port rejoins the cluster (a former master as its successor's replica).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { stopProcess } from './processes';
import {
  REDIS_APP_USER,
  type RedisServer,
  type RedisServerOptions,
  redisCredentials,
  redisUrlFor,
  startRedisServer,
} from './redis';
import { freePorts } from './wait';

/**
 * How long a master may not answer before its replica takes over. Redis's default is 15 s; 2 s
 * keeps a room's writes waiting little when a master dies, and is still far above a loopback or
 * LAN round trip.
 */
export const CLUSTER_NODE_TIMEOUT_MS = 2_000;

export interface ClusterOptions {
  /** Masters (default 3), each with one replica. */
  masters?: number;
  /** Root directory (one directory per node below it); default a new temporary one. */
  dir?: string;
  appendonly?: boolean;
  appendfsync?: RedisServerOptions['appendfsync'];
  maxmemory?: string;
  nodeTimeoutMs?: number;
  readyTimeoutMs?: number;
  onUnexpectedExit?: RedisServerOptions['onUnexpectedExit'];
  /** Called with each node's process when it (re)starts, e.g. to record pids. */
  onNodeStarted?: (node: RedisServer) => void;
}

export interface ClusterNodeState {
  port: number;
  id: string;
  role: 'master' | 'replica';
  /** Of a master: how many slots it serves. */
  slots: number;
  /** Of a master: the slots it serves, as [first, last] ranges. */
  ranges: [number, number][];
  /** Of a replica: its master's id. */
  masterId: string | null;
  /** Whether the cluster sees it as failed. */
  failed: boolean;
}

export interface RedisCluster {
  /** REDIS_CLUSTER_NODES for menuroom's processes: every node's URL with the `menuroom` user. */
  nodesUrl: string;
  /** The same with the `default` user (every command): for tests and operators. */
  adminNodesUrl: string;
  ports: number[];
  dir: string;
  /** Roles and slots as the cluster sees them now. */
  state(): Promise<ClusterNodeState[]>;
  /** The port of the master serving `key`'s slot. */
  masterOf(key: string): Promise<number>;
  /**
   * How many of the master's slots, counted from its lowest, it takes to include `key`'s: what
   * `reshard` must move for that key to move (redis-cli moves a master's lowest slots first).
   */
  slotsUpTo(port: number, key: string): Promise<number>;
  /** Stops a node (SIGKILL: a crash); its directory stays, so startNode brings it back. */
  stopNode(port: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped node again on its port; it rejoins (a former master as a replica). */
  startNode(port: number): Promise<void>;
  pauseNode(port: number): void;
  resumeNode(port: number): void;
  /** Whether the node's process runs (was not stopped, did not crash). */
  isRunning(port: number): boolean;
  /** Moves `slots` slots from one master to another with `redis-cli --cluster reshard`. */
  reshard(fromPort: number, toPort: number, slots: number): Promise<void>;
  /** Resolves when every slot is served, every node says cluster_state:ok and every master has a synced replica. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** A RedisServer-shaped view (url and adminUrl list the nodes) for tests written for one Redis. */
  asServer(): RedisServer;
  /** Stops every node; with `remove`, deletes the directory too. */
  stop(remove?: boolean): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

/** CLUSTER NODES parsed: one entry per node line. */
function parseClusterNodes(text: string): ClusterNodeState[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', address = '', flags = '', masterId = '-', , , , , ...slotRanges] = line.split(' ');
      const port = Number(/:(\d+)@/.exec(address)?.[1] ?? 0);
      // "[slot->-id]" entries are slots being migrated, still served here.
      const ranges = slotRanges
        .filter((range) => !range.startsWith('['))
        .map((range) => {
          const [from = 0, to = from] = range.split('-').map(Number);
          return [from, to] as [number, number];
        });
      const slots = ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0);
      return {
        port,
        id,
        role: flags.includes('master') ? ('master' as const) : ('replica' as const),
        slots,
        ranges,
        masterId: masterId === '-' ? null : masterId,
        failed: /\bfail\b/.test(flags),
      };
    });
}

export async function startRedisCluster(options: ClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'menuroom-cluster-'));
  const credentials = redisCredentials(dir);
  // Each node has a client port and a cluster bus port; the bus is named (`cluster-port`) rather
  // than left at Redis's default of port + 10000, which may be taken or past 65535.
  const allPorts = await freePorts(masters * 4);
  const ports = allPorts.slice(0, masters * 2);
  const busPortOf = new Map(ports.map((port, i) => [port, allPorts[masters * 2 + i] as number]));
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? CLUSTER_NODE_TIMEOUT_MS;
  const nodes = new Map<number, RedisServer>();
  const adminUrl = (port: number) => redisUrlFor('default', credentials.adminPassword, port);

  const startNode = async (port: number) => {
    const node = await startRedisServer({
      name: `redis-${port}`,
      port,
      dir: join(dir, String(port)),
      credentials,
      appendonly: options.appendonly,
      appendfsync: options.appendfsync,
      maxmemory: options.maxmemory,
      readyTimeoutMs: timeoutMs,
      onUnexpectedExit: options.onUnexpectedExit,
      config: [
        'cluster-enabled yes',
        'cluster-config-file nodes.conf',
        `cluster-node-timeout ${nodeTimeoutMs}`,
        `cluster-port ${busPortOf.get(port)}`,
        // A master that is failing over stops only its own slots: the other shards' rooms carry on.
        'cluster-require-full-coverage no',
        // Replicas log in to their master as the admin user (replication needs PSYNC, REPLCONF).
        'masteruser default',
        `masterauth ${credentials.adminPassword}`,
      ],
    });
    nodes.set(port, node);
    options.onNodeStarted?.(node);
  };

  /** One command on one node as the admin user, on a connection of its own; fails after 2 s. */
  const askRaw = async (port: number, args: string[]): Promise<unknown> => {
    const client = createClient({
      url: adminUrl(port),
      socket: { reconnectStrategy: false, connectTimeout: 1_000 },
    });
    client.on('error', () => {});
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`node ${port} did not answer ${args.join(' ')}`)), 2_000);
    });
    try {
      return await Promise.race([client.connect().then(() => client.sendCommand(args)), timeout]);
    } finally {
      clearTimeout(timer);
      client.destroy();
    }
  };
  const ask = async (port: number, args: string[]) => String(await askRaw(port, args));
  // redis-cli takes the password from the environment, so it does not show in `ps`.
  const cliEnv = { ...process.env, REDISCLI_AUTH: credentials.adminPassword };

  const paused = new Set<number>();
  const answers = (port: number) =>
    Boolean(nodes.get(port) && !nodes.get(port)?.process.hasExited() && !paused.has(port));
  const runningPort = () => {
    const port = ports.find(answers);
    if (port === undefined) throw new Error('no cluster node is running');
    return port;
  };
  const state = async () => parseClusterNodes(await ask(runningPort(), ['CLUSTER', 'NODES']));

  const waitHealthy = async (waitMs = timeoutMs) => {
    const deadline = Date.now() + waitMs;
    let problem = '';
    for (;;) {
      try {
        problem = '';
        for (const port of ports) {
          if (!answers(port)) continue;
          const info = await ask(port, ['CLUSTER', 'INFO']);
          if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) {
            problem = `node ${port}: ${info.split('\n').slice(0, 3).join(' ')}`;
            break;
          }
          const replication = await ask(port, ['INFO', 'replication']);
          if (/role:slave/.test(replication) && !/master_link_status:up/.test(replication)) {
            problem = `replica ${port} not synced`;
            break;
          }
        }
        if (!problem) {
          const all = await state();
          const serving = all.filter((node) => node.role === 'master' && node.slots > 0 && !node.failed);
          const synced = serving.every((master) =>
            all.some((node) => node.masterId === master.id && !node.failed && answers(node.port)),
          );
          if (serving.reduce((sum, node) => sum + node.slots, 0) !== 16384) problem = 'slots not all served';
          else if (!synced) problem = 'a master has no replica';
          else {
            // Writes can be confirmed, as the store's WAIT after every write needs: each master's
            // replica acknowledges the master's offset (WAIT counts up to it even on a connection
            // that wrote nothing). A replica just linked after its first sync may not yet, and the
            // first room written then was answered "not replicated".
            for (const master of serving)
              if (Number(await askRaw(master.port, ['WAIT', '1', '1000'])) < 1) {
                problem = `master ${master.port}: no replica confirmed its offset`;
                break;
              }
            if (!problem) return;
          }
        }
      } catch (error) {
        problem = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`redis cluster not healthy after ${waitMs} ms: ${problem}`);
      await sleep(200);
    }
  };

  const stopAll = async () => {
    await Promise.all([...nodes.values()].map((node) => stopProcess(node.process, 'SIGTERM', 5_000)));
  };

  try {
    await Promise.all(ports.map(startNode));
    await run(
      'redis-cli',
      [
        '--user',
        'default',
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      cliEnv,
    );
    await waitHealthy();
  } catch (error) {
    await stopAll();
    throw error;
  }

  const list = (user: string, password: string) =>
    ports.map((port) => redisUrlFor(user, password, port)).join(',');
  const cluster: RedisCluster = {
    nodesUrl: list(REDIS_APP_USER, credentials.appPassword),
    adminNodesUrl: list('default', credentials.adminPassword),
    ports,
    dir,
    state,
    async masterOf(key) {
      const port = runningPort();
      const slot = Number(await ask(port, ['CLUSTER', 'KEYSLOT', key]));
      const ranges = (await askRaw(port, ['CLUSTER', 'SLOTS'])) as [number, number, [string, number]][];
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`no master serves slot ${slot}`);
      return Number(range[2][1]);
    },
    async stopNode(port, signal = 'SIGKILL') {
      const node = nodes.get(port);
      if (node) await stopProcess(node.process, signal, 10_000);
    },
    startNode,
    async slotsUpTo(port, key) {
      const slot = Number(await ask(runningPort(), ['CLUSTER', 'KEYSLOT', key]));
      const master = (await state()).find((node) => node.port === port);
      return (master?.ranges ?? []).reduce(
        (count, [from, to]) => count + Math.max(0, Math.min(to, slot) - from + 1),
        0,
      );
    },
    pauseNode(port) {
      const pid = nodes.get(port)?.process.pid;
      if (!pid) return;
      paused.add(port);
      process.kill(pid, 'SIGSTOP');
    },
    resumeNode(port) {
      const pid = nodes.get(port)?.process.pid;
      if (!pid) return;
      process.kill(pid, 'SIGCONT');
      paused.delete(port);
    },
    isRunning: (port) => Boolean(nodes.get(port) && !nodes.get(port)?.process.hasExited()),
    async reshard(fromPort, toPort, slots) {
      const all = await state();
      const id = (port: number) => all.find((node) => node.port === port)?.id ?? '';
      await run(
        'redis-cli',
        [
          '--user',
          'default',
          '--cluster',
          'reshard',
          `127.0.0.1:${toPort}`,
          '--cluster-from',
          id(fromPort),
          '--cluster-to',
          id(toPort),
          '--cluster-slots',
          String(slots),
          '--cluster-yes',
        ],
        cliEnv,
      );
    },
    waitHealthy,
    asServer() {
      const first = nodes.get(ports[0] as number) as RedisServer;
      return {
        url: cluster.nodesUrl,
        adminUrl: cluster.adminNodesUrl,
        port: ports[0] as number,
        dir,
        process: first.process,
        shutdown: stopAll,
        stop: () => cluster.stop(true),
      };
    },
    async stop(remove = false) {
      await stopAll();
      if (remove) rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
