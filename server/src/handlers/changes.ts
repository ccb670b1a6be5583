import { z } from 'zod';
import {
  CHANGE_REQUESTS,
  CHANGE_SINCE,
  type ChangeRequest,
  ChangeEnvelopeSchema,
  EVENTS,
  type ErrorCode,
  MAX_DISHES,
  describeZodError,
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
 * Validating a 300-dish menu takes 15–30 ms on this machine (every text is normalised, checked and
 * counted in graphemes), one at every text limit over a second. Done in one go it blocked the
 * replica's event loop, and picks of every other room on the replica waited behind it: six host
 * sockets flooding menus raised pick p99 in a quiet room from ~5 ms to over 100 ms. So a large menu
 * is validated a dish at a time, yielding to the event loop whenever MENU_WORK_MS have gone by; and
 * a room's menus take turns on a replica (MenuTurns), each followed by a rest, so that one room's
 * menus use at most a small share of the replica's time however many its budgets admit.
 */
const MENU_WORK_MS = 2;
/** Menus this small are validated at once: they cannot hold the event loop for long. */
const SMALL_MENU = 20;
/**
 * After validating a menu for `t` ms, the room's next menu on this replica waits `t` × this: at most
 * a tenth of the replica's time goes to one room's menus. A host saving a 300-dish menu twice in a
 * second waits a quarter of a second longer for the second.
 */
const MENU_REST_FACTOR = 9;
const DishesSchema = CHANGE_REQUESTS['menu.replace'];
type Parsed = ReturnType<typeof parseChangeRequest>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * parseChangeRequest, with the same result and message, but a large menu in steps (MENU_WORK_MS).
 * `spent.ms` gets the time the steps took, not counting the waits between them.
 */
export async function parseChange(
  change: { type: string } & Record<string, unknown>,
  spent = { ms: 0 },
): Promise<Parsed> {
  const { dishes } = change;
  if (
    change.type !== 'menu.replace' ||
    !Array.isArray(dishes) ||
    dishes.length <= SMALL_MENU ||
    dishes.length > MAX_DISHES
  ) {
    const started = performance.now();
    const parsed = parseChangeRequest(change);
    spent.ms += performance.now() - started;
    return parsed;
  }
  const parsed: z.output<typeof DishesSchema>['dishes'] = [];
  const issues: z.core.$ZodIssue[] = [];
  let stepStarted = performance.now();
  // describeZodError names the first three problems: past a bad dish, only until three are found.
  for (let i = 0; i < dishes.length && issues.length < 3; i++) {
    if (performance.now() - stepStarted >= MENU_WORK_MS) {
      spent.ms += performance.now() - stepStarted;
      await yieldToEventLoop();
      stepStarted = performance.now();
    }
    const dish = DishesSchema.safeParse({ dishes: [dishes[i]] });
    if (dish.success) parsed.push(...dish.data.dishes);
    else
      for (const issue of dish.error.issues) {
        // ['dishes', 0, ...] for the dish alone is ['dishes', i, ...] in the menu.
        const [field = 'dishes', index, ...rest] = issue.path;
        issues.push(index === 0 ? { ...issue, path: [field, i, ...rest] } : issue);
      }
  }
  spent.ms += performance.now() - stepStarted;
  if (issues.length > 0) {
    return { ok: false, code: 'invalid_payload', message: describeZodError(new z.ZodError(issues)) };
  }
  return { ok: true, request: { type: 'menu.replace', dishes: parsed } as ChangeRequest };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One menu validation at a time per room on this replica, each followed by its rest. */
class MenuTurns {
  private readonly queues = new Map<string, Promise<void>>();

  validate(roomId: string, socket: MenuroomSocket, change: { type: string } & Record<string, unknown>) {
    const spent = { ms: 0 };
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    // A menu queued behind others whose socket is gone by its turn is not worth validating: the
    // phone retries it (same operation id) once it is back.
    const mine: Promise<Parsed | null> = previous.then(() =>
      socket.connected ? parseChange(change, spent) : null,
    );
    const done = mine.then(
      () => sleep(spent.ms * MENU_REST_FACTOR),
      () => undefined,
    );
    this.queues.set(roomId, done);
    done.then(() => {
      if (this.queues.get(roomId) === done) this.queues.delete(roomId);
    });
    return mine;
  }
}

const menuTurns = new MenuTurns();

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
          // Only a menu replacement is large enough to take turns (MenuTurns).
          const parsed =
            change.type === 'menu.replace'
              ? await menuTurns.validate(roomId, socket, change)
              : parseChangeRequest(change);
          if (!parsed) return errorReply('unavailable');
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
