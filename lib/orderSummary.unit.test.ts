import { describe, expect, it } from 'vitest';
import { summarizeOrder } from '../orderSummary';

const dishes = [
  { id: 'd1', name: 'Bibimbap', priceMinor: 9000 },
  { id: 'd2', name: 'Bulgogi', priceMinor: 15000 },
  { id: 'd3', name: 'Soju', priceMinor: 5000 },
];
const members = [
  { id: 'm1', name: 'Hana' },
  { id: 'm2', name: 'Ben' },
];

describe('summarizeOrder', () => {
  it('sums per dish, per person and for the group in minor units', () => {
    const summary = summarizeOrder(dishes, members, { 'd1:m1': 2, 'd1:m2': 1, 'd3:m2': 3 });
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
    ]);
    expect(summary.totalQty).toBe(6);
    expect(summary.totalMinor).toBe(42000);
  });

  it('ignores picks of dishes no longer on the menu', () => {
    expect(summarizeOrder(dishes, members, { 'd9:m1': 2 }).totalMinor).toBe(0);
  });
});
