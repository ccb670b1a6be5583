// The compose Redis without Docker: scripts/compose/redis-start.sh and the redis-server options of
// docker-compose.yml, run by this machine's Redis on loopback (the image's docker-entrypoint.sh, which
// only drops to the redis user, is left out; the data and ACL file go to a temp directory). Checks
// that the ACL file it writes is valid, that nobody gets in without the password, that the
// menuroom user has the app's rights, and that the service's health check passes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePorts } from '../../scripts/stack/wait';

const ROOT = join(import.meta.dirname, '../..');
const redisService = (
  parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: { redis: { command: string[]; healthcheck: { test: string[] } } };
  }
).services.redis;
const PASSWORD = 'compose-test-0123456789abcdef';

let redis: ChildProcess;
let dir: string;
let port: number;

beforeAll(async () => {
  [port] = (await freePorts(1)) as [number];
  dir = mkdtempSync(join(tmpdir(), 'menuroom-compose-redis-'));
  // compose's command without the image's entrypoint, with compose's defaults filled in.
  const [, script, , ...server] = redisService.command;
  const options = server
    .slice(1)
    .map((arg) =>
      arg === '/run/menuroom-redis/users.acl'
        ? join(dir, 'users.acl')
        : arg.replace(/^\$\{REDIS_MAXMEMORY:-(.+)\}$/, '$1'),
    );
  expect(script).toBe('/usr/local/lib/menuroom/redis-start.sh');
  redis = spawn(
    'sh',
    [
      'scripts/compose/redis-start.sh',
      'redis-server',
      ...options,
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'no'],
    ],
    { cwd: ROOT, env: { ...process.env, REDIS_PASSWORD: PASSWORD }, stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!healthy()) {
    if (Date.now() > deadline) throw new Error('compose Redis never became healthy');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(() => {
  redis?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The service's own health check, as the container's shell runs it ($$ is compose's escape for $). */
function healthy(password = PASSWORD): boolean {
  const [kind, command = ''] = redisService.healthcheck.test;
  expect(kind).toBe('CMD-SHELL');
  const shell = command.replaceAll('$$', '$').replace('redis-cli', `redis-cli -p ${port}`);
  return spawnSync('sh', ['-c', shell], { env: { ...process.env, REDIS_PASSWORD: password } }).status === 0;
}

const connect = async (url: string) => {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  client.on('error', () => {});
  await client.connect();
  return client;
};

it('fails its health check with a wrong password', () => {
  expect(healthy('not-the-password-0123456789')).toBe(false);
});

it('lets nobody in without the password: no anonymous client, the default user is off', async () => {
  await expect(connect(`redis://127.0.0.1:${port}`)).rejects.toThrow(/NOAUTH/);
  await expect(connect(`redis://default:${PASSWORD}@127.0.0.1:${port}`)).rejects.toThrow(/WRONGPASS/);
});

it('gives the menuroom user the app rights, maxmemory 1gb and noeviction', async () => {
  const app = await connect(`redis://menuroom:${PASSWORD}@127.0.0.1:${port}`);
  try {
    await app.set('probe', '1');
    const memory = await app.info('memory');
    expect(memory).toContain(`maxmemory:${1024 ** 3}`);
    expect(memory).toContain('maxmemory_policy:noeviction');
    expect(String(await app.sendCommand(['CLIENT', 'LIST']))).toContain('user=menuroom');
    await expect(app.sendCommand(['FLUSHALL'])).rejects.toThrow(/NOPERM/);
  } finally {
    app.destroy();
  }
});
