// The state of one open room on one phone: a zustand vanilla store (no React, no DOM), so the
// browser app, the fault suite's simulated phones and the load driver all run this very code.
// Redis is the truth: `picks` and the rest only ever hold what the server confirmed, and the outbox
// holds what this phone asked for and has not yet seen confirmed.
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type ChangeRequestInput,
  type CurrencyCode,
  type Dish,
  type Member,
  type Photo,
  ROOM_CHANGE_TYPES,
  type ReplyError,
  type RoomChanged,
  type RoomSnapshot,
  slotOf,
} from '../protocol';

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
  hostMemberId: string;
  expiresAt: number;
}

export interface RoomState {
  status: ConnectionStatus;
  replicaId: string | null;
  /** The last error worth showing (a refused change, a failed join...). */
  lastError: ReplyError | null;
  refusals: Refusal[];

  meta: RoomMeta | null;
  version: number;
  dishes: Dish[];
  photos: Photo[];
  members: Member[];
  /** Confirmed quantities by `${dishId}:${memberId}`. */
  picks: Record<string, number>;
  online: string[];
  /** Changes that arrived ahead of a missing version, kept briefly in case the gap fills. */
  ahead: Record<number, RoomChanged>;

  memberId: string | null;
  /** Pending changes by slot (see slotOf): the newest per slot is what counts. */
  outbox: Record<string, PendingChange>;
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
  dishes: [],
  photos: [],
  members: [],
  picks: {},
  online: [],
  ahead: {},
  memberId: null,
  outbox: {},
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
  store.setState({
    meta: {
      roomId: s.roomId,
      code: s.code,
      title: s.title,
      currency: s.currency,
      hostMemberId: s.hostMemberId,
      expiresAt: s.expiresAt,
    },
    version: s.version,
    dishes: s.dishes,
    photos: s.photos ?? [],
    members: s.members,
    picks: Object.fromEntries(s.picks.map((p) => [pickKey(p.dishId, p.memberId), p.qty])),
    online: s.online,
    ahead: Object.fromEntries(Object.entries(state.ahead).filter(([v]) => Number(v) > s.version)),
    outbox: pruneOutbox(state.outbox, s.version),
  });
  return 'applied';
}

const KNOWN_CHANGES: ReadonlySet<string> = new Set(ROOM_CHANGE_TYPES);

/**
 * Applies a broadcast change if it is the next version, then any buffered ones that follow on.
 * 'gap': a version is missing (wait briefly, then resync). 'unknown': a newer server sent a change
 * this code cannot apply (resync now: the snapshot carries its effect on what this code knows).
 */
export function applyChange(
  store: RoomStateStore,
  event: RoomChanged,
): 'applied' | 'stale' | 'gap' | 'unknown' {
  const state = store.getState();
  if (event.version <= state.version) return 'stale';
  if (event.version > state.version + 1) {
    store.setState({ ahead: { ...state.ahead, [event.version]: event } });
    return 'gap';
  }
  let { version, members, picks, dishes, outbox } = state;
  const ahead = { ...state.ahead };
  let next: RoomChanged | undefined = event;
  while (next) {
    const { change } = next;
    if (!KNOWN_CHANGES.has(change.type)) {
      store.setState({ version, members, picks, dishes, ahead, outbox: pruneOutbox(outbox, version) });
      return 'unknown';
    }
    if (change.type === 'pick') {
      picks = { ...picks };
      const key = pickKey(change.dishId, change.memberId);
      if (change.qty === 0) delete picks[key];
      else picks[key] = change.qty;
    } else if (change.type === 'menu') {
      // Picks of dishes the host removed went with them, on the server and here.
      dishes = change.dishes;
      const onMenu = new Set(dishes.map((d) => d.id));
      picks = Object.fromEntries(
        Object.entries(picks).filter(([key]) => onMenu.has(key.split(':')[0] ?? '')),
      );
      outbox = Object.fromEntries(
        Object.entries(outbox).filter(([, p]) => p.change.type !== 'pick.set' || onMenu.has(p.change.dishId)),
      );
    } else if (change.type === 'member' && !members.some((m) => m.id === change.member.id)) {
      members = [...members, change.member];
    }
    version = next.version;
    delete ahead[version];
    next = ahead[version + 1];
  }
  store.setState({ version, members, picks, dishes, ahead, outbox: pruneOutbox(outbox, version) });
  return Object.keys(ahead).length > 0 ? 'gap' : 'applied';
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

/** Whether this phone has a change of that slot not yet acknowledged ("sending…"). */
export function isSending(state: Pick<RoomState, 'outbox'>, slot: string): boolean {
  const pending = state.outbox[slot];
  return pending !== undefined && pending.ackedVersion === undefined;
}

/** Confirmed picks with this phone's own pending ones laid over them, so my figures agree with my taps. */
export function picksWithMine(
  state: Pick<RoomState, 'picks' | 'outbox' | 'memberId'>,
): Record<string, number> {
  const { picks, outbox, memberId } = state;
  if (!memberId || Object.keys(outbox).length === 0) return picks;
  const merged = { ...picks };
  for (const pending of Object.values(outbox)) {
    if (pending.change.type !== 'pick.set') continue;
    const key = pickKey(pending.change.dishId, memberId);
    if (pending.change.qty > 0) merged[key] = pending.change.qty;
    else delete merged[key];
  }
  return merged;
}

export function resetRoomState(store: RoomStateStore): void {
  store.setState(initialState(), true);
}
