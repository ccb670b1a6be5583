import {
  CHANGE_SINCE,
  ChangeEnvelopeSchema,
  EVENTS,
  type ErrorCode,
  errorReply,
  parseChangeRequest,
} from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, roomChannel } from '../types';
import { withPayload } from './handle';
import { withMissingPayload } from './room';

/** What a member is told when a change is refused, when it says more than the code's message. */
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  unknown_dish: 'That dish is no longer on this menu.',
};

/**
 * Closes the connections of a member the host removed, on every replica: they come back as what
 * their token now is, a removed member, and see the room as a visitor.
 */
async function disconnectMember(ctx: HandlerContext, roomId: string, memberId: string): Promise<void> {
  const sockets = await ctx.io.in(roomChannel(roomId)).fetchSockets();
  for (const socket of sockets) if (socket.data.memberId === memberId) socket.disconnect(true);
}

/**
 * Every versioned change of a room (picks, the menu, ...) arrives here: validated with its type's
 * schema, applied by the store in one atomic step, and broadcast with its version.
 */
export function registerChangeHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  socket.on(
    EVENTS.roomChange,
    withMissingPayload(
      withPayload(
        socket,
        ctx,
        EVENTS.roomChange,
        ChangeEnvelopeSchema,
        async ({ opId, change }, budget) => {
          const { roomId, memberId } = socket.data;
          if (!memberId) return errorReply('not_a_member');
          const parsed = parseChangeRequest(change);
          if (!parsed.ok) return errorReply(parsed.code, parsed.message);
          // A replica older than the change refuses it as unknown: a newer replica will take it.
          if (CHANGE_SINCE[parsed.request.type] > ctx.protocol) return errorReply('unsupported_change');
          const result = await ctx.store.applyChange(roomId, memberId, opId, parsed.request, {
            budget: budget.countByStore(),
          });
          if (!result.ok) return errorReply(result.code, REFUSALS[result.code]);
          const { version, duplicate, change: applied } = result.value;
          // A retried operation is broadcast again with its original version: if the replica that first
          // applied it died before broadcasting, this is the broadcast; otherwise clients ignore the repeat.
          if (applied) ctx.io.to(roomChannel(roomId)).emit(EVENTS.roomChanged, { version, change: applied });
          if (applied?.type === 'member.removed') await disconnectMember(ctx, roomId, applied.memberId);
          return { ok: true, data: { version, duplicate } };
        },
        { storeCountsMember: true },
      ),
    ),
  );
}
