'use client';
// The client core in React: one RoomClient per open room page, handed down by context; components
// select narrow slices of its store. Before the client exists (the server's render and the first
// one in the browser) a store of its own can stand in for it, holding the room as the server read it.
import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { RoomClient } from './roomClient';
import type { RoomState, RoomStateStore } from './state';

const RoomClientContext = createContext<RoomClient | null>(null);
const RoomStoreContext = createContext<RoomStateStore | null>(null);

/**
 * `client` null: only `store` is there (the page before its connection); components that act on
 * the room (useRoomClient) are not rendered then. With a client, its own store is the one read.
 */
export function RoomClientProvider({
  client,
  store,
  children,
}: {
  client: RoomClient | null;
  store?: RoomStateStore;
  children: ReactNode;
}) {
  const shown = client?.store ?? store;
  if (!shown) throw new Error('RoomClientProvider needs a client or a store');
  return (
    <RoomClientContext.Provider value={client}>
      <RoomStoreContext.Provider value={shown}>{children}</RoomStoreContext.Provider>
    </RoomClientContext.Provider>
  );
}

export function useRoomClient(): RoomClient {
  const client = useContext(RoomClientContext);
  if (!client) throw new Error('useRoomClient outside a RoomClientProvider with a client');
  return client;
}

/** The store on screen: the client's, or the stand-in before the client exists. */
export function useRoomStore(): RoomStateStore {
  const store = useContext(RoomStoreContext);
  if (!store) throw new Error('useRoomStore outside a RoomClientProvider');
  return store;
}

/** A slice of the open room's state; the component re-renders when that slice changes. */
export function useRoomState<T>(selector: (state: RoomState) => T): T {
  return useStore(useRoomStore(), selector);
}

/** The room's client, or null while the page shows the server's view before connecting. */
export function useRoomClientOrNull(): RoomClient | null {
  return useContext(RoomClientContext);
}
