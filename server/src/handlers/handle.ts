import type { z } from 'zod';
import { type Reply, describeZodError, errorReply } from '../../../lib/protocol';
import { eventCost, guardOf } from '../limits';
import type { EventMetrics } from '../metrics';
import type { HandlerContext, MenuroomSocket } from '../types';

type Handler<P, R> = (payload: P) => Promise<Reply<R>>;

/**
 * Wraps an event handler so that no payload can crash the replica: the sender is rate limited (per
 * socket, then per member or address and per room in Redis, see limits.ts), the payload is validated with the shared schema, every failure becomes an error reply, and calls
 * without an acknowledgement callback (nobody to answer) are dropped.
 */
export function withPayload<S extends z.ZodType, R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  schema: S,
  handler: Handler<z.output<S>, R>,
) {
  const metrics = ctx.metrics.forEvent(event);
  return (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    run(socket, ctx, event, metrics, eventCost(event, payload), ack as (reply: Reply<R>) => void, () => {
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
  const metrics = ctx.metrics.forEvent(event);
  return (ack: unknown) => {
    if (typeof ack !== 'function') return;
    run(socket, ctx, event, metrics, eventCost(event, undefined), ack as (reply: Reply<R>) => void, () =>
      handler(undefined),
    );
  };
}

function run<R>(
  socket: MenuroomSocket,
  ctx: HandlerContext,
  event: string,
  metrics: EventMetrics,
  cost: number,
  ack: (reply: Reply<R>) => void,
  call: () => Promise<Reply<R>>,
) {
  const startedAt = performance.now();
  metrics.received();
  const guard = guardOf(socket);
  const refuse = () => {
    const refusal = errorReply('rate_limited');
    metrics.acked(refusal, startedAt);
    ack(refusal);
    // A phone backs off after a refusal; a sender that keeps going loses its connection.
    if (guard && !guard.refusals.take()) {
      ctx.log.warn({ event, room: socket.data.roomId, address: guard.address }, 'disconnected for flooding');
      guard.limits.penalise(guard.address);
      socket.disconnect(true);
    }
  };
  // Counted before validation: a stream of invalid payloads costs the sender its budget too. The
  // socket's own bucket comes first and is free, so a flood does not even reach Redis.
  if (!socket.data.rateLimit.take()) {
    ctx.metrics.refused('socket');
    return refuse();
  }
  const admitted = async () =>
    !guard || (await guard.limits.admitEvent({ ...socket.data, address: guard.address }, cost));
  const limitedCall = async (): Promise<Reply<R> | null> => ((await admitted()) ? call() : null);
  ctx.pendingWork.track(limitedCall).then(
    (reply) => {
      if (!reply) return refuse();
      metrics.acked(reply, startedAt);
      ack(reply);
    },
    (err: unknown) => {
      ctx.log.error({ err, event, room: socket.data.roomId }, 'handler failed');
      const failure = errorReply('unavailable');
      metrics.acked(failure, startedAt);
      ack(failure);
    },
  );
}
