// The one way menuroom starts a Redis server on loopback: the stack launcher and the integration
// tests both call startRedisServer.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, spawnLogged, stopProcess } from './processes';
import { freePorts, redisPong, waitUntil } from './wait';

export interface RedisServerOptions {
  /** Default: a free port. Reuse one to restart Redis where its clients expect it. */
  port?: number;
  /** Data directory; default a new temporary one. Reuse one to recover the data from the AOF. */
  dir?: string;
  appendonly?: boolean;
  appendfsync?: 'always' | 'everysec' | 'no';
  /** RDB snapshots (`--save`); default none. */
  save?: string;
  /** Where its output goes; default `<dir>/redis.log`. */
  logFile?: string;
  readyTimeoutMs?: number;
  onUnexpectedExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  process: ManagedProcess;
  /** Stops it (SIGTERM: a clean shutdown that flushes the AOF) and keeps its directory. */
  shutdown(): Promise<void>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

const redisBinary = () => (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server');

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePorts(1))[0] ?? 0;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'menuroom-redis-'));
  // Loopback only: protected mode stays on and needs no password.
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no'];
  args.push('--save', options.save ?? '', '--appendonly', options.appendonly ? 'yes' : 'no');
  args.push('--appendfsync', options.appendfsync ?? 'everysec');
  const proc = spawnLogged('redis', redisBinary(), args, {
    cwd: dir,
    env: process.env,
    logFile: options.logFile ?? join(dir, 'redis.log'),
    onUnexpectedExit: options.onUnexpectedExit,
  });
  await waitUntil('PONG', () => redisPong(port), proc, options.readyTimeoutMs ?? 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
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
