// startStack(): the whole menuroom stack as real local processes on 127.0.0.1 -- Redis, N socket
// replicas, Next (standalone build) and nginx rendered from the shared template -- for the
// `stack.sh` command, integration/e2e tests and fault tests. Needs `npm run build` first.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nginxArgs, nginxBinary, type SocketRouting, writeNativeNginxConfig } from './nginx';
import { killOrphans, type ManagedProcess, spawnLogged, stopProcess, writePidFile } from './processes';
import { publicOriginsFor, serverNamesOf } from './publicOrigins';
import { type RedisCluster, startRedisCluster } from './cluster';
import { REDIS_APP_USER, redisCredentials, redisUrlFor, startRedisServer } from './redis';
import { assertPortFree, freePorts, httpOk, waitUntil } from './wait';

export interface StackOptions {
  /** Run directory `.run/<name>` (logs, Redis data, nginx files); unique per concurrent stack. */
  name?: string;
  /** Socket replicas, default 3. */
  replicas?: number;
  /** nginx port; default a free port. */
  port?: number;
  /** nginx listen address, default 127.0.0.1. */
  host?: string;
  /**
   * PUBLIC_ORIGINS for every replica, Next and nginx's server_name; default the loopback origins of
   * the nginx port, plus this machine's own IPv4 addresses when `host` is 0.0.0.0.
   */
  publicOrigins?: string;
  /** Start Next as well (default true); socket-only tests can skip it. */
  web?: boolean;
  /** How nginx routes /ws (nginx.ts): default `spread`, what ships; `room` puts a room on one replica. */
  socketRouting?: SocketRouting;
  /**
   * A Redis Cluster of 3 masters and 3 replicas (cluster.ts) instead of one Redis; the replicas and
   * Next get REDIS_CLUSTER_NODES. `stack.sh` turns it on with REDIS_CLUSTER=1.
   */
  redisCluster?: boolean;
  redis?: {
    appendonly?: boolean;
    appendfsync?: 'always' | 'everysec' | 'no';
    save?: string;
    /** Default REDIS_MAXMEMORY or 512mb. */
    maxmemory?: string;
  };
  /** Extra environment for every socket replica (e.g. SHUTDOWN_GRACE_MS) and for Next. */
  socketEnv?: Record<string, string>;
  webEnv?: Record<string, string>;
  /** Per process, default 30 s. */
  readyTimeoutMs?: number;
  /** Progress and unexpected exits; default silent. */
  log?: (message: string) => void;
}

export interface ReplicaInfo {
  id: string;
  port: number;
  /** Current pid (changes on restart); 0 while stopped. */
  pid: number;
  /** Direct URL of the replica, bypassing nginx. */
  url: string;
  /** The replica's Prometheus metrics (`${url}/metrics`); nginx does not publish it. */
  metricsUrl: string;
}

export interface Stack {
  /** nginx, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /**
   * The `menuroom` ACL user's URL (with its password), as the replicas and Next use it; on a
   * cluster every node's, comma-separated (REDIS_CLUSTER_NODES), which createRedis also takes.
   */
  redisUrl: string;
  /** The `default` user (every command, e.g. CONFIG SET, KEYS): for tests that inspect or provoke Redis. */
  redisAdminUrl: string;
  redisPort: number;
  /** The cluster's nodes and faults, with `redisCluster`; null for one Redis. */
  cluster: RedisCluster | null;
  /** The PUBLIC_ORIGINS every process was given. */
  publicOrigins: string;
  /** Direct URL of Next (bypassing nginx), null when `web: false`. */
  webUrl: string | null;
  /**
   * The web process's Prometheus metrics (its own listener on WEB_METRICS_PORT, which nginx does
   * not publish), null when `web: false`.
   */
  webMetricsUrl: string | null;
  runDir: string;
  /** nginx access log; each line has `up=<replica address(es)>` and `k=<sticky key>`. */
  accessLog: string;
  /** Snapshot of the replicas, in REPLICA_ID order socket-1, socket-2, ... */
  readonly replicas: ReplicaInfo[];
  /** Sends `signal` (default SIGKILL) to a replica and waits until it has exited. */
  killReplica(id: string, signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM: the replica drains (SHUTDOWN_GRACE_MS) and exits; resolves when it has. */
  terminateReplica(id: string): Promise<void>;
  /** Stops the replica if it runs (SIGTERM), starts it again on the same port, waits for /readyz. */
  restartReplica(id: string): Promise<ReplicaInfo>;
  /** Stops Redis: SIGTERM (clean, AOF flushed) or SIGKILL (crash: up to 1 s of writes lost with everysec). */
  stopRedis(signal?: NodeJS.Signals): Promise<void>;
  /** Starts Redis again on the same port and data directory (the AOF is replayed); waits for PONG. */
  startRedis(): Promise<void>;
  /** stopRedis(signal) then startRedis(). */
  restartRedis(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP: Redis hangs (connections stay open, nothing answers). */
  pauseRedis(): void;
  /** SIGCONT after pauseRedis(). */
  resumeRedis(): void;
  /** Stops everything it started (nginx, Next, replicas, Redis); safe to call twice. */
  stop(): Promise<void>;
}

export const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const RUNS_DIR = join(ROOT_DIR, '.run');
const SOCKET_ENTRY = join(ROOT_DIR, 'server/dist/index.js');
const WEB_ENTRY = join(ROOT_DIR, '.next/standalone/server.js');

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const replicaCount = options.replicas ?? 3;
  const withWeb = options.web ?? true;
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const log = options.log ?? (() => {});
  for (const entry of [SOCKET_ENTRY, ...(withWeb ? [WEB_ENTRY] : [])])
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);

