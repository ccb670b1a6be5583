import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ErrorReply, MultiErrorReply } from 'redis';
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
  REQUEST_ID_PATTERN,
  type RoomSnapshot,
} from '../protocol';
import {
  decodeAppliedOp,
  decodeChange,
  decodeExplanations,
  decodeMembers,
  decodeMenu,
  decodeMenuChange,
  decodeNotes,
  decodePicks,
  decodeRounds,
  decodeShares,
  encodeDish,
  encodeMember,
  encodePresence,
  encodeRequest,
  menuArguments,
  onlineMembersOf,
  type PresenceEntry,
} from './codec';
import {
  changeScriptKeys,
  joinCodeKey,
  ROOM_MAX_LIFETIME_SECONDS,
  roomKeys,
  scriptKeys,
  snapshotKeys,
} from './keys';
import { REMOVED_TOKEN } from './lua';
import { type MenuroomRedis, mastersOf, waitForReplicas } from './redis';
import {
  type AddMemberResult,
  type AppliedChange,
  CapacityReachedError,
  type ChangeBudget,
  MEMORY_READING_MS,
  PRESENCE_KEY_TTL_MS,
  PRESENCE_TTL_MS,
  ROOM_CREATION_MEMORY_SHARE,
  ROOM_TTL_SECONDS,
  type RoomStore,
  type SnapshotOptions,
  type StoredSnapshot,
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

/**
 * An id of `length` characters derived from a client's request id: the retry of a room creation
 * or a join that was written but not confirmed (NotReplicatedError) lands on the same room or
 * member instead of making a second one. Each purpose hashes apart, so a member id (which the
 * room sees) tells nothing of the token derived from the same request id. The request id is thus
 * as secret as the token it leads to: the client makes it at random (REQUEST_ID_PATTERN) and
 * keeps it only until its request is answered.
 */
function derivedId(purpose: string, requestId: string, length: number): string {
  return createHash('sha256').update(`menuroom:${purpose}:${requestId}`).digest('base64url').slice(0, length);
}

function checkRequestId(requestId: string): void {
  if (!REQUEST_ID_PATTERN.test(requestId)) throw new Error('a request id is 22–64 base64url characters');
}

/** What a client's request id makes a room: the ids a random creation would draw (16, 8, 32 characters). */
function roomIdsOf(requestId: string | undefined) {
  if (requestId === undefined) return { roomId: newId(12), memberId: newId(6), memberToken: newId(24) };
  checkRequestId(requestId);
  return {
    roomId: derivedId('room', requestId, 16),
    memberId: derivedId('host', requestId, 8),
    memberToken: derivedId('host-token', requestId, 32),
  };
}

function memberIdsOf(roomId: string, requestId: string | undefined) {
  if (requestId === undefined) return { memberId: newId(6), memberToken: newId(24) };
  checkRequestId(requestId);
  return {
    memberId: derivedId('member', `${roomId}:${requestId}`, 8),
    memberToken: derivedId('member-token', `${roomId}:${requestId}`, 32),
  };
}

type Hash = Record<string, string>;

/** A hash as a script returns it (HGETALL in Lua): field, value, field, value, ... */
function flatToHash(flat: string[]): Hash {
  const hash: Hash = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i] as string] = flat[i + 1] as string;
  return hash;
}
type ScriptReply = [status: 'ok' | 'dup' | 'err', value: string | number, changeJson?: string];

/** Limits the scripts enforce, from the protocol module. */
const SCRIPT_LIMITS_VALUES = { members: MAX_MEMBERS, rounds: MAX_ROUNDS, shares: MAX_SHARES };
const SCRIPT_LIMITS = JSON.stringify(SCRIPT_LIMITS_VALUES);

/**
 * Redis refused a write because it is at its maxmemory (with noeviction). Scripts fail at their
 * first write and transactions are discarded whole, so nothing was written.
 */
function isOutOfMemory(error: unknown): boolean {
  if (error instanceof MultiErrorReply) return error.replies.some(isOutOfMemory);
  return error instanceof ErrorReply && /\b(OOM|EXECABORT)\b/.test(error.message);
}

/**
 * The last reading of each connection's Redis memory, shared by every store on that connection
 * (the web tier makes a store per request), so opening a room costs no INFO call most of the time.
 */
