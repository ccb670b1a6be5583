// Limits that follow the person, not the socket: budgets kept in Redis and shared by every replica,
// keyed by member, by client address and by room, so ten sockets with one token, a reconnect loop or
// a second replica give nobody a second budget. Each socket also keeps a small in-memory bucket
// (rateLimit.ts) that stops a flood before it costs a Redis round trip.
import {
  BurstyRateLimiter,
  RLWrapperTimeouts,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Logger } from '../../lib/log';
import { MAX_MINOR_AMOUNT } from '../../lib/money';
import {
  EVENTS,
  INGREDIENT_HINTS,
  INTERFACE_LANGUAGES,
  MAX_DISHES,
  MAX_DISH_NAME_LENGTH,
  MAX_GLOSS_LENGTH,
} from '../../lib/protocol';
import { LIMIT_KEY_PREFIX, memberBudgetSubject } from '../../lib/storage/keys';
import type { MenuroomRedis } from '../../lib/storage/redis';
import type { RefusalBudget, SocketMetrics } from './metrics';
import { TokenBucket } from './rateLimit';
import type { MenuroomSocket } from './types';

/** A budget: `perSecond` points every second, and once those are spent `burst` more per `burstWindowSec`. */
export interface Budget {
  perSecond: number;
  burst: number;
  burstWindowSec: number;
}

/**
 * Every number is chosen so that a real table never meets it (a person tapping + as fast as they can,
 * a whole restaurant's phones reconnecting through one Wi-Fi NAT after a network switch) while a
 * script gets a small, fixed share however many sockets, tokens or replicas it uses.
 */
export const LIMITS = {
  /** Every event of one member, on all their sockets and replicas together. */
  member: { perSecond: 20, burst: 40, burstWindowSec: 10 },
  /** Events of sockets without a member (opening the link, joining), per client address. */
  visitorAddress: { perSecond: 30, burst: 300, burstWindowSec: 60 },
  /** `room:sync` (a full snapshot) and `menu.replace` (a rescan of every pick), per member. */
  expensiveMember: { perSecond: 4, burst: 20, burstWindowSec: 30 },
  /** The same events per room, whoever sends them: one room cannot make Redis slow for the others. */
  expensiveRoom: { perSecond: 10, burst: 60, burstWindowSec: 30 },
  /** engine.io sessions opened (handshakes), per client address. */
  handshakeAddress: { perSecond: 20, burst: 100, burstWindowSec: 60 },
  /** socket.io CONNECTs (each one reads Redis to authenticate), per client address. */
  connectAddress: { perSecond: 20, burst: 100, burstWindowSec: 60 },
  /**
   * New members one client address may add to one room in `joinWindowSec`: a whole table behind the
   * restaurant's Wi-Fi joins, a script cannot fill the room's 40 places and lock the real guests out.
   */
  joinsPerAddressPerRoom: 20,
  joinWindowSec: 600,
  /**
   * What a menu replacement costs of the expensive budgets (a sync costs 1); at most the per-second
   * points of each, or it could never fit in the first window.
   */
  menuReplaceCost: 2,
  /**
   * Expensive events one socket may send, counted in the replica's memory before any Redis round
   * trip (a menu counts as one here): a phone asks for a snapshot on connecting, after a version
   * gap or when it comes back to the screen, a host saves a menu now and then; six flooding sockets
   * got ~40 syncs each through the socket bucket to the Redis budgets, four round trips apiece, and
   * ~60 snapshots of a 300-dish room in their first second.
   */
  socketExpensiveBurst: 5,
  socketExpensivePerSecond: 2,
  /** A Redis limiter slower than this falls back to the replica's own in-memory count. */
  redisTimeoutMs: 250,
  /**
   * Refusals a socket may collect (refilled at `refusalsPerSecond`) before it is disconnected: a
   * phone backs off after the first few, a script that keeps going loses its connection.
   */
  refusalBurst: 100,
  refusalsPerSecond: 2,
  /**
   * What a refused sync or menu counts of those: a phone asks again after a pause, a script that
   * keeps asking for snapshots is disconnected after 20 (each refusal is an answer written to it;
   * six flooding sockets collected 600 in their first quarter of a second).
   */
  expensiveRefusalCost: 5,
  /**
   * After a socket was disconnected for flooding, its address may not open new connections to that
   * replica for this long: reconnecting at once would give it a fresh socket bucket each time (a
   * flooder reconnected 150 times in 4 s), and each reconnect costs a handshake, an authentication
   * and a snapshot. Phones already connected from the address are not touched.
   */
  floodPenaltyMs: 30_000,
  /** At most this many penalised addresses are remembered per replica (the oldest are forgotten). */
  maxPenalisedAddresses: 10_000,
} as const satisfies Record<string, Budget | number>;

