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

/** A room lives this long after its last change: a meal, not a month. */
export const ROOM_TTL_SECONDS = 6 * 60 * 60;
/** A connection counts as online this long after its replica last vouched for it. */
export const PRESENCE_TTL_MS = 20_000;

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

/** All room state lives behind this interface; Redis is the only implementation and the only truth. */
export interface RoomStore {
  /** `photos`: the uploaded menu photos the room is opened from (already stored by the photo store). */
  createRoom(request: CreateRoomRequest, photos?: Photo[]): Promise<CreateRoomResponse>;
  resolveCode(code: string): Promise<string | null>;
  roomExists(roomId: string): Promise<boolean>;
  getSnapshot(roomId: string): Promise<RoomSnapshot | null>;
  /** The room's version, or null when the room does not exist. */
  getVersion(roomId: string): Promise<number | null>;
  /** Who a secret token belongs to. */
  authenticate(roomId: string, memberToken: string): Promise<TokenOwner>;
  addMember(roomId: string, name: string): Promise<StoreResult<AddMemberResult>>;
  /** Applies one member's change request once (deduplicated by `opId`) and bumps the version. */
  applyChange(
    roomId: string,
    actorMemberId: string,
    opId: string,
    request: ChangeRequest,
  ): Promise<StoreResult<AppliedChange>>;

  /** Marks connections online until now + PRESENCE_TTL_MS (a replica calls this on connect and on a heartbeat). */
  touchPresence(roomId: string, entries: PresenceEntry[]): Promise<void>;
  removePresence(roomId: string, entry: PresenceEntry): Promise<void>;
  /** Drops expired connections (e.g. of a crashed replica) and returns who is online and whether anything expired. */
  onlineMembers(roomId: string): Promise<{ online: string[]; expired: number }>;
}
