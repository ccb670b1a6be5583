// The group's order, derived from what the room holds: per-dish lines (individual picks and shared
// plates, each plate counted once), the notes and dietary needs that go with them, per-person
// subtotals with shared plates split fairly, and the group total, all in integer minor units.
// The room view, the staff card and the placed rounds all read their figures from here.
import type { Dish, Member, PickNote, Share } from './protocol';
import { DIETARY_NEEDS, type DietaryNeed } from './protocolValues';

export interface Picker {
  memberId: string;
  name: string;
  qty: number;
}

export interface SharedPlate {
  share: Share;
  /** Names of the members eating from it (who pay a part), in the order they joined. */
  names: string[];
}

export interface LineNote {
  memberId: string;
  name: string;
  qty: number;
  note: string;
}

/** A need that applies to `plates` of a line's plates (all of them when it equals the line's qty). */
export interface LineNeed {
  need: DietaryNeed;
  plates: number;
}

export interface DishLine {
  dish: Dish;
  /** Plates to bring: individual picks plus shared plates, each shared plate once. */
  totalQty: number;
  totalMinor: number;
  pickers: Picker[];
  shared: SharedPlate[];
  notes: LineNote[];
  needs: LineNeed[];
}

export interface PersonLine {
  member: Member;
  /** Plates of their own plus the shared plates they eat from. */
  items: number;
  subtotalMinor: number;
}

export interface OrderSummary {
  lines: DishLine[];
  people: PersonLine[];
  totalQty: number;
  totalMinor: number;
}

export interface OrderInput {
  dishes: Dish[];
  members: Member[];
  /** `${dishId}:${memberId}` → quantity, as the client state and the Redis hash hold them. */
  picks: Record<string, number>;
  notes?: PickNote[];
  shares?: Share[];
}

/**
 * Splits `totalMinor` among `memberIds` so that the parts add up exactly: everyone pays the floor of
 * the even share, and the minor units left over go one each to the first members by id, so every
 * phone computes the same split.
 */
export function splitMinor(totalMinor: number, memberIds: readonly string[]): Map<string, number> {
  const ids = [...new Set(memberIds)].sort();
  const parts = new Map<string, number>();
  if (ids.length === 0) return parts;
  const base = Math.floor(totalMinor / ids.length);
  const remainder = totalMinor - base * ids.length;
  for (const [index, id] of ids.entries()) parts.set(id, base + (index < remainder ? 1 : 0));
  return parts;
}

export function summarizeOrder({
  dishes,
  members,
  picks,
  notes = [],
  shares = [],
}: OrderInput): OrderSummary {
  const memberById = new Map(members.map((m) => [m.id, m]));
  const nameOf = (id: string) => memberById.get(id)?.name ?? '?';
  const noteOf = new Map(notes.map((n) => [`${n.dishId}:${n.memberId}`, n]));
  const byDish = new Map<string, DishLine>(
    dishes.map((dish) => [
      dish.id,
      { dish, totalQty: 0, totalMinor: 0, pickers: [], shared: [], notes: [], needs: [] },
    ]),
  );
  const byMember = new Map<string, PersonLine>(
    members.map((member) => [member.id, { member, items: 0, subtotalMinor: 0 }]),
  );
  const needCounts = new Map<string, Map<DietaryNeed, number>>();
  const countNeeds = (dishId: string, needs: Iterable<DietaryNeed>, plates: number) => {
    const counts = needCounts.get(dishId) ?? new Map<DietaryNeed, number>();
    for (const need of new Set(needs)) counts.set(need, (counts.get(need) ?? 0) + plates);
    needCounts.set(dishId, counts);
  };

  for (const [key, qty] of Object.entries(picks)) {
    const separator = key.indexOf(':');
    const dishId = key.slice(0, separator);
    const memberId = key.slice(separator + 1);
    const line = byDish.get(dishId);
    if (!line || qty <= 0) continue;
    line.totalQty += qty;
    line.totalMinor += qty * line.dish.priceMinor;
    line.pickers.push({ memberId, name: nameOf(memberId), qty });
    const note = noteOf.get(key);
    if (note?.note) line.notes.push({ memberId, name: nameOf(memberId), qty, note: note.note });
    countNeeds(dishId, [...(memberById.get(memberId)?.needs ?? []), ...(note?.needs ?? [])], qty);
    const person = byMember.get(memberId);
    if (person) {
      person.items += qty;
      person.subtotalMinor += qty * line.dish.priceMinor;
    }
  }

  for (const share of shares) {
    const line = byDish.get(share.dishId);
    if (!line || share.members.length === 0) continue;
    const plateMinor = share.plates * line.dish.priceMinor;
    line.totalQty += share.plates;
    line.totalMinor += plateMinor;
    line.shared.push({ share, names: share.members.map(nameOf) });
    countNeeds(
      share.dishId,
      share.members.flatMap((id) => memberById.get(id)?.needs ?? []),
      share.plates,
    );
    for (const [memberId, part] of splitMinor(plateMinor, share.members)) {
      const person = byMember.get(memberId);
      if (!person) continue;
      person.items += share.plates;
      person.subtotalMinor += part;
    }
  }

  const lines = [...byDish.values()].filter((l) => l.totalQty > 0);
  for (const line of lines) {
    line.pickers.sort((a, b) => a.name.localeCompare(b.name));
    line.notes.sort((a, b) => a.name.localeCompare(b.name));
    const counts = needCounts.get(line.dish.id);
    line.needs = DIETARY_NEEDS.flatMap((need) => {
      const plates = counts?.get(need) ?? 0;
      return plates > 0 ? [{ need, plates: Math.min(plates, line.totalQty) }] : [];
    });
  }
  return {
    lines,
    people: [...byMember.values()],
    totalQty: lines.reduce((sum, l) => sum + l.totalQty, 0),
    totalMinor: lines.reduce((sum, l) => sum + l.totalMinor, 0),
  };
}
