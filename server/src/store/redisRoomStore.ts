import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  type CreateRoomRequest,
  type CreateRoomResponse,
  type Dish,
  type DishInput,
  type ErrorCode,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  MAX_MEMBERS,
  type Member,
  type Photo,
  type RoomSnapshot,
  type SetPickRequest,
  type UpdateMenuRequest,
} from '../../../lib/protocol';
import { joinCodeKey, mutationKeys, roomKeys } from './keys';
import type { RedisClient } from './redisClient';
import {
  type AddMemberResult,
  PRESENCE_TTL_MS,
  type PresenceEntry,
  ROOM_TTL_SECONDS,
  type RoomStore,
  type SetPickResult,
  type StoreResult,
} from './roomStore';
import { ADD_MEMBER_LUA } from './scripts/addMember';
import { REPLACE_MENU_LUA } from './scripts/replaceMenu';
import { SET_PICK_LUA } from './scripts/setPick';

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

/** A dish as stored in the menu hash (field = dish id); `pos` keeps the menu's order. */
type StoredDish = DishInput & { pos: number };

function toDishes(menu: Record<string, string>): Dish[] {
  return Object.entries(menu)
    .map(([id, json]) => ({ id, ...(JSON.parse(json) as StoredDish) }))
    .sort((a, b) => a.pos - b.pos)
    .map(({ pos: _pos, ...dish }) => dish);
}
interface StoredMember {
  name: string;
  joinedAt: number;
}

/** Runs a Lua script by SHA, loading it on the first call and after a Redis restart (NOSCRIPT). */
class LuaScript {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}

const setPickScript = new LuaScript(SET_PICK_LUA);
const addMemberScript = new LuaScript(ADD_MEMBER_LUA);
const replaceMenuScript = new LuaScript(REPLACE_MENU_LUA);

type ScriptReply = [status: 'ok' | 'dup' | 'err', value: number | ErrorCode, dishId?: string, qty?: number];

