// The state of one open room on one phone: a zustand vanilla store (no React, no DOM), so the
// browser app and the fault suite's simulated phones run this very code.
// Redis is the truth: `picks` and the rest only ever hold what the server confirmed, and the outbox
// holds what this phone asked for and has not yet seen confirmed.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  ChangeRequestInput,
  CurrencyCode,
  Dish,
  Member,
  MemberExplanation,
  MenuLanguageCode,
  Photo,
  PickNote,
  PlacedRound,
  ReplyError,
  RoomChange,
  RoomChanged,
  RoomSnapshot,
  Share,
} from '../protocol';
// Values from the zod-free module: importing them from lib/protocol.ts would put zod and every
// schema (about 32 KB gzip) in each page that opens a room.
import { PROTOCOL_VERSION, ROOM_CHANGE_SINCE, slotOf } from '../protocolValues';

export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'expired'
  /** The server speaks a protocol this page is too old (or too new) for: reload. */
  | 'outdated';

/** A change this phone asked for and has not yet seen in the confirmed state. */
export interface PendingChange {
  opId: string;
  change: ChangeRequestInput;
  /** Set once the server acknowledged it: the room version that contains it. */
  ackedVersion?: number;
}

/** A change the server refused for good (the pick of a dish the host removed, ...): said, not hidden. */
export interface Refusal {
  change: ChangeRequestInput;
  error: ReplyError;
}

export interface RoomMeta {
  roomId: string;
  code: string;
  title: string;
  currency: CurrencyCode;
  language: MenuLanguageCode;
  createdAt: number;
  expiresAt: number;
}

/** What the room holds, as confirmed by the server. */
export interface RoomData {
  hostMemberId: string;
  dishes: Dish[];
  members: Member[];
  /** Quantities of the current round by `${dishId}:${memberId}`. */
  picks: Record<string, number>;
  /** Notes of the current round by `${dishId}:${memberId}`. */
  notes: Record<string, PickNote>;
  shares: Share[];
  round: number;
  rounds: PlacedRound[];
  locked: boolean;
  closed: boolean;
  /** What members wrote to explain dishes. */
  explanations: MemberExplanation[];
  /** Whether new members may join; null when the server has no such switch (joining is open). */
  joining: boolean | null;
}

export interface RoomState extends RoomData {
  status: ConnectionStatus;
  replicaId: string | null;
  /** The last error worth showing (a refused change, a failed join...). */
  lastError: ReplyError | null;
  refusals: Refusal[];

  meta: RoomMeta | null;
  version: number;
  photos: Photo[];
  online: string[];
  /** Members at the table as of the last snapshot (all a visitor is told about them). */
  memberCount: number;
  /** Changes that arrived ahead of a missing version, kept briefly in case the gap fills. */
  ahead: Record<number, RoomChanged>;

  memberId: string | null;
  /** Set when the host removed this phone's member: it is a visitor from then on. */
  removed: boolean;
  /** Pending changes by slot (see slotOf): the newest per slot is what counts. */
  outbox: Record<string, PendingChange>;
  /**
   * When the room on screen was saved, while it is the one this phone kept from an earlier visit
   * (reopened without a network); null once the server's snapshot has replaced it.
   */
  lastKnownAt: number | null;
}

export type RoomStateStore = StoreApi<RoomState>;

export function pickKey(dishId: string, memberId: string): string {
  return `${dishId}:${memberId}`;
}

const initialState = (): RoomState => ({
  status: 'connecting',
  replicaId: null,
  lastError: null,
  refusals: [],
  meta: null,
  version: 0,
  hostMemberId: '',
  dishes: [],
  photos: [],
  members: [],
  picks: {},
  notes: {},
  shares: [],
  round: 1,
  rounds: [],
  locked: false,
  closed: false,
  explanations: [],
  joining: null,
  online: [],
  memberCount: 0,
  ahead: {},
  memberId: null,
  removed: false,
  outbox: {},
  lastKnownAt: null,
});