const memoryReadings = new WeakMap<MenuroomRedis, { at: number; full: Promise<boolean> }>();

/** Full when any master is past the share: a cluster puts a new room on any of them. */
async function readMemoryFull(redis: MenuroomRedis): Promise<boolean> {
  const infos = await Promise.all((await mastersOf(redis)).map((server) => server.info('memory')));
  return infos.some((info) => {
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    const maxmemory = field('maxmemory');
    return maxmemory > 0 && field('used_memory') > maxmemory * ROOM_CREATION_MEMORY_SHARE;
  });
}

export interface RedisRoomStoreOptions {
  /** Default ROOM_MAX_LIFETIME_SECONDS; tests shorten it. */
  maxLifetimeSeconds?: number;
  /** Default MEMORY_READING_MS; tests read the memory on every creation with 0. */
  memoryReadingMs?: number;
  /**
   * Replicas that must hold a write before it is answered (WAIT after the script); 0 answers at
   * once. replicasToWaitFor(topology) gives 1 on a cluster: see replicated().
   */
  waitForReplicas?: number;
}

export class RedisRoomStore implements RoomStore {
  private readonly maxLifetimeSeconds: number;
  private readonly memoryReadingMs: number;
  private readonly waitForReplicas: number;

  constructor(
    private readonly redis: MenuroomRedis,
    private readonly roomTtlSeconds = ROOM_TTL_SECONDS,
    options: RedisRoomStoreOptions = {},
  ) {
    this.maxLifetimeSeconds = options.maxLifetimeSeconds ?? ROOM_MAX_LIFETIME_SECONDS;
    this.memoryReadingMs = options.memoryReadingMs ?? MEMORY_READING_MS;
    this.waitForReplicas = options.waitForReplicas ?? 0;
  }

  /**
   * Answered only once replicated (waitForReplicas, redis.ts), an operation the phone was told is
   * done survives a failover; one that was not confirmed stays in the phone's outbox and is retried
   * with the same id, which the script applies once (or answers as a duplicate).
   */
  private replicated(key: string): Promise<void> {
    return waitForReplicas(this.redis, key, this.waitForReplicas);
  }
  // A retry (a change answered as a duplicate, a creation or join found done) waits the same way,
  // and that covers its first attempt even when it came through another connection (another web
  // process or socket replica): WAIT counts up to the master's offset at the connection's last
  // command, a read included (Redis 7), and the retry has just read the room on that master.
  // replicatedRetry.int.test.ts retries through a second connection with the replicas hung.

  /** The first arguments of every room script (lua.ts): TTL, now, maximum lifetime. */
  private scriptClock(): string[] {
    return [String(this.roomTtlSeconds), String(Date.now()), String(this.maxLifetimeSeconds)];
  }

  /** Whether Redis is past the share of maxmemory kept for open rooms (read at most once a MEMORY_READING_MS). */
  private memoryFull(): Promise<boolean> {
    const now = Date.now();
    const last = memoryReadings.get(this.redis);
    if (last && now - last.at < this.memoryReadingMs) return last.full;
    const full = readMemoryFull(this.redis);
    memoryReadings.set(this.redis, { at: now, full });
    // A failed reading is not remembered: the next creation asks again.
    full.catch(() => {
      if (memoryReadings.get(this.redis)?.full === full) memoryReadings.delete(this.redis);
    });
    return full;
  }

  /** Redis said it is out of memory: creations are refused without asking until the next reading. */
  private rememberFull(): void {
    memoryReadings.set(this.redis, { at: Date.now(), full: Promise.resolve(true) });
  }

  async ensureCapacity(): Promise<void> {
    if (await this.memoryFull()) throw new CapacityReachedError();
  }

  /**
   * The room a creation with this request id made, if it did (see createRoom), confirmed on a
   * replica; null if there is none.
   */
  async createdRoom(requestId: string): Promise<CreateRoomResponse | null> {
    const { roomId, memberId, memberToken } = roomIdsOf(requestId);
    const k = roomKeys(roomId);
    const [code, hostMemberId, createdAt] = await this.redis.hmGet(k.meta, [
      'code',
      'hostMemberId',
      'createdAt',
    ]);
    if (!code || hostMemberId !== memberId) return null;
    await this.replicated(k.meta);
    // The code has a slot of its own, likely on another master: confirmed (or put back) there too.
    if (this.waitForReplicas > 0) {
      const codeKey = joinCodeKey(code);
      const expiresAt = Number(createdAt) + this.maxLifetimeSeconds * 1000;
      if ((await this.redis.get(codeKey)) === null)
        await this.redis.set(codeKey, roomId, { NX: true, PXAT: expiresAt });
      await this.replicated(codeKey);
    }
    return { roomId, code, memberId, memberToken };
  }

