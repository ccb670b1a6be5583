import { type Server as HttpServer, createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import {
  type ConnectErrorData,
  type ErrorCode,
  HandshakeAuthSchema,
  SOCKET_PATH,
  describeZodError,
} from '../../lib/protocol';
import { registerMemberHandlers } from './handlers/members';
import { PRESENCE_HEARTBEAT_MS, presenceHeartbeat, registerPresenceHandlers } from './handlers/presence';
import { registerPickHandlers } from './handlers/picks';
import { registerRoomHandlers } from './handlers/room';
import { TokenBucket } from './rateLimit';
import type { RedisClient } from './store/redisClient';
import type { RoomStore } from './store/roomStore';
import { type HandlerContext, type MenuroomServer, channelOf } from './types';

export interface SocketServerDeps {
  store: RoomStore;
  /** Publishes broadcasts (and serves the store); the subscriber is a duplicate in subscriber mode. */
  pubClient: RedisClient;
  subClient: RedisClient;
  replicaId: string;
  log?: HandlerContext['log'];
}

export interface SocketServer {
  io: MenuroomServer;
  httpServer: HttpServer;
  /** Stops accepting, closes every socket (clients reconnect elsewhere) and the adapter. */
  close(): Promise<void>;
}

function connectError(code: ErrorCode, message: string): Error {
  const error = new Error(message) as Error & { data: ConnectErrorData };
  error.data = { code };
  return error;
}

export function createSocketServer(deps: SocketServerDeps): SocketServer {
  const log =
    deps.log ??
    ((message, extra) => console.log(JSON.stringify({ replica: deps.replicaId, message, ...extra })));
  const httpServer = createServer((req, res) => {
    // Liveness: the process answers. Readiness: it can reach Redis, so it can serve a room.
    if (req.url === '/healthz') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ replicaId: deps.replicaId }));
    } else if (req.url === '/readyz') {
      const ready = deps.pubClient.isReady && deps.subClient.isReady;
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready }));
    } else {
      res.writeHead(404).end();
    }
  });
  const io: MenuroomServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Small payloads only: the biggest legitimate event is a display name.
    maxHttpBufferSize: 16 * 1024,
    adapter: createShardedAdapter(deps.pubClient, deps.subClient, { subscriptionMode: 'dynamic' }),
  });
  const ctx: HandlerContext = { io, store: deps.store, replicaId: deps.replicaId, log };

  io.use((socket, next) => {
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(connectError('invalid_payload', describeZodError(parsed.error)));
    const { roomId, memberToken } = parsed.data;
    authenticate(ctx.store, roomId, memberToken)
      .then((result) => {
        if (!result.ok) return next(connectError(result.code, REJECTIONS[result.code]));
        socket.data = { roomId, memberId: result.memberId, rateLimit: new TokenBucket() };
        next();
      })
      .catch((error: unknown) => {
        log('handshake failed', { error: String(error) });
        next(connectError('unavailable', 'The room cannot be reached right now; retrying.'));
      });
  });

  io.on('connection', (socket) => {
    socket.join(channelOf(socket.data.roomId));
    registerRoomHandlers(socket, ctx);
    registerMemberHandlers(socket, ctx);
    registerPickHandlers(socket, ctx);
    registerPresenceHandlers(socket, ctx);
  });

  const heartbeat = setInterval(() => {
    presenceHeartbeat(ctx).catch((error) => log('presence heartbeat failed', { error: String(error) }));
  }, PRESENCE_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    io,
    httpServer,
    async close() {
      clearInterval(heartbeat);
      await io.close();
    },
  };
}

const REJECTIONS = {
  room_not_found: 'This room does not exist or has expired.',
  unauthorised: 'This member key is not valid for this room.',
} as const;

type Authentication = { ok: true; memberId: string | null } | { ok: false; code: keyof typeof REJECTIONS };

async function authenticate(store: RoomStore, roomId: string, memberToken?: string): Promise<Authentication> {
  if (!(await store.roomExists(roomId))) return { ok: false, code: 'room_not_found' };
  if (!memberToken) return { ok: true, memberId: null };
  const memberId = await store.authenticate(roomId, memberToken);
  return memberId ? { ok: true, memberId } : { ok: false, code: 'unauthorised' };
}