export function createRoomState(): RoomStateStore {
  return createStore<RoomState>()(initialState);
}

/** Drops pending changes that the confirmed state has caught up with. */
function pruneOutbox(outbox: Record<string, PendingChange>, version: number): Record<string, PendingChange> {
  const kept = Object.entries(outbox).filter(
    ([, p]) => p.ackedVersion === undefined || p.ackedVersion > version,
  );
  return kept.length === Object.keys(outbox).length ? outbox : Object.fromEntries(kept);
}

function withDefaults(member: Partial<Member> & Pick<Member, 'id' | 'name'>): Member {
  return { needs: [], done: false, phoneless: false, ...member };
}

/**
 * After the room changed: a member the host removed is a visitor from then on; nothing of theirs
 * is left to send.
 */
function afterRoomChange(state: RoomState, room: RoomData): Partial<RoomState> {
  const wasMember = state.memberId !== null && state.members.some((m) => m.id === state.memberId);
  if (!wasMember || room.members.some((m) => m.id === state.memberId)) return {};
  return { memberId: null, removed: true, outbox: {} };
}

/**
 * The snapshot's menu, keeping the dish objects (and the list) the phone already holds where they
 * are equal: a resync with the same menu, or the socket's first answer over the page's own copy,
 * then re-renders no dish row (the rows are memoised on their dish).
 */
function sameDishesKept(held: Dish[], incoming: Dish[]): Dish[] {
  if (held.length === 0) return incoming;
  const heldById = new Map(held.map((dish) => [dish.id, dish]));
  let allKept = held.length === incoming.length;
  const dishes = incoming.map((dish, index) => {
    const before = heldById.get(dish.id);
    const kept = before !== undefined && JSON.stringify(before) === JSON.stringify(dish) ? before : dish;
    if (kept !== held[index]) allKept = false;
    return kept;
  });
  return allKept ? held : dishes;
}

/**
 * Replaces the room with the server's snapshot. `requestedAt` is the version this phone had when it
 * asked: changes that arrived meanwhile can make the snapshot older than the state, and then the
 * state is kept. A snapshot older than what was asked from is taken: Redis is the truth.
 */
export function applySnapshot(store: RoomStateStore, s: RoomSnapshot, requestedAt = 0): 'applied' | 'kept' {
  const state = store.getState();
  if (s.version < state.version && s.version >= requestedAt) {
    store.setState({ online: s.online });
    return 'kept';
  }
  // Fields a replica one protocol version older does not send get their neutral value.
  const room: RoomData = {
    hostMemberId: s.hostMemberId,
    dishes: sameDishesKept(state.dishes, s.dishes),
    members: s.members.map(withDefaults),
    picks: Object.fromEntries(s.picks.map((p) => [pickKey(p.dishId, p.memberId), p.qty])),
    notes: Object.fromEntries((s.notes ?? []).map((n) => [pickKey(n.dishId, n.memberId), n])),
    shares: s.shares ?? [],
    round: s.round ?? 1,
    rounds: s.rounds ?? [],
    locked: s.locked ?? false,
    closed: s.closed ?? false,
    explanations: s.explanations ?? [],
    joining: s.joining ?? null,
  };
  store.setState({
    meta: {
      roomId: s.roomId,
      code: s.code,
      title: s.title,
      currency: s.currency,
      language: s.language ?? 'en',
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
    },
    version: s.version,
    ...room,
    photos: s.photos ?? [],
    online: s.online,
    memberCount: s.memberCount ?? s.members.length,
    ahead: Object.fromEntries(Object.entries(state.ahead).filter(([v]) => Number(v) > s.version)),
    outbox: pruneOutbox(state.outbox, s.version),
    lastKnownAt: null,
    ...afterRoomChange(state, room),
  });
  return 'applied';
}

/** The room as this phone last saw it confirmed, kept to reopen it without a network. */
export interface LastKnownRoom {
  savedAt: number;
  snapshot: RoomSnapshot;
}

/**
 * The confirmed room as a snapshot (null before the first one): what a reopened page shows until the
 * server answers. Presence is left out: who is online is not known offline.
 */