export class RedisRoomStore implements RoomStore {
  constructor(
    private readonly redis: RedisClient,
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
      menu[`d${pos + 1}`] = JSON.stringify({ ...dish, pos } satisfies StoredDish);
    });
    const ttl = this.roomTtlSeconds;
    await this.redis
      .multi()
      .hSet(k.meta, {
        title: request.title,
        currency: request.currency,
        code,
        hostMemberId: memberId,
        createdAt: String(now),
        version: '1',
        // Dish ids are never reused: new dishes of a later menu update continue from here.
        nextDish: String(request.dishes.length),
        photos: JSON.stringify(photos),
      })
      .hSet(k.menu, menu)
      .hSet(
        k.members,
        memberId,
        JSON.stringify({ name: request.hostName, joinedAt: now } satisfies StoredMember),
      )
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
    const [meta, menu, members, picks, presence, ttlMs] = (await this.redis
      .multi()
      .hGetAll(k.meta)
      .hGetAll(k.menu)
      .hGetAll(k.members)
      .hGetAll(k.picks)
      .zRangeByScore(k.presence, now, '+inf')
      .pTTL(k.meta)
      .exec()) as unknown as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      string[],
      number,
    ];
    if (!meta.version) return null;
    const memberList: Member[] = Object.entries(members)
      .map(([id, json]) => ({ id, ...(JSON.parse(json) as StoredMember) }))
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map(({ id, name }) => ({ id, name }));
    return {
      roomId,
      code: meta.code ?? '',
      title: meta.title ?? '',
      currency: meta.currency as RoomSnapshot['currency'],
      hostMemberId: meta.hostMemberId ?? '',
      version: Number(meta.version),
      createdAt: Number(meta.createdAt),
      expiresAt: now + Math.max(0, ttlMs),
      dishes: toDishes(menu),
      photos: JSON.parse(meta.photos ?? '[]') as Photo[],
      members: memberList,
      picks: Object.entries(picks).map(([field, qty]) => {
        const [dishId = '', memberId = ''] = field.split(':');
        return { dishId, memberId, qty: Number(qty) };
      }),
      online: uniqueMembers(presence),
    };
  }

  async getVersion(roomId: string): Promise<number | null> {
    const version = await this.redis.hGet(roomKeys(roomId).meta, 'version');
    return version ? Number(version) : null;
  }

  async authenticate(roomId: string, memberToken: string): Promise<string | null> {
    return (await this.redis.hGet(roomKeys(roomId).tokens, hashToken(memberToken))) ?? null;
  }

  async addMember(roomId: string, name: string): Promise<StoreResult<AddMemberResult>> {
    const memberId = newId(6);
    const memberToken = newId(24);
    const stored: StoredMember = { name, joinedAt: Date.now() };
    const reply = (await addMemberScript.run(this.redis, mutationKeys(roomId), [
      memberId,
      JSON.stringify(stored),
      hashToken(memberToken),
      String(MAX_MEMBERS),
      String(this.roomTtlSeconds),
    ])) as ScriptReply;
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    return {
      ok: true,
      value: { roomId, memberId, memberToken, version: Number(reply[1]), member: { id: memberId, name } },
    };
  }

  async setPick(
    roomId: string,
    memberId: string,
    request: SetPickRequest,
  ): Promise<StoreResult<SetPickResult>> {
    const reply = (await setPickScript.run(this.redis, mutationKeys(roomId), [
      memberId,
      request.opId,
      request.dishId,
      String(request.qty),
      String(this.roomTtlSeconds),
    ])) as ScriptReply;
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    return {
      ok: true,
      value: {
        version: Number(reply[1]),
        duplicate: reply[0] === 'dup',
        dishId: String(reply[2]),
        qty: Number(reply[3]),
      },
    };
  }

  async updateMenu(
    roomId: string,
    memberId: string,
    request: UpdateMenuRequest,
  ): Promise<StoreResult<{ version: number; dishes: Dish[] | null }>> {
    const reply = (await replaceMenuScript.run(this.redis, mutationKeys(roomId), [
      memberId,
      request.opId,
      String(this.roomTtlSeconds),
      JSON.stringify(request.dishes),
    ])) as [status: 'ok' | 'dup' | 'err', value: number | ErrorCode, stored?: string[]];
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    if (reply[0] === 'dup') return { ok: true, value: { version: Number(reply[1]), dishes: null } };
    const stored: Record<string, string> = {};
    const fields = reply[2] ?? [];
    for (let i = 0; i < fields.length; i += 2) stored[fields[i] ?? ''] = fields[i + 1] ?? '';
    return { ok: true, value: { version: Number(reply[1]), dishes: toDishes(stored) } };
  }

  async touchPresence(roomId: string, entries: PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const key = roomKeys(roomId).presence;
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    await this.redis
      .multi()
      .zAdd(
        key,
        entries.map((e) => ({ score: expiresAt, value: presenceValue(e) })),
      )
      .expire(key, this.roomTtlSeconds)
      .exec();
  }

  async removePresence(roomId: string, entry: PresenceEntry): Promise<void> {
    await this.redis.zRem(roomKeys(roomId).presence, presenceValue(entry));
  }

  async onlineMembers(roomId: string): Promise<{ online: string[]; expired: number }> {
    const key = roomKeys(roomId).presence;
    const now = Date.now();
    const [expired, live] = (await this.redis
      .multi()
      .zRemRangeByScore(key, '-inf', now)
      .zRangeByScore(key, now, '+inf')
      .exec()) as unknown as [number, string[]];
    return { online: uniqueMembers(live), expired };
  }
}

function presenceValue({ memberId, connectionId }: PresenceEntry): string {
  return `${memberId}|${connectionId}`;
}

function uniqueMembers(presenceValues: string[]): string[] {
  return [...new Set(presenceValues.map((value) => value.split('|')[0] ?? ''))].filter(Boolean);
}
