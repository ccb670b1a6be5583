'use client';
// What a phone keeps to be the same member after a reload, a reopened tab or a browser restart:
// the secret member token (not just a name), and the picks not yet confirmed by the server.
import type { MemberCredentials } from '@/lib/protocol';
import { randomId } from './randomId';
import type { PendingPick } from './roomStore';

const memberKey = (roomId: string) => `menuroom:member:${roomId}`;
const outboxKey = (roomId: string) => `menuroom:outbox:${roomId}`;

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the session still works, it just will not survive a reload.
  }
}

export function loadCredentials(roomId: string): MemberCredentials | null {
  const saved = read<MemberCredentials>(memberKey(roomId));
  return saved && saved.roomId === roomId && saved.memberToken ? saved : null;
}

export function saveCredentials(credentials: MemberCredentials | null, roomId: string): void {
  write(memberKey(roomId), credentials);
}

/** Only picks the server has not acknowledged need to survive a reload; acked ones are in Redis. */
export function loadOutbox(roomId: string): Record<string, PendingPick> {
  const saved = read<Record<string, PendingPick>>(outboxKey(roomId)) ?? {};
  return Object.fromEntries(
    Object.entries(saved).filter(([, p]) => typeof p?.opId === 'string' && Number.isInteger(p.qty)),
  );
}

export function saveOutbox(roomId: string, outbox: Record<string, PendingPick>): void {
  const unacked = Object.entries(outbox).filter(([, p]) => p.ackedVersion === undefined);
  write(outboxKey(roomId), unacked.length ? Object.fromEntries(unacked) : null);
}

/** A per-tab key that nginx hashes on, so every request of one long-polling session reaches one replica. */
export function stickyKey(): string {
  try {
    let key = sessionStorage.getItem('menuroom:k');
    if (!key) {
      key = randomId();
      sessionStorage.setItem('menuroom:k', key);
    }
    return key;
  } catch {
    return randomId();
  }
}
