import { beforeEach, describe, expect, it } from 'vitest';
import type { RoomSnapshot } from '../protocol';
import { myQty, useRoomStore } from '../client/roomStore';

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
  members: [{ id: 'm1', name: 'Hana' }],
  picks: [{ dishId: 'd1', memberId: 'm1', qty: 1 }],
  online: ['m1'],
};
const pick = (version: number, qty: number, memberId = 'm1') => ({
  version,
  change: { type: 'pick' as const, dishId: 'd1', memberId, qty },
});

beforeEach(() => {
  useRoomStore.getState().reset();
  useRoomStore.getState().applySnapshot(snapshot);
});

describe('versioned changes', () => {
  it('applies the next version and ignores old ones', () => {
    const store = useRoomStore.getState();
    expect(store.applyChange(pick(6, 2))).toBe('applied');
    expect(useRoomStore.getState().applyChange(pick(6, 9))).toBe('stale');
    expect(useRoomStore.getState().picks).toEqual({ 'd1:m1': 2 });
    expect(useRoomStore.getState().version).toBe(6);
  });

  it('holds a change that arrives ahead of a gap and applies both once the gap fills', () => {
    expect(useRoomStore.getState().applyChange(pick(7, 3))).toBe('gap');
    expect(useRoomStore.getState().version).toBe(5);
    expect(useRoomStore.getState().applyChange(pick(6, 0))).toBe('applied');
    expect(useRoomStore.getState().version).toBe(7);
    expect(useRoomStore.getState().picks).toEqual({ 'd1:m1': 3 });
  });

  it('removes a pick set to zero and adds joining members once', () => {
    const member = { version: 6, change: { type: 'member' as const, member: { id: 'm2', name: 'Ben' } } };
    useRoomStore.getState().applyChange(member);
    useRoomStore.getState().applyChange(pick(7, 0));
    expect(useRoomStore.getState().members.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(useRoomStore.getState().picks).toEqual({});
  });
});

describe('outbox', () => {
  it('shows my pending quantity until the confirmed state contains it', () => {
    const store = useRoomStore.getState();
    store.setMember('m1');
    const pending = store.queuePick('d1', 4);
    expect(myQty(useRoomStore.getState(), 'd1')).toBe(4);
    useRoomStore.getState().markAcked('d1', pending.opId, 7);
    expect(myQty(useRoomStore.getState(), 'd1')).toBe(4);
    useRoomStore.getState().applyChange(pick(6, 1, 'm2'));
    expect(useRoomStore.getState().outbox.d1).toBeDefined();
    useRoomStore.getState().applyChange(pick(7, 4));
    expect(useRoomStore.getState().outbox).toEqual({});
    expect(myQty(useRoomStore.getState(), 'd1')).toBe(4);
  });

  it('ignores an acknowledgement for a pick that a newer one replaced', () => {
    const store = useRoomStore.getState();
    const older = store.queuePick('d1', 2);
    const newer = useRoomStore.getState().queuePick('d1', 3);
    useRoomStore.getState().markAcked('d1', older.opId, 6);
    expect(useRoomStore.getState().outbox.d1).toEqual(newer);
  });
});

describe('snapshots', () => {
  it('keeps newer state when changes overtook the snapshot on its way', () => {
    const requestedAt = useRoomStore.getState().version;
    useRoomStore.getState().applyChange(pick(6, 3));
    useRoomStore.getState().applySnapshot({ ...snapshot, version: 5, online: ['m1', 'm2'] }, requestedAt);
    expect(useRoomStore.getState().version).toBe(6);
    expect(useRoomStore.getState().picks).toEqual({ 'd1:m1': 3 });
    expect(useRoomStore.getState().online).toEqual(['m1', 'm2']);
  });

  it('takes a snapshot older than what it asked from, as Redis is the truth', () => {
    useRoomStore.getState().applySnapshot({ ...snapshot, version: 3, picks: [] }, 5);
    expect(useRoomStore.getState().version).toBe(3);
    expect(useRoomStore.getState().picks).toEqual({});
  });
});
