// Free ports and readiness probes for the stack launcher.
import { get as httpGet } from 'node:http';
import { createConnection, createServer, type Server } from 'node:net';
import type { ManagedProcess } from './processes';
import { tailOf } from './processes';

/**
 * Ports the kernel hands out for port 0 on 127.0.0.1. All listeners are held until every port is
 * known, so one call never returns the same port twice; another program could still take one
 * before our process binds it (rare; the stack then fails to start with a clear log).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
      });
    }
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port assigned');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Fails with a clear message when `port` is taken (a stray nginx would otherwise answer our probes). */
export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`port ${host}:${port} is not free (${error.code}); is another stack running?`)),
    );
    server.listen(port, host, resolve);
  });
  await new Promise((resolve) => server.close(resolve));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns true. Fails early, with the end of its log, when `proc` exits, and
 * after `timeoutMs` otherwise.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  proc: ManagedProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.hasExited()) throw new Error(`${proc.name} exited before ${what}:\n${tailOf(proc.logFile)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${proc.name}: no ${what} after ${timeoutMs} ms:\n${tailOf(proc.logFile)}`);
    await sleep(100);
  }
}

/**
 * GET `url`: true on 200. `host` is sent as the Host header: Next and the replicas answer only the
 * host names in PUBLIC_ORIGINS, and a probe goes to their own port, not nginx's.
 */
export function httpOk(url: string, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = httpGet(url, { headers: host ? { host } : {}, timeout: 2_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode === 200));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

/**
 * Logs in (AUTH) and sends PING over RESP; true on +OK then +PONG (a loading or busy Redis answers
 * -LOADING / -BUSY, a wrong password -WRONGPASS).
 */
export function redisPong(
  port: number,
  login: { user: string; password: string },
  host = '127.0.0.1',
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const lines = reply.split('\r\n');
      if (lines.length > 2) finish(lines[0] === '+OK' && lines[1] === '+PONG');
    });
    socket.write(`AUTH ${login.user} ${login.password}\r\nPING\r\n`);
  });
}
