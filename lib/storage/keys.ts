// Every Redis key and sharded channel menuroom uses, in one naming scheme: `<kind>:{<id>}[:<part>]`.
// The part in braces is the hash tag: every key of one room lives in one Redis Cluster slot, so one
// Lua script may touch them all, and keys of different rooms never need to be touched together.

/** The keys of one room. Each one expires ROOM_TTL_SECONDS after the room's last change. */
export function roomKeys(roomId: string) {
  const tag = `room:{${roomId}}`;
  return {
    /** Hash: title, currency, language, code, host, version, round, locked, closed, createdAt, nextDish, photos. */
    meta: `${tag}:meta`,
    /** Hash: dish id → stored dish. */
    menu: `${tag}:menu`,
    /** Hash: member id → stored member. */
    members: `${tag}:members`,
    /** Hash: SHA-256 of a member token → member id. */
    tokens: `${tag}:tokens`,
    /** Hash: `{dishId}:{memberId}` → quantity (only non-zero ones). */
    picks: `${tag}:picks`,
    /** Hash: `{memberId}|{opId}` → the applied operation (see codec.ts). */
    ops: `${tag}:ops`,
    /** Hash: `{dishId}:{memberId}` → a pick's note and needs. */
    notes: `${tag}:notes`,
    /** Hash: share id → a shared plate. */
    shares: `${tag}:shares`,
    /** Hash: round number → the round as it was ordered. */
    rounds: `${tag}:rounds`,
    /** Hash: `{dishId}:{memberId}` → what a member wrote to explain a dish. */
    explanations: `${tag}:explanations`,
    /** Sorted set: `{memberId}|{connectionId}` scored by when it stops counting as online. */
    presence: `${tag}:presence`,
  };
}

export type RoomKeys = ReturnType<typeof roomKeys>;

/** The keys every room script receives, in this order (KEYS[1..n] in the Lua sources). */
export function scriptKeys(roomId: string): string[] {
  const k = roomKeys(roomId);
  return [k.meta, k.menu, k.members, k.tokens, k.picks, k.ops, k.notes, k.shares, k.rounds, k.explanations];
}

/** String: join code → room id; expires with the room. */
export const joinCodeKey = (code: string) => `code:{${code}}`;
/** Hash: a menu photo's display bytes, content type and size. */
export const photoKey = (photoId: string) => `photo:{${photoId}}`;
/** String: a photo-reading job as JSON. */
export const photoJobKey = (jobId: string) => `photojob:{${jobId}}`;
/** String written once at start-up; its absence later means Redis came back without its data. */
export const EPOCH_KEY = 'epoch:{menuroom}';
/** Sharded channel a replica publishes probes to and must hear back (its subscriber watchdog). */
export const probeChannel = (replicaId: string) => `probe:{${replicaId}}`;
