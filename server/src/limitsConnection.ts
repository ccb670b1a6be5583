// Defences at the connection level, before any event: only this deployment's Origin and Host, a
// bounded number of connections and handshakes per address, one socket.io CONNECT per engine.io
// connection, and a bounded write buffer so a client that stops reading cannot grow the replica.
import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket as EngineSocket } from 'engine.io';
import type { Logger } from '../../lib/log';
import type { ErrorCode, HttpErrorBody } from '../../lib/protocol';
import { type PublicAccess, clientAddress, hostNameAllowed, originAllowed } from '../../lib/publicAccess';
import type { SharedLimits } from './limits';
import type { SocketMetrics } from './metrics';
import type { MenuroomServer, MenuroomSocket } from './types';

export interface ConnectionLimits {
  /** Open engine.io connections per client address on one replica (a restaurant NAT has many). */
  connectionsPerAddress: number;
  /**
   * Bytes (UTF-16 units of queued text, plus 64 per packet) waiting behind the message being written
   * to a socket before it is disconnected. A single message larger than this (a snapshot of a huge
   * room) is still sent when nothing waits behind it.
   */
  writeBacklogBytes: number;
  /** A socket whose queued messages have not moved for this long is disconnected. */
  writeStallMs: number;
}

export const CONNECTION_LIMITS: ConnectionLimits = {
  connectionsPerAddress: 30,
  writeBacklogBytes: 2 * 1024 * 1024,
  // Longer than a phone on a poor mobile link needs to take in a large snapshot, shorter than the
  // 45 s engine.io gives a silent client (which unsolicited pongs would keep resetting).
  writeStallMs: 30_000,
};

const PACKET_OVERHEAD_BYTES = 64;

/** The address of the person behind an engine.io request (nginx's X-Real-IP when nginx sent it). */
function requestAddress(req: IncomingMessage): string {
  return clientAddress(req.socket?.remoteAddress, req.headers['x-real-ip']);
}

/**
 * The same for a socket.io socket. The peer address is the one engine.io kept at the handshake: over
 * long-polling, the handshake's TCP connection may be gone by the time the CONNECT arrives.
 */
export function socketAddress(socket: MenuroomSocket): string {
  return clientAddress(socket.handshake.address, socket.handshake.headers['x-real-ip']);
}

function connectionAddress(conn: EngineSocket): string {
  return clientAddress(conn.remoteAddress, conn.request.headers['x-real-ip']);
}

function refusalBody(code: ErrorCode, message: string): string {
  const body: HttpErrorBody<ErrorCode> = { error: { code, message } };
  return JSON.stringify(body);
}

const STATUS_TEXT: Record<number, string> = { 403: 'Forbidden', 429: 'Too Many Requests' };

/** Answers an engine.io request (long-polling) or websocket upgrade with a clear HTTP error. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: 403 | 429,
  code: ErrorCode,
  message: string,
) {
  const body = refusalBody(code, message);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
    ...(status === 429 ? { 'Retry-After': '5' } : {}),
  };
  if (res instanceof ServerResponse) {
    res.writeHead(status, headers).end(body);
    return;
  }
  // A websocket upgrade: engine.io hands middlewares a stand-in response, so answer on the socket.
  const socket: Duplex = req.socket;
  socket.on('error', () => {});
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\n${head}\r\n${body}`);
  setTimeout(() => socket.destroy(), 1_000).unref();
}

interface WriteState {
  backlog: number;
  /** When the backlog last went from empty to non-empty. */
  since: number;
  dropping: boolean;
}

export interface ConnectionGuard {
  stop(): void;
}

/**
 * Installs the connection defences on a socket.io server. Returns a handle whose stop() ends the
 * stall check (the drain does it).
 */
