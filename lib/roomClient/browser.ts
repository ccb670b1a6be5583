'use client';
// The client core in a browser: socket.io over the page's own origin (nginx routes /ws), the
// member's token and outbox in localStorage, a per-tab sticky key in sessionStorage, and the page's
// visibility and network events.
import { io } from 'socket.io-client';
import { randomId } from './randomId';
import { RoomClient } from './roomClient';
import type { MemberCredentials } from '../protocol';
import { type KeyValueStorage, MemberSession, memoryStorage } from './session';

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

/** Opens a room from this page; `close()` ends the connection and the listeners. */
export function openRoomInBrowser(roomId: string): RoomClient {
  const client = new RoomClient({
    roomId,
    connect: (options) => io(options),
    storage: browserStorage(),
    stickyKey: tabKey(),
    isOnline: () => navigator.onLine,
  });
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
