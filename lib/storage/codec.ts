// How every stored value is written and read. The Lua scripts (lua.ts) write the same formats; this
// file is the one place in TypeScript that knows them (the store, the oracles of the fault suite and
// the e2e tests all decode through it).
import type { Dish, DishInput, Member, Pick, RoomChange } from '../protocol';

/** A dish in the menu hash (field = dish id); `pos` keeps the menu's order. */
type StoredDish = DishInput & { pos: number };

export function encodeDish(dish: DishInput, pos: number): string {
  return JSON.stringify({ ...dish, pos } satisfies StoredDish);
}

export function decodeMenu(menu: Record<string, string>): Dish[] {
  return Object.entries(menu)
    .map(([id, json]) => ({ id, ...(JSON.parse(json) as StoredDish) }))
    .sort((a, b) => a.pos - b.pos)
    .map(({ pos: _pos, ...dish }) => dish);
}

/** A member in the members hash (field = member id). */
interface StoredMember {
  name: string;
  joinedAt: number;
}

export function encodeMember(name: string, joinedAt: number): string {
  return JSON.stringify({ name, joinedAt } satisfies StoredMember);
}

export function decodeMembers(members: Record<string, string>): Member[] {
  return Object.entries(members)
    .map(([id, json]) => ({ id, ...(JSON.parse(json) as StoredMember) }))
    .sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id))
    .map(({ id, name }) => ({ id, name }));
}

/** Field of the picks hash: one quantity per dish and member. */
export const pickField = (dishId: string, memberId: string) => `${dishId}:${memberId}`;

export function decodePicks(picks: Record<string, string>): Pick[] {
  return Object.entries(picks).map(([field, qty]) => {
    const separator = field.indexOf(':');
    return { dishId: field.slice(0, separator), memberId: field.slice(separator + 1), qty: Number(qty) };
  });
}

/** Field of the ops hash: operation ids are the client's, so they are unique per member. */
export const opField = (memberId: string, opId: string) => `${memberId}|${opId}`;

/** An applied operation: its version, and the change it made when that is kept (not for menus). */
export interface AppliedOp {
  version: number;
  change: RoomChange | null;
}

export function decodeAppliedOp(stored: string): AppliedOp {
  const separator = stored.indexOf('|');
  if (separator < 0) return { version: Number(stored), change: null };
  return {
    version: Number(stored.slice(0, separator)),
    change: decodeChange(stored.slice(separator + 1)),
  };
}

/**
 * A change as the Lua scripts encode it. Lua's cjson writes an empty array as `{}`; the only arrays
 * in changes are lists that are never empty (a menu has at least one dish).
 */
export function decodeChange(json: string): RoomChange {
  return JSON.parse(json) as RoomChange;
}

/** A member of presence: one live connection of one member. */
export interface PresenceEntry {
  memberId: string;
  connectionId: string;
}

export const encodePresence = ({ memberId, connectionId }: PresenceEntry) => `${memberId}|${connectionId}`;

export function onlineMembersOf(presenceValues: string[]): string[] {
  return [...new Set(presenceValues.map((value) => value.split('|')[0] ?? ''))].filter(Boolean);
}
