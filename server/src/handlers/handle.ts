import type { z } from 'zod';
import { type Reply, describeZodError, errorReply } from '../../../lib/protocol';
import type { HandlerContext, MenuroomSocket } from '../types';

type Handler<P, R> = (payload: P) => Promise<Reply<R>>;

/**
 * Wraps an event handler so that no payload can crash the replica: the payload is validated with the
 * shared schema, the connection is rate limited, every failure becomes an error reply, and calls
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
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      ack(errorReply('invalid_payload', describeZodError(parsed.error)));
      return;
    }
    run(socket, ctx, event, () => handler(parsed.data), ack as (reply: Reply<R>) => void);
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
    run(socket, ctx, event, () => handler(undefined), ack as (reply: Reply<R>) => void);
  };
}

function run<R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  call: () => Promise<Reply<R>>,
  ack: (reply: Reply<R>) => void,
) {
  if (!socket.data.rateLimit.take()) {
    ack(errorReply('rate_limited', 'Too many requests; slow down and try again.'));
    return;
  }
  ctx.inFlight.track(call).then(ack, (error: unknown) => {
    ctx.log('handler failed', { event, error: String(error) });
    ack(errorReply('unavailable', 'The server could not save this right now; it will be retried.'));
  });
}
