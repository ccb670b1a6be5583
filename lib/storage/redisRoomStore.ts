import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  type ChangeRequest,
  type CreateRoomRequest,
  type CreateRoomResponse,
  type ErrorCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  MAX_MEMBERS,
  MAX_ROUNDS,
  MAX_SHARES,
  type Photo,
  type RoomSnapshot,
} from '../protocol';
import {
  decodeAppliedOp,
  decodeChange,
  decodeExplanations,
  decodeMembers,
  decodeMenu,
  decodeNotes,
  decodePicks,
  decodeRounds,
  decodeShares,
  encodeDish,
  encodeMember,
  encodePresence,
  encodeRequest,
  onlineMembersOf,
  type PresenceEntry,
} from './codec';
import { joinCodeKey, roomKeys, scriptKeys } from './keys';
import { REMOVED_TOKEN } from './lua';
import type { MenuroomRedis } from './redis';
import {
  type AddMemberResult,
  type AppliedChange,
  PRESENCE_TTL_MS,
  ROOM_TTL_SECONDS,
  type RoomStore,
  type StoreResult,
  type TokenOwner,
} from './roomStore';

export function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type Hash = Record<string, string>;
type ScriptReply = [status: 'ok' | 'dup' | 'err', value: string | number, changeJson?: string];

/** Limits the scripts enforce, from the protocol module. */
const SCRIPT_LIMITS = JSON.stringify({ members: MAX_MEMBERS, rounds: MAX_ROUNDS, shares: MAX_SHARES });

export class RedisRoomStore implements RoomStore {
  constructor(
    private readonly redis: MenuroomRedis,
    private readonly roomTtlSeconds = ROOM_TTL_SECONDS,
  ) {}

  async createRoom(request: CreateRoomRequest, photos: Photo[] = []): Promise<CreateRoomResponse> {
    const roomId = newId(12);
    const memberId = newId(6);
    const memberToken = newId(24);
    const code = await this.reserveJoinCode(roomId);
    const k = roomKeys(roomId);
    const now = Date.now();
    const menu: Record<string, string> = {};
    request.dishes.forEach((dish, pos) => {
      menu[`d${pos + 1}`] = encodeDish(dish, pos);
    });
    const ttl = this.roomTtlSeconds;
    await this.redis
      .multi()
      .hSet(k.meta, {
        title: request.title,
        currency: request.currency,
        language: request.language ?? 'en',
        code,
        hostMemberId: memberId,
        createdAt: String(now),
        version: '1',
        round: '1',
        locked: '0',
        closed: '0',
        // Dish ids are never reused: new dishes of a later menu update continue from here.
        nextDish: String(request.dishes.length),
        photos: JSON.stringify(photos),
      })
      .hSet(k.menu, menu)
      .hSet(k.members, memberId, encodeMember(request.hostName, now))
      .hSet(k.tokens, hashToken(memberToken), memberId)
      .expire(k.meta, ttl)
      .expire(k.menu, ttl)
      .expire(k.members, ttl)
      .expire(k.tokens, ttl)
      .exec();
    return { roomId, code, memberId, memberToken };
  }

