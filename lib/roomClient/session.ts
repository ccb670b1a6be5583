// What a phone keeps to be the same member after a reload, a reopened tab or a browser restart:
// the secret member token (not just a name), the changes not yet confirmed by the server, and the
// room as last confirmed (shown when the page is reopened without a network). The storage is the browser's localStorage, or a Map-backed one in Node (simulated phones).
import type { ChangeRequestInput, Dish, MemberCredentials } from '../protocol';
import { CHANGE_TYPES } from '../protocolValues';
import type { LastKnownRoom, PendingChange } from './state';

/**
 * A cookie scoped to one room's page (path /r/<roomId>) saying this browser holds a member's
 * credentials for it, so the page's server renders a member's layout rather than the join screen.
 * Never the token: the server learns only that the phone says it is a member, and shows it nothing
 * more than a visitor's view until the socket has checked the token.
 */
export const MEMBER_PAGE_COOKIE = 'menuroom-member';

/** The part of the Web Storage API this needs; localStorage has it. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

export const credentialsKey = (roomId: string) => `menuroom:member:${roomId}`;
export const outboxKey = (roomId: string) => `menuroom:outbox:${roomId}`;
export const menuKey = (roomId: string) => `menuroom:menu:${roomId}`;
export const LAST_KNOWN_PREFIX = 'menuroom:lastKnown:';
export const lastKnownKey = (roomId: string) => `${LAST_KNOWN_PREFIX}${roomId}`;
/** The dishes of the last known room, apart: a menu is most of its size and rarely changes. */
export const lastKnownDishesKey = (roomId: string) => `menuroom:lastKnownDishes:${roomId}`;

/** The menu as the server named it (RoomSnapshot.menuVersion): sent once, then kept on the phone. */
export interface CachedMenu {
  menuVersion: string;
  dishes: Dish[];
}

function read<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the session still works, it just will not survive a reload.
  }
}

export class MemberSession {
  /** The dishes last written under lastKnownDishesKey, so an unchanged menu is not written again. */
  private savedDishes: Dish[] | null = null;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly roomId: string,
  ) {}

  loadCredentials(): MemberCredentials | null {
    const saved = read<MemberCredentials>(this.storage, credentialsKey(this.roomId));
    return saved && saved.roomId === this.roomId && saved.memberToken ? saved : null;
  }

  saveCredentials(credentials: MemberCredentials | null): void {
    write(this.storage, credentialsKey(this.roomId), credentials);
  }

  /**
   * Only changes the server has not acknowledged need to survive a reload; acknowledged ones are in
   * Redis. Entries saved by an older page (a pick as `{opId, qty}` keyed by dish) are read as picks.
   */
  loadOutbox(): Record<string, PendingChange> {
    const saved = read<Record<string, unknown>>(this.storage, outboxKey(this.roomId)) ?? {};
    const outbox: Record<string, PendingChange> = {};
    for (const [slot, entry] of Object.entries(saved)) {
      const pending = readPending(slot, entry);
      if (pending) outbox[pending.slot] = { opId: pending.opId, change: pending.change };
    }
    return outbox;
  }

  loadMenu(): CachedMenu | null {
    const saved = read<CachedMenu>(this.storage, menuKey(this.roomId));
    return saved && typeof saved.menuVersion === 'string' && Array.isArray(saved.dishes) ? saved : null;
  }

  saveMenu(menu: CachedMenu | null): void {
    write(this.storage, menuKey(this.roomId), menu);
  }

  saveLastKnown(room: LastKnownRoom | null): void {
    if (!room) {
      write(this.storage, lastKnownKey(this.roomId), null);
      write(this.storage, lastKnownDishesKey(this.roomId), null);
      this.savedDishes = null;
      return;
    }
    const { dishes, ...rest } = room.snapshot;
    if (dishes !== this.savedDishes) {
      write(this.storage, lastKnownDishesKey(this.roomId), dishes);
      this.savedDishes = dishes;
    }
    write(this.storage, lastKnownKey(this.roomId), { savedAt: room.savedAt, snapshot: rest });
  }

  /** When the saved room was due to expire, read without its dishes; null when none is saved. */
  lastKnownExpiresAt(): number | null {
    const saved = read<{ snapshot?: { expiresAt?: unknown } }>(this.storage, lastKnownKey(this.roomId));
    const expiresAt = saved?.snapshot?.expiresAt;
    return typeof expiresAt === 'number' ? expiresAt : null;
  }

  /** The saved room, if there is one for this room and it has the shape this code writes. */
  loadLastKnown(): LastKnownRoom | null {
    const saved = read<{ savedAt?: unknown; snapshot?: Record<string, unknown> }>(
      this.storage,
      lastKnownKey(this.roomId),
    );
    const dishes = read<unknown>(this.storage, lastKnownDishesKey(this.roomId));
    const snapshot = saved?.snapshot;
    const lists = ['members', 'picks', 'notes', 'shares', 'rounds', 'explanations', 'photos', 'online'];
    if (
      typeof saved?.savedAt !== 'number' ||
      !snapshot ||
      snapshot.roomId !== this.roomId ||
      typeof snapshot.version !== 'number' ||
      !Array.isArray(dishes) ||
      lists.some((list) => !Array.isArray(snapshot[list]))
    )
      return null;
    return {
      savedAt: saved.savedAt,
      snapshot: { ...snapshot, dishes } as unknown as LastKnownRoom['snapshot'],
    };
  }

  saveOutbox(outbox: Record<string, PendingChange>): void {
    const unacked = Object.entries(outbox)
      .filter(([, p]) => p.ackedVersion === undefined)
      .map(([slot, { opId, change }]) => [slot, { opId, change }]);
    write(this.storage, outboxKey(this.roomId), unacked.length ? Object.fromEntries(unacked) : null);
  }
}

function readPending(
  slot: string,
  entry: unknown,
): { slot: string; opId: string; change: ChangeRequestInput } | null {
  if (!entry || typeof entry !== 'object') return null;
  const { opId, change, qty } = entry as { opId?: unknown; change?: { type?: unknown }; qty?: unknown };
  if (typeof opId !== 'string') return null;
  if (change && typeof change.type === 'string' && (CHANGE_TYPES as string[]).includes(change.type)) {
    return { slot, opId, change: change as ChangeRequestInput };
  }
  // The outbox of a page from before the change envelope: dish id → {opId, qty}.
  if (Number.isInteger(qty)) {
    return { slot: `pick:${slot}`, opId, change: { type: 'pick.set', dishId: slot, qty: qty as number } };
  }
  return null;
}
