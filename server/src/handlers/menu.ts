import {
  EVENTS,
  type ErrorCode,
  UpdateMenuRequestSchema,
  errorReply,
  ROOM_GONE_MESSAGE,
} from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, channelOf } from '../types';
import { withPayload } from './handle';

const MENU_ERRORS: Partial<Record<ErrorCode, string>> = {
  room_not_found: ROOM_GONE_MESSAGE,
  not_the_host: 'Only the host can change the menu.',
  unknown_dish: 'A dish in this menu is no longer in the room; reload the menu and try again.',
  invalid_payload: 'This operation id was already used for something else.',
};

export function registerMenuHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  // The host fixes the dishes read from a photo (or typed) while the room is live.
  socket.on(
    EVENTS.menuUpdate,
    withPayload(socket, ctx, EVENTS.menuUpdate, UpdateMenuRequestSchema, async (request) => {
      const { roomId, memberId } = socket.data;
      if (!memberId) return errorReply('not_the_host', MENU_ERRORS.not_the_host ?? '');
      const result = await ctx.store.updateMenu(roomId, memberId, request);
      if (!result.ok) return errorReply(result.code, MENU_ERRORS[result.code] ?? 'The menu was refused.');
      const { version, dishes } = result.value;
      if (dishes)
        ctx.io.to(channelOf(roomId)).emit(EVENTS.roomChanged, { version, change: { type: 'menu', dishes } });
      return { ok: true, data: { version } };
    }),
  );
}
