import { EVENTS, JoinRequestSchema, errorReply, ROOM_GONE_MESSAGE } from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, channelOf } from '../types';
import { withPayload } from './handle';
import { announcePresence, trackPresence } from './presence';

const JOIN_ERRORS = {
  room_not_found: ROOM_GONE_MESSAGE,
  room_full: 'This room is full.',
} as const;

export function registerMemberHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  socket.on(
    EVENTS.memberJoin,
    withPayload(socket, ctx, EVENTS.memberJoin, JoinRequestSchema, async ({ name }) => {
      if (socket.data.memberId) {
        return errorReply('invalid_payload', 'This phone has already joined the room.');
      }
      const result = await ctx.store.addMember(socket.data.roomId, name);
      if (!result.ok) {
        const code = result.code === 'room_full' ? 'room_full' : 'room_not_found';
        return errorReply(code, JOIN_ERRORS[code]);
      }
      const { member, version, ...credentials } = result.value;
      socket.data.memberId = member.id;
      ctx.io
        .to(channelOf(socket.data.roomId))
        .emit(EVENTS.roomChanged, { version, change: { type: 'member', member } });
      await trackPresence(socket, ctx);
      await announcePresence(ctx, socket.data.roomId);
      return { ok: true, data: { ...credentials, version } };
    }),
  );
}