export function lastKnownOf(state: RoomState, now: number): LastKnownRoom | null {
  const { meta } = state;
  if (!meta) return null;
  return {
    savedAt: now,
    snapshot: {
      ...meta,
      hostMemberId: state.hostMemberId,
      version: state.version,
      dishes: state.dishes,
      photos: state.photos,
      members: state.members,
      picks: Object.entries(state.picks).map(([key, qty]) => ({
        dishId: dishOfKey(key),
        memberId: memberOfKey(key),
        qty,
      })),
      notes: Object.values(state.notes),
      shares: state.shares,
      round: state.round,
      rounds: state.rounds,
      locked: state.locked,
      closed: state.closed,
      explanations: state.explanations,
      online: [],
      ...(state.joining === null ? {} : { joining: state.joining }),
      memberCount: state.memberCount,
    },
  };
}

/**
 * Shows a room saved on an earlier visit, before the socket connects. It is marked (lastKnownAt)
 * until the server's first snapshot replaces it; the outbox is kept and sent then.
 */
export function restoreLastKnown(store: RoomStateStore, saved: LastKnownRoom): void {
  applySnapshot(store, saved.snapshot);
  store.setState({ lastKnownAt: saved.savedAt });
}

/**
 * A store that starts out holding a saved room, as restoreLastKnown leaves it. React renders a
 * zustand store's initial state on the server and while hydrating, so a page rendered from a room
 * needs it there, not set afterwards. `memberId`: the phone is shown as that member.
 */
export function roomStateFrom(saved: LastKnownRoom, memberId: string | null = null): RoomStateStore {
  const restored = createRoomState();
  restored.setState({ memberId });
  restoreLastKnown(restored, saved);
  return createStore<RoomState>()(() => restored.getState());
}

const withoutKeys = <T>(record: Record<string, T>, drop: (key: string) => boolean): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !drop(key)));
const dishOfKey = (key: string) => key.slice(0, key.indexOf(':'));
const memberOfKey = (key: string) => key.slice(key.indexOf(':') + 1);

/**
 * One confirmed change on top of the room, exactly as the Lua script applied it to Redis (see
 * lib/storage/lua.ts): the fault suite checks that every phone ends up equal to Redis.
 */
