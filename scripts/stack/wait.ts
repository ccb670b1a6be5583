// Free ports and readiness probes for the stack launcher.
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

export async function httpOk(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.status === 200;
}

/** Sends PING over RESP; true on +PONG (a loading or busy Redis answers -LOADING / -BUSY). */
export function redisPong(port: number, host = '127.0.0.1'): Promise<boolean> {
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
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
    socket.write('PING\r\n');
  });
}
