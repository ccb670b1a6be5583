import { EVENTS, JoinRequestSchema, errorReply } from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, roomChannel } from '../types';
import { guardOf } from '../limits';
import { withPayload } from './handle';
import { withMissingPayload } from './room';
import { announcePresence, trackPresence } from './presence';

export function registerMemberHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  // Set for the time a join is in Redis: two joins sent at once from one socket make one member.
  let joining = false;
  socket.on(
    EVENTS.memberJoin,
    withMissingPayload(
      withPayload(socket, ctx, EVENTS.memberJoin, JoinRequestSchema, async ({ name, requestId }) => {
        if (socket.data.memberId || joining) return errorReply('already_joined');
        joining = true;
        try {
          const guard = guardOf(socket);
          if (guard && !(await guard.limits.admitJoin(socket.data.roomId, guard.address)))
            return errorReply(
              'rate_limited',
              'Many people have joined this room from this network already; ask the host, or try again later.',
            );
          // A retry of a join that was written but not confirmed (NotReplicatedError) names the same
          // request id and gets the member its first attempt made. That attempt was never
          // broadcast, so the retry is; phones ignore a version they already have.
          const result = await ctx.store.addMember(socket.data.roomId, name, { requestId });
          if (!result.ok) return errorReply(result.code);
          const { member, version, duplicate: _duplicate, ...credentials } = result.value;
          socket.data.memberId = member.id;
          // From now on this socket hears the room's broadcasts; its phone resyncs for the full view.
          socket.join(roomChannel(socket.data.roomId));
          ctx.io
            .to(roomChannel(socket.data.roomId))
            .emit(EVENTS.roomChanged, { version, change: { type: 'member', member } });
          await trackPresence(socket, ctx);
          await announcePresence(ctx, socket.data.roomId);
          return { ok: true, data: { ...credentials, version } };
        } finally {
          joining = false;
        }
      }),
    ),
  );
}
