// The bare baseline of the fan-out benchmark: a socket.io server with the same sharded Redis adapter
// over the same Redis (node-redis, dynamic subscriptions) behind the same nginx, speaking just
// enough of the protocol for the same driver (the shipped client core) and nothing of the product:
// a handshake whose token names the member, `room:sync` answered with a canned snapshot, and
// `room:change` answered and broadcast to the room in the product's payload shape. The one Redis
// call per change is INCR of the room's version: the client core applies only the next version, so
// without it every broadcast would look like a gap. Env: PORT, REDIS_URL or REDIS_CLUSTER_NODES (the
// same topology module and connection as the product's, so on a cluster the adapter runs over its
// sharded pub/sub too), REPLICA_ID, DISHES.
import { createServer } from 'node:http';
import { createShardedAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { createLogger } from '../../lib/log';
import {
  ChangeEnvelopeSchema,
  EVENTS,
  errorReply,
  HandshakeAuthSchema,
  PROTOCOL_VERSION,
  parseChangeRequest,
  type RoomSnapshot,
  SOCKET_PATH,
} from '../../lib/protocol';
import { createRedis } from '../../lib/storage/redis';
import { readRedisTopology } from '../../lib/storage/topology';

const replicaId = process.env.REPLICA_ID ?? 'bare';
const log = createLogger({ service: 'socket', replica: replicaId });
const dishes = Array.from({ length: Number(process.env.DISHES ?? 12) }, (_, i) => ({
  id: `d${i + 1}`,
  name: `Dish ${i + 1}`,
  priceMinor: 1000 + i * 100,
}));

const versionKey = (roomId: string) => `bare:{${roomId}}:version`;

const topology = readRedisTopology();
const pub = createRedis(topology);
const sub = createRedis(topology);
for (const client of [pub, sub]) client.on('error', (err) => log.warn({ err }, 'redis error'));
await Promise.all([pub.connect(), sub.connect()]);

const httpServer = createServer((request, response) => {
  response.writeHead(request.url === '/readyz' ? 200 : 404).end();
});
const io = new Server(httpServer, {
  path: SOCKET_PATH,
  serveClient: false,
  adapter: createShardedAdapter(pub, sub, { subscriptionMode: 'dynamic' }),
});

io.use((socket, next) => {
  const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
  // A bare token is `<memberId>_<padding>` (bench/fanout/run.ts makes them): no store to ask.
  const memberId = auth.success ? auth.data.memberToken?.split('_')[0] : undefined;
  if (!auth.success || !memberId) return next(new Error('a bare token is required'));
  socket.data = { roomId: auth.data.roomId, memberId };
  next();
});

io.on('connection', (socket) => {
  const { roomId, memberId } = socket.data as { roomId: string; memberId: string };
  const channel = `room:${roomId}`;
  socket.join(channel);

  socket.on(EVENTS.roomSync, async (requestOrAck: unknown, maybeAck?: unknown) => {
    const ack = typeof requestOrAck === 'function' ? requestOrAck : maybeAck;
    if (typeof ack !== 'function') return;
    try {
      const version = Number((await pub.get(versionKey(roomId))) ?? 0);
      const snapshot: RoomSnapshot = {
        roomId,
        code: 'BARE00',
        title: 'Bare',
        currency: 'EUR',
        hostMemberId: memberId,
        version,
        createdAt: 0,
        expiresAt: Date.now() + 3_600_000,
        dishes,
        photos: [],
        language: 'en',
        members: [],
        picks: [],
        notes: [],
        shares: [],
        round: 1,
        rounds: [],
        locked: false,
        closed: false,
        explanations: [],
        online: [],
      };
      ack({ ok: true, data: { snapshot, replicaId, protocol: PROTOCOL_VERSION, memberId } });
    } catch {
      ack(errorReply('unavailable'));
    }
  });

  socket.on(EVENTS.roomChange, async (envelope: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const parsed = ChangeEnvelopeSchema.safeParse(envelope);
    if (!parsed.success) return ack(errorReply('invalid_payload'));
    const request = parseChangeRequest(parsed.data.change);
    if (!request.ok || request.request.type !== 'pick.set') return ack(errorReply('unsupported_change'));
    try {
      const version = await pub.incr(versionKey(roomId));
      const { dishId, qty } = request.request;
      io.to(channel).emit(EVENTS.roomChanged, { version, change: { type: 'pick', dishId, memberId, qty } });
      ack({ ok: true, data: { version, duplicate: false } });
    } catch {
      ack(errorReply('unavailable'));
    }
  });
});

httpServer.listen(Number(process.env.PORT), '127.0.0.1', () =>
  log.info({ port: process.env.PORT }, 'listening'),
);
process.on('SIGTERM', () => {
  io.close();
  void Promise.allSettled([pub.quit(), sub.quit()]).then(() => process.exit(0));
});
