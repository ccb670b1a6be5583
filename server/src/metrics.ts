// Prometheus metrics of one socket replica (prom-client), served as GET /metrics on the replica's own
// HTTP listener, which nginx does not publish (it proxies only /ws/ to replicas). Labels are code
// constants only (event names, error codes, budget names), never room or member ids, so the number
// of series stays fixed however many rooms there are. The hot path (every event) does one counter
// increment and one histogram observation on children bound when the socket registers its handlers.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EVENTS, type Reply } from '../../lib/protocol';
import type { MenuroomRedis } from '../../lib/storage/redis';
import type { MenuroomServer } from './types';

/**
 * Budgets that refuse an event or a connection: the socket's own bucket (handle.ts), the shared
 * budgets in Redis (limits.ts), open connections per address and the flood pause (limitsConnection.ts).
 */
const REFUSAL_BUDGETS = [
  'socket',
  'member',
  'visitorAddress',
  'expensiveMember',
  'expensiveRoom',
  'handshakeAddress',
  'connectAddress',
  'joinAddress',
  'connectionsPerAddress',
  'floodPenalty',
] as const;
export type RefusalBudget = (typeof REFUSAL_BUDGETS)[number];

/** Acknowledgement latency buckets, in seconds: a pick answers in a few ms, a hung Redis in seconds. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Node's own figures (CPU, RSS, heap, event-loop delay, GC) exist once per process, however many
// socket servers it runs (tests start several in one process).
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

type CounterChild = { inc: (value?: number) => void };
type HistogramChild = { observe: (value: number) => void };
type Adapter = ReturnType<MenuroomServer['of']>['adapter'];
/** What replicas broadcast; anything else would be a bug, counted as "other" rather than as a new series. */
const BROADCAST_EVENTS: ReadonlySet<string> = new Set<string>([
  EVENTS.roomChanged,
  EVENTS.roomVersion,
  EVENTS.presenceChanged,
]);

/** What the event wrapper records for one event name; bound once per socket and event. */
export interface EventMetrics {
  /** Called when the event arrives (before any limit or validation). */
  received(): void;
  /** Called with the reply just before the acknowledgement; `startedAt` is performance.now() at arrival. */
  acked(reply: Reply<unknown>, startedAt: number): void;
}

export class SocketMetrics {
  readonly registry: Registry;
  private readonly events: Counter<'event'>;
  private readonly ackSeconds: Histogram<'event' | 'outcome'>;
  private readonly broadcasts: Counter<'event'>;
  private readonly snapshots: Counter<'menu'>;
  private readonly refusals: Counter<'budget'>;
  private readonly floodDisconnects: Counter;
  private readonly slowReaders: Counter<'reason'>;
  private readonly redisErrors: Counter<'client'>;
  private readonly redisReconnects: Counter<'client'>;
  private readonly byEvent = new Map<string, EventMetrics>();
  /** The server whose connections are counted; set by watchServer(). */
  private io: MenuroomServer | undefined;

  constructor(replicaId: string) {
    const own = new Registry();
    const registers = [own];
    const server = () => this.io;
    new Gauge({
      name: 'menuroom_replica_info',
      help: 'Always 1; the replica id as a label.',
      labelNames: ['replica'],
      registers,
    }).set({ replica: replicaId }, 1);
    new Gauge({
      name: 'menuroom_connected_phones',
      help: 'socket.io connections past the handshake on this replica, by role (member or visitor).',
      labelNames: ['role'],
      registers,
      // Counted when scraped: nothing to keep up to date on every connect and disconnect.
      collect() {
        let members = 0;
        let visitors = 0;
        for (const socket of server()?.of('/').sockets.values() ?? []) {
          if (socket.data.memberId) members++;
          else visitors++;
        }
        this.set({ role: 'member' }, members);
        this.set({ role: 'visitor' }, visitors);
      },
    });
    new Gauge({
      name: 'menuroom_engine_connections',
      help: 'engine.io connections on this replica, including those still in their handshake.',
      registers,
      collect() {
        this.set(server()?.engine.clientsCount ?? 0);
      },
    });
    this.events = new Counter({
      name: 'menuroom_events_total',
      help: 'Client events that asked for an acknowledgement, by event name.',
      labelNames: ['event'],
      registers,
    });
    this.ackSeconds = new Histogram({
      name: 'menuroom_ack_seconds',
      help: 'Time from receiving an event to calling its acknowledgement, by event and outcome (ok or the error code).',
      labelNames: ['event', 'outcome'],
      buckets: ACK_BUCKETS,
      registers,
    });
    this.broadcasts = new Counter({
      name: 'menuroom_broadcasts_total',
      help: 'Broadcasts this replica sent to a room (through Redis to every replica, or to its own sockets), by event.',
      labelNames: ['event'],
      registers,
    });
    this.snapshots = new Counter({
      name: 'menuroom_snapshot_reads_total',
      help: 'Room snapshots answered (room:sync: on connect and on every resync), with the menu sent or unchanged.',
      labelNames: ['menu'],
      registers,
    });
    this.refusals = new Counter({
      name: 'menuroom_rate_limit_refusals_total',
      help: 'Events and connections refused by a limit, by budget.',
      labelNames: ['budget'],
      registers,
    });
    this.floodDisconnects = new Counter({
      name: 'menuroom_flood_disconnects_total',
      help: 'Sockets disconnected for flooding (sending on after too many refusals, or too many large messages); their address is paused.',
      registers,
    });
    this.slowReaders = new Counter({
      name: 'menuroom_slow_reader_disconnects_total',
      help: 'Connections cut because their client did not take in what was sent, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.redisErrors = new Counter({
      name: 'menuroom_redis_errors_total',
      help: 'Errors of the Redis connections (node-redis "error" events), by connection (pub or sub).',
      labelNames: ['client'],
      registers,
    });
    this.redisReconnects = new Counter({
      name: 'menuroom_redis_reconnects_total',
      help: 'Reconnection attempts of the Redis connections (node-redis "reconnecting" events), by connection.',
      labelNames: ['client'],
      registers,
    });
    this.registry = Registry.merge([processMetrics(), own]);
    // Every series that can exist starts at 0, so a rate over the first increment is right.
    for (const budget of REFUSAL_BUDGETS) this.refused(budget, 0);
    for (const client of ['pub', 'sub']) {
      this.redisErrors.labels(client).inc(0);
      this.redisReconnects.labels(client).inc(0);
    }
    for (const event of BROADCAST_EVENTS) this.broadcasts.labels(event).inc(0);
    for (const menu of ['sent', 'unchanged']) this.snapshots.labels(menu).inc(0);
    for (const event of [EVENTS.roomSync, EVENTS.memberJoin, EVENTS.roomChange]) this.forEvent(event);
  }

