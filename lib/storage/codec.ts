// How every stored value is written and read. The Lua scripts (lua.ts) write the same formats; this
// file is the one place in TypeScript that knows them (the store, the oracles of the fault suite and
// the e2e tests all decode through it). Lists of ids or needs are stored as comma-separated strings
// (Lua's cjson cannot tell an empty list from an empty object).
import {
  type ChangeRequest,
  DIETARY_NEEDS,
  type DietaryNeed,
  type Dish,
  type DishInput,
  type Member,
  type MemberExplanation,
  type Pick,
  type PickNote,
  type PlacedRound,
  type RoomChange,
  type Share,
} from '../protocol';

// Half of a UTF-16 surrogate pair without its other half (in `u` mode a whole pair is one code point).
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * JSON for Redis. JSON.stringify writes a lone surrogate as a `\ud800` escape, which Lua's cjson
 * refuses to decode: one such name stored in a member would make every later script that reads the
 * member fail. The schemas refuse them at the boundary; here they become U+FFFD, as Redis itself
 * does with every other string node-redis sends it (UTF-8 has no lone surrogates).
 */
export function storedJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'string' ? field.replace(LONE_SURROGATE, '\uFFFD') : field,
  );
}

const list = (stored: unknown): string[] =>
  typeof stored === 'string' && stored !== '' ? stored.split(',') : [];
const needsOf = (stored: unknown): DietaryNeed[] =>
  list(stored).filter((need): need is DietaryNeed => (DIETARY_NEEDS as readonly string[]).includes(need));

/** A dish in the menu hash (field = dish id); `pos` keeps the menu's order. */
type StoredDish = DishInput & { pos: number };

export function encodeDish(dish: DishInput, pos: number): string {
  return storedJson({ ...dish, pos } satisfies StoredDish);
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
  needs?: string;
  done?: boolean;
  phoneless?: boolean;
}

export function encodeMember(name: string, joinedAt: number): string {
  return storedJson({ name, joinedAt, needs: '', done: false, phoneless: false } satisfies StoredMember);
}

function memberOf(id: string, stored: StoredMember | (Omit<Member, 'needs'> & { needs: unknown })): Member {
  return {
    id,
    name: stored.name,
    needs: needsOf(stored.needs),
    done: stored.done === true,
    phoneless: stored.phoneless === true,
  };
}

export function decodeMembers(members: Record<string, string>): Member[] {
  return Object.entries(members)
    .map(([id, json]) => ({ id, stored: JSON.parse(json) as StoredMember }))
    .sort((a, b) => a.stored.joinedAt - b.stored.joinedAt || a.id.localeCompare(b.id))
    .map(({ id, stored }) => memberOf(id, stored));
}

/** Field of the picks and notes hashes: one per dish and member. */
export const pickField = (dishId: string, memberId: string) => `${dishId}:${memberId}`;

function splitPickField(field: string): { dishId: string; memberId: string } {
  const separator = field.indexOf(':');
  return { dishId: field.slice(0, separator), memberId: field.slice(separator + 1) };
}

export function decodePicks(picks: Record<string, string>): Pick[] {
  return Object.entries(picks).map(([field, qty]) => ({ ...splitPickField(field), qty: Number(qty) }));
}

export function decodeNotes(notes: Record<string, string>): PickNote[] {
  return Object.entries(notes).map(([field, json]) => {
    const stored = JSON.parse(json) as { note: string; needs: string };
    return { ...splitPickField(field), note: stored.note, needs: needsOf(stored.needs) };
  });
}

interface StoredShare {
  dishId: string;
  plates: number;
  by: string;
  members: string;
  invited: string;
  createdAt: number;
}

function shareOf(id: string, stored: Omit<StoredShare, 'createdAt'>): Share {
  return {
    id,
    dishId: stored.dishId,
    plates: stored.plates,
    by: stored.by,
    members: list(stored.members),
    invited: list(stored.invited),
  };
}