/** The budgets kept in Redis, by name (the defaults are in LIMITS; tests may pass smaller ones). */
export type EventBudgets = Record<
  'member' | 'visitorAddress' | 'expensiveMember' | 'expensiveRoom' | 'handshakeAddress' | 'connectAddress',
  Budget
>;

// ---------- the largest legitimate event ----------

/**
 * The most UTF-8 bytes one grapheme of real text takes: a letter with up to three marks (a Thai
 * consonant with its vowel and tone mark, a Devanagari conjunct), four code units of three bytes.
 * The schema lets a grapheme carry up to MAX_GRAPHEME_UNITS code units so that no emoji sequence is
 * refused, but text stacked that high in every field of 300 dishes is a payload, not a menu.
 */
export const BYTES_PER_GRAPHEME = 12;
/** The longest number a fraction of a photo can be written as in JSON (0.0000012345678901234567). */
const LONGEST_FRACTION = 1.2345678901234567e-6;
/** Grapheme limits of the explanation's texts (lib/protocol.ts DishExplanationSchema). */
const READING_GRAPHEMES = 200;
const SOURCE_GRAPHEMES = 160;

/**
 * The largest dish the `menu.replace` schema accepts: every text at its grapheme limit, every
 * optional field present. `grapheme` fills the texts; with the default one-byte placeholder,
 * `graphemes` says how many to count at BYTES_PER_GRAPHEME.
 */
export function largestDish(grapheme = 'x'): { dish: Record<string, unknown>; graphemes: number } {
  const text = (count: number) => grapheme.repeat(count);
  const longestHint = [...INGREDIENT_HINTS].sort((a, b) => b.length - a.length)[0] ?? '';
  const dish = {
    id: 'd'.repeat(32),
    name: text(MAX_DISH_NAME_LENGTH),
    priceMinor: MAX_MINOR_AMOUNT,
    category: text(MAX_DISH_NAME_LENGTH),
    box: {
      photoId: 'p'.repeat(64),
      x: LONGEST_FRACTION,
      y: LONGEST_FRACTION,
      w: LONGEST_FRACTION,
      h: LONGEST_FRACTION,
    },
    explanation: {
      kind: 'literal',
      reading: text(READING_GRAPHEMES),
      gloss: Object.fromEntries(INTERFACE_LANGUAGES.map((lang) => [lang, text(MAX_GLOSS_LENGTH)])),
      contains: INGREDIENT_HINTS.map(() => longestHint),
      source: text(SOURCE_GRAPHEMES),
    },
  };
  const graphemes =
    2 * MAX_DISH_NAME_LENGTH +
    READING_GRAPHEMES +
    SOURCE_GRAPHEMES +
    INTERFACE_LANGUAGES.length * MAX_GLOSS_LENGTH;
  return { dish, graphemes };
}

/**
 * The bytes of the largest event a client may legitimately send: a host replacing the menu with 300
 * dishes at every limit of lib/protocol.ts, as a socket.io packet (`42<ack id>["room:change",{...}]`).
 * maxHttpBufferSize is this, so no real menu is ever cut off, and nothing much larger is read.
 */
