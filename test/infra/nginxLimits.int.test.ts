// The limits of the nginx template, by the real nginx in front of stand-in backends on loopback
// (the whole stack is not needed to see what nginx itself refuses): bodies per route (413), open
// /ws connections per address (429), and both answered in the app's error shape.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxArgs, nginxBinary, writeNativeNginxConfig } from '../../scripts/stack/nginx';
import { MAX_EVENT_BYTES } from '../../server/src/limits';
import { freePorts, httpOk } from '../../scripts/stack/wait';

const TOO_LARGE = '{"error":{"code":"too_large","message":"This request is too large."}}';
const RATE_LIMITED =
  '{"error":{"code":"rate_limited","message":"Too many requests; slow down and try again."}}';

let nginx: ChildProcess;
let web: Server;
let socket: Server;
let runDir: string;
let base: string;

beforeAll(async () => {
  const [nginxPort, webPort, socketPort] = (await freePorts(3)) as [number, number, number];
  // Next stand-in: reads the body and answers 200.
  web = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  }).listen(webPort, '127.0.0.1');
  // Replica stand-in: holds every request open, as a long poll or a websocket is held.
  socket = createServer(() => {}).listen(socketPort, '127.0.0.1');
  runDir = mkdtempSync(join(tmpdir(), 'menuroom-nginx-limits-'));
  const mainConf = writeNativeNginxConfig({
    runDir,
    listen: `127.0.0.1:${nginxPort}`,
    serverNames: ['127.0.0.1'],
    socketServers: [`127.0.0.1:${socketPort}`],
    webServers: [`127.0.0.1:${webPort}`],
  });
  nginx = spawn(nginxBinary(), nginxArgs(runDir, mainConf), { stdio: 'ignore' });
  base = `http://127.0.0.1:${nginxPort}`;
  const deadline = Date.now() + 10_000;
  while (!(await httpOk(`${base}/nginx-health`))) {
    if (Date.now() > deadline) throw new Error('nginx did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  nginx?.kill('SIGTERM');
  socket?.closeAllConnections();
  await Promise.all([web, socket].map((server) => new Promise((resolve) => server?.close(resolve))));
  rmSync(runDir, { recursive: true, force: true });
});

async function post(path: string, bytes: number) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'x'.repeat(bytes),
  });
  return { status: response.status, body: await response.text() };
}

describe('nginx body limits per route', () => {
  it.each([
    ['/api/rooms', 100_000, 200_000],
    ['/api/explain', 100_000, 200_000],
    ['/api/photos', 3_000_000, 26 * 1024 * 1024],
  ])('%s takes %i bytes and refuses %i with 413 too_large', async (path, fits, tooLarge) => {
    expect(await post(path, fits)).toEqual({ status: 200, body: 'ok' });
    expect(await post(path, tooLarge)).toEqual({ status: 413, body: TOO_LARGE });
  });

  it('lets a long-polling POST to /ws/ carry the largest event a replica takes, and no more', async () => {
    // Passed on to the replica stand-in, which holds it like a long poll: no answer from nginx.
    const abort = new AbortController();
    const largest = fetch(`${base}/ws/?EIO=4&transport=polling&sid=x`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: 'x'.repeat(MAX_EVENT_BYTES),
      signal: abort.signal,
    }).then(
      (response) => response.status,
      () => 'aborted',
    );
    const answered = await Promise.race([
      largest,
      new Promise((resolve) => setTimeout(resolve, 1_500, 'held')),
    ]);
    abort.abort();
    await largest;
    expect(answered).toBe('held');
    expect(await post('/ws/?EIO=4&transport=polling&sid=x', 7 * 1024 * 1024)).toEqual({
      status: 413,
      body: TOO_LARGE,
    });
  });
});

describe('nginx connection limit on /ws/', () => {
  it('holds 100 open connections from one address and refuses more with 429 rate_limited', async () => {
    const refused: { status: number; body: string }[] = [];
    const held = Array.from({ length: 110 }, (_, i) => {
      const req = request(`${base}/ws/?EIO=4&transport=polling&sid=held-${i}`, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => refused.push({ status: response.statusCode ?? 0, body }));
      });
      req.on('error', () => {});
      req.end();
      return req;
    });
    const deadline = Date.now() + 5_000;
    while (refused.length < 10 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // A moment more: nothing beyond the 10 over the limit may be refused.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const req of held) req.destroy();
    expect(refused).toEqual(Array.from({ length: 10 }, () => ({ status: 429, body: RATE_LIMITED })));
  });
});
