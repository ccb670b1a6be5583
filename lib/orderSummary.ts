// The group's order, derived from confirmed picks: per-dish totals with who picked them,
// per-person subtotals and the group total, all in integer minor units.
import type { Dish, Member } from './protocol';

export interface DishLine {
  dish: Dish;
  totalQty: number;
  totalMinor: number;
  pickers: { memberId: string; name: string; qty: number }[];
}

export interface PersonLine {
  member: Member;
  items: number;
  subtotalMinor: number;
}

export interface OrderSummary {
  lines: DishLine[];
  people: PersonLine[];
  totalQty: number;
  totalMinor: number;
}

/** `picks` maps `${dishId}:${memberId}` to a quantity, as the client store and Redis hash do. */
export function summarizeOrder(
  dishes: Dish[],
  members: Member[],
  picks: Record<string, number>,
): OrderSummary {
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const byDish = new Map<string, DishLine>(
    dishes.map((dish) => [dish.id, { dish, totalQty: 0, totalMinor: 0, pickers: [] }]),
  );
  const byMember = new Map<string, PersonLine>(
    members.map((member) => [member.id, { member, items: 0, subtotalMinor: 0 }]),
  );
  for (const [key, qty] of Object.entries(picks)) {
    const separator = key.indexOf(':');
    const dishId = key.slice(0, separator);
    const memberId = key.slice(separator + 1);
    const line = byDish.get(dishId);
    if (!line || qty <= 0) continue;
    line.totalQty += qty;
    line.totalMinor += qty * line.dish.priceMinor;
    line.pickers.push({ memberId, name: nameOf.get(memberId) ?? 'Someone', qty });
    const person = byMember.get(memberId);
    if (person) {
      person.items += qty;
      person.subtotalMinor += qty * line.dish.priceMinor;
    }
  }
  const lines = [...byDish.values()].filter((l) => l.totalQty > 0);
  for (const line of lines) line.pickers.sort((a, b) => a.name.localeCompare(b.name));
  return {
    lines,
    people: [...byMember.values()],
    totalQty: lines.reduce((sum, l) => sum + l.totalQty, 0),
    totalMinor: lines.reduce((sum, l) => sum + l.totalMinor, 0),
  };
}
