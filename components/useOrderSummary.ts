'use client';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type OrderSummary, summarizeOrder } from '@/lib/orderSummary';
import { useRoomState } from '@/lib/roomClient/react';
import { picksWithMine } from '@/lib/roomClient/state';

/**
 * The group's order from confirmed picks with this phone's own pending ones laid over them, so my
 * rows, my subtotal and the totals agree with what I just tapped; "sending…" says which are not
 * confirmed yet.
 */
export function useOrderSummary(): OrderSummary {
  // Each field is a stable reference in the store, so useShallow keeps this selection stable.
  const state = useRoomState(
    useShallow((s) => ({
      dishes: s.dishes,
      members: s.members,
      picks: s.picks,
      notes: s.notes,
      shares: s.shares,
      outbox: s.outbox,
      memberId: s.memberId,
    })),
  );
  return useMemo(
    () =>
      summarizeOrder({
        dishes: state.dishes,
        members: state.members,
        picks: picksWithMine(state),
        notes: Object.values(state.notes),
        shares: state.shares,
      }),
    [state],
  );
}

/** How many of my changes the server has not acknowledged yet. */
export function usePendingCount(): number {
  return useRoomState((s) => Object.values(s.outbox).filter((p) => p.ackedVersion === undefined).length);
}