  /** The recorder of one event name (the same object for every socket). */
  forEvent(event: string): EventMetrics {
    let found = this.byEvent.get(event);
    if (!found) {
      const received = this.events.labels(event);
      received.inc(0);
      const byOutcome = new Map<string, HistogramChild>();
      const snapshots = event === EVENTS.roomSync ? this.snapshots : null;
      const snapshotChildren = snapshots && {
        sent: snapshots.labels('sent'),
        unchanged: snapshots.labels('unchanged'),
      };
      found = {
        received: () => received.inc(),
        acked: (reply, startedAt) => {
          const outcome = reply.ok ? 'ok' : reply.error.code;
          let child = byOutcome.get(outcome);
          if (!child) {
            child = this.ackSeconds.labels(event, outcome);
            byOutcome.set(outcome, child);
          }
          child.observe((performance.now() - startedAt) / 1000);
          if (snapshotChildren && reply.ok) {
            const unchanged = (reply.data as { menuUnchanged?: boolean } | undefined)?.menuUnchanged;
            (unchanged ? snapshotChildren.unchanged : snapshotChildren.sent).inc();
          }
        },
      };
      this.byEvent.set(event, found);
    }
    return found;
  }

  private readonly refusalsByBudget = new Map<RefusalBudget, CounterChild>();

  refused(budget: RefusalBudget, count = 1): void {
    let child = this.refusalsByBudget.get(budget);
    if (!child) {
      child = this.refusals.labels(budget);
      this.refusalsByBudget.set(budget, child);
    }
    child.inc(count);
  }

  floodDisconnect(): void {
    this.floodDisconnects.inc();
  }

  slowReader(reason: 'write buffer full' | 'write stalled'): void {
    this.slowReaders.inc({ reason: reason === 'write stalled' ? 'stalled' : 'buffer_full' });
  }

  /**
   * Counts the node-redis client's errors and reconnection attempts: a single client emits "error"
   * and "reconnecting", a cluster client "node-error" and "node-reconnecting" for each node.
   */
  watchRedis(name: 'pub' | 'sub', client: MenuroomRedis): void {
    const errors: CounterChild = this.redisErrors.labels(name);
    const reconnects: CounterChild = this.redisReconnects.labels(name);
    const emitter = client as unknown as NodeJS.EventEmitter;
    for (const event of ['error', 'node-error']) emitter.on(event, () => errors.inc());
    for (const event of ['reconnecting', 'node-reconnecting']) emitter.on(event, () => reconnects.inc());
  }

  /**
   * Counts `io`'s connections (when scraped) and its own broadcasts. socket.io has no hook for
   * broadcasts; every `io.to(room).emit` and `io.local.to(room).emit` calls the namespace adapter's
   * broadcast() once, while broadcasts arriving from other replicas go to the base class's method
   * directly and are not counted here.
   */
  watchServer(io: MenuroomServer): void {
    this.io = io;
    const adapter: Adapter = io.of('/').adapter;
    const original = adapter.broadcast.bind(adapter);
    const children = new Map<string, CounterChild>();
    adapter.broadcast = (packet, opts) => {
      const name: unknown = Array.isArray(packet.data) ? packet.data[0] : undefined;
      const event = typeof name === 'string' && BROADCAST_EVENTS.has(name) ? name : 'other';
      let child = children.get(event);
      if (!child) {
        child = this.broadcasts.labels(event);
        children.set(event, child);
      }
      child.inc();
      return original(packet, opts);
    };
  }

  /** The exposition text and its content type, for GET /metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
