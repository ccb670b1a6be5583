'use client';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pickKey, type RoomState, useRoomStore } from '@/lib/client/roomStore';
import { type OrderSummary, summarizeOrder } from '@/lib/orderSummary';

/**
 * Confirmed picks with this phone's own pending ones laid over them, so my rows, my subtotal and the
 * totals agree with what I just tapped; the "sending…" markers say which of mine are not confirmed.
 */
function withMyPending(state: Pick<RoomState, 'picks' | 'outbox' | 'memberId'>): Record<string, number> {
  const { picks, outbox, memberId } = state;
  if (!memberId || Object.keys(outbox).length === 0) return picks;
  const merged = { ...picks };
  for (const [dishId, pending] of Object.entries(outbox)) {
    const key = pickKey(dishId, memberId);
    if (pending.qty > 0) merged[key] = pending.qty;
    else delete merged[key];
  }
  return merged;
}

export function useOrderSummary(): OrderSummary {
  // Each field is a stable reference in the store, so useShallow keeps this selection stable.
  const state = useRoomStore(
    useShallow((s) => ({
      dishes: s.dishes,
      members: s.members,
      picks: s.picks,
      outbox: s.outbox,
      memberId: s.memberId,
    })),
  );
  return useMemo(() => summarizeOrder(state.dishes, state.members, withMyPending(state)), [state]);
}

/** How many of my picks the server has not acknowledged yet. */
export function usePendingCount(): number {
  return useRoomStore((s) => Object.values(s.outbox).filter((p) => p.ackedVersion === undefined).length);
}
