'use client';
// Client state of the open room: one zustand store made of small slices. Socket events call these
// actions (see roomConnection.ts); components select narrow slices. Redis is the truth: `picks` only
// ever holds what the server confirmed, and the outbox holds what this phone has not yet seen confirmed.
import { create } from 'zustand';
import { randomId } from './randomId';
import type { Dish, Member, Photo, RoomChanged, RoomSnapshot } from '@/lib/protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'expired';

/** A pick this phone made and has not yet seen in the confirmed state. */
export interface PendingPick {
  opId: string;
  qty: number;
  /** Set once the server acknowledged it: the room version that contains it. */
  ackedVersion?: number;
}

export interface RoomMeta {
  roomId: string;
  code: string;
  title: string;
  currency: RoomSnapshot['currency'];
  hostMemberId: string;
  expiresAt: number;
}

interface ConnectionSlice {
  status: ConnectionStatus;
  replicaId: string | null;
  lastError: string | null;
  setStatus(status: ConnectionStatus): void;
  setReplica(replicaId: string): void;
  setError(message: string | null): void;
}

interface RoomSlice {
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
  /**
   * Replaces the room with the server's snapshot. `requestedAt` is the version this phone had when
   * it asked: changes that arrived meanwhile can make the snapshot older than the state, and then
   * the state is kept.
   */
  applySnapshot(snapshot: RoomSnapshot, requestedAt?: number): void;
  /** Returns 'gap' when a version is missing and a resync is needed. */
  applyChange(event: RoomChanged): 'applied' | 'stale' | 'gap';
  setOnline(online: string[]): void;
}

interface MeSlice {
  memberId: string | null;
  outbox: Record<string, PendingPick>;
  setMember(memberId: string | null): void;
  setOutbox(outbox: Record<string, PendingPick>): void;
  queuePick(dishId: string, qty: number): PendingPick;
  markAcked(dishId: string, opId: string, version: number): void;
  dropPick(dishId: string, opId: string): void;
}

export type RoomState = ConnectionSlice & RoomSlice & MeSlice & { reset(): void };

export function pickKey(dishId: string, memberId: string): string {
  return `${dishId}:${memberId}`;
}

export function newOpId(): string {
  return randomId();
}

/** Drops pending picks that the confirmed state has caught up with. */
function pruneOutbox(outbox: Record<string, PendingPick>, version: number): Record<string, PendingPick> {
  const kept = Object.entries(outbox).filter(
    ([, p]) => p.ackedVersion === undefined || p.ackedVersion > version,
  );
  return kept.length === Object.keys(outbox).length ? outbox : Object.fromEntries(kept);
}

const initial = {
  status: 'connecting' as ConnectionStatus,
  replicaId: null,
  lastError: null,
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
};

export const useRoomStore = create<RoomState>()((set, get) => ({
  ...initial,
  reset: () => set(initial),

  setStatus: (status) => set({ status }),
  setReplica: (replicaId) => set({ replicaId }),
  setError: (lastError) => set({ lastError }),

  applySnapshot: (s, requestedAt = 0) =>
    set((state) => {
      if (s.version < state.version && s.version >= requestedAt) return { online: s.online };
      return {
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
        photos: s.photos,
        members: s.members,
        picks: Object.fromEntries(s.picks.map((p) => [pickKey(p.dishId, p.memberId), p.qty])),
        online: s.online,
        ahead: Object.fromEntries(Object.entries(state.ahead).filter(([v]) => Number(v) > s.version)),
        outbox: pruneOutbox(state.outbox, s.version),
      };
    }),

  applyChange: (event) => {
    const state = get();
    if (event.version <= state.version) return 'stale';
    if (event.version > state.version + 1) {
      set({ ahead: { ...state.ahead, [event.version]: event } });
      return 'gap';
    }
    // Apply this change and then any buffered ones that now follow on.
    let { version, members, picks, dishes, outbox } = state;
    const ahead = { ...state.ahead };
    let next: RoomChanged | undefined = event;
    while (next) {
      const { change } = next;
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
        outbox = Object.fromEntries(Object.entries(outbox).filter(([dishId]) => onMenu.has(dishId)));
      } else if (!members.some((m) => m.id === change.member.id)) {
        members = [...members, change.member];
      }
      version = next.version;
      delete ahead[version];
      next = ahead[version + 1];
    }
    set({ version, members, picks, dishes, ahead, outbox: pruneOutbox(outbox, version) });
    return Object.keys(ahead).length > 0 ? 'gap' : 'applied';
  },

  setOnline: (online) => set({ online }),

  setMember: (memberId) => set({ memberId }),
  setOutbox: (outbox) => set({ outbox }),
  queuePick: (dishId, qty) => {
    const pick: PendingPick = { opId: newOpId(), qty };
    set((state) => ({ outbox: { ...state.outbox, [dishId]: pick } }));
    return pick;
  },
  markAcked: (dishId, opId, version) =>
    set((state) => {
      const pending = state.outbox[dishId];
      if (!pending || pending.opId !== opId) return {};
      const outbox = { ...state.outbox, [dishId]: { ...pending, ackedVersion: version } };
      return { outbox: pruneOutbox(outbox, state.version) };
    }),
  dropPick: (dishId, opId) =>
    set((state) => {
      if (state.outbox[dishId]?.opId !== opId) return {};
      const { [dishId]: _dropped, ...outbox } = state.outbox;
      return { outbox };
    }),
}));

/** The quantity this phone shows for its own pick: what it asked for until the server confirms it. */
export function myQty(state: Pick<RoomState, 'outbox' | 'picks' | 'memberId'>, dishId: string): number {
  const pending = state.outbox[dishId];
  if (pending) return pending.qty;
  return state.memberId ? (state.picks[pickKey(dishId, state.memberId)] ?? 0) : 0;
}
