// The one way menuroom starts a Redis server on loopback: the stack launcher and the integration
// tests both call startRedisServer. Redis listens on 127.0.0.1 only and refuses anyone without a
// password: menuroom's processes log in as the ACL user `menuroom` (what the app needs and no more),
// the `default` user (every command) has a password of its own for tests and operators.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, spawnLogged, stopProcess } from './processes';
import { freePorts, redisPong, waitUntil } from './wait';

/** The ACL user menuroom's web tier and socket replicas log in as. */
export const REDIS_APP_USER = 'menuroom';

/**
 * What the app user may do: every data, scripting and pub/sub command on any key and channel, none
 * of the `@dangerous` ones (FLUSHALL, CONFIG, DEBUG, KEYS, SHUTDOWN, MODULE, REPLICAOF, ACL, ...),
 * except three it needs: INFO (the store reads used_memory against maxmemory before it opens a
 * room), CLIENT LIST and CLIENT KILL (the subscriber watchdog finds and kills its own stuck
 * subscriber connection, server/src/redisWatchdog.ts). docker compose applies the same rules
 * (scripts/compose/redis-start.sh; test/infra/compose.unit.test.ts holds them equal).
 */
export const REDIS_APP_ACL = '~* &* +@all -@dangerous +info +client|list +client|kill';

/** Default `maxmemory` of a native Redis (REDIS_MAXMEMORY overrides it): room data of a small server. */
export const DEFAULT_REDIS_MAXMEMORY = '512mb';

export interface RedisCredentials {
  /** Password of the `menuroom` ACL user. */
  appPassword: string;
  /** Password of the `default` user (all commands). */
  adminPassword: string;
}

export interface RedisServerOptions {
  /** Default: a free port. Reuse one to restart Redis where its clients expect it. */
  port?: number;
  /**
   * Data directory; default a new temporary one. Reuse one to recover the data from the AOF: the
   * passwords kept there are reused too, so clients of the previous run can log in again.
   */
  dir?: string;
  appendonly?: boolean;
  appendfsync?: 'always' | 'everysec' | 'no';
  /** RDB snapshots (`--save`); default none. */
  save?: string;
  /** `maxmemory` (e.g. "512mb", "20mb"); default REDIS_MAXMEMORY or DEFAULT_REDIS_MAXMEMORY. */
  maxmemory?: string;
  /** Where its output goes; default `<dir>/redis.log`. */
  logFile?: string;
  readyTimeoutMs?: number;
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Passwords to use instead of the ones of `dir` (the nodes of one cluster share theirs). */
  credentials?: RedisCredentials;
  /**
   * More configuration (e.g. a cluster node's), written to a file only the owner may read, so
   * secrets in it (masterauth) never show in `ps`.
   */
  config?: string[];
  /** Name of its process in logs and pid files; default `redis`. */
  name?: string;
}

export interface RedisServer {
  /** What menuroom's processes use: the `menuroom` ACL user, e.g. redis://menuroom:<pw>@127.0.0.1:port */
  url: string;
  /** The `default` user with every command (CONFIG, KEYS, FLUSHALL): for tests and operators only. */
  adminUrl: string;
  port: number;
  dir: string;
  process: ManagedProcess;
  /** Stops it (SIGTERM: a clean shutdown that flushes the AOF) and keeps its directory. */
  shutdown(): Promise<void>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

const redisBinary = () => (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server');

const CREDENTIALS_FILE = 'menuroom-credentials.json';

/**
 * The passwords of the Redis whose data lives in `dir`: read back when it was started there before,
 * otherwise new random ones (hex, so they go into a URL unchanged), kept in a file only the owner
 * may read, next to the data they protect.
 */
export function redisCredentials(dir: string): RedisCredentials {
  const file = join(dir, CREDENTIALS_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RedisCredentials;
  const credentials = {
    appPassword: randomBytes(24).toString('hex'),
    adminPassword: randomBytes(24).toString('hex'),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export const redisUrlFor = (user: string, password: string, port: number) =>
  `redis://${user}:${password}@127.0.0.1:${port}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The ACL file: password hashes only, so neither the file nor `ps` shows a password. */
function writeAclFile(dir: string, credentials: RedisCredentials): string {
  const file = join(dir, 'users.acl');
  writeFileSync(
    file,
    [
      `user default on #${sha256(credentials.adminPassword)} ~* &* +@all`,
      `user ${REDIS_APP_USER} on #${sha256(credentials.appPassword)} ${REDIS_APP_ACL}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}

/**
 * Starts one Redis. With MENUROOM_TEST_REDIS=cluster, a call without `port` or `dir` (a test's own
 * throwaway Redis) starts a 3-master cluster instead (cluster.ts), whose `url` and `adminUrl` list
 * its nodes: createRedis connects to a cluster then, so the same integration tests run on both
 * topologies (`npm run test:cluster`). The stack launcher always passes both.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (
    process.env.MENUROOM_TEST_REDIS === 'cluster' &&
    options.port === undefined &&
    options.dir === undefined
  ) {
    const { startRedisCluster } = await import('./cluster');
    return (
      await startRedisCluster({ maxmemory: options.maxmemory, appendonly: options.appendonly })
    ).asServer();
  }
  const port = options.port ?? (await freePorts(1))[0] ?? 0;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'menuroom-redis-'));
  mkdirSync(dir, { recursive: true });
  const credentials = options.credentials ?? redisCredentials(dir);
  const maxmemory = options.maxmemory ?? process.env.REDIS_MAXMEMORY ?? DEFAULT_REDIS_MAXMEMORY;
  const args: string[] = [];
  if (options.config) {
    const file = join(dir, 'extra.conf');
    writeFileSync(file, `${options.config.join('\n')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    args.push(file);
  }
  args.push('--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no');
  args.push('--aclfile', writeAclFile(dir, credentials));
  // noeviction: at the limit Redis refuses writes instead of silently dropping a live room; the
  // store stops opening new rooms before that, so the rooms already open keep working.
  args.push('--maxmemory', maxmemory, '--maxmemory-policy', 'noeviction');
  args.push('--save', options.save ?? '', '--appendonly', options.appendonly ? 'yes' : 'no');
  args.push('--appendfsync', options.appendfsync ?? 'everysec');
  const proc = spawnLogged(options.name ?? 'redis', redisBinary(), args, {
    cwd: dir,
    env: process.env,
    logFile: options.logFile ?? join(dir, 'redis.log'),
    onUnexpectedExit: options.onUnexpectedExit,
  });
  // PING before AUTH answers -NOAUTH, which still shows Redis is up; redisPong authenticates.
  await waitUntil(
    'PONG',
    () => redisPong(port, { user: REDIS_APP_USER, password: credentials.appPassword }),
    proc,
    options.readyTimeoutMs ?? 10_000,
  );
  return {
    url: redisUrlFor(REDIS_APP_USER, credentials.appPassword, port),
    adminUrl: redisUrlFor('default', credentials.adminPassword, port),
    port,
    dir,
    process: proc,
    shutdown: () => stopProcess(proc, 'SIGTERM', 10_000),
    async stop() {
      await stopProcess(proc, 'SIGKILL', 1_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
