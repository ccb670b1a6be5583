// The native stack through nginx, with real processes (needs `npm run build`): routing to Next and
// to the socket replicas, sticky long-polling on the `k` key, least_conn spreading of direct
// websockets from one address, a killed replica being skipped, and stop() leaving nothing behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExtendedError, io, Manager } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack/index';
import { PROTOCOL_VERSION } from '../../lib/protocol';

let stack: Stack;
const startedPids: number[] = [];

beforeAll(async () => {
  stack = await startStack({ name: 'infra-int', replicas: 3 });
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