  for (const leftover of killOrphans(RUNS_DIR)) log(`killed leftover ${leftover}`);
  const host = options.host ?? '127.0.0.1';
  if (options.port !== undefined) await assertPortFree(options.port, host);
  const runDir = join(RUNS_DIR, options.name ?? 'stack');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(join(runDir, 'redis'), { recursive: true });

  const ports = await freePorts(4 + replicaCount);
  const [redisPort, webPort, freeNginxPort, webMetricsPort] = ports as [number, number, number, number];
  const webMetricsUrl = `http://127.0.0.1:${webMetricsPort}/metrics`;
  const port = options.port ?? freeNginxPort;
  const publicOrigins = options.publicOrigins ?? publicOriginsFor(host, port);
  // Throws a clear error for a malformed PUBLIC_ORIGINS before anything starts.
  const serverNames = serverNamesOf(publicOrigins);
  // The Host the readiness probes send: the apps answer only PUBLIC_ORIGINS' hosts.
  const publicHost = new URL(publicOrigins.split(',')[0] ?? '').host;
  // A new password per stack start (the run directory was just emptied); restarts of Redis reuse it.
  const credentials = redisCredentials(join(runDir, 'redis'));
  const redisUrl = redisUrlFor(REDIS_APP_USER, credentials.appPassword, redisPort);
  const redisAdminUrl = redisUrlFor('default', credentials.adminPassword, redisPort);
  const replicas: ReplicaInfo[] = ports.slice(4).map((replicaPort, i) => ({
    id: `socket-${i + 1}`,
    port: replicaPort,
    pid: 0,
    url: `http://127.0.0.1:${replicaPort}`,
    metricsUrl: `http://127.0.0.1:${replicaPort}/metrics`,
  }));

  const reportExit = (name: string, code: number | null, signal: NodeJS.Signals | null) =>
    log(`${name} exited unexpectedly (code ${code}, signal ${signal})`);
  // Every process started so far, current incarnation only; stop() and the exit hook use it.
  const running = new Map<string, ManagedProcess>();
  const start = (
    name: string,
    command: string,
    args: string[],
    env: Record<string, string> = {},
    onUnexpectedExit = reportExit,
  ) => {
    const proc = spawnLogged(name, command, args, {
      cwd: ROOT_DIR,
      env: { ...process.env, ...env },
      logFile: join(runDir, `${name}.log`),
      onUnexpectedExit,
    });
    running.set(name, proc);
    writePidFile(runDir, [...running.values()]);
    return proc;
  };
  // Last resort if the launcher exits without stop() (uncaught error, process.exit): no orphans.
  const killAllNow = () => {
    for (const proc of running.values()) {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {}
    }
  };
  process.on('exit', killAllNow);

