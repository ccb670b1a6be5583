// The native stack through nginx, with real processes (needs `npm run build`): routing to Next and
// to the socket replicas, every phone of a room on one replica, sticky long-polling on the `k` key
// of clients that name no room, least_conn spreading of direct websockets that name none, a killed replica being skipped, and stop() leaving nothing behind;
// and what a hostile client meets: Redis only on loopback and only with a password (its app user
// without the dangerous commands), the apps only on loopback, nginx answering only the configured
// host names and refusing floods with 429.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { type ExtendedError, io, Manager } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack/index';
import { PROTOCOL_VERSION } from '../../lib/protocol';

let stack: Stack;
const startedPids: number[] = [];

beforeAll(async () => {
  // Routing by room is an option (nginx/menuroom.conf.template): its test below needs it on, and the
  // other routing tests use clients that name no room, which both settings route alike.
  stack = await startStack({ name: 'infra-int', replicas: 3, socketRouting: 'room' });
  startedPids.push(...stack.replicas.map((r) => r.pid));
});
afterAll(async () => {
  await stack?.stop();
});

/** Access-log lines with k=<key>, as the last upstream address each went to. */
function upstreamsOf(k: string): string[] {
  return readFileSync(stack.accessLog, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith(` k=${k}`))
    .map(
      (line) =>
        line
          .match(/ up=(\S+(?:, \S+)*) ups=/)?.[1]
          ?.split(', ')
          .at(-1) ?? '?',
    );
}

/**
 * A full socket.io connection over long-polling (handshake GET, connect POST, GET for the answer).
 * The room does not exist, so the server's auth middleware answers with a coded connect_error: that
 * answer can only arrive if every request of the session reached the replica that holds it.
 */
function pollingConnect(k: string): Promise<string | undefined> {
  const socket = io(stack.url, {
    path: '/ws',
    transports: ['polling'],
    query: { k },
    auth: { roomId: 'nosuchroom0001', protocol: PROTOCOL_VERSION },
    reconnection: false,
    timeout: 10_000,
  });
  return new Promise((resolve) => {
    socket.on('connect_error', (error: ExtendedError & { data?: { code?: string } }) => {
      socket.close();
      resolve(error.data?.code ?? error.message);
    });
  });
}

/** Alive and not a zombie (an exited child the init process has not reaped yet). */
function isRunning(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A plain HTTP GET with the Host header chosen: fetch() does not let a caller set Host. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host }, timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TCP connection to address:port is accepted (false on refusal or no answer in 2 s). */
function tcpAccepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    const finish = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

/** This machine's own non-loopback IPv4 addresses: what another device on the LAN would dial. */
const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address?.family === 'IPv4' && !address.internal)
  .map((address) => address?.address ?? '');

/** The environment a running process was started with (/proc/<pid>/environ). */
function environmentOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

