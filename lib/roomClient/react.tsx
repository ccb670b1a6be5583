'use client';
// The client core in React: one RoomClient per open room page, handed down by context; components
// select narrow slices of its store.
import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { RoomClient } from './roomClient';
import type { RoomState } from './state';

const RoomClientContext = createContext<RoomClient | null>(null);

export function RoomClientProvider({ client, children }: { client: RoomClient; children: ReactNode }) {
  return <RoomClientContext.Provider value={client}>{children}</RoomClientContext.Provider>;
}

export function useRoomClient(): RoomClient {
  const client = useContext(RoomClientContext);
  if (!client) throw new Error('useRoomClient outside a RoomClientProvider');
  return client;
}

/** A slice of the open room's state; the component re-renders when that slice changes. */
export function useRoomState<T>(selector: (state: RoomState) => T): T {
  return useStore(useRoomClient().store, selector);
}