function reduce(room: RoomData, change: RoomChange): RoomData {
  switch (change.type) {
    case 'pick': {
      const key = pickKey(change.dishId, change.memberId);
      if (change.qty > 0) return { ...room, picks: { ...room.picks, [key]: change.qty } };
      // A note belongs to its pick.
      return {
        ...room,
        picks: withoutKeys(room.picks, (k) => k === key),
        notes: withoutKeys(room.notes, (k) => k === key),
      };
    }
    case 'note': {
      const key = pickKey(change.note.dishId, change.note.memberId);
      const notes = withoutKeys(room.notes, (k) => k === key);
      const empty = change.note.note === '' && change.note.needs.length === 0;
      return { ...room, notes: empty ? notes : { ...notes, [key]: change.note } };
    }
    case 'member': {
      const member = withDefaults(change.member);
      const known = room.members.some((m) => m.id === member.id);
      return {
        ...room,
        members: known
          ? room.members.map((m) => (m.id === member.id ? member : m))
          : [...room.members, member],
      };
    }
    case 'member.removed': {
      const gone = change.memberId;
      const shares = room.shares.flatMap((share) => {
        const members = share.members.filter((id) => id !== gone);
        if (members.length === 0) return [];
        const by = members.includes(share.by) ? share.by : (members[0] ?? share.by);
        return [{ ...share, members, by, invited: share.invited.filter((id) => id !== gone) }];
      });
      return {
        ...room,
        members: room.members.filter((m) => m.id !== gone),
        picks: withoutKeys(room.picks, (k) => memberOfKey(k) === gone),
        notes: withoutKeys(room.notes, (k) => memberOfKey(k) === gone),
        shares,
        explanations: room.explanations.filter((e) => e.memberId !== gone),
      };
    }
    case 'menu': {
      // Picks, notes and shared plates of dishes the host removed went with them.
      const onMenu = new Set(change.dishes.map((d) => d.id));
      return {
        ...room,
        dishes: change.dishes,
        picks: withoutKeys(room.picks, (k) => !onMenu.has(dishOfKey(k))),
        notes: withoutKeys(room.notes, (k) => !onMenu.has(dishOfKey(k))),
        shares: room.shares.filter((share) => onMenu.has(share.dishId)),
        explanations: room.explanations.filter((e) => onMenu.has(e.dishId)),
      };
    }
    case 'host':
      return { ...room, hostMemberId: change.memberId };
    case 'order':
      return { ...room, locked: change.locked };
    case 'round':
      return {
        ...room,
        rounds: [...room.rounds, change.placed],
        round: change.placed.round + 1,
        picks: {},
        notes: {},
        shares: [],
        locked: false,
        members: room.members.map((m) => (m.done ? { ...m, done: false } : m)),
      };
    case 'closed':
      return { ...room, closed: true, locked: true };
    case 'joining':
      return { ...room, joining: change.open };
    case 'share': {
      const known = room.shares.some((s) => s.id === change.share.id);
      return {
        ...room,
        shares: known
          ? room.shares.map((s) => (s.id === change.share.id ? change.share : s))
          : [...room.shares, change.share],
      };
    }
    case 'share.removed':
      return { ...room, shares: room.shares.filter((s) => s.id !== change.shareId) };
    case 'explanation': {
      const { dishId, memberId, text } = change.explanation;
      const others = room.explanations.filter((e) => e.dishId !== dishId || e.memberId !== memberId);
      return { ...room, explanations: text === '' ? others : [...others, change.explanation] };
    }
  }
}

/**
 * Applies a broadcast change if it is the next version, then any buffered ones that follow on.
 * 'gap': a version is missing (wait briefly, then resync). 'unknown': a newer server sent a change
 * this code cannot apply (resync now: the snapshot carries its effect on what this code knows).
 */
export function applyChange(
  store: RoomStateStore,
  event: RoomChanged,
  protocol = PROTOCOL_VERSION,
): 'applied' | 'stale' | 'gap' | 'unknown' {
  const state = store.getState();
  if (event.version <= state.version) return 'stale';
  if (event.version > state.version + 1) {
    store.setState({ ahead: { ...state.ahead, [event.version]: event } });
    return 'gap';
  }
  let room: RoomData = state;
  let { version } = state;
  const ahead = { ...state.ahead };
  let next: RoomChanged | undefined = event;
  let result: 'applied' | 'gap' | 'unknown' = 'applied';
  while (next) {
    // A phone of an older protocol does not know the changes introduced after it.
    const { type } = next.change;
    const since = Object.hasOwn(ROOM_CHANGE_SINCE, type) ? ROOM_CHANGE_SINCE[type] : undefined;
    if (since === undefined || since > protocol) {
      result = 'unknown';
      break;
    }
    room = reduce(room, next.change);
    version = next.version;
    delete ahead[version];
    next = ahead[version + 1];
  }
  if (result === 'applied' && Object.keys(ahead).length > 0) result = 'gap';
  const {
    hostMemberId,
    dishes,
    members,
    picks,
    notes,
    shares,
    round,
    rounds,
    locked,
    closed,
    explanations,
    joining,
  } = room;
  store.setState({
    explanations,
    joining,
    hostMemberId,
    dishes,
    members,
    picks,
    notes,
    shares,
    round,
    rounds,
    locked,
    closed,
    version,
    ahead,
    outbox: pruneOutbox(state.outbox, version),
    ...afterRoomChange(state, room),
  });
  return result;
}

/** Puts a change in the outbox; it replaces a pending change of the same slot. */
export function queueChange(store: RoomStateStore, change: ChangeRequestInput, opId: string): PendingChange {
  const pending: PendingChange = { opId, change };
  store.setState((state) => ({ outbox: { ...state.outbox, [slotOf(change)]: pending } }));
  return pending;
}

