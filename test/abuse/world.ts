// The stack and the people who are not attacking: a victim table (host and guest, with picks) whose
// room no attacker owns and must never change, and a quiet room whose picks show the service works.
import { EVENTS, type RoomSnapshot, type SyncReply } from '../../lib/protocol';
import { type Stack, startStack } from '../../scripts/stack/index';
import {
  ask,
  type Client,
  type Credentials,
  change,
  connectHarness,
  connectOrThrow,
  createRoom,
  describeReply,
  type Harness,
  join,
  LEGIT,
  roomRequest,
  roomState,
  sleep,
} from './harness';
import { type Baseline, type Bystanders, takeBaseline } from './runner';

export interface Room {
  roomId: string;
  code: string;
  dishIds: string[];
  host: Credentials & { socket: Client };
}

export interface World {
  h: Harness;
  victim: Room & { guest: Credentials & { socket: Client } };
  quiet: Room;
  bystanders: Bystanders;
  baseline: Baseline;
  stop(): Promise<void>;
}

export async function snapshotAs(socket: Client): Promise<RoomSnapshot> {
  const reply = await ask<SyncReply>(socket, EVENTS.roomSync, {});
  if (!reply.ok) throw new Error(`room:sync: ${describeReply(reply)}`);
  return reply.data.snapshot;
}

/** A room opened over HTTP from `from`, its host connected over a websocket. */
export async function openRoom(h: Harness, from: string, title: string, dishes = 3): Promise<Room> {
  const created = await createRoom(h, from, roomRequest(title, dishes));
  const socket = await connectOrThrow(h, {
    roomId: created.roomId,
    memberToken: created.memberToken,
    transport: 'websocket',
    from,
  });
  const snapshot = await snapshotAs(socket);
  return {
    roomId: created.roomId,
    code: created.code,
    dishIds: snapshot.dishes.map((d) => d.id),
    host: { roomId: created.roomId, memberId: created.memberId, memberToken: created.memberToken, socket },
  };
}

export async function startWorld(name: string): Promise<World> {
  const stack: Stack = await startStack({ name, replicas: 3 });
  try {
    const h = await connectHarness(stack);
    const victimRoom = await openRoom(h, LEGIT.victimHost, 'Victim table');
    const guest = await join(h, LEGIT.victimGuest, victimRoom.roomId, 'Guest');
    for (const [socket, dishId] of [
      [victimRoom.host.socket, victimRoom.dishIds[0]],
      [guest.socket, victimRoom.dishIds[1]],
    ] as const) {
      const reply = await change(socket, 'pick.set', { dishId, qty: 2 });
      if (!reply.ok) throw new Error(`victim pick: ${describeReply(reply)}`);
    }
    const quiet = await openRoom(h, LEGIT.quiet, 'Quiet room');
    // The replicas' memory once the stack has served some traffic, as the reference for "within bounds".
    await sleep(1_000);
    const victim = { ...victimRoom, guest };
    const bystanders: Bystanders = {
      untouchedRooms: new Map([[victim.roomId, await roomState(h, victim.roomId)]]),
      quietMember: quiet.host.socket,
      quietDishId: quiet.dishIds[0] ?? '',
    };
    return {
      h,
      victim,
      quiet,
      bystanders,
      baseline: takeBaseline(h),
      async stop() {
        for (const socket of [victim.host.socket, guest.socket, quiet.host.socket]) socket.close();
        await h.redis.quit().catch(() => {});
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