  const r = options.redis ?? {};
  let cluster: RedisCluster | null = null;
  const redisEnv = (): Record<string, string> =>
    cluster ? { REDIS_CLUSTER_NODES: cluster.nodesUrl } : { REDIS_URL: redisUrl };
  const startCluster = async () => {
    cluster = await startRedisCluster({
      dir: join(runDir, 'redis'),
      appendonly: r.appendonly !== false,
      appendfsync: r.appendfsync,
      maxmemory: r.maxmemory,
      readyTimeoutMs: timeoutMs,
      onUnexpectedExit: reportExit,
      onNodeStarted: (node) => {
        running.set(node.process.name, node.process);
        writePidFile(runDir, [...running.values()]);
      },
    });
  };
  const startRedis = async () => {
    if (options.redisCluster)
      throw new Error('a cluster stack: stop and start its nodes through stack.cluster');
    const redis = await startRedisServer({
      port: redisPort,
      dir: join(runDir, 'redis'),
      appendonly: r.appendonly !== false,
      appendfsync: r.appendfsync,
      save: r.save,
      maxmemory: r.maxmemory,
      logFile: join(runDir, 'redis.log'),
      readyTimeoutMs: timeoutMs,
      onUnexpectedExit: reportExit,
    });
    running.set('redis', redis.process);
    writePidFile(runDir, [...running.values()]);
  };

  // Supervision, as compose's restart policy: a replica that exits by itself (a crash, a kill -9
  // from outside) is started again after a pause that doubles while it keeps crashing soon after
  // starting (1 s up to 30 s). One stopped through the stack (stop, killReplica, terminateReplica,
  // restartReplica: stopProcess marks the exit expected) is left as it was asked to be.
  const crashes = new Map<string, { count: number; startedAt: number }>();
  const restartCrashed =
    (replica: ReplicaInfo) => (name: string, code: number | null, signal: NodeJS.Signals | null) => {
      reportExit(name, code, signal);
      const crashed = running.get(name);
      if (stopped || !crashed) return;
      const last = crashes.get(name) ?? { count: 0, startedAt: 0 };
      const count = Date.now() - last.startedAt < 60_000 ? last.count + 1 : 1;
      const pauseMs = Math.min(30_000, 1_000 * 2 ** (count - 1));
      crashes.set(name, { count, startedAt: last.startedAt });
      log(`${name} crashed; restarting it in ${pauseMs} ms`);
      setTimeout(() => {
        // Not if the stack stopped or someone started or stopped it meanwhile.
        if (stopped || running.get(name) !== crashed) return;
        startReplica(replica).then(
          () => log(`${name} restarted (pid ${replica.pid})`),
          (error: unknown) => log(`${name} did not restart: ${(error as Error).message}`),
        );
      }, pauseMs).unref();
    };

  const startReplica = async (replica: ReplicaInfo) => {
    const env = {
      NODE_ENV: 'production',
      ...options.socketEnv,
      HOST: '127.0.0.1',
      PORT: String(replica.port),
      ...redisEnv(),
      PUBLIC_ORIGINS: publicOrigins,
      REPLICA_ID: replica.id,
    };
    const proc = start(replica.id, process.execPath, [SOCKET_ENTRY], env, restartCrashed(replica));
    crashes.set(replica.id, { count: crashes.get(replica.id)?.count ?? 0, startedAt: Date.now() });
    replica.pid = proc.pid;
    await waitUntil('/readyz 200', () => httpOk(`${replica.url}/readyz`, publicHost), proc, timeoutMs);
    return { ...replica };
  };

  const stopNamed = async (name: string, signal: NodeJS.Signals, graceMs?: number) => {
    const proc = running.get(name);
    if (!proc) return;
    await stopProcess(proc, signal, graceMs);
    running.delete(name);
    writePidFile(runDir, [...running.values()]);
  };
  const replicaById = (id: string) => {
    const replica = replicas.find((x) => x.id === id);
    if (!replica) throw new Error(`no replica ${id}; have ${replicas.map((x) => x.id).join(', ')}`);
    return replica;
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Front to back, so no request finds its backend gone: nginx, Next, replicas, then Redis.
    await stopNamed('nginx', 'SIGTERM', 3_000);
    await stopNamed('web', 'SIGTERM', 3_000);
    await Promise.all(replicas.map((replica) => stopNamed(replica.id, 'SIGTERM', 5_000)));
    // One Redis ('redis') or the cluster's nodes ('redis-<port>').
    const redisNames = [...running.keys()].filter((name) => name.startsWith('redis'));
    await Promise.all(redisNames.map((name) => stopNamed(name, 'SIGTERM', 5_000)));
    killAllNow();
    process.off('exit', killAllNow);
    log('stack stopped');
  };