async function redisClient(url: string) {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// nginx writes a request's access-log line when it ends; give it a moment.
const logSettled = () => sleep(300);

describe('native stack behind nginx', () => {
  it('routes / to Next and /ws/ to the socket replicas', async () => {
    expect((await fetch(`${stack.url}/api/health`)).status).toBe(200);
    const handshake = await fetch(`${stack.url}/ws/?EIO=4&transport=polling&k=probe`);
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toMatch(/^0\{"sid":/);
  });

  it('keeps every request of a long-polling session on one replica', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `poll-${i}`);
    expect(await Promise.all(keys.map(pollingConnect))).toEqual(keys.map(() => 'room_not_found'));
    await logSettled();
    const used = new Set<string>();
    for (const k of keys) {
      const upstreams = upstreamsOf(k);
      expect(upstreams.length, k).toBeGreaterThanOrEqual(3);
      expect(new Set(upstreams).size, `${k}: ${upstreams.join(' ')}`).toBe(1);
      used.add(upstreams[0] ?? '');
    }
    // Different keys from the same address land on different replicas (no ip_hash).
    expect(used.size).toBeGreaterThan(1);
  });

  it('spreads direct websockets from one address evenly (least_conn)', async () => {
    const managers = Array.from(
      { length: 9 },
      (_, i) =>
        new Manager(stack.url, {
          path: '/ws',
          transports: ['websocket'],
          query: { k: `spread-${i}` },
          reconnection: false,
          autoConnect: false,
        }),
    );
    // All open at once, so each new connection sees the others' counts.
    for (const manager of managers)
      await new Promise<void>((resolve, reject) =>
        manager.open((error) => (error ? reject(error) : resolve())),
      );
    for (const manager of managers) manager.engine.close();
    await logSettled();
    const counts = new Map<string, number>();
    for (let i = 0; i < managers.length; i++)
      for (const up of upstreamsOf(`spread-${i}`)) counts.set(up, (counts.get(up) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([3, 3, 3]);
  });

  it('sends every phone of a room to one replica, websocket or long-polling, and spreads rooms', async () => {
    // What the shipped client sends (lib/roomClient): its room and a per-tab key in every request.
    const rooms = Array.from({ length: 12 }, (_, i) => `routeroom${String(i).padStart(4, '0')}`);
    const phones = rooms.flatMap((room) =>
      ['websocket', 'polling', 'websocket', 'polling'].map((transport, i) => ({
        room,
        transport,
        k: `${room}-${i}`,
      })),
    );
    await Promise.all(
      phones.map(
        ({ room, transport, k }) =>
          new Promise<void>((resolve, reject) => {
            const socket = io(stack.url, {
              path: '/ws',
              transports: [transport],
              query: { room, k },
              auth: { roomId: room, protocol: PROTOCOL_VERSION },
              reconnection: false,
              timeout: 10_000,
            });
            socket.on('connect_error', (error: ExtendedError & { data?: { code?: string } }) => {
              socket.close();
              // The room does not exist: only a session whose every request met one replica gets here.
              if (error.data?.code === 'room_not_found') resolve();
              else reject(error);
            });
          }),
      ),
    );
    await logSettled();
    const replicaOfRoom = new Map<string, string>();
    for (const { room, k } of phones) {
      const upstreams = upstreamsOf(k);
      expect(upstreams.length, k).toBeGreaterThanOrEqual(1);
      for (const up of upstreams) {
        expect(up, `${k} went to ${up}, its room to ${replicaOfRoom.get(room)}`).toBe(
          replicaOfRoom.get(room) ?? up,
        );
        replicaOfRoom.set(room, up);
      }
    }
    // Twelve rooms hashed over three replicas: not all on one.
    expect(new Set(replicaOfRoom.values()).size).toBeGreaterThan(1);
  });

  it('skips a killed replica and takes it back after a restart', async () => {
    const victim = stack.replicas[0];
    if (!victim) throw new Error('no replica');
    await stack.killReplica(victim.id);
    try {
      const keys = Array.from({ length: 12 }, (_, i) => `failover-${i}`);
      expect(await Promise.all(keys.map(pollingConnect))).toEqual(keys.map(() => 'room_not_found'));
      await logSettled();
      for (const k of keys) expect(upstreamsOf(k)).not.toContain(`127.0.0.1:${victim.port}`);
    } finally {
      // Later tests expect all replicas, whatever happened above.
      const restarted = await stack.restartReplica(victim.id);
      expect(restarted.pid).not.toBe(victim.pid);
      expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
    }
  });

  it('survives a Redis restart (replicas and Next become ready again)', async () => {
    await stack.restartRedis();
    const deadline = Date.now() + 20_000;
    const ready = async () => {
      const urls = [...stack.replicas.map((r) => `${r.url}/readyz`), `${stack.url}/api/health`];
      const statuses = await Promise.all(
        urls.map((u) =>
          fetch(u).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
      return statuses.every((s) => s === 200);
    };
    while (!(await ready())) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(200);
    }
  });

  it('gives every replica and Next the same PUBLIC_ORIGINS and the menuroom Redis user', () => {
    const origins = `http://127.0.0.1:${stack.port},http://localhost:${stack.port}`;
    expect(stack.publicOrigins).toBe(origins);
    const recorded = JSON.parse(readFileSync(join(stack.runDir, 'pids.json'), 'utf8')) as {
      processes: { name: string; pid: number }[];
    };
    const apps = recorded.processes.filter((p) => p.name === 'web' || p.name.startsWith('socket-'));
    expect(apps).toHaveLength(4);
    for (const app of apps) {
      const env = environmentOf(app.pid);
      expect(env.PUBLIC_ORIGINS, app.name).toBe(origins);
      expect(env.REDIS_URL, app.name).toBe(stack.redisUrl);
      expect(env.REDIS_URL, app.name).toMatch(/^redis:\/\/menuroom:[0-9a-f]{48}@127\.0\.0\.1:\d+$/);
    }
  });

  it('Redis refuses a connection without the password, and a wrong one', async () => {
    await expect(redisClient(`redis://127.0.0.1:${stack.redisPort}`)).rejects.toThrow(/NOAUTH/);
    const wrongUrl = stack.redisUrl.replace(/:[0-9a-f]{48}@/, ':not-the-password@');
    await expect(redisClient(wrongUrl)).rejects.toThrow(/WRONGPASS/);
  });

  it("Redis's menuroom user runs what the app needs and none of the dangerous commands", async () => {
    const app = await redisClient(stack.redisUrl);
    const other = await redisClient(stack.redisUrl);
    try {
      expect(await app.ping()).toBe('PONG');
      expect(await app.info('memory')).toMatch(/maxmemory_policy:noeviction/);
      // What the subscriber watchdog does to its own stuck connection (server/src/redisWatchdog.ts).
      const otherId = String(await other.sendCommand(['CLIENT', 'ID']));
      expect(String(await app.sendCommand(['CLIENT', 'LIST']))).toContain(`id=${otherId} `);
      expect(await app.sendCommand(['CLIENT', 'KILL', 'ID', otherId])).toBe(1);
      for (const command of [
        ['FLUSHALL'],
        ['CONFIG', 'GET', 'maxmemory'],
        ['KEYS', '*'],
        ['ACL', 'LIST'],
        ['REPLICAOF', 'NO', 'ONE'],
      ])
        await expect(app.sendCommand(command), command.join(' ')).rejects.toThrow(/NOPERM/);
    } finally {
      app.destroy();
      // Already gone if CLIENT KILL worked.
      if (other.isOpen) other.destroy();
    }
    const admin = await redisClient(stack.redisAdminUrl);
    expect(await admin.configGet('maxmemory')).toEqual({ maxmemory: String(512 * 1024 * 1024) });
    admin.destroy();
  });

  it.skipIf(lanAddresses.length === 0)('Redis, Next and the replicas listen on loopback only', async () => {
    const ports = [
      stack.redisPort,
      Number(new URL(stack.webUrl ?? '').port),
      ...stack.replicas.map((r) => r.port),
    ];
    for (const port of ports) expect(await tcpAccepts('127.0.0.1', port), `127.0.0.1:${port}`).toBe(true);
    for (const address of lanAddresses)
      for (const port of ports) expect(await tcpAccepts(address, port), `${address}:${port}`).toBe(false);
  });

  it('nginx answers a foreign Host with 421, on pages and on /ws/', async () => {
    for (const path of ['/', '/api/health', '/ws/?EIO=4&transport=polling'])
      for (const host of ['evil.example', `evil.example:${stack.port}`, `192.0.2.99:${stack.port}`]) {
        const answer = await getWithHost(`${stack.url}${path}`, host);
        expect(answer.status, `${host}${path}`).toBe(421);
        expect(JSON.parse(answer.body)).toEqual({
          error: { code: 'not_allowed', message: 'This server does not answer for that host name.' },
        });
      }
    expect((await getWithHost(`${stack.url}/api/health`, `localhost:${stack.port}`)).status).toBe(200);
  });

  it('nginx refuses join-code lookups past the burst with 429 rate_limited', async () => {
    // burst=30 at 60/min: of 45 sent at once about 31 pass nginx (Next may refuse some of them by
    // its own, stricter limit, with its own message), the rest nginx refuses itself.
    const answers = await Promise.all(
      Array.from({ length: 45 }, () =>
        getWithHost(`${stack.url}/api/codes/ABCDEF`, `127.0.0.1:${stack.port}`),
      ),
    );
    const byNginx = answers.filter(
      (a) =>
        a.status === 429 &&
        a.body ===
          '{"error":{"code":"rate_limited","message":"Too many requests; slow down and try again."}}',
    );
    expect(byNginx.length).toBeGreaterThanOrEqual(10);
    expect(byNginx.length).toBeLessThanOrEqual(15);
  });

  it('stop() leaves no process behind', async () => {
    const recorded = JSON.parse(readFileSync(join(stack.runDir, 'pids.json'), 'utf8')) as {
      processes: { pid: number }[];
    };
    const pids = [...startedPids, ...recorded.processes.map((p) => p.pid)];
    expect(recorded.processes.length).toBe(6); // redis, web, 3 replicas, nginx
    await stack.stop();
    for (const pid of pids) expect(isRunning(pid), `pid ${pid}`).toBe(false);
  });
});
