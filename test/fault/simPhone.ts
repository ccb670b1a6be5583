// A phone as the fault suite drives it: the shipped client core
// (lib/roomClient) over a real socket.io client through nginx, with a storage of its own. This file
// only decides what the person taps and records what happened; the syncing is the app's own code.
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { io } from 'socket.io-client';
import type {
  ChangeRequestInput,
  Member,
  MemberExplanation,
  PickNote,
  PlacedRound,
  RoomSnapshot,
  Share,
} from '../../lib/protocol';
import { RoomClient } from '../../lib/roomClient/roomClient';
import { memoryStorage, MemberSession } from '../../lib/roomClient/session';

/** An operation this phone sent, and the version the server acknowledged for it (if it did). */
export interface SentOp {
  opId: string;
  change: ChangeRequestInput;
  ackedVersion?: number;
  /** The error the room refused it with for good (a pick while the order is locked, ...). */
  refusedWith?: string;
}

export interface SimPhoneOptions {
  url: string;
  roomId: string;
  memberId: string;
  memberToken: string;
  dishIds: string[];
  /** Long-polling only exercises nginx's sticky hash; websocket-first exercises least_conn. */
  transport: 'websocket-first' | 'polling';
  /** Only to play an older (or newer) phone. */
  protocol?: number;
  /**
   * The loopback address the phone connects from (127.0.0.0/8): each phone is its own person, as
   * on real networks, so the limits per client address do not treat a table as one flooder.
   */
  from?: string;
}

/** The part of a room the oracle compares between a phone and Redis. */
export interface RoomView {
  version: number;
  hostMemberId: string;
  picks: Record<string, number>;
  notes: PickNote[];
  shares: Share[];
  members: Member[];
  round: number;
  /** The rounds placed so far, each with what was ordered in it. */
  rounds: PlacedRound[];
  locked: boolean;
  closed: boolean;
  explanations: MemberExplanation[];
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

/** JSON with object keys in order, so equal views compare equal whatever order fields were set in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const sortNotes = (notes: PickNote[]) => [...notes].sort(byKey((n) => `${n.dishId}:${n.memberId}`));
const sortShares = (shares: Share[]) => [...shares].sort(byKey((s) => s.id));
const sortMembers = (members: Member[]) => [...members].sort(byKey((m) => m.id));

/**
 * Sets in one order, so equal rooms compare equal; what has an order of its own stays in it (the
 * menu's dishes, the rounds, who joined a plate first).
 */
export function normalizeView(view: RoomView): RoomView {
  return {
    ...view,
    notes: sortNotes(view.notes),
    shares: sortShares(view.shares),
    members: sortMembers(view.members),
    rounds: view.rounds.map((placed) => ({
      ...placed,
      members: sortMembers(placed.members),
      picks: [...placed.picks].sort(byKey((p) => `${p.dishId}:${p.memberId}`)),
      notes: sortNotes(placed.notes),
      shares: sortShares(placed.shares),
    })),
    explanations: [...view.explanations].sort(byKey((e) => `${e.dishId}:${e.memberId}`)),
  };
}

/** The same view of what Redis holds. */
export function roomView(snapshot: RoomSnapshot): RoomView {
  return normalizeView({
    version: snapshot.version,
    hostMemberId: snapshot.hostMemberId,
    picks: Object.fromEntries(snapshot.picks.map((p) => [`${p.dishId}:${p.memberId}`, p.qty])),
    notes: snapshot.notes,
    shares: snapshot.shares,
    members: snapshot.members,
    round: snapshot.round,
    rounds: snapshot.rounds,
    locked: snapshot.locked,
    closed: snapshot.closed,
    explanations: snapshot.explanations,
  });
}

export class SimPhone {
  readonly client: RoomClient;
  /** Every operation this phone made, by operation id. */
  readonly ops = new Map<string, SentOp>();
  /** Answers that made the phone send an operation again later, by error code. */
  readonly retries = new Map<string, number>();
  /** Set if a snapshot ever took this phone to a lower version than it had. */
  wentBackwards = false;
  resyncs = 0;

