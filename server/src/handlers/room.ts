import { EVENTS, errorReply } from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, roomChannel } from '../types';
import { withoutPayload } from './handle';

export function registerRoomHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  // The snapshot a client (re)builds its view from: on connect, on a version gap, on becoming visible.
  socket.on(
    EVENTS.roomSync,
    withoutPayload(socket, ctx, EVENTS.roomSync, async () => {
      const snapshot = await ctx.store.getSnapshot(socket.data.roomId);
      if (!snapshot) return errorReply('room_not_found');
      return {
        ok: true,
        data: { snapshot, replicaId: ctx.replicaId, protocol: ctx.protocol, memberId: socket.data.memberId },
      };
    }),
  );
}

/** How often each replica tells its clients the current version of their rooms, as a safety net. */
export const VERSION_BEACON_MS = 10_000;

/**
 * Broadcasts through Redis pub/sub are at most once: a message published while this replica's
 * subscriber was reconnecting is gone. Telling local clients each room's current version lets any
 * client that missed a change notice it and resync.
 */
export async function versionBeacon(ctx: HandlerContext): Promise<void> {
  const roomIds = new Set<string>();
  for (const socket of ctx.io.of('/').sockets.values()) roomIds.add(socket.data.roomId);
  for (const roomId of roomIds) {
    const version = await ctx.store.getVersion(roomId);
    if (version !== null) ctx.io.local.to(roomChannel(roomId)).emit(EVENTS.roomVersion, { version });
  }
}