  try {
    if (options.redisCluster) {
      log('starting a redis cluster of 3 masters and 3 replicas');
      await startCluster();
    } else {
      log(`starting redis on ${redisPort}`);
      await startRedis();
    }
    log(`starting ${replicaCount} socket replicas${withWeb ? ' and next' : ''}`);
    const webReady = withWeb
      ? (async () => {
          const proc = start('web', process.execPath, [WEB_ENTRY], {
            NODE_ENV: 'production',
            ...options.webEnv,
            PORT: String(webPort),
            HOSTNAME: '127.0.0.1',
            ...redisEnv(),
            PUBLIC_ORIGINS: publicOrigins,
            WEB_METRICS_PORT: String(webMetricsPort),
          });
          await waitUntil(
            '/api/health 200',
            () => httpOk(`http://127.0.0.1:${webPort}/api/health`, publicHost),
            proc,
            timeoutMs,
          );
          await waitUntil('metrics 200', () => httpOk(webMetricsUrl), proc, timeoutMs);
        })()
      : Promise.resolve();
    // allSettled: on a failure every start has finished before stop() runs, so nothing is missed.
    const results = await Promise.allSettled([webReady, ...replicas.map(startReplica)]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;

    const listen = `${host}:${port}`;
    const nginxDir = join(runDir, 'nginx');
    const mainConf = writeNativeNginxConfig({
      runDir: nginxDir,
      listen,
      serverNames,
      socketServers: replicas.map((replica) => `127.0.0.1:${replica.port}`),
      // Without Next, "/" answers 502; the socket routes are what such tests use.
      webServers: [`127.0.0.1:${webPort}`],
      socketRouting: options.socketRouting,
    });
    log(`starting nginx on ${listen}`);
    const nginx = start('nginx', nginxBinary(), nginxArgs(nginxDir, mainConf));
    await waitUntil(
      '/nginx-health 200',
      () => httpOk(`http://127.0.0.1:${port}/nginx-health`, publicHost),
      nginx,
      timeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const killReplica = async (id: string, signal: NodeJS.Signals = 'SIGKILL') => {
    const replica = replicaById(id);
    await stopNamed(id, signal, signal === 'SIGKILL' ? 5_000 : 30_000);
    replica.pid = 0;
  };
  const redisPid = () => {
    if (options.redisCluster) throw new Error('a cluster stack: pause its nodes through stack.cluster');
    return running.get('redis')?.pid;
  };
  const activeCluster = cluster as RedisCluster | null;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    redisUrl: activeCluster?.nodesUrl ?? redisUrl,
    redisAdminUrl: activeCluster?.adminNodesUrl ?? redisAdminUrl,
    redisPort: activeCluster?.ports[0] ?? redisPort,
    cluster: activeCluster,
    publicOrigins,
    webUrl: withWeb ? `http://127.0.0.1:${webPort}` : null,
    webMetricsUrl: withWeb ? webMetricsUrl : null,
    runDir: resolve(runDir),
    accessLog: join(runDir, 'nginx', 'nginx-access.log'),
    get replicas() {
      return replicas.map((replica) => ({ ...replica }));
    },
    killReplica,
    terminateReplica: (id) => killReplica(id, 'SIGTERM'),
    async restartReplica(id) {
      const replica = replicaById(id);
      await stopNamed(id, 'SIGTERM', 30_000);
      return startReplica(replica);
    },
    stopRedis: async (signal = 'SIGTERM') => {
      if (options.redisCluster) throw new Error('a cluster stack: stop its nodes through stack.cluster');
      await stopNamed('redis', signal, 10_000);
    },
    startRedis,
    async restartRedis(signal = 'SIGTERM') {
      await stopNamed('redis', signal, 10_000);
      await startRedis();
    },
    pauseRedis() {
      const pid = redisPid();
      if (pid) process.kill(pid, 'SIGSTOP');
    },
    resumeRedis() {
      const pid = redisPid();
      if (pid) process.kill(pid, 'SIGCONT');
    },
    stop,
  };
}
