// The oracle of the fault suite and the rolling-deploy test: what every simulated phone did, held
// against what Redis holds. Nothing acknowledged may be missing or applied twice, and once the
// phones have sent everything each one must show exactly what Redis holds.
import { parseChangeRequest, type RoomChange } from '../../lib/protocol';
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
 * Whether what Redis applied is exactly what the phone asked for: the change as the protocol reads
 * the request (texts and needs normalized as the server stores them), for this member, to the
 * letter. What depends on the room besides the request (who had already joined a plate) is checked
 * by what the request decides: who is on or asked to the plate in all.
 */
function sameChange(applied: RoomChange | null, op: SentOp, memberId: string): boolean {
  const parsed = parseChangeRequest(op.change as { type: string } & Record<string, unknown>);
  if (!parsed.ok) return false;
  const asked = parsed.request;
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  switch (asked.type) {
    case 'pick.set':
      return same(applied, { type: 'pick', dishId: asked.dishId, memberId, qty: asked.qty });
    case 'pick.setFor':
      return same(applied, { type: 'pick', dishId: asked.dishId, memberId: asked.memberId, qty: asked.qty });
    case 'pick.note':
      return same(applied, {
        type: 'note',
        note: {
          dishId: asked.dishId,
          memberId: asked.memberId ?? memberId,
          note: asked.note,
          needs: asked.needs,
        },
      });
    case 'member.needs':
      return (
        applied?.type === 'member' &&
        applied.member.id === (asked.memberId ?? memberId) &&
        same(applied.member.needs, asked.needs)
      );
    case 'member.done':
      return (
        applied?.type === 'member' && applied.member.id === memberId && applied.member.done === asked.done
      );
    case 'member.add':
      return (
        applied?.type === 'member' &&
        same(applied.member, {
          id: asked.memberId,
          name: asked.name,
          needs: [],
          done: false,
          phoneless: true,
        })
      );
    case 'member.remove':
      return same(applied, { type: 'member.removed', memberId: asked.memberId });
    case 'host.transfer':
      return same(applied, { type: 'host', memberId: asked.memberId });
    case 'order.lock':
      return same(applied, { type: 'order', locked: asked.locked });
    // The placed round is kept whole in the room itself, where the views compare it.
    case 'order.placed':
      return applied === null;
    case 'room.close':
      return same(applied, { type: 'closed' });
    case 'room.joining':
      return same(applied, { type: 'joining', open: asked.open });
    case 'share.offer': {
      if (applied?.type !== 'share') return false;
      const { share } = applied;
      const everyone = [...share.members, ...share.invited].sort();
      return (
        share.id === asked.shareId &&
        share.dishId === asked.dishId &&
        share.plates === asked.plates &&
        share.members[0] === share.by &&
        same(everyone, [...new Set([share.by, ...asked.memberIds])].sort())
      );
    }
    case 'share.respond':
      if (applied?.type === 'share.removed') return !asked.accept && applied.shareId === asked.shareId;
      return (
        applied?.type === 'share' &&
        applied.share.id === asked.shareId &&
        !applied.share.invited.includes(memberId) &&
        applied.share.members.includes(memberId) === asked.accept
      );
    case 'share.cancel':
      return same(applied, { type: 'share.removed', shareId: asked.shareId });
    case 'dish.explain':
      return (
        applied?.type === 'explanation' &&
        applied.explanation.dishId === asked.dishId &&
        applied.explanation.memberId === memberId &&
        applied.explanation.text === asked.text
      );
    // A menu is kept without its change (lib/storage/codec.ts); the room holds the menu itself.
    case 'menu.replace':
      return applied === null;
  }
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