export function guardConnections(
  io: MenuroomServer,
  options: {
    access: PublicAccess;
    limits: SharedLimits;
    log: Logger;
    settings: ConnectionLimits;
    metrics: SocketMetrics;
  },
): ConnectionGuard {
  const { access, limits, log, settings, metrics } = options;
  const openPerAddress = new Map<string, number>();
  const writeStates = new Map<EngineSocket, WriteState>();

  // Every engine.io request goes through here: the handshake, every long-polling request, and the
  // websocket upgrade. A browser always sends Origin on the last two kinds and on cross-site polls.
  io.engine.use(
    (req: IncomingMessage & { _query?: { sid?: string } }, res: ServerResponse, next: () => void) => {
      if (!hostNameAllowed(access, req.headers.host)) {
        return refuse(req, res, 403, 'not_allowed', 'This server does not answer for that host name.');
      }
      if (!originAllowed(access, req.headers.origin)) {
        return refuse(req, res, 403, 'not_allowed', 'Pages on other sites may not connect to menuroom.');
      }
      if (req._query?.sid) return next();
      const address = requestAddress(req);
      if (limits.isPenalised(address)) {
        metrics.refused('floodPenalty');
        return refuse(req, res, 429, 'rate_limited', 'This network sent too much; try again in a minute.');
      }
      if ((openPerAddress.get(address) ?? 0) >= settings.connectionsPerAddress) {
        metrics.refused('connectionsPerAddress');
        return refuse(
          req,
          res,
          429,
          'rate_limited',
          'Too many connections from this network; try again soon.',
        );
      }
      limits.admitHandshake(address).then((admitted) => {
        if (admitted) next();
        else
          refuse(
            req,
            res,
            429,
            'rate_limited',
            'Too many new connections from this network; try again soon.',
          );
      });
    },
  );

  const drop = (conn: EngineSocket, state: WriteState, reason: 'write buffer full' | 'write stalled') => {
    if (state.dropping) return;
    state.dropping = true;
    metrics.slowReader(reason);
    // Not in the middle of the write (which may be one step of a broadcast to a whole room).
    setImmediate(() => {
      log.warn({ address: conn.remoteAddress, backlog: state.backlog, reason }, 'slow reader disconnected');
      // A websocket's close handshake would wait behind the unread data: cut the TCP connection.
      (conn.transport as unknown as { socket?: { terminate?: () => void } }).socket?.terminate?.();
      conn.close(true);
    });
  };

  io.engine.on('connection', (conn: EngineSocket) => {
    const address = connectionAddress(conn);
    const open = (openPerAddress.get(address) ?? 0) + 1;
    openPerAddress.set(address, open);
    const state: WriteState = { backlog: 0, since: 0, dropping: false };
    writeStates.set(conn, state);
    conn.once('close', () => {
      writeStates.delete(conn);
      const left = (openPerAddress.get(address) ?? 1) - 1;
      if (left > 0) openPerAddress.set(address, left);
      else openPerAddress.delete(address);
    });
    // Handshakes that raced past the count in the middleware (it awaits Redis) are closed here.
    if (open > settings.connectionsPerAddress) {
      metrics.refused('connectionsPerAddress');
      conn.close(true);
      return;
    }
    // Every packet is queued here first; engine.io hands the queue to the transport ("flush") only
    // once the previous batch was written out, so what waits is what the client has not taken in.
    conn.on('packetCreate', (packet: { data?: string | Buffer }) => {
      const data = packet.data;
      const size = PACKET_OVERHEAD_BYTES + (typeof data === 'string' ? data.length : (data?.byteLength ?? 0));
      if (state.backlog > 0 && state.backlog + size > settings.writeBacklogBytes) {
        drop(conn, state, 'write buffer full');
        return;
      }
      if (state.backlog === 0) state.since = Date.now();
      state.backlog += size;
    });
    conn.on('flush', () => {
      state.backlog = 0;
    });
  });

  // A reader that takes in nothing but sends pongs (engine.io then keeps it open) and receives too
  // little to fill the backlog: its queue stops moving.
  const stallCheck = setInterval(
    () => {
      const now = Date.now();
      for (const [conn, state] of writeStates) {
        if (state.backlog > 0 && now - state.since > settings.writeStallMs)
          drop(conn, state, 'write stalled');
      }
    },
    Math.max(250, Math.min(5_000, settings.writeStallMs / 4)),
  );
  stallCheck.unref();

  return {
    stop() {
      clearInterval(stallCheck);
    },
  };
}

/**
 * One socket.io CONNECT per engine.io connection at a time: authentication is async, and without this
 * twenty CONNECTs sent back to back on one websocket made twenty sockets. The claim is given back when
 * the attempt fails or the socket disconnects, so a client retrying on the same connection can.
 */
export class ConnectClaims {
  private readonly claimed = new WeakSet<object>();

  claim(socket: MenuroomSocket): boolean {
    if (this.claimed.has(socket.conn)) return false;
    this.claimed.add(socket.conn);
    return true;
  }

  release(socket: MenuroomSocket): void {
    this.claimed.delete(socket.conn);
  }
}
