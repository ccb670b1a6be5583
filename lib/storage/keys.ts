// Every Redis key and sharded channel menuroom uses, in one naming scheme: `<kind>:{<id>}[:<part>]`.
// The part in braces is the hash tag: every key of one room lives in one Redis Cluster slot, so one
// Lua script may touch them all, and keys of different rooms never need to be touched together.

import { MAX_DISHES, MAX_SHARES } from '../protocol';

/**
 * No room lives longer than this after it was opened, however busy it is: a change renews the
 * room's keys for ROOM_TTL_SECONDS (roomStore.ts) but never beyond createdAt + this, so a script
 * that keeps picking cannot keep a room (and its Redis memory) alive for ever. Twelve hours is a
 * long dinner plus the next day's look at the order. The join code is set to expire at the same
 * moment when the room opens, and answers nothing once the room is gone.
 */
export const ROOM_MAX_LIFETIME_SECONDS = 12 * 60 * 60;

/**
 * How many of each member's most recent operations the ops hash remembers (older ones are
 * forgotten as new ones arrive, so the hash stays bounded: at most this many per member).
 *
 * The retry horizon this must cover (lib/roomClient): a phone keeps every unacknowledged change in
 * its outbox (localStorage) and retries it with the same operation id, also after hours offline or a
 * reload, until it is answered. The outbox holds at most one change per slot (protocol slotOf), and
 * a phone only retries the newest change of a slot, so the operations a phone may still retry are
 * at most one per slot: its picks, notes and explanations of every dish, its shared plates and
 * replies to them, plus a few single slots (needs, done, host controls). No age limit is applied:
 * a phone offline for hours is exactly what the outbox is for; the room's lifetime bounds the age.
 * (A host standing in for members without phones across more slots than this, all unanswered at
 * once, is the one case outside it.)
 */
export const OPS_KEPT_PER_MEMBER = 3 * MAX_DISHES + 2 * MAX_SHARES + 16;

/** The keys of one room. Each one expires ROOM_TTL_SECONDS after the room's last change. */
export function roomKeys(roomId: string) {
  const tag = `room:{${roomId}}`;
  return {
    /**
     * Hash: title, currency, language, code, host, version, round, locked, closed, joining, createdAt,
     * nextDish, photos, menuVersion (the room version that last set the menu).
     */
    meta: `${tag}:meta`,
    /** Hash: dish id → stored dish. */
    menu: `${tag}:menu`,
    /** Hash: member id → stored member. */
    members: `${tag}:members`,
    /** Hash: SHA-256 of a member token → member id. */
    tokens: `${tag}:tokens`,
    /** Hash: `{dishId}:{memberId}` → quantity (only non-zero ones). */
    picks: `${tag}:picks`,
    /** Hash: `{memberId}|{opId}` → the applied operation (see codec.ts); the last OPS_KEPT_PER_MEMBER per member. */
    ops: `${tag}:ops`,
    /**
     * Hash: the order of each member's operations, so the oldest can be forgotten in O(1):
     * `{memberId}` → how many they have applied, `{memberId}#{n}` → the id of their n-th operation.
     */
    opLog: `${tag}:oplog`,
    /** Hash: `{dishId}:{memberId}` → a pick's note and needs. */
    notes: `${tag}:notes`,
    /** Hash: share id → a shared plate. */
    shares: `${tag}:shares`,
    /** Hash: round number → the round as it was ordered. */
    rounds: `${tag}:rounds`,
    /** Hash: `{dishId}:{memberId}` → what a member wrote to explain a dish. */
    explanations: `${tag}:explanations`,
    /**
     * Sorted set: `{memberId}|{connectionId}` scored by when it stops counting as online. Not a room
     * script key: it expires shortly after the last heartbeat (PRESENCE_KEY_TTL_MS), not with the room.
     */
    presence: `${tag}:presence`,
  };
}

export type RoomKeys = ReturnType<typeof roomKeys>;

/** The keys every room script receives, in this order (KEYS[1..n] in the Lua sources). */
export function scriptKeys(roomId: string): string[] {
  const k = roomKeys(roomId);
  return [
    k.meta,
    k.menu,
    k.members,
    k.tokens,
    k.picks,
    k.ops,
    k.notes,
    k.shares,
    k.rounds,
    k.explanations,
    k.opLog,
  ];
}

/** Every rate-limit key starts with this (server/src/limits.ts names the budgets). */
export const LIMIT_KEY_PREFIX = 'menuroom:limit';

/**
 * Who a member's budgets count for, as a key part: hash-tagged by the room, so the change script can
 * count a pick against the member's budget inside the room's slot (changeScriptKeys).
 */
export const memberBudgetSubject = (roomId: string, memberId: string) => `{${roomId}}:${memberId}`;

/**
 * The change script's keys: the room's (scriptKeys), then the member's event budget as
 * rate-limiter-flexible keeps it (limits.ts sharedBudget: the per-second window, then the burst).
 */
export function changeScriptKeys(roomId: string, memberId: string): string[] {
  const subject = memberBudgetSubject(roomId, memberId);
  return [
    ...scriptKeys(roomId),
    `${LIMIT_KEY_PREFIX}:member:${subject}`,
    `${LIMIT_KEY_PREFIX}:member:burst:${subject}`,
  ];
}

/** The keys the snapshot script reads, in this order (SNAPSHOT_LUA in lua.ts). */
export function snapshotKeys(roomId: string): string[] {
  const k = roomKeys(roomId);
  return [k.meta, k.menu, k.members, k.picks, k.notes, k.shares, k.rounds, k.explanations, k.presence];
}

/** String: join code → room id; expires when the room's lifetime ends (ROOM_MAX_LIFETIME_SECONDS). */
export const joinCodeKey = (code: string) => `code:{${code}}`;
/** Hash: a menu photo's display bytes, content type and size. */
export const photoKey = (photoId: string) => `photo:{${photoId}}`;
/** String: a photo-reading job as JSON. */
export const photoJobKey = (jobId: string) => `photojob:{${jobId}}`;
/** String written once at start-up; its absence later means Redis came back without its data. */
export const EPOCH_KEY = 'epoch:{menuroom}';
/** Sharded channel a replica publishes probes to and must hear back (its subscriber watchdog). */
export const probeChannel = (replicaId: string) => `probe:{${replicaId}}`;
