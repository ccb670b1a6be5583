import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMinor, summarizeOrder } from './orderSummary';
import type { Member, Share } from './protocol';

const dishes = [
  { id: 'd1', name: 'Bibimbap', priceMinor: 9000 },
  { id: 'd2', name: 'Bulgogi', priceMinor: 15000 },
  { id: 'd3', name: 'Soju', priceMinor: 5000 },
  { id: 'd4', name: 'Water', priceMinor: 0 },
];
const member = (id: string, name: string, patch: Partial<Member> = {}): Member => ({
  id,
  name,
  needs: [],
  done: false,
  phoneless: false,
  ...patch,
});
const members = [member('m1', 'Hana'), member('m2', 'Ben'), member('m3', 'Cy', { needs: ['peanuts'] })];
const share = (patch: Partial<Share>): Share => ({
  id: 's1',
  dishId: 'd2',
  plates: 1,
  by: 'm1',
  members: ['m1', 'm2'],
  invited: [],
  ...patch,
});

describe('summarizeOrder', () => {
  it('sums per dish, per person and for the group in minor units', () => {
    const summary = summarizeOrder({ dishes, members, picks: { 'd1:m1': 2, 'd1:m2': 1, 'd3:m2': 3 } });
    expect(summary.lines.map((l) => [l.dish.id, l.totalQty, l.totalMinor])).toEqual([
      ['d1', 3, 27000],
      ['d3', 3, 15000],
    ]);
    expect(summary.lines[0]?.pickers).toEqual([
      { memberId: 'm2', name: 'Ben', qty: 1 },
      { memberId: 'm1', name: 'Hana', qty: 2 },
    ]);
    expect(summary.people.map((p) => [p.member.id, p.items, p.subtotalMinor])).toEqual([
      ['m1', 2, 18000],
      ['m2', 4, 24000],
      ['m3', 0, 0],
    ]);
    expect(summary.totalQty).toBe(6);
    expect(summary.totalMinor).toBe(42000);
  });

  it('ignores picks of dishes no longer on the menu', () => {
    expect(summarizeOrder({ dishes, members, picks: { 'd9:m1': 2 } }).totalMinor).toBe(0);
  });

  it('counts a shared plate once and splits its price, the odd minor unit to the first member by id', () => {
    const odd = [{ id: 'd2', name: 'Bulgogi', priceMinor: 1001 }];
    const summary = summarizeOrder({
      dishes: odd,
      members,
      picks: { 'd2:m3': 1 },
      shares: [share({ members: ['m2', 'm1', 'm3'] })],
    });
    expect(summary.lines[0]?.totalQty).toBe(2);
    expect(summary.lines[0]?.shared.map((s) => s.names)).toEqual([['Ben', 'Hana', 'Cy']]);
    // 1001 = 334 + 334 + 333: m1 and m2 come first by id.
    expect(summary.people.map((p) => p.subtotalMinor)).toEqual([334, 334, 333 + 1001]);
    expect(summary.totalMinor).toBe(2002);
  });

  it('keeps zero-price dishes on the order and out of the money', () => {
    const summary = summarizeOrder({
      dishes,
      members,
      picks: { 'd4:m1': 3 },
      shares: [share({ dishId: 'd4' })],
    });
    expect(summary.lines[0]).toMatchObject({ totalQty: 4, totalMinor: 0 });
    expect(summary.totalMinor).toBe(0);
  });

  it('moves the whole plate to those who stay when a member leaves a share', () => {
    const before = summarizeOrder({ dishes, members, picks: {}, shares: [share({ members: ['m1', 'm2'] })] });
    const after = summarizeOrder({ dishes, members, picks: {}, shares: [share({ members: ['m1'] })] });
    expect(before.people.map((p) => p.subtotalMinor)).toEqual([7500, 7500, 0]);
    expect(after.people.map((p) => p.subtotalMinor)).toEqual([15000, 0, 0]);
    expect(after.totalMinor).toBe(before.totalMinor);
  });

  it('gathers notes as written and counts needs on the plates they apply to', () => {
    const summary = summarizeOrder({
      dishes,
      members,
      picks: { 'd1:m1': 2, 'd1:m3': 1 },
      notes: [{ dishId: 'd1', memberId: 'm1', note: 'no coriander', needs: ['not_spicy'] }],
      shares: [share({ dishId: 'd1', members: ['m2', 'm3'] })],
    });
    const line = summary.lines[0];
    expect(line?.notes).toEqual([{ memberId: 'm1', name: 'Hana', qty: 2, note: 'no coriander' }]);
    // Cy's peanut allergy: her own plate and the plate she shares; Hana's "not spicy": her two.
    expect(line?.needs).toEqual([
      { need: 'peanuts', plates: 2 },
      { need: 'not_spicy', plates: 2 },
    ]);
  });
});

describe('splitMinor', () => {
  it('never loses or creates a minor unit, and parts differ by at most one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        (total, ids) => {
          const parts = [...splitMinor(total, ids).values()];
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
          expect(parts.every(Number.isInteger)).toBe(true);
        },
      ),
    );
  });

  it('gives the same split whatever order the members are listed in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
        (total, ids) => {
          const reversed = [...ids].reverse();
          expect(Object.fromEntries(splitMinor(total, reversed))).toEqual(
            Object.fromEntries(splitMinor(total, ids)),
          );
        },
      ),
    );
  });
});

describe('the group total', () => {
  it('equals the sum of what everybody pays, for any picks and shared plates', () => {
    const ids = ['m1', 'm2', 'm3', 'm4'];
    const people = ids.map((id) => member(id, id.toUpperCase()));
    const pick = fc.record({
      dish: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
      member: fc.constantFrom(...ids),
      qty: fc.integer({ min: 1, max: 50 }),
    });
    const plate = fc.record({
      dish: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
      plates: fc.integer({ min: 1, max: 20 }),
      eaters: fc.subarray(ids, { minLength: 1 }),
    });
    const prices = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(pick, { maxLength: 30 }),
        fc.array(plate, { maxLength: 10 }),
        prices,
        (picks, plates, cost) => {
          const menu = dishes.map((d, i) => ({ ...d, priceMinor: cost[i] ?? 0 }));
          const summary = summarizeOrder({
            dishes: menu,
            members: people,
            picks: Object.fromEntries(picks.map((p) => [`${p.dish}:${p.member}`, p.qty])),
            shares: plates.map((p, i) =>
              share({ id: `s${i}`, dishId: p.dish, plates: p.plates, by: p.eaters[0], members: p.eaters }),
            ),
          });
          expect(summary.people.reduce((sum, p) => sum + p.subtotalMinor, 0)).toBe(summary.totalMinor);
          expect(summary.lines.reduce((sum, l) => sum + l.totalMinor, 0)).toBe(summary.totalMinor);
        },
      ),
    );
  });
});