  constructor(private readonly options: SimPhoneOptions) {
    const storage = memoryStorage();
    // As after opening the room's link with a saved member token.
    new MemberSession(storage, options.roomId).saveCredentials({
      roomId: options.roomId,
      memberId: options.memberId,
      memberToken: options.memberToken,
    });
    this.client = new RoomClient({
      roomId: options.roomId,
      storage,
      stickyKey: randomUUID(),
      protocol: options.protocol,
      connect: (socketOptions) =>
        io(options.url, {
          ...socketOptions,
          transports: options.transport === 'polling' ? ['polling'] : socketOptions.transports,
          forceNew: true,
          ...(options.from
            ? {
                agent: new Agent({ localAddress: options.from }) as unknown as string,
                localAddress: options.from,
              }
            : {}),
        } as Parameters<typeof io>[1]),
      observer: {
        acked: (pending, reply) => {
          const op = this.ops.get(pending.opId);
          if (op) op.ackedVersion = reply.version;
        },
        retrying: (_pending, error) => {
          this.retries.set(error.code, (this.retries.get(error.code) ?? 0) + 1);
        },
        refused: (pending, error) => {
          const op = this.ops.get(pending.opId);
          if (op) op.refusedWith = error.code;
        },
        resynced: (snapshot, from) => {
          this.resyncs++;
          if (snapshot.version < from) this.wentBackwards = true;
        },
      },
    });
  }

  get memberId(): string {
    return this.options.memberId;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  get version(): number {
    return this.client.store.getState().version;
  }

  /** Confirmed picks as this phone shows them: `${dishId}:${memberId}` → quantity. */
  get picks(): Record<string, number> {
    return this.client.store.getState().picks;
  }

  /** What this phone shows of the room, in the form `roomView` gives a snapshot. */
  get view(): RoomView {
    const s = this.client.store.getState();
    return normalizeView({
      version: s.version,
      hostMemberId: s.hostMemberId,
      picks: s.picks,
      notes: Object.values(s.notes),
      shares: s.shares,
      members: s.members,
      round: s.round,
      rounds: s.rounds,
      locked: s.locked,
      closed: s.closed,
      explanations: s.explanations,
    });
  }

  /** Nothing left to send and nothing waiting for an answer. */
  get settled(): boolean {
    return this.client.settled;
  }

  /** Sends a change as the app does, and remembers it for the oracle. */
  submit(change: ChangeRequestInput): void {
    const pending = this.client.submit(change);
    this.ops.set(pending.opId, { opId: pending.opId, change });
  }

  /** A random pick, as a person tapping + and − would make. */
  pickRandomly(): void {
    this.submit({ type: 'pick.set', dishId: this.anyDish(), qty: Math.floor(Math.random() * 5) });
  }

  /**
   * What a person at the table does now and then: mostly picks, sometimes a note on a pick, a need,
   * "I'm done", a shared plate offered or answered; the host also locks, reopens and marks rounds as
   * ordered. Changes the room refuses (a pick while locked, a note on a dish not picked) are refused
   * for good and counted as such, as the app shows them.
   */
  actRandomly(others: string[]): void {
    const state = this.client.store.getState();
    const isHost = state.hostMemberId === this.memberId;
    const roll = Math.random();
    const random = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];
    if (isHost && state.locked && roll < 0.3) {
      // A locked order is soon either ordered or reopened.
      if (roll < 0.1) this.submit({ type: 'order.placed', round: state.round });
      else this.submit({ type: 'order.lock', locked: false });
    } else if (isHost && !state.locked && roll < 0.03) {
      this.submit({ type: 'order.lock', locked: true });
    } else if (roll < 0.7) {
      this.pickRandomly();
    } else if (roll < 0.8) {
      const note = random(['', 'no coriander', 'extra spicy', 'sauce on the side', '고수 빼 주세요']) ?? '';
      this.submit({
        type: 'pick.note',
        dishId: this.anyDish(),
        note,
        needs: Math.random() < 0.3 ? ['peanuts'] : [],
      });
    } else if (roll < 0.85) {
      this.submit({ type: 'member.needs', needs: Math.random() < 0.5 ? ['vegetarian', 'not_spicy'] : [] });
    } else if (roll < 0.87) {
      this.submit({
        type: 'dish.explain',
        dishId: this.anyDish(),
        text: random(['', 'it is tripe', 'very spicy']) ?? '',
      });
    } else if (roll < 0.9) {
      this.submit({ type: 'member.done', done: Math.random() < 0.5 });
    } else {
      const asked = state.shares.find((share) => share.invited.includes(this.memberId));
      if (asked) this.submit({ type: 'share.respond', shareId: asked.id, accept: Math.random() < 0.7 });
      else
        this.submit({
          type: 'share.offer',
          shareId: `plate-${this.memberId}-${Math.floor(Math.random() * 3)}`,
          dishId: this.anyDish(),
          plates: 1 + Math.floor(Math.random() * 2),
          memberIds: others.filter(() => Math.random() < 0.5),
        });
    }
  }

  private anyDish(): string {
    return this.options.dishIds[Math.floor(Math.random() * this.options.dishIds.length)] ?? '';
  }

  close(): void {
    this.client.close();
  }
}