export function markAcked(store: RoomStateStore, slot: string, opId: string, version: number): void {
  store.setState((state) => {
    const pending = state.outbox[slot];
    if (!pending || pending.opId !== opId) return {};
    const outbox = { ...state.outbox, [slot]: { ...pending, ackedVersion: version } };
    return { outbox: pruneOutbox(outbox, state.version) };
  });
}

/** Drops a change the server refused for good, and keeps the refusal to show it. */
export function refuseChange(store: RoomStateStore, slot: string, opId: string, error: ReplyError): void {
  store.setState((state) => {
    const pending = state.outbox[slot];
    if (pending?.opId !== opId) return {};
    const { [slot]: _refused, ...outbox } = state.outbox;
    return {
      outbox,
      lastError: error,
      refusals: [...state.refusals, { change: pending.change, error }].slice(-20),
    };
  });
}

/** The quantity this phone shows for its own pick: what it asked for until the server confirms it. */
export function myQty(state: Pick<RoomState, 'outbox' | 'picks' | 'memberId'>, dishId: string): number {
  const pending = state.outbox[slotOf({ type: 'pick.set', dishId, qty: 0 })];
  if (pending?.change.type === 'pick.set') return pending.change.qty;
  return state.memberId ? (state.picks[pickKey(dishId, state.memberId)] ?? 0) : 0;
}

/** The quantity shown for a member's pick: the pending one this phone sent, or the confirmed one. */
export function qtyOf(
  state: Pick<RoomState, 'outbox' | 'picks' | 'memberId'>,
  dishId: string,
  memberId: string,
): number {
  if (memberId === state.memberId) return myQty(state, dishId);
  const pending = state.outbox[slotOf({ type: 'pick.setFor', dishId, memberId, qty: 0 })];
  if (pending?.change.type === 'pick.setFor') return pending.change.qty;
  return state.picks[pickKey(dishId, memberId)] ?? 0;
}

/** One empty list for every "no needs", so selectors that return it stay equal between renders. */
const NO_NEEDS: PickNote['needs'] = [];

/** The note shown for a pick: the one this phone is sending, or the confirmed one. */
export function noteOf(
  state: Pick<RoomState, 'outbox' | 'notes' | 'memberId'>,
  dishId: string,
  memberId: string,
): { note: string; needs: PickNote['needs'] } {
  const forOther = memberId === state.memberId ? undefined : memberId;
  const pending =
    state.outbox[slotOf({ type: 'pick.note', dishId, note: '', needs: [], memberId: forOther })];
  if (pending?.change.type === 'pick.note')
    return { note: pending.change.note, needs: pending.change.needs ?? NO_NEEDS };
  const confirmed = state.notes[pickKey(dishId, memberId)];
  return { note: confirmed?.note ?? '', needs: confirmed?.needs ?? NO_NEEDS };
}

/** Whether this phone has a change of that slot not yet acknowledged ("sending…"). */
export function isSending(state: Pick<RoomState, 'outbox'>, slot: string): boolean {
  const pending = state.outbox[slot];
  return pending !== undefined && pending.ackedVersion === undefined;
}

/**
 * Confirmed picks with this phone's own pending ones laid over them (its member's, and those the
 * host makes for members without a phone), so the figures agree with the taps.
 */
export function picksWithMine(
  state: Pick<RoomState, 'picks' | 'outbox' | 'memberId'>,
): Record<string, number> {
  const { picks, outbox, memberId } = state;
  if (!memberId || Object.keys(outbox).length === 0) return picks;
  const merged = { ...picks };
  for (const { change } of Object.values(outbox)) {
    if (change.type !== 'pick.set' && change.type !== 'pick.setFor') continue;
    const key = pickKey(change.dishId, change.type === 'pick.setFor' ? change.memberId : memberId);
    if (change.qty > 0) merged[key] = change.qty;
    else delete merged[key];
  }
  return merged;
}
