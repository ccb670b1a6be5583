'use client';
// The client core in a browser: socket.io over the page's own origin (nginx routes /ws), the
// member's token, outbox and the last known room in localStorage, a per-tab sticky key in
// sessionStorage, and the page's visibility and network events.
import { io } from 'socket.io-client';
import { randomId } from './randomId';
import { RoomClient } from './roomClient';
import type { MemberCredentials } from '../protocol';
import {
  type KeyValueStorage,
  LAST_KNOWN_PREFIX,
  MEMBER_PAGE_COOKIE,
  MemberSession,
  memoryStorage,
} from './session';
import { type LastKnownRoom, lastKnownOf, restoreLastKnown } from './state';

/** The room is saved at most this often: a burst of picks is one write. */
const SAVE_DELAY_MS = 1_000;
/**
 * A room lives at most 12 hours after it opened (lib/storage/keys.ts), and it opened before the
 * end it had when saved: a saved room whose end is 12 hours past is certainly gone.
 */
const GONE_AFTER_MS = 12 * 60 * 60 * 1000;

function browserStorage(): KeyValueStorage {
  try {
    localStorage.getItem('menuroom:probe');
    return localStorage;
  } catch {
    // Storage disabled: the room works, it just does not survive a reload.
    return memoryStorage();
  }
}

/** A per-tab key that nginx hashes on, so every request of one long-polling session reaches one replica. */
function tabKey(): string {
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

/** Forgets the saved rooms of other visits that have certainly expired (localStorage is small). */
function forgetGoneRooms(now: number): void {
  try {
    const rooms = Object.keys(localStorage)
      .filter((key) => key.startsWith(LAST_KNOWN_PREFIX))
      .map((key) => key.slice(LAST_KNOWN_PREFIX.length));
    for (const roomId of rooms) {
      const session = new MemberSession(localStorage, roomId);
      const expiresAt = session.lastKnownExpiresAt();
      if (expiresAt === null || expiresAt + GONE_AFTER_MS < now) session.saveLastKnown(null);
    }
  } catch {
    // Storage disabled: nothing was saved either.
  }
}

/**
 * Shows the room this phone saw last at once (before the socket connects: a phone without signal
 * reopens the room with its order), and saves the room as confirmed while the page is open.
 */
function keepLastKnown(
  client: RoomClient,
  storage: KeyValueStorage,
  fromServer: LastKnownRoom | null,
): () => void {
  const session = new MemberSession(storage, client.roomId);
  forgetGoneRooms(Date.now());
  const saved = session.loadLastKnown();
  if (saved) restoreLastKnown(client.store, saved);
  // The room as the page's server read it (a visitor's view): shown until the socket answers when
  // nothing was saved, or to a visitor when it is newer than what was saved. Never over a member's
  // saved room, which holds the order the visitor's view leaves out.
  const member = client.store.getState().memberId !== null;
  if (fromServer && (!saved || (!member && saved.savedAt < fromServer.savedAt)))
    restoreLastKnown(client.store, fromServer);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = client.store.getState();
    // The saved room stays as it was until the server confirms the room again.
    if (state.lastKnownAt === null && state.status !== 'expired')
      session.saveLastKnown(lastKnownOf(state, Date.now()));
  };
  const unsubscribe = client.store.subscribe((state, previous) => {
    if (state.status === 'expired') {
      if (timer) clearTimeout(timer);
      timer = null;
      session.saveLastKnown(null);
    } else if (state.version !== previous.version || state.meta !== previous.meta) {
      // Every snapshot brings a new meta, every confirmed change a new version.
      timer ??= setTimeout(save, SAVE_DELAY_MS);
    }
  });
  // A phone put away or a page left may never run its timers again: save what is waiting now.
  const saveWaiting = () => {
    if (timer) save();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') saveWaiting();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', saveWaiting);
  return () => {
    saveWaiting();
    unsubscribe();
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', saveWaiting);
  };
}

/** Keeps MEMBER_PAGE_COOKIE in step with whether this phone is a member of the room. */
function keepMemberCookie(client: RoomClient): () => void {
  let marked: boolean | null = null;
  const mark = (member: boolean) => {
    if (member === marked) return;
    marked = member;
    // As long as a room can live (12 hours); removed when the phone stops being a member.
    const age = member ? GONE_AFTER_MS / 1000 : 0;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and older Safari; nothing here needs escaping
    document.cookie = `${MEMBER_PAGE_COOKIE}=1; path=/r/${client.roomId}; max-age=${age}; samesite=strict`;
  };
  mark(client.store.getState().memberId !== null);
  return client.store.subscribe((state) => mark(state.memberId !== null));
}

/**
 * Opens a room from this page; `close()` ends the connection and the listeners. `fromServer`: the
 * visitor's view the page was rendered with, marked as not yet confirmed by the socket.
 */
export function openRoomInBrowser(roomId: string, fromServer: LastKnownRoom | null = null): RoomClient {
  const storage = browserStorage();
  const client = new RoomClient({
    roomId,
    connect: (options) => io(options),
    storage,
    stickyKey: tabKey(),
    isOnline: () => navigator.onLine,
  });
  client.onClose(keepLastKnown(client, storage, fromServer));
  client.onClose(keepMemberCookie(client));
  const onVisible = () => {
    if (document.visibilityState === 'visible') client.wake();
  };
  const onOnline = () => client.networkOnline();
  const onOffline = () => client.networkOffline();
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  client.onClose(() => {
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });
  return client;
}

/** The credentials a host gets when opening a room, saved before the room page opens. */
export function saveHostCredentials(credentials: MemberCredentials): void {
  new MemberSession(browserStorage(), credentials.roomId).saveCredentials(credentials);
}
