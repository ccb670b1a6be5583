// What every abuse class shares: the real stack behind nginx, clients that come from chosen loopback
// addresses (127.0.0.0/8 is all loopback on Linux, so each "person" can have an address of its own
// and the limits per address see an attacker and a victim as two people), raw and socket.io
// connections over websocket and long-polling, and the checks that must hold after every class.
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join as joinPath } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import {
  type CreateRoomRequest,
  type CreateRoomResponse,
  ERROR_CODES,
  type ErrorCode,
  EVENTS,
  PROTOCOL_VERSION,
  type Reply,
  type RoomSnapshot,
  SOCKET_PATH,
} from '../../lib/protocol';
import { createRedis, type MenuroomRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import type { Stack } from '../../scripts/stack/index';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------- addresses ----------

/** The people who are not attacking: each has an address no attacker shares. */
export const LEGIT = {
  victimHost: '127.0.0.2',
  victimGuest: '127.0.0.3',
  quiet: '127.0.0.4',
  tableHost: '127.0.0.5',
  tableGuest: '127.0.0.6',
  latecomer: '127.0.0.7',
  checker: '127.0.0.8',
  uploader: '127.0.0.9',
} as const;

let nextAttacker = 0;
/** A fresh attacker address (127.0.1.1, 127.0.1.2, ...): one per case, so limits do not carry over. */
export function attackerAddress(): string {
  nextAttacker++;
  return `127.0.${1 + Math.floor(nextAttacker / 250)}.${1 + (nextAttacker % 250)}`;
}

// ---------- HTTP ----------

export interface HttpAnswer {
  /** 0 when the connection was closed or reset without an answer (nginx `return 444`, a reset). */
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  error?: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  from: string;
  timeoutMs?: number;
}

/** One HTTP request from a chosen loopback address (node:http: any Host and Origin can be sent). */
export function http(url: string, options: HttpOptions): Promise<HttpAnswer> {
  const target = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: HttpAnswer) => {
      if (!settled) {
        settled = true;
        resolve(answer);
      }
    };
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.from,
        agent: false,
        timeout: options.timeoutMs ?? 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (err) =>
          done({ status: res.statusCode ?? 0, headers: res.headers, text: '', error: err.message }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    // A server that answers early (413 before the body is sent) may reset the rest of the upload;
    // give its answer a moment to arrive before calling the request unanswered.
    req.on('error', (err) =>
      setTimeout(() => done({ status: 0, headers: {}, text: '', error: err.message }), 200),
    );
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

export function jsonOf(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return null;
  }
}

/** `{ error: { code, message } }` with a known code and a sentence, as every route must refuse. */
export function httpErrorCode(answer: HttpAnswer): string | null {
  const body = jsonOf(answer) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = body?.error?.code;
  const message = body?.error?.message;
  return typeof code === 'string' && typeof message === 'string' && message.length > 0 ? code : null;
}

// ---------- the stack and the people in it ----------

export interface Credentials {
  roomId: string;
  memberId: string;
  memberToken: string;
}

export interface Harness {
  stack: Stack;
  redis: MenuroomRedis;
  store: RedisRoomStore;
  /** The browser's own origin: what a page served by this deployment sends. */
  origin: string;
}

export async function connectHarness(stack: Stack): Promise<Harness> {
  // The admin user where the stack has one (the app's ACL user may not read every key it needs).
  const redis = createRedis((stack as Stack & { redisAdminUrl?: string }).redisAdminUrl ?? stack.redisUrl);
  redis.on('error', () => {});
  await redis.connect();
  return { stack, redis, store: new RedisRoomStore(redis), origin: stack.url };
}

/** What the room's page sends with a POST: its own origin, as a browser on menuroom would. */
export function sameOriginHeaders(h: Harness, contentType = 'application/json'): Record<string, string> {
  return { origin: h.origin, 'sec-fetch-site': 'same-origin', 'content-type': contentType };
}

export async function createRoom(
  h: Harness,
  from: string,
  room: CreateRoomRequest,
): Promise<CreateRoomResponse> {
  const answer = await http(`${h.stack.url}/api/rooms`, {
    method: 'POST',
    from,
    headers: sameOriginHeaders(h),
    body: JSON.stringify(room),
  });
  if (answer.status !== 201) throw new Error(`creating a room from ${from}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as CreateRoomResponse;
}

export function menuOf(dishes: number, label = 'Dish'): CreateRoomRequest['dishes'] {
  return Array.from({ length: dishes }, (_, i) => ({ name: `${label} ${i + 1}`, priceMinor: 1000 + i }));
}

export function roomRequest(title: string, dishes = 3): CreateRoomRequest {
  return { title, currency: 'EUR', hostName: 'Host', dishes: menuOf(dishes) };
}

// ---------- socket.io clients ----------

export type Transport = 'websocket' | 'polling';
export type Client = Socket;
export type ErrorCodeList = ErrorCode[];

export interface ConnectOptions {
  roomId: string;
  memberToken?: string;
  transport: Transport;
  from: string;
  /** Default: the deployment's own origin. */
  origin?: string | null;
  auth?: Record<string, unknown>;
}

export type ConnectOutcome = { ok: true; socket: Client } | { ok: false; code: string; message: string };

/** A socket.io client from `from`; resolves with the socket or with the coded refusal. */
export function connect(h: Harness, options: ConnectOptions): Promise<ConnectOutcome> {
  const origin = options.origin === undefined ? h.origin : options.origin;
  const socket = io(h.stack.url, {
    path: SOCKET_PATH,
    transports: [options.transport],
    auth: {
      protocol: PROTOCOL_VERSION,
      roomId: options.roomId,
      ...(options.memberToken ? { memberToken: options.memberToken } : {}),
      ...options.auth,
    },
    query: { k: `abuse-${Math.random().toString(36).slice(2)}` },
    extraHeaders: origin ? { origin } : {},
    agent: new Agent({ localAddress: options.from }) as unknown as string,
    localAddress: options.from,
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  } as Parameters<typeof io>[1]);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ ok: true, socket }));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve({ ok: false, code: error.data?.code ?? 'transport', message: error.message });
    });
  });
}

export async function connectOrThrow(h: Harness, options: ConnectOptions): Promise<Client> {
  const outcome = await connect(h, options);
  if (!outcome.ok) throw new Error(`connect from ${options.from}: ${outcome.code} ${outcome.message}`);
  return outcome.socket;
}

/** Emits with an acknowledgement; a missing answer within the time is `{ ok: false, code: 'no_answer' }`. */
export async function ask<T = unknown>(socket: Client, event: string, ...args: unknown[]): Promise<Reply<T>> {
  try {
    return (await socket.timeout(8_000).emitWithAck(event, ...args)) as Reply<T>;
  } catch {
    return {
      ok: false,
      error: { code: (socket.connected ? 'no_answer' : 'disconnected') as ErrorCode, message: '' },
    };
  }
}

let opCounter = 0;
export const newOpId = () => `abuseop-${Date.now().toString(36)}-${(opCounter++).toString(36)}`;

export function change(socket: Client, type: string, fields: Record<string, unknown>) {
  return ask<{ version: number }>(socket, EVENTS.roomChange, {
    opId: newOpId(),
    change: { type, ...fields },
  });
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);
/** A refusal the page can show: a known code and a sentence. */
export function isClearRefusal(reply: Reply<unknown>, ...codes: ErrorCode[]): boolean {
  if (reply.ok) return false;
  const { code, message } = reply.error;
  return KNOWN_CODES.has(code) && message.length > 0 && (codes.length === 0 || codes.includes(code));
}

export function describeReply(reply: Reply<unknown>): string {
  return reply.ok
    ? `ok ${JSON.stringify(reply.data).slice(0, 120)}`
    : `${reply.error.code}: ${reply.error.message}`;
}

export async function join(
  h: Harness,
  from: string,
  roomId: string,
  name: string,
): Promise<Credentials & { socket: Client }> {
  const socket = await connectOrThrow(h, { roomId, transport: 'websocket', from });
  const reply = await ask<Credentials>(socket, EVENTS.memberJoin, { name });
  if (!reply.ok) throw new Error(`joining as ${name} from ${from}: ${describeReply(reply)}`);
  return { ...reply.data, socket };
}

// ---------- raw engine.io / socket.io over a websocket ----------

export interface RawSocket {
  ws: WebSocket;
  /** Every text frame received, in order. */
  received: string[];
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  send(frame: string | Buffer): void;
  /** Resolves with the first received frame that matches, or null after `timeoutMs`. */
  waitFor(match: (frame: string) => boolean, timeoutMs?: number): Promise<string | null>;
  close(): void;
}

export interface RawOptions {
  from: string;
  headers?: Record<string, string>;
  /** Where to connect: nginx by default. */
  url?: string;
}

/**
 * A websocket speaking engine.io by hand, for frames no socket.io client would send. Resolves once
 * the engine.io open packet ("0{...}") arrived, or with `refused` when the upgrade was refused or the
 * connection closed first.
 */
export function rawSocket(h: Harness, options: RawOptions): Promise<RawSocket | { refused: string }> {
  const base = (options.url ?? h.stack.url).replace(/^http/, 'ws');
  const ws = new WebSocket(`${base}${SOCKET_PATH}/?EIO=4&transport=websocket`, {
    localAddress: options.from,
    headers: { origin: h.origin, ...options.headers },
    handshakeTimeout: 10_000,
  });
  const received: string[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  const closedPromise = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      closed = true;
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters) wake();
    });
  });
  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? `<binary ${(data as Buffer).length}>` : data.toString();
    // Answer the server's pings, as any client does, so only the case under test closes it.
    if (frame === '2') ws.send('3');
    received.push(frame);
    for (const wake of waiters) wake();
  });
  const raw: RawSocket = {
    ws,
    received,
    closed: closedPromise,
    isClosed: () => closed,
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    waitFor(match, timeoutMs = 5_000) {
      return new Promise((resolve) => {
        const check = () => {
          const found = received.find(match);
          if (found !== undefined || closed) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found ?? null);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(received.find(match) ?? null);
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      ws.terminate();
    },
  };
  return new Promise((resolve) => {
    ws.on('error', (err) => resolve({ refused: err.message }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: `HTTP ${res.statusCode}` });
      ws.terminate();
    });
    ws.on('close', () => resolve({ refused: 'closed before the engine.io open packet' }));
    raw
      .waitFor((frame) => frame.startsWith('0{'), 10_000)
      .then((open) => {
        if (open) resolve(raw);
      });
  });
}

export function isRaw(value: RawSocket | { refused: string }): value is RawSocket {
  return 'ws' in value;
}

/** The socket.io CONNECT packet of the default namespace with this auth. */
export const connectFrame = (auth: Record<string, unknown>) =>
  `40${JSON.stringify({ protocol: PROTOCOL_VERSION, ...auth })}`;

// ---------- checks after every class ----------

/** The room as Redis holds it, without what changes by itself (presence, the expiry clock). */
export async function roomState(h: Harness, roomId: string): Promise<string> {
  const snapshot = (await h.store.getSnapshot(roomId)) as RoomSnapshot | null;
  if (!snapshot) return 'gone';
  const { online: _online, expiresAt: _expiresAt, ...rest } = snapshot;
  return JSON.stringify(rest);
}

/** Resident memory of a process in bytes, from /proc (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time a process has used, in ms (user + system, from /proc; 0 when it is gone). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

export function isAlive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pid of a stack process by name ("web", "nginx", "redis"), from the run directory's pids.json. */
export function stackPid(stack: Stack, name: string): number {
  const file = JSON.parse(readFileSync(joinPath(stack.runDir, 'pids.json'), 'utf8')) as {
    processes: { name: string; pid: number }[];
  };
  return file.processes.find((p) => p.name === name)?.pid ?? 0;
}

export const MiB = 1024 * 1024;

// ---------- raw engine.io over long-polling ----------

export interface PollingSession {
  sid: string;
  post(body: string | Buffer): Promise<HttpAnswer>;
  /** One GET: the packets the server has for this session (a held GET is answered within pingInterval). */
  get(timeoutMs?: number): Promise<HttpAnswer>;
}

/** An engine.io long-polling session by hand, from `from`; `refused` when the handshake is refused. */
export async function pollingSession(
  h: Harness,
  from: string,
  headers: Record<string, string> = {},
): Promise<PollingSession | { refused: string }> {
  const k = `abuse-${Math.random().toString(36).slice(2)}`;
  const base = `${h.stack.url}${SOCKET_PATH}/?EIO=4&transport=polling&k=${k}`;
  const allHeaders = { origin: h.origin, ...headers };
  const handshake = await http(base, { from, headers: allHeaders, timeoutMs: 10_000 });
  const sid = handshake.status === 200 ? handshake.text.match(/^0\{"sid":"([^"]+)"/)?.[1] : undefined;
  if (!sid) return { refused: `HTTP ${handshake.status} ${handshake.text.slice(0, 120)}` };
  const url = `${base}&sid=${encodeURIComponent(sid)}`;
  return {
    sid,
    post: (body) =>
      http(url, {
        method: 'POST',
        from,
        body,
        headers: { ...allHeaders, 'content-type': 'text/plain;charset=UTF-8' },
        timeoutMs: 10_000,
      }),
    get: (timeoutMs = 10_000) => http(url, { from, headers: allHeaders, timeoutMs }),
  };
}

export function isSession(value: PollingSession | { refused: string }): value is PollingSession {
  return 'sid' in value;
}

/** engine.io batches packets of one poll with the record separator. */
export const packetsOf = (answer: HttpAnswer) => answer.text.split('\x1e').filter(Boolean);