export function decodeShares(shares: Record<string, string>): Share[] {
  return Object.entries(shares)
    .map(([id, json]) => ({ id, stored: JSON.parse(json) as StoredShare }))
    .sort((a, b) => a.stored.createdAt - b.stored.createdAt || a.id.localeCompare(b.id))
    .map(({ id, stored }) => shareOf(id, stored));
}

export function decodeExplanations(explanations: Record<string, string>): MemberExplanation[] {
  return Object.entries(explanations)
    .map(([field, json]) => {
      const stored = JSON.parse(json) as { text: string; at: number };
      return { ...splitPickField(field), text: stored.text, at: stored.at };
    })
    .sort((a, b) => a.at - b.at || a.memberId.localeCompare(b.memberId));
}

/** A placed round as order.placed froze it: the round's hashes, field by field, as they were. */
interface StoredRound {
  round: number;
  placedAt: number;
  picks: Record<string, string>;
  notes: Record<string, string>;
  shares: Record<string, string>;
  dishes: Record<string, string>;
  members: Record<string, string>;
}

export function decodeRound(stored: StoredRound): PlacedRound {
  return {
    round: stored.round,
    placedAt: stored.placedAt,
    dishes: decodeMenu(stored.dishes),
    members: decodeMembers(stored.members),
    picks: decodePicks(stored.picks),
    notes: decodeNotes(stored.notes),
    shares: decodeShares(stored.shares),
  };
}

export function decodeRounds(rounds: Record<string, string>): PlacedRound[] {
  return Object.values(rounds)
    .map((json) => decodeRound(JSON.parse(json) as StoredRound))
    .sort((a, b) => a.round - b.round);
}

/**
 * A change request as the Lua handlers read it: lists become comma-separated strings. A menu's
 * dishes are not in it: they go as script arguments (menuArguments), already in their stored form.
 */
export function encodeRequest(request: ChangeRequest): string {
  if (request.type === 'menu.replace') return '{}';
  const { type: _type, ...fields } = request;
  const encoded: Record<string, unknown> = { ...fields };
  if ('needs' in fields) encoded.needs = fields.needs.join(',');
  if ('memberIds' in fields) encoded.memberIds = fields.memberIds.join(',');
  return storedJson(encoded);
}

type MenuDishes = Extract<ChangeRequest, { type: 'menu.replace' }>['dishes'];

/**
 * The script arguments of a menu: for each dish its id ('' for a new one) and its stored form,
 * written exactly as createRoom writes it, so the script can tell unchanged dishes by comparing
 * strings, without decoding 300 dishes.
 */
export function menuArguments(dishes: MenuDishes): string[] {
  return dishes.flatMap(({ id, ...dish }, pos) => [id ?? '', encodeDish(dish, pos)]);
}

/** The menu change the script answers (the ids in order, new ones assigned), with the dishes sent. */
export function decodeMenuChange(json: string, dishes: MenuDishes): RoomChange {
  const ids = list((JSON.parse(json) as { ids?: unknown }).ids);
  return { type: 'menu', dishes: dishes.map((dish, i) => ({ ...dish, id: ids[i] ?? dish.id ?? '' })) };
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

type LuaChange = { type: RoomChange['type'] } & Record<string, unknown>;

/** A change as the Lua scripts encode it, in the protocol's shape. */
export function decodeChange(json: string): RoomChange {
  const change = JSON.parse(json) as LuaChange;
  switch (change.type) {
    case 'member': {
      const member = change.member as Member & { needs: unknown };
      return { type: 'member', member: memberOf(member.id, member) };
    }
    case 'note': {
      const note = change.note as Omit<PickNote, 'needs'> & { needs: unknown };
      return { type: 'note', note: { ...note, needs: needsOf(note.needs) } };
    }
    case 'share': {
      const share = change.share as Omit<StoredShare, 'createdAt'> & { id: string };
      return { type: 'share', share: shareOf(share.id, share) };
    }
    case 'round':
      return { type: 'round', placed: decodeRound(change.placed as StoredRound) };
    default:
      return change as RoomChange;
  }
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