export function largestEventBytes(): number {
  const { dish, graphemes } = largestDish();
  const dishBytes = Buffer.byteLength(JSON.stringify(dish)) + graphemes * (BYTES_PER_GRAPHEME - 1);
  const envelope = JSON.stringify([
    EVENTS.roomChange,
    { opId: 'o'.repeat(64), change: { type: 'menu.replace', dishes: [] } },
  ]);
  // One comma between dishes, and the packet type with the largest acknowledgement id in front.
  const frame = `42${Number.MAX_SAFE_INTEGER}`.length;
  return frame + Buffer.byteLength(envelope) + MAX_DISHES * (dishBytes + 1);
}

export const MAX_EVENT_BYTES = largestEventBytes();

// ---------- the shared limiters ----------

type Limiter = BurstyRateLimiter;

/**
 * One window of `points` per `duration` seconds in Redis, with the same window in memory as
 * insurance: when Redis is unreachable or slow (`timeoutMs`), each replica counts on its own rather
 * than blocking or failing the event. With `blockInMemory`, a key over its budget is remembered by
 * the replica until the window ends, so a flood costs Redis one call per window, not one per event.
 */
function redisWindow(
  redis: MenuroomRedis,
  keyPrefix: string,
  points: number,
  duration: number,
  { timeoutMs, blockInMemory }: { timeoutMs: number; blockInMemory: boolean },
): RLWrapperTimeouts {
  const store = new RateLimiterRedis({
    storeClient: redis,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix,
    points,
    duration,
    ...(blockInMemory ? { inMemoryBlockOnConsumed: points + 1 } : {}),
  });
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points, duration });
  return new RLWrapperTimeouts({ limiter: store, timeoutMs, insuranceLimiter });
}

/** A budget (see Budget): a per-second window and a burst window, both as redisWindow. */
function sharedBudget(redis: MenuroomRedis, name: string, budget: Budget, timeoutMs: number): Limiter {
  const keyPrefix = `${LIMIT_KEY_PREFIX}:${name}`;
  const options = { timeoutMs, blockInMemory: true };
  return new BurstyRateLimiter(
    redisWindow(redis, keyPrefix, budget.perSecond, 1, options),
    redisWindow(redis, `${keyPrefix}:burst`, budget.burst, budget.burstWindowSec, options),
  );
}

/** A fixed window of `points` per `durationSec`, as redisWindow. */
function plainBudget(redis: MenuroomRedis, name: string, points: number, durationSec: number) {
  return redisWindow(redis, `${LIMIT_KEY_PREFIX}:${name}`, points, durationSec, {
    timeoutMs: LIMITS.redisTimeoutMs,
    blockInMemory: false,
  });
}

export interface EventSender {
  roomId: string;
  /** null for a visitor who has not joined: counted by address instead. */
  memberId: string | null;
  address: string;
}

export class SharedLimits {
  private readonly member: Limiter;
  private readonly visitorAddress: Limiter;
  private readonly expensiveMember: Limiter;
  private readonly expensiveRoom: Limiter;
  private readonly handshakeAddress: Limiter;
  private readonly connectAddress: Limiter;
  private readonly joinAddress: RLWrapperTimeouts;

  constructor(
    redis: MenuroomRedis,
    private readonly log: Logger,
    private readonly budgets: EventBudgets = LIMITS,
    /** Counts refusals and flood penalties; tests of the limiters alone leave it out. */
    private readonly metrics?: Pick<SocketMetrics, 'refused' | 'floodDisconnect'>,
  ) {
    const make = (name: keyof EventBudgets) =>
      sharedBudget(redis, name, budgets[name], LIMITS.redisTimeoutMs);
    this.member = make('member');
    this.visitorAddress = make('visitorAddress');
    this.expensiveMember = make('expensiveMember');
    this.expensiveRoom = make('expensiveRoom');
    this.handshakeAddress = make('handshakeAddress');
    this.connectAddress = make('connectAddress');
    this.joinAddress = plainBudget(redis, 'joinAddress', LIMITS.joinsPerAddressPerRoom, LIMITS.joinWindowSec);
  }

  private readonly penalisedUntil = new Map<string, number>();