  private async reserveJoinCode(roomId: string): Promise<string> {
    // 31^6 ≈ 887 million codes: a collision with a live room is rare, so a few tries always suffice.
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = newJoinCode();
      const reserved = await this.redis.set(joinCodeKey(code), roomId, { NX: true, EX: this.roomTtlSeconds });
      if (reserved === 'OK') return code;
    }
    throw new Error('could not reserve a free join code');
  }

  async resolveCode(code: string): Promise<string | null> {
    const roomId = await this.redis.get(joinCodeKey(code));
    if (!roomId || !(await this.roomExists(roomId))) return null;
    // Keep the code alive as long as people keep using it.
    await this.redis.expire(joinCodeKey(code), this.roomTtlSeconds);
    return roomId;
  }

  async roomExists(roomId: string): Promise<boolean> {
    return (await this.redis.exists(roomKeys(roomId).meta)) === 1;
  }

  async getSnapshot(roomId: string): Promise<RoomSnapshot | null> {
    const k = roomKeys(roomId);
    const now = Date.now();
    // One MULTI: the version and the state it describes are read atomically.
    const [meta, menu, members, picks, notes, shares, rounds, explanations, presence, ttlMs] =
      (await this.redis
        .multi()
        .hGetAll(k.meta)
        .hGetAll(k.menu)
        .hGetAll(k.members)
        .hGetAll(k.picks)
        .hGetAll(k.notes)
        .hGetAll(k.shares)
        .hGetAll(k.rounds)
        .hGetAll(k.explanations)
        .zRangeByScore(k.presence, now, '+inf')
        .pTTL(k.meta)
        .exec()) as unknown as [Hash, Hash, Hash, Hash, Hash, Hash, Hash, Hash, string[], number];
    if (!meta.version) return null;
    return {
      roomId,
      code: meta.code ?? '',
      title: meta.title ?? '',
      currency: meta.currency as RoomSnapshot['currency'],
      hostMemberId: meta.hostMemberId ?? '',
      version: Number(meta.version),
      createdAt: Number(meta.createdAt),
      expiresAt: now + Math.max(0, ttlMs),
      dishes: decodeMenu(menu),
      photos: JSON.parse(meta.photos ?? '[]') as Photo[],
      language: (meta.language ?? 'en') as RoomSnapshot['language'],
      members: decodeMembers(members),
      picks: decodePicks(picks),
      notes: decodeNotes(notes),
      shares: decodeShares(shares),
      round: Number(meta.round ?? 1),
      rounds: decodeRounds(rounds),
      locked: meta.locked === '1',
      closed: meta.closed === '1',
      explanations: decodeExplanations(explanations),
      online: onlineMembersOf(presence),
    };
  }

  async getVersion(roomId: string): Promise<number | null> {
    const version = await this.redis.hGet(roomKeys(roomId).meta, 'version');
    return version ? Number(version) : null;
  }

  async authenticate(roomId: string, memberToken: string): Promise<TokenOwner> {
    const owner = await this.redis.hGet(roomKeys(roomId).tokens, hashToken(memberToken));
    if (!owner) return null;
    return owner === REMOVED_TOKEN ? { removed: true } : { memberId: owner };
  }

  async addMember(roomId: string, name: string): Promise<StoreResult<AddMemberResult>> {
    const memberId = newId(6);
    const memberToken = newId(24);
    const reply = (await this.redis.addMember(scriptKeys(roomId), [
      String(this.roomTtlSeconds),
      String(Date.now()),
      memberId,
      encodeMember(name, Date.now()),
      hashToken(memberToken),
      String(MAX_MEMBERS),
    ])) as ScriptReply;
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    return {
      ok: true,
      value: {
        roomId,
        memberId,
        memberToken,
        version: Number(reply[1]),
        member: { id: memberId, name, needs: [], done: false, phoneless: false },
      },
    };
  }

  async applyChange(
    roomId: string,
    actorMemberId: string,
    opId: string,
    request: ChangeRequest,
  ): Promise<StoreResult<AppliedChange>> {
    const reply = (await this.redis.applyChange(scriptKeys(roomId), [
      String(this.roomTtlSeconds),
      String(Date.now()),
      actorMemberId,
      opId,
      request.type,
      encodeRequest(request),
      SCRIPT_LIMITS,
    ])) as ScriptReply;
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    if (reply[0] === 'dup') {
      const original = decodeAppliedOp(String(reply[1]));
      return { ok: true, value: { ...original, duplicate: true } };
    }
    return {
      ok: true,
      value: { version: Number(reply[1]), duplicate: false, change: decodeChange(String(reply[2])) },
    };
  }

  async touchPresence(roomId: string, entries: PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const key = roomKeys(roomId).presence;
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    await this.redis
      .multi()
      .zAdd(
        key,
        entries.map((e) => ({ score: expiresAt, value: encodePresence(e) })),
      )
      .expire(key, this.roomTtlSeconds)
      .exec();
  }

  async removePresence(roomId: string, entry: PresenceEntry): Promise<void> {
    await this.redis.zRem(roomKeys(roomId).presence, encodePresence(entry));
  }

  async onlineMembers(roomId: string): Promise<{ online: string[]; expired: number }> {
    const key = roomKeys(roomId).presence;
    const now = Date.now();
    const [expired, live] = (await this.redis
      .multi()
      .zRemRangeByScore(key, '-inf', now)
      .zRangeByScore(key, now, '+inf')
      .exec()) as unknown as [number, string[]];
    return { online: onlineMembersOf(live), expired };
  }
}
