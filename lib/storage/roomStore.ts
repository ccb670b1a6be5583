import type {
  ChangeRequest,
  CreateRoomRequest,
  CreateRoomResponse,
  ErrorCode,
  JoinReply,
  Member,
  Photo,
  RoomChange,
  RoomSnapshot,
} from '../protocol';
import type { PresenceEntry } from './codec';

/**
 * A room lives this long after its last change: a meal, not a month. Reads (sync, snapshot,
 * authentication, code lookups) never renew it, and no change renews it beyond
 * ROOM_MAX_LIFETIME_SECONDS after it was opened (keys.ts).
 */
export const ROOM_TTL_SECONDS = 6 * 60 * 60;
/** A connection counts as online this long after its replica last vouched for it. */
export const PRESENCE_TTL_MS = 20_000;
/** A room's presence key goes this long after its last heartbeat (its entries are stale long before). */
export const PRESENCE_KEY_TTL_MS = 3 * PRESENCE_TTL_MS;

/**
 * New rooms are refused once Redis uses more than this share of its `maxmemory`: the rest is kept
 * for the rooms already open, which must never be evicted (Redis runs with `noeviction`) and must
 * keep taking picks. Without a `maxmemory` nothing is refused.
 */
export const ROOM_CREATION_MEMORY_SHARE = 0.8;
/** How long one reading of Redis's memory use (INFO memory) answers for room creation. */
export const MEMORY_READING_MS = 1_000;

/**
 * Thrown by createRoom when Redis is too full to open another room (see ROOM_CREATION_MEMORY_SHARE,
 * or Redis refused the write as out of memory). Answer it with the `capacity_reached` error code.
 */
export class CapacityReachedError extends Error {
  readonly code = 'capacity_reached' as const;
  constructor(message = 'Redis is too full to open another room; open rooms keep working.') {
    super(message);
    this.name = 'CapacityReachedError';
  }
}

export type StoreResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export interface AddMemberResult extends JoinReply {
  member: Member;
}

/** A member; a member the host removed; or no member of this room. */
export type TokenOwner = { memberId: string } | { removed: true } | null;

export interface AppliedChange {
  /** The room version that contains the operation. */
  version: number;
  /** True when this operation id was applied before; `change` is then the original's. */
  duplicate: boolean;
  /** What to broadcast; null for the retry of an operation whose change is not kept (a menu). */
  change: RoomChange | null;
}

/**
 * The actor's event budget, when the store counts the change against it in the same step as it
 * applies it (refused with `rate_limited`, nothing written): one Redis round trip per pick instead
 * of two. The numbers are server/src/limits.ts LIMITS.member's.
 */
export interface ChangeBudget {
  perSecond: number;
  burst: number;
  burstWindowSec: number;
}

export interface SnapshotOptions {
  /** The `menuVersion` of the menu the reader already holds. */
  knownMenuVersion?: string;
}

/** A snapshot with the switch for new members and the name of the menu's version always set. */
export type StoredSnapshot = RoomSnapshot & { joining: boolean; menuVersion: string };

/** All room state lives behind this interface; Redis is the only implementation and the only truth. */
export interface RoomStore {
  /**
   * `photos`: the uploaded menu photos the room is opened from (already stored by the photo store).
   * Throws CapacityReachedError when Redis has no room for another one; nothing is left behind then.
   */
  createRoom(request: CreateRoomRequest, photos?: Photo[]): Promise<CreateRoomResponse>;
  /**
   * Throws CapacityReachedError when createRoom would refuse for lack of memory: a route can ask
   * before it spends work (photos, explanations) on a room that cannot open. Cheap (cached reading).
   */
  ensureCapacity(): Promise<void>;
  /** The room a join code opens, or null; a lookup never extends the code's or the room's life. */
  resolveCode(code: string): Promise<string | null>;
  roomExists(roomId: string): Promise<boolean>;
  /**
   * The room as it is now, read at one instant; never extends its life. `menuVersion` names the
   * menu; with `knownMenuVersion` equal to it, the menu is not read and `dishes` is empty (a menu
   * always has at least one dish).
   */
  getSnapshot(roomId: string, options?: SnapshotOptions): Promise<StoredSnapshot | null>;
  /** The room's version, or null when the room does not exist. */
  getVersion(roomId: string): Promise<number | null>;
  /** Who a secret token belongs to. */
  authenticate(roomId: string, memberToken: string): Promise<TokenOwner>;
  /** Refused with room_not_found, room_closed, joining_closed, room_full or capacity_reached. */
  /**
   * With `requestId` (REQUEST_ID_PATTERN) a retried join answers the member its first attempt
   * made, as `duplicate`, instead of adding another.
   */
  addMember(
    roomId: string,
    name: string,
    options?: { requestId?: string },
  ): Promise<StoreResult<AddMemberResult & { duplicate: boolean }>>;
  /**
   * Applies one member's change request once (deduplicated by `opId`: see OPS_KEPT_PER_MEMBER) and
   * bumps the version. When Redis is out of memory the answer is `capacity_reached` (retryable) and
   * nothing was written.
   */
  applyChange(
    roomId: string,
    actorMemberId: string,
    opId: string,
    request: ChangeRequest,
    options?: { budget?: ChangeBudget },
  ): Promise<StoreResult<AppliedChange>>;

  /** Marks connections online until now + PRESENCE_TTL_MS (a replica calls this on connect and on a heartbeat). */
  touchPresence(roomId: string, entries: PresenceEntry[]): Promise<void>;
  removePresence(roomId: string, entry: PresenceEntry): Promise<void>;
  /**
   * A replica's heartbeat for one room in one step: touchPresence(entries), then onlineMembers, and
   * the room's version (null: no room) for the version beacon.
   */
  heartbeat(
    roomId: string,
    entries: PresenceEntry[],
  ): Promise<{ online: string[]; expired: number; version: number | null }>;
  /** Drops expired connections (e.g. of a crashed replica) and returns who is online and whether anything expired. */
  onlineMembers(roomId: string): Promise<{ online: string[]; expired: number }>;
}