  /** `address` flooded: refuse its new connections to this replica for floodPenaltyMs. */
  penalise(address: string): void {
    this.metrics?.floodDisconnect();
    this.penalisedUntil.delete(address);
    this.penalisedUntil.set(address, Date.now() + LIMITS.floodPenaltyMs);
    if (this.penalisedUntil.size > LIMITS.maxPenalisedAddresses) {
      const oldest = this.penalisedUntil.keys().next().value;
      if (oldest !== undefined) this.penalisedUntil.delete(oldest);
    }
  }

  isPenalised(address: string): boolean {
    const until = this.penalisedUntil.get(address);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.penalisedUntil.delete(address);
    return false;
  }

  /** Whether one more member may join `roomId` from `address` (see joinsPerAddressPerRoom). */
  admitJoin(roomId: string, address: string): Promise<boolean> {
    return this.take('joinAddress', this.joinAddress, `${roomId}:${address}`);
  }

  /**
   * Whether one event may run; `cost` > 0 for the expensive ones (see eventCost). With
   * `memberCountedByStore`, a member's event budget is left to the store's change script, which
   * counts it in the same Redis call as the change (ChangeBudget in lib/storage/roomStore.ts).
   */
  async admitEvent(
    sender: EventSender,
    cost: number,
    { memberCountedByStore = false } = {},
  ): Promise<boolean> {
    const member = sender.memberId && memberBudgetSubject(sender.roomId, sender.memberId);
    const checks = [
      member
        ? memberCountedByStore || this.take('member', this.member, member)
        : this.take('visitorAddress', this.visitorAddress, sender.address),
    ];
    if (cost > 0) {
      if (member) checks.push(this.take('expensiveMember', this.expensiveMember, member, cost));
      checks.push(this.take('expensiveRoom', this.expensiveRoom, sender.roomId, cost));
    }
    return (await Promise.all(checks)).every(Boolean);
  }

  /** What the store's change script counts a member's change against (see admitEvent). */
  get memberBudget(): Budget {
    return this.budgets.member;
  }

  admitHandshake(address: string): Promise<boolean> {
    return this.take('handshakeAddress', this.handshakeAddress, address);
  }

  admitConnect(address: string): Promise<boolean> {
    return this.take('connectAddress', this.connectAddress, address);
  }

  private async take(
    budget: RefusalBudget,
    limiter: Limiter | RLWrapperTimeouts,
    key: string,
    points = 1,
  ): Promise<boolean> {
    try {
      await limiter.consume(key, points);
      return true;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        this.metrics?.refused(budget);
        return false;
      }
      // Both Redis and the in-memory insurance failed (not expected): let the event through rather
      // than refuse everyone because of a limiter fault.
      this.log.warn({ err: refusal }, 'rate limiter failed; admitting');
      return true;
    }
  }
}

/**
 * What an event costs of the expensive budgets, read from the raw payload before any validation (an
 * invalid menu costs as much as a valid one): a snapshot or a menu replacement, or nothing.
 */
export function eventCost(event: string, payload: unknown): number {
  if (event === EVENTS.roomSync) return 1;
  if (event !== EVENTS.roomChange || typeof payload !== 'object' || payload === null) return 0;
  const change = (payload as { change?: unknown }).change;
  if (typeof change !== 'object' || change === null) return 0;
  return (change as { type?: unknown }).type === 'menu.replace' ? LIMITS.menuReplaceCost : 0;
}

// ---------- per socket ----------

/** What the event wrapper needs of a connected socket beyond socket.data. */
export interface SocketGuard {
  limits: SharedLimits;
  address: string;
  /** Refusals left before the socket is disconnected for abuse. */
  refusals: TokenBucket;
  /** The socket's expensive events (socketExpensiveBurst). */
  expensive: TokenBucket;
}

const guards = new WeakMap<MenuroomSocket, SocketGuard>();

export function guardSocket(socket: MenuroomSocket, limits: SharedLimits, address: string): void {
  guards.set(socket, {
    limits,
    address,
    refusals: new TokenBucket(LIMITS.refusalBurst, LIMITS.refusalsPerSecond),
    expensive: new TokenBucket(LIMITS.socketExpensiveBurst, LIMITS.socketExpensivePerSecond),
  });
}

export function guardOf(socket: MenuroomSocket): SocketGuard | undefined {
  return guards.get(socket);
}
