import { beforeEach, describe, expect, it } from 'vitest';
import type { Member, RoomSnapshot } from '../protocol';
import {
  applyChange,
  applySnapshot,
  createRoomState,
  lastKnownOf,
  markAcked,
  myQty,
  queueChange,
  type RoomStateStore,
  refuseChange,
  restoreLastKnown,
} from './state';
import { lastKnownDishesKey, lastKnownKey, MemberSession, memoryStorage } from './session';

const member = (id: string, name: string, patch: Partial<Member> = {}): Member => ({
  id,
  name,
  needs: [],
  done: false,
  phoneless: false,
  ...patch,
});
const snapshot: RoomSnapshot = {
  roomId: 'room-abcdef12',
  code: 'ABCDEF',
  title: 'T',
  currency: 'EUR',
  hostMemberId: 'm1',
  version: 5,
  createdAt: 0,
  expiresAt: 0,
  dishes: [{ id: 'd1', name: 'Pasta', priceMinor: 1250 }],
  photos: [],
  language: 'it',
  members: [member('m1', 'Hana')],
  picks: [{ dishId: 'd1', memberId: 'm1', qty: 1 }],
  notes: [],
  shares: [],
  round: 1,
  rounds: [],
  locked: false,
  closed: false,
  explanations: [],
  online: ['m1'],
};
const pick = (version: number, qty: number, memberId = 'm1') => ({
  version,
  change: { type: 'pick' as const, dishId: 'd1', memberId, qty },
});

let store: RoomStateStore;
const state = () => store.getState();
const queuePick = (dishId: string, qty: number, opId: string) =>
  queueChange(store, { type: 'pick.set', dishId, qty }, opId);

beforeEach(() => {
  store = createRoomState();
  applySnapshot(store, snapshot);
});

