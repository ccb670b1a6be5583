import { type Server as HttpServer, createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import {
  type ConnectErrorData,
  type ErrorCode,
  HandshakeAuthSchema,
  SOCKET_PATH,
  describeZodError,
  ROOM_GONE_MESSAGE,
} from '../../lib/protocol';
import { registerMemberHandlers } from './handlers/members';
import { registerMenuHandlers } from './handlers/menu';
import { PRESENCE_HEARTBEAT_MS, presenceHeartbeat, registerPresenceHandlers } from './handlers/presence';
import { registerPickHandlers } from './handlers/picks';
import { VERSION_BEACON_MS, registerRoomHandlers, versionBeacon } from './handlers/room';
import { healthHandler } from './health';
import { InFlight } from './inFlight';
import { TokenBucket } from './rateLimit';
import { startRedisWatchdog } from './redisWatchdog';
import type { RedisClient } from './store/redisClient';
import type { RoomStore } from './store/roomStore';
import { type HandlerContext, type MenuroomServer, channelOf } from './types';

export interface SocketServerDeps {
  store: RoomStore;
  /** Publishes broadcasts (and serves the store); the subscriber is a duplicate in subscriber mode. */
  pubClient: RedisClient;
  subClient: RedisClient;
  /** The CLIENT SETNAME of subClient, so the watchdog can find and reset its connection. */
  subscriberName: string;
  replicaId: string;
  log?: HandlerContext['log'];
}

export interface SocketServer {
  io: MenuroomServer;
  httpServer: HttpServer;
  /**
   * Graceful stop: refuse new connections, let in-flight operations finish (at most graceMs), then
   * close every connection so its client reconnects to another replica.
   */
  drain(graceMs: number): Promise<void>;
}

function connectError(code: ErrorCode, message: string): Error {
  const error = new Error(message) as Error & { data: ConnectErrorData };
  error.data = { code };
  return error;
}

export async function createSocketServer(deps: SocketServerDeps): Promise<SocketServer> {
  const log =
    deps.log ??
    ((message, extra) => console.log(JSON.stringify({ replica: deps.replicaId, message, ...extra })));
  const watchdog = await startRedisWatchdog({
    pub: deps.pubClient,
    sub: deps.subClient,
    replicaId: deps.replicaId,
    subscriberName: deps.subscriberName,
    log,
  });
  // The health endpoints must be the server's request listener before socket.io attaches: engine.io
  // takes over the listeners present at that moment and calls them only for paths other than /ws.
  const httpServer = createServer(
    healthHandler({
      replicaId: deps.replicaId,
      pub: deps.pubClient,
      sub: deps.subClient,
      redis: watchdog.health,
      isDraining: () => ctx.draining,
    }),
  );
  const io: MenuroomServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Small payloads only: the biggest legitimate event is a display name.
    maxHttpBufferSize: 16 * 1024,
    adapter: createShardedAdapter(deps.pubClient, deps.subClient, { subscriptionMode: 'dynamic' }),
  });
  const ctx: HandlerContext = {
    io,
    store: deps.store,
    replicaId: deps.replicaId,
    log,
    inFlight: new InFlight(),
    draining: false,
  };

  io.use((socket, next) => {
    if (ctx.draining) return next(connectError('unavailable', 'This server is restarting; reconnecting.'));
    const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(connectError('invalid_payload', describeZodError(parsed.error)));
    const { roomId, memberToken } = parsed.data;
    ctx.inFlight
      .track(() => authenticate(ctx.store, roomId, memberToken))
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
    registerMenuHandlers(socket, ctx);
    registerPresenceHandlers(socket, ctx);
  });

  const every = (ms: number, name: string, task: () => Promise<void>) => {
    const timer = setInterval(() => {
      ctx.inFlight.track(task).catch((error) => log(`${name} failed`, { error: String(error) }));
    }, ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(PRESENCE_HEARTBEAT_MS, 'presence heartbeat', () => presenceHeartbeat(ctx)),
    every(VERSION_BEACON_MS, 'version beacon', () => versionBeacon(ctx)),
  ];
  // After the subscriber reconnects (Redis restart, killed connection), broadcasts published in the
  // gap are lost: tell clients the versions once the subscriptions are renewed.
  let subscriberWasDown = false;
  deps.subClient.on('error', () => {
    subscriberWasDown = true;
  });
  deps.subClient.on('ready', () => {
    if (!subscriberWasDown || ctx.draining) return;
    subscriberWasDown = false;
    setTimeout(() => {
      versionBeacon(ctx).catch((error) => log('version beacon failed', { error: String(error) }));
    }, 300).unref();
  });

  return {
    io,
    httpServer,
    async drain(graceMs) {
      ctx.draining = true;
      // Stop accepting connections: nginx gets "connection refused" and sends new clients to
      // another replica at once (proxy_next_upstream), while open connections carry on.
      httpServer.close();
      for (const timer of timers) clearInterval(timer);
      watchdog.stop();
      const started = Date.now();
      await ctx.inFlight.idle(graceMs);
      log('drained', { ms: Date.now() - started, unfinished: ctx.inFlight.size });
      // Closing the engine ends every transport: clients see "transport close" and reconnect elsewhere.
      await io.close();
    },
  };
}

const REJECTIONS = {
  room_not_found: ROOM_GONE_MESSAGE,
  unauthorised: 'This member key is not valid for this room.',
} as const;

type Authentication = { ok: true; memberId: string | null } | { ok: false; code: keyof typeof REJECTIONS };

async function authenticate(store: RoomStore, roomId: string, memberToken?: string): Promise<Authentication> {
  if (!(await store.roomExists(roomId))) return { ok: false, code: 'room_not_found' };
  if (!memberToken) return { ok: true, memberId: null };
  const memberId = await store.authenticate(roomId, memberToken);
  return memberId ? { ok: true, memberId } : { ok: false, code: 'unauthorised' };
}