  /**
   * Opens a room. With `requestId` (a client's, see REQUEST_ID_PATTERN) its ids derive from it, and
   * a second creation with the same request id answers the first room (createdRoom) instead of
   * opening another: a creation that was written but not confirmed (NotReplicatedError) is retried.
   */
  async createRoom(
    request: CreateRoomRequest,
    photos: Photo[] = [],
    options: { requestId?: string } = {},
  ): Promise<CreateRoomResponse> {
    if (options.requestId !== undefined) {
      const created = await this.createdRoom(options.requestId);
      if (created) return created;
    }
    await this.ensureCapacity();
    const { roomId, memberId, memberToken } = roomIdsOf(options.requestId);
    const now = Date.now();
    // The room's keys get the TTL; the code expires when the room's lifetime ends, since changes
    // renew the room's keys but cannot reach the code's (another hash slot). A lookup checks that
    // the room still exists, so a code never outlives its room in what it answers.
    const ttl = Math.min(this.roomTtlSeconds, this.maxLifetimeSeconds);
    const lifetimeEndsAt = now + this.maxLifetimeSeconds * 1000;
    const code = await this.reserveJoinCode(roomId, lifetimeEndsAt);
    const k = roomKeys(roomId);
    const menu: Record<string, string> = {};
    request.dishes.forEach((dish, pos) => {
      menu[`d${pos + 1}`] = encodeDish(dish, pos);
    });
    try {
      await this.writeRoom(k, { request, photos, code, memberId, memberToken, now, ttl, menu });
    } catch (error) {
      // The transaction was discarded whole; only the code is left to take back (DEL is allowed
      // when Redis is out of memory).
      await this.redis.del(joinCodeKey(code)).catch(() => undefined);
      if (!isOutOfMemory(error)) throw error;
      this.rememberFull();
      throw new CapacityReachedError();
    }
    await Promise.all([this.replicated(k.meta), this.replicated(joinCodeKey(code))]);
    return { roomId, code, memberId, memberToken };
  }

