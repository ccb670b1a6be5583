import {
  EVENTS,
  type ErrorCode,
  SetPickRequestSchema,
  errorReply,
  ROOM_GONE_MESSAGE,
} from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, channelOf } from '../types';
import { withPayload } from './handle';

const PICK_ERRORS: Partial<Record<ErrorCode, string>> = {
  room_not_found: ROOM_GONE_MESSAGE,
  not_a_member: 'Join the room before picking dishes.',
  unknown_dish: 'That dish is not on this menu.',
};

export function registerPickHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  socket.on(
    EVENTS.pickSet,
    withPayload(socket, ctx, EVENTS.pickSet, SetPickRequestSchema, async (request) => {
      const { roomId, memberId } = socket.data;
      if (!memberId) return errorReply('not_a_member', PICK_ERRORS.not_a_member ?? '');
      const result = await ctx.store.setPick(roomId, memberId, request);
      if (!result.ok) return errorReply(result.code, PICK_ERRORS[result.code] ?? 'The pick was refused.');
      const { version, duplicate, dishId, qty } = result.value;
      // A retried operation is broadcast again with its original version: if the replica that first
      // applied it died before broadcasting, this is the broadcast; otherwise clients ignore the repeat.
      ctx.io.to(channelOf(roomId)).emit(EVENTS.roomChanged, {
        version,
        change: { type: 'pick', dishId, memberId, qty },
      });
      return { ok: true, data: { version, duplicate } };
    }),
  );
}
