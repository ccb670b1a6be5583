// The oracle of the fault suite and the rolling-deploy test: what every simulated phone did, held
// against what Redis holds. Nothing acknowledged may be missing or applied twice, and once the
// phones have sent everything each one must show exactly what Redis holds.
import type { RoomChange } from '../../lib/protocol';
import { readRoomRecord } from '../../lib/storage/inspect';
import type { MenuroomRedis } from '../../lib/storage/redis';
import type { RoomStore } from '../../lib/storage/roomStore';
import { canonicalJson, roomView, type SentOp, type SimPhone } from './simPhone';

export interface OracleRoom {
  roomId: string;
  /** Version once every member had joined: every later bump is one operation. */
  baseVersion: number;
  phones: SimPhone[];
}

export interface Tally {
  opsSent: number;
  acknowledged: number;
  /** Acknowledged but not in Redis with the version and the change acknowledged. */
  lost: number;
  /** Version bumps beyond one per distinct applied operation. */
  duplicated: number;
  /** Never answered because a newer change of the same slot replaced them first. */
  unacknowledged: number;
  /** Refused for good, by reason (a pick while the order was locked, ...). */
  refused: Record<string, number>;
}

/** The operations each phone had made before, so a tally counts only what came after. */
export function opsSoFar(rooms: OracleRoom[]): Map<SimPhone, Set<string>> {
  return new Map(rooms.flatMap((room) => room.phones).map((phone) => [phone, new Set(phone.ops.keys())]));
}

export async function tally(redis: MenuroomRedis, rooms: OracleRoom[], before: Map<SimPhone, Set<string>>) {
  const result: Tally = {
    opsSent: 0,
    acknowledged: 0,
    lost: 0,
    duplicated: 0,
    unacknowledged: 0,
    refused: {},
  };
  for (const room of rooms) {
    const truth = await readRoomRecord(redis, room.roomId);
    if (!truth) throw new Error(`room ${room.roomId} vanished`);
    result.duplicated += Math.max(0, truth.version - room.baseVersion - Object.keys(truth.ops).length);
    for (const phone of room.phones) {
      for (const op of phone.ops.values()) {
        if (before.get(phone)?.has(op.opId)) continue;
        result.opsSent++;
        if (op.refusedWith) {
          result.refused[op.refusedWith] = (result.refused[op.refusedWith] ?? 0) + 1;
        } else if (op.ackedVersion === undefined) {
          // The phone never showed it as accepted, and the newer change of its slot decides.
          result.unacknowledged++;
        } else {
          result.acknowledged++;
          const applied = truth.ops[`${phone.memberId}|${op.opId}`];
          if (
            !applied ||
            applied.version !== op.ackedVersion ||
            !sameChange(applied.change, op, phone.memberId)
          )
            result.lost++;
        }
      }
    }
    // Every quantity in Redis is the one of the last pick applied to it since the last round was
    // placed (placing a round empties them, and is the only change here whose record keeps no change).
    const placements = Object.values(truth.ops).filter((op) => !op.change);
    const roundPlacedAt = Math.max(0, ...placements.map((op) => op.version));
    const latest = new Map<string, { version: number; qty: number }>();
    for (const { version, change } of Object.values(truth.ops)) {
      if (change?.type !== 'pick' || version < roundPlacedAt) continue;
      const key = `${change.dishId}:${change.memberId}`;
      if ((latest.get(key)?.version ?? -1) < version) latest.set(key, { version, qty: change.qty });
    }
    for (const [key, { qty }] of latest) if ((truth.picks[key] ?? 0) !== qty) result.lost++;
  }
  return result;
}

/**
 * Whether what Redis applied is what the phone asked for: for a pick, the exact quantity of the exact
 * dish for this member; for the other changes, a change of the kind asked for.
 */
function sameChange(applied: RoomChange | null, op: SentOp, memberId: string): boolean {
  const asked = op.change;
  if (asked.type === 'pick.set')
    return (
      applied?.type === 'pick' &&
      applied.memberId === memberId &&
      applied.dishId === asked.dishId &&
      applied.qty === asked.qty
    );
  if (asked.type === 'order.placed') return applied === null;
  const produces: Partial<Record<SentOp['change']['type'], RoomChange['type'][]>> = {
    'pick.note': ['note'],
    'member.needs': ['member'],
    'member.done': ['member'],
    'order.lock': ['order'],
    'share.offer': ['share', 'share.removed'],
    'share.respond': ['share', 'share.removed'],
    'dish.explain': ['explanation'],
  };
  return applied !== null && (produces[asked.type] ?? []).includes(applied.type);
}

/**
 * Waits until each phone has sent everything and shows exactly what Redis holds; returns, per
 * phone, how long after `since` that was. Phones that never got there are logged with both views.
 */
export async function waitForConvergence(
  store: RoomStore,
  rooms: OracleRoom[],
  since: number,
  timeoutMs: number,
  log: (message: string) => void = () => {},
): Promise<Map<SimPhone, number>> {
  const convergedAfter = new Map<SimPhone, number>();
  const total = rooms.reduce((n, room) => n + room.phones.length, 0);
  const deadline = since + timeoutMs;
  while (convergedAfter.size < total && Date.now() < deadline) {
    for (const room of rooms) {
      const truth = await store.getSnapshot(room.roomId).catch(() => null);
      if (!truth) continue;
      const expected = canonicalJson(roomView(truth));
      for (const phone of room.phones)
        if (!convergedAfter.has(phone) && phone.settled && canonicalJson(phone.view) === expected)
          convergedAfter.set(phone, Date.now() - since);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const room of rooms) {
    const truth = await store.getSnapshot(room.roomId).catch(() => null);
    for (const phone of room.phones)
      if (!convergedAfter.has(phone) && truth)
        log(
          `not converged (settled ${phone.settled})\nphone ${canonicalJson(phone.view)}\nredis ${canonicalJson(roomView(truth))}`,
        );
  }
  return convergedAfter;
}
