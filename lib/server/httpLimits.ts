import 'server-only';
// Limits per client address on the HTTP routes, kept in Redis so every web instance counts the same
// person once (rate-limiter-flexible's RateLimiterRedis on node-redis). When Redis does not answer
// within a moment the same limits are counted in this process instead: a Redis outage must not
// turn into "every request refused", and rooms cannot be created then anyway.
//
// The address: Next is reachable only through nginx (loopback or the private network), and nginx
// sets X-Real-IP to the phone's address. A route handler does not see its TCP peer, so the peer is
// taken to be nginx; deploying Next where anything else can reach it would let a client choose its
// own address here.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { clientAddress } from '@/lib/publicAccess';
import { errorResponse } from './errors';
import { webLog, webRedis } from './webRedis';

/** What a route handler knows of its peer: nginx, on loopback (see above). */
const NGINX_PEER = '127.0.0.1';

/**
 * The address limits are counted for. An IPv6 client owns a whole /64 (one phone can take any
 * address of it), so the limits count the /64, as they count one IPv4 address.
 */
export function limitKeyOf(request: Request): string {
  const address = clientAddress(NGINX_PEER, request.headers.get('x-real-ip') ?? undefined);
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) =>
    g.toLowerCase().padStart(4, '0'),
  );
}

const LimitsSchema = z.object({
  /** Rooms one address may open per minute, and at most this many within 10 s. */
  LIMIT_ROOMS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LIMIT_ROOMS_BURST: z.coerce.number().int().min(1).default(5),
  /** Join-code lookups per address per minute; past it the address waits 1, 2, 4 … 60 minutes. */
  LIMIT_CODE_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Photo uploads (each up to MAX_PHOTOS pages) per address per 10 minutes. */
  LIMIT_PHOTO_UPLOADS_PER_10_MINUTES: z.coerce.number().int().min(1).default(12),
  /** Menu explanations per address per minute (the host's phone asks once per menu edit). */
  LIMIT_EXPLAIN_PER_MINUTE: z.coerce.number().int().min(1).default(30),
});

const limits = LimitsSchema.parse(process.env);

/** The longest a code-guessing address is made to wait between two rounds of guesses. */
export const MAX_CODE_LOOKUP_BLOCK_SECONDS = 60 * 60;
/** Strikes of a code-guessing address are forgotten a day after its first one. */
const CODE_STRIKE_WINDOW_SECONDS = 24 * 60 * 60;
/** A limit that Redis has not answered within this long is counted in this process. */
const REDIS_TIMEOUT_MS = 300;

export type LimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** One fixed-window budget per address: `points` per `durationSeconds`, in Redis or, failing that, here. */
class AddressBudget {
  private readonly memory: RateLimiterMemory;
  private redisLimiter: RateLimiterRedis | undefined;

  constructor(
    private readonly name: string,
    readonly points: number,
    readonly durationSeconds: number,
  ) {
    this.memory = new RateLimiterMemory({ keyPrefix: `limit:${name}`, points, duration: durationSeconds });
  }

  private async limiter(): Promise<RateLimiterRedis | RateLimiterMemory> {
    if (this.redisLimiter) return this.redisLimiter;
    const redis = await withTimeout(webRedis()).catch(() => null);
    if (!redis) return this.memory;
    this.redisLimiter = new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: true,
      // A disconnected client would queue the command until Redis is back; count here instead.
      rejectIfRedisNotReady: true,
      insuranceLimiter: this.memory,
      keyPrefix: `limit:${this.name}`,
      points: this.points,
      duration: this.durationSeconds,
    });
    return this.redisLimiter;
  }

  /** Spends one point; the RateLimiterRes either way (consumedPoints > points when refused). */
  async spend(key: string): Promise<{ allowed: boolean; result: RateLimiterRes }> {
    const limiter = await this.limiter();
    try {
      return { allowed: true, result: await withTimeout(limiter.consume(key)) };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { allowed: false, result: outcome };
      webLog.warn({ err: outcome, limit: this.name, event: 'limit_fallback' }, 'limit counted in memory');
      try {
        return { allowed: true, result: await this.memory.consume(key) };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { allowed: false, result: refusal };
        throw refusal;
      }
    }
  }

  async block(key: string, seconds: number): Promise<void> {
    const limiter = await this.limiter();
    await withTimeout(limiter.block(key, seconds)).catch(() => this.memory.block(key, seconds));
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis timed out')), REDIS_TIMEOUT_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

const refused = (result: RateLimiterRes): LimitVerdict => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
});

/** Every budget must allow it; the longest wait when one does not. */
async function spendAll(budgets: AddressBudget[], key: string): Promise<LimitVerdict> {
  for (const budget of budgets) {
    const { allowed, result } = await budget.spend(key);
    if (!allowed) return refused(result);
  }
  return { allowed: true };
}

const roomBurst = new AddressBudget('rooms-burst', limits.LIMIT_ROOMS_BURST, 10);
const roomsPerMinute = new AddressBudget('rooms', limits.LIMIT_ROOMS_PER_MINUTE, 60);
const codeLookups = new AddressBudget('codes', limits.LIMIT_CODE_LOOKUPS_PER_MINUTE, 60);
const codeStrikes = new AddressBudget('code-strikes', 1_000_000, CODE_STRIKE_WINDOW_SECONDS);
const photoUploads = new AddressBudget('photos', limits.LIMIT_PHOTO_UPLOADS_PER_10_MINUTES, 600);
const explanations = new AddressBudget('explain', limits.LIMIT_EXPLAIN_PER_MINUTE, 60);

export const limitRoomCreation = (key: string) => spendAll([roomBurst, roomsPerMinute], key);
export const limitPhotoUpload = (key: string) => spendAll([photoUploads], key);
export const limitExplain = (key: string) => spendAll([explanations], key);

/**
 * Join-code lookups: LIMIT_CODE_LOOKUPS_PER_MINUTE, then the address is blocked for 1 minute, and
 * each further time it runs out within a day twice as long, up to an hour. Guessing one of 31⁶
 * codes gets ~290 guesses a day per address this way.
 */
export async function limitCodeLookup(key: string): Promise<LimitVerdict> {
  const { allowed, result } = await codeLookups.spend(key);
  if (allowed) return { allowed: true };
  // Only the first refusal of a window is a new strike; refusals during a block just wait.
  if (result.consumedPoints !== codeLookups.points + 1) return refused(result);
  const strike = await codeStrikes.spend(key);
  const seconds = Math.min(MAX_CODE_LOOKUP_BLOCK_SECONDS, 60 * 2 ** (strike.result.consumedPoints - 1));
  await codeLookups.block(key, seconds);
  webLog.warn({ event: 'code_lookups_blocked', seconds }, 'join-code lookups blocked for an address');
  return { allowed: false, retryAfterSeconds: seconds };
}

/** The 429 every limit answers with: a clear message and Retry-After. */
export function rateLimited(verdict: { retryAfterSeconds: number }, what: string): Response {
  const wait =
    verdict.retryAfterSeconds >= 120
      ? `${Math.ceil(verdict.retryAfterSeconds / 60)} minutes`
      : `${verdict.retryAfterSeconds} seconds`;
  return errorResponse('rate_limited', `Too many ${what} from this network; try again in ${wait}.`, {
    headers: { 'retry-after': String(verdict.retryAfterSeconds) },
  });
}