  private async writeRoom(
    k: ReturnType<typeof roomKeys>,
    room: {
      request: CreateRoomRequest;
      photos: Photo[];
      code: string;
      memberId: string;
      memberToken: string;
      now: number;
      ttl: number;
      menu: Record<string, string>;
    },
  ): Promise<void> {
    const { request, photos, code, memberId, memberToken, now, ttl, menu } = room;
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
        joining: '1',
        menuVersion: '1',
      })
      .hSet(k.menu, menu)
      .hSet(k.members, memberId, encodeMember(request.hostName, now))
      .hSet(k.tokens, hashToken(memberToken), memberId)
      .expire(k.meta, ttl)
      .expire(k.menu, ttl)
      .expire(k.members, ttl)
      .expire(k.tokens, ttl)
      .exec();
  }

  private async reserveJoinCode(roomId: string, expiresAt: number): Promise<string> {
    // 31^6 ≈ 887 million codes: a collision with a live room is rare, so a few tries always suffice.
    for (let attempt = 0; attempt < 8; attempt++) {
      const code = newJoinCode();
      let reserved: string | null;
      try {
        reserved = await this.redis.set(joinCodeKey(code), roomId, { NX: true, PXAT: expiresAt });
      } catch (error) {
        if (!isOutOfMemory(error)) throw error;
        this.rememberFull();
        throw new CapacityReachedError();
      }
      if (reserved === 'OK') return code;
    }
    throw new Error('could not reserve a free join code');
  }

  async resolveCode(code: string): Promise<string | null> {
    const roomId = await this.redis.get(joinCodeKey(code));
    if (!roomId || !(await this.roomExists(roomId))) return null;
    return roomId;
  }

  async roomExists(roomId: string): Promise<boolean> {
    return (await this.redis.exists(roomKeys(roomId).meta)) === 1;
  }

  async getSnapshot(roomId: string, options: SnapshotOptions = {}): Promise<StoredSnapshot | null> {
    const known = options.knownMenuVersion;
    if (known !== undefined) {
      const withoutMenu = await this.readSnapshot(roomId, false);
      if (!withoutMenu || withoutMenu.menuVersion === known) return withoutMenu;
      // The menu changed since the reader's: read again, menu included, so all of it is of one instant.
    }
    return this.readSnapshot(roomId, true);
  }

  /**
   * One MULTI: the version and the state it describes are read atomically, and nothing is renewed.
   * Redis refuses to queue even reads in a MULTI while it is out of memory; then the same reads run
   * as one no-writes script (slower to build its reply, so only then).
   */
  private async readSnapshot(roomId: string, withMenu: boolean): Promise<StoredSnapshot | null> {
    const k = roomKeys(roomId);
    const now = Date.now();
    let replies: unknown[];
    try {
      const reads = this.redis.multi().hGetAll(k.meta);
      if (withMenu) reads.hGetAll(k.menu);
      const read = await reads
        .hGetAll(k.members)
        .hGetAll(k.picks)
        .hGetAll(k.notes)
        .hGetAll(k.shares)
        .hGetAll(k.rounds)
        .hGetAll(k.explanations)
        .zRangeByScore(k.presence, now, '+inf')
        .pTTL(k.meta)
        .exec();
      replies = withMenu ? read : [read[0], {}, ...read.slice(1)];
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      replies = await this.readSnapshotByScript(roomId, now, withMenu);
      if (replies.length === 0) return null;
    }
    const [meta, menu, members, picks, notes, shares, rounds, explanations, presence, ttlMs] = replies as [
      Hash,
      Hash,
      Hash,
      Hash,
      Hash,
      Hash,
      Hash,
      Hash,
      string[],
      number,
    ];
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
      joining: meta.joining !== '0',
      explanations: decodeExplanations(explanations),
      online: onlineMembersOf(presence),
      // Rooms opened before menus had versions: "0" until their next menu change.
      menuVersion: meta.menuVersion ?? '0',
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

  /**
   * Adds a member. With `requestId` (a client's, see REQUEST_ID_PATTERN) the member's id and token
   * derive from it, and a second join with the same request id answers the member the first made,
   * `duplicate`, instead of adding another (a join written but not confirmed is retried); one the
   * host has removed since is `not_a_member`.
   */
  async addMember(
    roomId: string,
    name: string,
    options: { requestId?: string } = {},
  ): Promise<StoreResult<AddMemberResult & { duplicate: boolean }>> {
    const { memberId, memberToken } = memberIdsOf(roomId, options.requestId);
    if (options.requestId !== undefined) {
      const joined = await this.joinedMember(roomId, memberId, memberToken);
      if (joined) return joined;
    }
    const reply = await this.runScript(() =>
      this.redis.addMember(scriptKeys(roomId), [
        ...this.scriptClock(),
        memberId,
        encodeMember(name, Date.now()),
        hashToken(memberToken),
        String(MAX_MEMBERS),
      ]),
    );
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    await this.replicated(roomKeys(roomId).meta);
    return {
      ok: true,
      value: {
        roomId,
        memberId,
        memberToken,
        version: Number(reply[1]),
        member: { id: memberId, name, needs: [], done: false, phoneless: false },
        duplicate: false,
      },
    };
  }

  /** The member a join with these derived ids made, confirmed on a replica; null if none did. */
  private async joinedMember(
    roomId: string,
    memberId: string,
    memberToken: string,
  ): Promise<StoreResult<AddMemberResult & { duplicate: boolean }> | null> {
    const k = roomKeys(roomId);
    const owner = await this.redis.hGet(k.tokens, hashToken(memberToken));
    if (owner === REMOVED_TOKEN) return { ok: false, code: 'not_a_member' };
    if (owner !== memberId) return null;
    const [stored, version] = await Promise.all([
      this.redis.hGet(k.members, memberId),
      this.redis.hGet(k.meta, 'version'),
    ]);
    if (!stored || !version) return null;
    await this.replicated(k.meta);
    const [member] = decodeMembers({ [memberId]: stored });
    if (!member) return null;
    return {
      ok: true,
      value: { roomId, memberId, memberToken, version: Number(version), member, duplicate: true },
    };
  }

  async applyChange(
    roomId: string,
    actorMemberId: string,
    opId: string,
    request: ChangeRequest,
    options: { budget?: ChangeBudget } = {},
  ): Promise<StoreResult<AppliedChange>> {
    const { budget } = options;
    const reply = await this.runScript(() =>
      this.redis.applyChange(changeScriptKeys(roomId, actorMemberId), [
        ...this.scriptClock(),
        actorMemberId,
        opId,
        request.type,
        encodeRequest(request),
        budget ? JSON.stringify({ ...SCRIPT_LIMITS_VALUES, budget }) : SCRIPT_LIMITS,
        ...(request.type === 'menu.replace' ? menuArguments(request.dishes) : []),
      ]),
    );
    if (reply[0] === 'err') return { ok: false, code: reply[1] as ErrorCode };
    // A duplicate waits too: its first attempt may have been answered as not replicated.
    await this.replicated(roomKeys(roomId).meta);
    if (reply[0] === 'dup') {
      const original = decodeAppliedOp(String(reply[1]));
      return { ok: true, value: { ...original, duplicate: true } };
    }
    return {
      ok: true,
      value: {
        version: Number(reply[1]),
        duplicate: false,
        change:
          request.type === 'menu.replace'
            ? decodeMenuChange(String(reply[2]), request.dishes)
            : decodeChange(String(reply[2])),
      },
    };
  }

  /** The snapshot's reads as SNAPSHOT_LUA answers them, in the MULTI's shape; [] for no room. */
  private async readSnapshotByScript(roomId: string, now: number, withMenu: boolean): Promise<unknown[]> {
    const reply = (await this.redis.readSnapshot(snapshotKeys(roomId), [
      String(now),
      withMenu ? '1' : '0',
    ])) as unknown[];
    if (reply.length === 0) return [];
    return [...(reply.slice(0, 8) as string[][]).map(flatToHash), reply[8], reply[9]];
  }

  /** Runs a room script; Redis out of memory becomes the script refusal `capacity_reached`. */
  private async runScript(script: () => Promise<unknown>): Promise<ScriptReply> {
    try {
      return (await script()) as ScriptReply;
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      this.rememberFull();
      return ['err', 'capacity_reached'];
    }
  }

  async touchPresence(roomId: string, entries: PresenceEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const key = roomKeys(roomId).presence;
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    try {
      await this.redis
        .multi()
        .zAdd(
          key,
          entries.map((e) => ({ score: expiresAt, value: encodePresence(e) })),
        )
        .pExpire(key, PRESENCE_KEY_TTL_MS)
        .exec();
    } catch (error) {
      // Redis is full: the room keeps working, its members just show as offline until there is
      // memory again (the next heartbeat writes them back).
      if (!isOutOfMemory(error)) throw error;
    }
  }

  async heartbeat(
    roomId: string,
    entries: PresenceEntry[],
  ): Promise<{ online: string[]; expired: number; version: number | null }> {
    const keys = roomKeys(roomId);
    const now = Date.now();
    const [expired, live, version] = (await this.redis.presenceHeartbeat(
      [keys.presence, keys.meta],
      [
        String(now),
        String(now + PRESENCE_TTL_MS),
        String(PRESENCE_KEY_TTL_MS),
        ...entries.map(encodePresence),
      ],
    )) as [number, string[], string | null];
    return { online: onlineMembersOf(live), expired, version: version ? Number(version) : null };
  }

  async removePresence(roomId: string, entry: PresenceEntry): Promise<void> {
    await this.redis.zRem(roomKeys(roomId).presence, encodePresence(entry));
  }

  async onlineMembers(roomId: string): Promise<{ online: string[]; expired: number }> {
    const key = roomKeys(roomId).presence;
    const now = Date.now();
    // Two pipelined commands rather than a MULTI, which Redis refuses to queue when it is out of
    // memory; the order holds on one connection, and nothing else needs them atomic.
    const [expired, live] = await Promise.all([
      this.redis.zRemRangeByScore(key, '-inf', now),
      this.redis.zRangeByScore(key, now, '+inf'),
    ]);
    return { online: onlineMembersOf(live), expired };
  }
}
