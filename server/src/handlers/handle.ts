import type { z } from 'zod';
import { type Reply, describeZodError, errorReply } from '../../../lib/protocol';
import type { HandlerContext, MenuroomSocket } from '../types';

type Handler<P, R> = (payload: P) => Promise<Reply<R>>;

/**
 * Wraps an event handler so that no payload can crash the replica: the connection is rate limited,
 * the payload is validated with the shared schema, every failure becomes an error reply, and calls
 * without an acknowledgement callback (nobody to answer) are dropped.
 */
export function withPayload<S extends z.ZodType, R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  schema: S,
  handler: Handler<z.output<S>, R>,
) {
  return (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    run(socket, ctx, event, ack as (reply: Reply<R>) => void, () => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success)
        return Promise.resolve(errorReply('invalid_payload', describeZodError(parsed.error)));
      return handler(parsed.data);
    });
  };
}

/** Same as withPayload for events that carry only an acknowledgement callback. */
export function withoutPayload<R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  handler: Handler<void, R>,
) {
  return (ack: unknown) => {
    if (typeof ack !== 'function') return;
    run(socket, ctx, event, ack as (reply: Reply<R>) => void, () => handler(undefined));
  };
}

function run<R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  ack: (reply: Reply<R>) => void,
  call: () => Promise<Reply<R>>,
) {
  // Counted before validation: a stream of invalid payloads costs the sender its budget too.
  if (!socket.data.rateLimit.take()) {
    ack(errorReply('rate_limited'));
    return;
  }
  ctx.pendingWork.track(call).then(ack, (err: unknown) => {
    ctx.log.error({ err, event, room: socket.data.roomId }, 'handler failed');
    ack(errorReply('unavailable'));
  });
}
