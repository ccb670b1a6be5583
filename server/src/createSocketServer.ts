import { type Server as HttpServer, createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { Logger } from '../../lib/log';
import {
  type ConnectErrorData,
  type ErrorCode,
  ERROR_MESSAGES,
  HandshakeAuthSchema,
  PROTOCOL_VERSION,
  SOCKET_PATH,
  describeZodError,
  protocolsCompatible,
} from '../../lib/protocol';
import { type PublicAccess, readPublicAccess } from '../../lib/publicAccess';
import type { MenuroomRedis } from '../../lib/storage/redis';
import type { RoomStore } from '../../lib/storage/roomStore';
import { registerChangeHandlers } from './handlers/changes';
import { registerMemberHandlers } from './handlers/members';
import { PRESENCE_HEARTBEAT_MS, registerPresenceHandlers, startPresenceHeartbeat } from './handlers/presence';
import { registerRoomHandlers, versionBeacon } from './handlers/room';
import { healthHandler } from './health';
import { type EventBudgets, LIMITS, MAX_EVENT_BYTES, SharedLimits, guardSocket } from './limits';
import { strictParser } from './strictParser';
import {
  CONNECTION_LIMITS,
  ConnectClaims,
  type ConnectionLimits,
  guardConnections,
  socketAddress,
} from './limitsConnection';
import { guardLargeMessages } from './largeMessages';
import { SocketMetrics } from './metrics';
import { PendingWork } from './pendingWork';
import { TokenBucket } from './rateLimit';
import { startRedisWatchdog } from './redisWatchdog';
import { type HandlerContext, type MenuroomServer, roomChannel } from './types';

export interface SocketServerDeps {
  store: RoomStore;
  /** Publishes broadcasts (and serves the store); the subscriber is a duplicate in subscriber mode. */
  pubClient: MenuroomRedis;
  subClient: MenuroomRedis;
  /** The CLIENT SETNAME of subClient, so the watchdog can find and reset its connection. */
  subscriberName: string;
  replicaId: string;
  log: Logger;
  /** The protocol version to speak; only tests that play an older replica set it. */
  protocol?: number;
  /** The origins phones use (PUBLIC_ORIGINS); default: loopback only, as in the in-process tests. */
  publicAccess?: PublicAccess;
  /** Smaller limits, for tests that must reach them quickly; default LIMITS and CONNECTION_LIMITS. */
  limits?: Partial<EventBudgets & ConnectionLimits>;
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

function connectError(code: ErrorCode, message = ERROR_MESSAGES[code]): Error {
  const error = new Error(message) as Error & { data: ConnectErrorData };
  error.data = { code };
  return error;
}

export async function createSocketServer(deps: SocketServerDeps): Promise<SocketServer> {
  const { log } = deps;
  const protocol = deps.protocol ?? PROTOCOL_VERSION;
  const metrics = new SocketMetrics(deps.replicaId);
  metrics.watchRedis('pub', deps.pubClient);
  metrics.watchRedis('sub', deps.subClient);
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
      metrics: () => metrics.render(),
    }),
  );
  const io: MenuroomServer = new Server(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // The biggest legitimate event is a host saving a full menu at every schema limit (limits.ts).
    maxHttpBufferSize: MAX_EVENT_BYTES,
    // Packets that name no event or no call close their connection instead of being ignored.
    parser: strictParser,
    adapter: createShardedAdapter(deps.pubClient, deps.subClient, { subscriptionMode: 'dynamic' }),
  });
  metrics.watchServer(io);
  const ctx: HandlerContext = {
    io,
    store: deps.store,
    replicaId: deps.replicaId,
    protocol,
    log,
    pendingWork: new PendingWork(),
    draining: false,
    metrics,
  };
  const sharedLimits = new SharedLimits(deps.pubClient, log, { ...LIMITS, ...deps.limits }, metrics);
  const connectionGuard = guardConnections(io, {
    access: deps.publicAccess ?? readPublicAccess(''),
    limits: sharedLimits,
    log,
    settings: { ...CONNECTION_LIMITS, ...deps.limits },
    metrics,
  });
  guardLargeMessages(io, { limits: sharedLimits, log });
  const connectClaims = new ConnectClaims();

  io.use((socket, next) => {
    if (ctx.draining) return next(connectError('unavailable', 'This server is restarting; reconnecting.'));
    if (!connectClaims.claim(socket)) {
      return next(
        connectError('not_allowed', 'This connection already has a socket; open a new connection.'),
      );
    }
    const refuse = (error: Error) => {
      connectClaims.release(socket);
      next(error);
    };
    const address = socketAddress(socket);
    ctx.pendingWork
      .track(async () => {
        // Counted before the handshake is read: a stream of invalid handshakes costs its budget too.
        if (!(await sharedLimits.admitConnect(address))) {
          return refuse(
            connectError('rate_limited', 'Too many connections from this network; retrying soon.'),
          );
        }
        const parsed = HandshakeAuthSchema.safeParse(socket.handshake.auth);
        if (!parsed.success) return refuse(connectError('invalid_payload', describeZodError(parsed.error)));
        const { roomId, memberToken, protocol: clientProtocol } = parsed.data;
        if (!protocolsCompatible(protocol, clientProtocol)) return refuse(connectError('protocol_mismatch'));
        try {
          const result = await authenticate(ctx.store, roomId, memberToken);
          if (!result.ok) return refuse(connectError(result.code));
          socket.data = {
            roomId,
            memberId: result.memberId,
            protocol: clientProtocol,
            rateLimit: new TokenBucket(),
          };
        } catch (err) {
          log.warn({ err, room: roomId }, 'handshake failed');
          return refuse(connectError('unavailable', 'The room cannot be reached right now; retrying.'));
        }
        guardSocket(socket, sharedLimits, address);
        socket.once('disconnect', () => connectClaims.release(socket));
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'connect middleware failed');
        refuse(connectError('internal'));
      });
  });

  io.on('connection', (socket) => {
    // Only members hear the room's broadcasts; a visitor (a socket with the link and no member token)
    // asks for the visitor view with room:sync and is put in the channel when it joins.
    if (socket.data.memberId) socket.join(roomChannel(socket.data.roomId));
    registerRoomHandlers(socket, ctx);
    registerMemberHandlers(socket, ctx);
    registerChangeHandlers(socket, ctx);
    registerPresenceHandlers(socket, ctx);
  });

  const every = (ms: number, name: string, task: () => Promise<void>) => {
    const timer = setInterval(() => {
      ctx.pendingWork.track(task).catch((err) => log.warn({ err }, `${name} failed`));
    }, ms);
    timer.unref();
    return timer;
  };
  const heartbeat = startPresenceHeartbeat(ctx);
  const timers = [every(PRESENCE_HEARTBEAT_MS, 'presence heartbeat', () => heartbeat.beat())];
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
      versionBeacon(ctx).catch((err) => log.warn({ err }, 'version beacon failed'));
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
      connectionGuard.stop();
      watchdog.stop();
      const started = Date.now();
      await ctx.pendingWork.idle(graceMs);
      log.info({ ms: Date.now() - started, unfinished: ctx.pendingWork.size }, 'drained');
      // Closing the engine ends every transport: clients see "transport close" and reconnect elsewhere.
      await io.close();
    },
  };
}

type Authentication =
  | { ok: true; memberId: string | null }
  | { ok: false; code: 'room_not_found' | 'unauthorised' | 'member_removed' };

async function authenticate(store: RoomStore, roomId: string, memberToken?: string): Promise<Authentication> {
  if (!(await store.roomExists(roomId))) return { ok: false, code: 'room_not_found' };
  if (!memberToken) return { ok: true, memberId: null };
  const owner = await store.authenticate(roomId, memberToken);
  if (!owner) return { ok: false, code: 'unauthorised' };
  if ('removed' in owner) return { ok: false, code: 'member_removed' };
  return { ok: true, memberId: owner.memberId };
}
