import { EVENTS, errorReply } from '../../../lib/protocol';
import type { HandlerContext, MenuroomSocket } from '../types';
import { withoutPayload } from './handle';

export function registerRoomHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  // The snapshot a client (re)builds its view from: on connect, on a version gap, on becoming visible.
  socket.on(
    EVENTS.roomSync,
    withoutPayload(socket, ctx, EVENTS.roomSync, async () => {
      const snapshot = await ctx.store.getSnapshot(socket.data.roomId);
      if (!snapshot) return errorReply('room_not_found', 'This room does not exist or has expired.');
      return { ok: true, data: { snapshot, replicaId: ctx.replicaId, memberId: socket.data.memberId } };
    }),
  );
}