describe('versioned changes', () => {
  it('applies the next version and ignores old ones', () => {
    expect(applyChange(store, pick(6, 2))).toBe('applied');
    expect(applyChange(store, pick(6, 9))).toBe('stale');
    expect(state().picks).toEqual({ 'd1:m1': 2 });
    expect(state().version).toBe(6);
  });

  it('holds a change that arrives ahead of a gap and applies both once the gap fills', () => {
    expect(applyChange(store, pick(7, 3))).toBe('gap');
    expect(state().version).toBe(5);
    expect(applyChange(store, pick(6, 0))).toBe('applied');
    expect(state().version).toBe(7);
    expect(state().picks).toEqual({ 'd1:m1': 3 });
  });

  it('removes a pick set to zero and adds joining members once', () => {
    const joined = { version: 6, change: { type: 'member' as const, member: member('m2', 'Ben') } };
    applyChange(store, joined);
    applyChange(store, pick(7, 0));
    expect(state().members.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(state().picks).toEqual({});
  });
});

describe('outbox', () => {
  it('shows my pending quantity until the confirmed state contains it', () => {
    store.setState({ memberId: 'm1' });
    const pending = queuePick('d1', 4, 'op-00000001');
    expect(myQty(state(), 'd1')).toBe(4);
    markAcked(store, 'pick:d1', pending.opId, 7);
    expect(myQty(state(), 'd1')).toBe(4);
    applyChange(store, pick(6, 1, 'm2'));
    expect(state().outbox['pick:d1']).toBeDefined();
    applyChange(store, pick(7, 4));
    expect(state().outbox).toEqual({});
    expect(myQty(state(), 'd1')).toBe(4);
  });

  it('ignores an acknowledgement for a pick that a newer one replaced', () => {
    const older = queuePick('d1', 2, 'op-00000001');
    const newer = queuePick('d1', 3, 'op-00000002');
    markAcked(store, 'pick:d1', older.opId, 6);
    expect(state().outbox['pick:d1']).toEqual(newer);
  });

  it('drops a refused change, says why, and leaves a newer one of the same slot alone', () => {
    const refused = queuePick('d1', 2, 'op-00000001');
    refuseChange(store, 'pick:d1', refused.opId, { code: 'unknown_dish', message: 'gone' });
    expect(state().outbox).toEqual({});
    expect(state().refusals).toEqual([
      { change: refused.change, error: { code: 'unknown_dish', message: 'gone' } },
    ]);
    const newer = queuePick('d1', 3, 'op-00000003');
    refuseChange(store, 'pick:d1', 'op-00000001', { code: 'unknown_dish', message: 'gone' });
    expect(state().outbox['pick:d1']).toEqual(newer);
  });
});

describe('changes from a newer server', () => {
  it('stops at a change type it does not know, so the phone resyncs instead of guessing', () => {
    const unknown = { version: 6, change: { type: 'poll', question: 'dessert?' } };
    expect(applyChange(store, unknown as never)).toBe('unknown');
    expect(state().version).toBe(5);
  });
});

describe('snapshots', () => {
  it('keeps newer state when changes overtook the snapshot on its way', () => {
    const requestedAt = state().version;
    applyChange(store, pick(6, 3));
    applySnapshot(store, { ...snapshot, version: 5, online: ['m1', 'm2'] }, requestedAt);
    expect(state().version).toBe(6);
    expect(state().picks).toEqual({ 'd1:m1': 3 });
    expect(state().online).toEqual(['m1', 'm2']);
  });

  it('takes a snapshot older than what it asked from, as Redis is the truth', () => {
    applySnapshot(store, { ...snapshot, version: 3, picks: [] }, 5);
    expect(state().version).toBe(3);
    expect(state().picks).toEqual({});
  });
});

describe('the order, host controls and shared plates', () => {
  const at = (version: number, change: Parameters<typeof applyChange>[1]['change']) => ({ version, change });

  it('keeps a note with its pick and drops it with the pick', () => {
    applyChange(
      store,
      at(6, { type: 'note', note: { dishId: 'd1', memberId: 'm1', note: 'no cheese', needs: ['milk'] } }),
    );
    expect(state().notes['d1:m1']).toMatchObject({ note: 'no cheese', needs: ['milk'] });
    applyChange(store, pick(7, 0));
    expect(state().notes).toEqual({});
  });

  it('places a round: the picks move to the rounds, the next round starts open and nobody is done', () => {
    applyChange(store, at(6, { type: 'member', member: member('m1', 'Hana', { done: true }) }));
    applyChange(store, at(7, { type: 'order', locked: true }));
    const placed = {
      round: 1,
      placedAt: 1,
      dishes: snapshot.dishes,
      members: state().members,
      picks: snapshot.picks,
      notes: [],
      shares: [],
    };
    applyChange(store, at(8, { type: 'round', placed }));
    expect(state()).toMatchObject({ round: 2, locked: false, picks: {}, rounds: [placed] });
    expect(state().members[0]?.done).toBe(false);
  });

  it("removes a member's picks and places on shared plates, and hands the plate on", () => {
    applyChange(store, at(6, { type: 'member', member: member('m2', 'Ben') }));
    applyChange(
      store,
      at(7, {
        type: 'share',
        share: { id: 's1', dishId: 'd1', plates: 1, by: 'm2', members: ['m2', 'm1'], invited: [] },
      }),
    );
    applyChange(store, at(8, { type: 'pick', dishId: 'd1', memberId: 'm2', qty: 2 }));
    applyChange(store, at(9, { type: 'member.removed', memberId: 'm2' }));
    expect(state().picks).toEqual({ 'd1:m1': 1 });
    expect(state().shares).toEqual([
      { id: 's1', dishId: 'd1', plates: 1, by: 'm1', members: ['m1'], invited: [] },
    ]);
  });

  it('turns this phone into a visitor when the host removes its member, with nothing left to send', () => {
    store.setState({ memberId: 'm1' });
    queuePick('d1', 3, 'op-00000001');
    applyChange(store, at(6, { type: 'member.removed', memberId: 'm1' }));
    expect(state()).toMatchObject({ memberId: null, removed: true, outbox: {} });
  });

  it('takes a snapshot from a replica one version older, without the fields it does not know', () => {
    const {
      notes: _n,
      shares: _s,
      round: _r,
      rounds: _rs,
      locked: _l,
      closed: _c,
      language: _lang,
      ...older
    } = snapshot;
    const fresh = createRoomState();
    applySnapshot(fresh, { ...older, members: [{ id: 'm1', name: 'Hana' }] } as unknown as RoomSnapshot);
    expect(fresh.getState()).toMatchObject({ round: 1, locked: false, shares: [], notes: {}, rounds: [] });
    expect(fresh.getState().members[0]).toEqual(member('m1', 'Hana'));
    expect(fresh.getState().meta?.language).toBe('en');
  });
});

describe('joining and the visitor view', () => {
  it('follows the host closing and reopening joining; unknown (null) from a server without the switch', () => {
    expect(state().joining).toBeNull();
    applySnapshot(store, { ...snapshot, version: 6, joining: true });
    expect(state().joining).toBe(true);
    expect(applyChange(store, { version: 7, change: { type: 'joining', open: false } })).toBe('applied');
    expect(state().joining).toBe(false);
    expect(applyChange(store, { version: 8, change: { type: 'joining', open: true } })).toBe('applied');
    expect(state().joining).toBe(true);
  });

  it('resyncs a phone of protocol 4 that is told about joining (it cannot apply it)', () => {
    expect(applyChange(store, { version: 6, change: { type: 'joining', open: false } }, 4)).toBe('unknown');
  });

  it('takes the member count from a visitor view, and counts the members otherwise', () => {
    expect(state().memberCount).toBe(1);
    // A member the host removed comes back as a visitor: the phone asks from the version it had.
    applySnapshot(store, { ...snapshot, version: 0, members: [], memberCount: 12 }, 5);
    expect(state().memberCount).toBe(12);
    expect(state().members).toEqual([]);
  });
});

describe('the last known room', () => {
  it('comes back as it was confirmed, marked until the server answers, with the outbox kept', () => {
    applyChange(store, { version: 6, change: { type: 'member' as const, member: member('m2', 'Ben') } });
    applyChange(store, pick(7, 2, 'm2'));
    applyChange(store, {
      version: 8,
      change: { type: 'note', note: { dishId: 'd1', memberId: 'm2', note: 'no egg', needs: [] } },
    });
    const saved = lastKnownOf(state(), 1_000);
    if (!saved) throw new Error('nothing to save');
    expect(saved.savedAt).toBe(1_000);
    expect(saved.snapshot.online).toEqual([]);

    const storage = memoryStorage();
    new MemberSession(storage, snapshot.roomId).saveLastKnown(saved);
    const loaded = new MemberSession(storage, snapshot.roomId).loadLastKnown();
    if (!loaded) throw new Error('nothing loaded');

    const reopened = createRoomState();
    reopened.setState({ memberId: 'm1' });
    queueChange(reopened, { type: 'pick.set', dishId: 'd1', qty: 4 }, 'op-offline-1');
    restoreLastKnown(reopened, loaded);
    const { picks, notes, members, dishes, version, meta, lastKnownAt, outbox } = reopened.getState();
    expect({ picks, notes, members, dishes, version, meta }).toEqual({
      picks: state().picks,
      notes: state().notes,
      members: state().members,
      dishes: state().dishes,
      version: 8,
      meta: state().meta,
    });
    expect(lastKnownAt).toBe(1_000);
    expect(Object.keys(outbox)).toEqual(['pick:d1']);
    expect(myQty(reopened.getState(), 'd1')).toBe(4);

    // The server's snapshot replaces it, even one older than what was saved.
    applySnapshot(reopened, { ...snapshot, version: 7 }, 8);
    expect(reopened.getState().lastKnownAt).toBeNull();
    expect(reopened.getState().version).toBe(7);
  });

  it('writes the dishes only when they changed, and refuses what another room or shape saved', () => {
    const storage = memoryStorage();
    const writes: string[] = [];
    const counting = {
      ...storage,
      setItem: (key: string, value: string) => {
        writes.push(key);
        storage.setItem(key, value);
      },
    };
    const session = new MemberSession(counting, snapshot.roomId);
    const saved = lastKnownOf(state(), 1);
    if (!saved) throw new Error('nothing to save');
    session.saveLastKnown(saved);
    session.saveLastKnown({ ...saved, savedAt: 2 });
    expect(writes).toEqual([
      lastKnownDishesKey(snapshot.roomId),
      lastKnownKey(snapshot.roomId),
      lastKnownKey(snapshot.roomId),
    ]);
    expect(new MemberSession(storage, 'room-other123').loadLastKnown()).toBeNull();
    storage.setItem(
      lastKnownKey(snapshot.roomId),
      JSON.stringify({ savedAt: 1, snapshot: { roomId: snapshot.roomId } }),
    );
    expect(session.loadLastKnown()).toBeNull();
    expect(session.lastKnownExpiresAt()).toBeNull();
    session.saveLastKnown({ ...saved, snapshot: { ...saved.snapshot, expiresAt: 1_234 } });
    expect(session.lastKnownExpiresAt()).toBe(1_234);
    session.saveLastKnown(null);
    expect(session.lastKnownExpiresAt()).toBeNull();
    expect(storage.getItem(lastKnownDishesKey(snapshot.roomId))).toBeNull();
  });
});
