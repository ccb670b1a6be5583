// Reads a room straight from Redis the way the stores write it: the oracle of the fault suite, the
// e2e tests and the benchmarks compare what phones show with this.
import type { RoomChange } from '../protocol';
import { type AppliedOp, decodeAppliedOp, decodePicks, pickField } from './codec';
import { roomKeys } from './keys';
import type { MenuroomRedis } from './redis';

export interface RoomRecord {
  version: number;
  /** `${dishId}:${memberId}` → quantity, only non-zero ones. */
  picks: Record<string, number>;
  /** `${memberId}|${opId}` → the applied operation; each member's last OPS_KEPT_PER_MEMBER (keys.ts). */
  ops: Record<string, AppliedOp>;
}

/**
 * The room's version, picks and remembered operations, read at one instant; null once it is gone.
 * Every applied operation is in `ops` as long as no member has applied more than the window.
 */
export async function readRoomRecord(redis: MenuroomRedis, roomId: string): Promise<RoomRecord | null> {
  const k = roomKeys(roomId);
  const [version, picks, ops] = (await redis
    .multi()
    .hGet(k.meta, 'version')
    .hGetAll(k.picks)
    .hGetAll(k.ops)
    .exec()) as unknown as [string | null, Record<string, string>, Record<string, string>];
  if (!version) return null;
  return {
    version: Number(version),
    picks: Object.fromEntries(decodePicks(picks).map((p) => [pickField(p.dishId, p.memberId), p.qty])),
    ops: Object.fromEntries(Object.entries(ops).map(([field, stored]) => [field, decodeAppliedOp(stored)])),
  };
}

/** The quantity a pick operation set, or null when the operation was not a pick. */
export function pickOf(change: RoomChange | null): { dishId: string; memberId: string; qty: number } | null {
  return change?.type === 'pick' ? change : null;
}
