import type { z } from 'zod';
import { type Reply, describeZodError, errorReply } from '../../../lib/protocol';
import type { ChangeBudget } from '../../../lib/storage/roomStore';
import { LIMITS, eventCost, guardOf } from '../limits';
import type { EventMetrics } from '../metrics';
import type { HandlerContext, MenuroomSocket } from '../types';

/**
 * A member's change may have its event budget counted by the store's change script, in the same
 * Redis call as the change (ChangeBudget): one round trip per pick instead of two. The handler calls
 * `countByStore()` as it hands the change to the store and passes the budget it gets on; an event
 * that never reaches the store (invalid, or refused before) is counted by the replica after all, so
 * every event is counted once.
 */
export interface EventBudget {
  countByStore(): ChangeBudget | undefined;
}

type Handler<P, R> = (payload: P, budget: EventBudget) => Promise<Reply<R>>;

export interface HandlerOptions {
  /** The handler hands the event to the store, which can count the member's budget (EventBudget). */
  storeCountsMember?: boolean;
}

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
  options: HandlerOptions = {},
) {
  const metrics = ctx.metrics.forEvent(event);
  return (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const cost = eventCost(event, payload);
    const reply = ack as (reply: Reply<R>) => void;
    run(socket, ctx, event, metrics, cost, reply, options, (budget) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success)
        return Promise.resolve(errorReply('invalid_payload', describeZodError(parsed.error)));
      return handler(parsed.data, budget);
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
    const reply = ack as (reply: Reply<R>) => void;
    run(socket, ctx, event, metrics, eventCost(event, undefined), reply, {}, (budget) =>
      handler(undefined, budget),
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
  options: HandlerOptions,
  call: (budget: EventBudget) => Promise<Reply<R>>,
) {
  const startedAt = performance.now();
  metrics.received();
  const guard = guardOf(socket);
  const refuse = () => {
    const refusal = errorReply('rate_limited');
    metrics.acked(refusal, startedAt);
    ack(refusal);
    // A phone backs off after a refusal; a sender that keeps going loses its connection.
    if (guard && !guard.refusals.take(cost > 0 ? LIMITS.expensiveRefusalCost : 1)) {
      ctx.log.warn({ event, room: socket.data.roomId, address: guard.address }, 'disconnected for flooding');
      guard.limits.penalise(guard.address);
      socket.disconnect(true);
    }
  };
  // Counted before validation: a stream of invalid payloads costs the sender its budget too. The
  // socket's own bucket comes first and is free, so a flood does not even reach Redis.
  if (!socket.data.rateLimit.take() || (cost > 0 && guard && !guard.expensive.take())) {
    ctx.metrics.refused('socket');
    return refuse();
  }
  const sender = guard && { ...socket.data, address: guard.address };
  // Only a member's cheap events: the expensive ones have budgets of their own, counted first.
  const deferred = Boolean(options.storeCountsMember && guard && socket.data.memberId && cost === 0);
  let countedByStore = false;
  const budget: EventBudget = {
    countByStore() {
      if (!deferred || !guard) return undefined;
      countedByStore = true;
      return guard.limits.memberBudget;
    },
  };
  const admitted = async (eventCost: number, memberCountedByStore: boolean) =>
    !guard || !sender || (await guard.limits.admitEvent(sender, eventCost, { memberCountedByStore }));
  const limitedCall = async (): Promise<Reply<R> | null> => {
    if (!(await admitted(cost, deferred))) return null;
    const reply = await call(budget);
    if (countedByStore && !reply.ok && reply.error.code === 'rate_limited') {
      ctx.metrics.refused('member');
      return null;
    }
    // It never reached the store: the replica counts it now, and a refusal replaces the answer.
    if (deferred && !countedByStore && !(await admitted(0, false))) return null;
    return reply;
  };
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
