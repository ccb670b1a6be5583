// "Nothing lost", fault 6: a phone loses its network while its member keeps picking. The picks wait
// in the outbox (localStorage, with their operation ids), the page says honestly that they are not
// sent, nobody else sees them early, and once the network is back each one reaches Redis exactly
// once and every phone shows the same order. Redis is read directly as the oracle.
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type ChangeEnvelope, EVENTS } from '../lib/protocol';
import { pickOf } from '../lib/storage/inspect';
import {
  expectConnected,
  joinWithName,
  memberIdOf,
  newPhone,
  openRoom,
  type RoomTruth,
  readRoomTruth,
  roomIdOf,
  savedPicks,
} from './support';

const MENU = ['Bibimbap 9000', 'Bulgogi 15000', 'Japchae 12000', 'Soju 5000'].join('\n');
const PRICE = { Bibimbap: 9_000, Bulgogi: 15_000, Japchae: 12_000, Soju: 5_000 };
type Dish = keyof typeof PRICE;
const DISHES = Object.keys(PRICE) as Dish[];

/** How the page formats a KRW amount. */
const won = (amount: number) => `₩${amount.toLocaleString('en-US')}`;

interface Tap {
  dish: Dish;
  delta: 1 | -1;
}

interface PendingPick {
  opId: string;
  qty: number;
}

const status = (page: Page) => page.getByTestId('connection-status');
const groupTotal = (page: Page) =>
  page.getByRole('region', { name: 'Group order' }).getByTestId('group-total');
const dishRow = (page: Page, dish: Dish) => page.getByTestId('dish-row').filter({ hasText: dish });

async function tap(page: Page, { dish, delta }: Tap) {
  await page.getByRole('button', { name: `${delta > 0 ? 'Add' : 'Remove'} one ${dish}` }).click();
}

/** Dish name → dish id, as the menu on the page lists them. */
async function dishIds(page: Page): Promise<Record<Dish, string>> {
  await expect(page.getByTestId('dish-row')).toHaveCount(DISHES.length);
  const ids = {} as Record<Dish, string>;
  for (const dish of DISHES) {
    const id = await dishRow(page, dish).getAttribute('data-dish-id');
    if (!id) throw new Error(`no dish row for ${dish}`);
    ids[dish] = id;
  }
  return ids;
}

const savedOutbox = savedPicks;

/** The operation ids of `memberId` that Redis applied since `before`. */
function newOpIds(truth: RoomTruth, before: RoomTruth, memberId: string): string[] {
  return Object.keys(truth.ops)
    .filter((field) => field.startsWith(`${memberId}|`) && !(field in before.ops))
    .map((field) => field.slice(memberId.length + 1))
    .sort();
}

/**
 * True once the page shows `total` as the group total, is connected and has nothing of its own left
 * unconfirmed. Polled every 50 ms (not expect's back-off) because the time it takes is a figure.
 */
async function settlesOn(page: Page, total: string, timeout: number): Promise<boolean> {
  return page
    .waitForFunction(
      (want) => {
        const shown = document.querySelector('[aria-label="Group order"] [data-testid="group-total"]');
        const pill = document.querySelector('[data-testid="connection-status"]');
        return (
          shown?.textContent === want &&
          pill?.getAttribute('data-status') === 'connected' &&
          pill.getAttribute('data-pending') === '0'
        );
      },
      total,
      { polling: 50, timeout },
    )
    .then(
      () => true,
      () => false,
    );
}

/** Milliseconds from `since` until every page has settled on `total`, or null if one never did. */
async function convergence(pages: Page[], total: string, since: number, timeout: number) {
  const settledAt = await Promise.all(
    pages.map(async (page) => ((await settlesOn(page, total, timeout)) ? Date.now() : null)),
  );
  return settledAt.every((at) => at !== null) ? Math.max(...(settledAt as number[])) - since : null;
}

/**
 * The oracle's figures for one member's picks made while cut off: `taps` were made on top of the
 * quantities in `before`, `outbox` is what the phone held for sending when the network came back.
 */
function figures(args: {
  fault: string;
  before: RoomTruth;
  after: RoomTruth;
  memberId: string;
  ids: Record<Dish, string>;
  taps: Tap[];
  outbox: Record<string, PendingPick>;
  convergeMs: number | null;
}) {
  const { before, after, memberId, ids, taps, outbox } = args;
  const qtyIn = (truth: RoomTruth, dish: Dish) => truth.picks[`${ids[dish]}:${memberId}`] ?? 0;
  const intended = new Map<Dish, number>();
  for (const { dish, delta } of taps) intended.set(dish, (intended.get(dish) ?? qtyIn(before, dish)) + delta);

  // Each outbox entry is one operation: applied with exactly the dish and quantity it carried.
  const acknowledged = Object.entries(outbox).filter(([dishId, pick]) => {
    const applied = pickOf(after.ops[`${memberId}|${pick.opId}`]?.change ?? null);
    return applied?.dishId === dishId && applied.qty === pick.qty && applied.memberId === memberId;
  }).length;
  // A tap is lost when its dish does not end at the quantity the taps add up to.
  const lost = taps.filter(({ dish }) => qtyIn(after, dish) !== intended.get(dish)).length;
  // One version bump per distinct applied operation (nobody joins meanwhile, and joins are the only
  // other bumps): a bump beyond that is an operation applied twice.
  const duplicated =
    after.version - before.version - (Object.keys(after.ops).length - Object.keys(before.ops).length);
  return {
    fault: args.fault,
    opsSent: taps.length,
    outboxOps: Object.keys(outbox).length,
    acknowledged,
    lost,
    duplicated,
    convergeMs: args.convergeMs,
  };
}

/** Each dish's own quantity on the page equals what Redis holds for this member. */
async function expectOwnViewMatches(
  page: Page,
  truth: RoomTruth,
  memberId: string,
  ids: Record<Dish, string>,
) {
  for (const dish of DISHES) {
    await expect(dishRow(page, dish).getByTestId('my-qty')).toHaveText(
      String(truth.picks[`${ids[dish]}:${memberId}`] ?? 0),
    );
  }
}

test('a phone offline for 30 s keeps its picks and delivers each exactly once when back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const host = await newPhone(browser);
  await openRoom(host.page, 'Mira', 'Gogi House', MENU);
  const roomUrl = host.page.url();
  const roomId = roomIdOf(host.page);
  const [ana, ben] = [await newPhone(browser), await newPhone(browser)];
  for (const [phone, name] of [
    [ana, 'Ana'],
    [ben, 'Ben'],
  ] as const) {
    await phone.page.goto(roomUrl);
    await joinWithName(phone.page, name);
  }
  const anaId = await memberIdOf(ana.page, roomId);
  const ids = await dishIds(ana.page);

  // Something on the table before the network goes, so the offline picks land on existing state.
  await tap(ana.page, { dish: 'Bibimbap', delta: 1 });
  await tap(ben.page, { dish: 'Japchae', delta: 1 });
  let othersSee = PRICE.Bibimbap + PRICE.Japchae;
  for (const { page } of [host, ana, ben]) expect(await settlesOn(page, won(othersSee), 10_000)).toBe(true);
  const before = await readRoomTruth(roomId);

  await ana.context.setOffline(true);
  const wentOfflineAt = Date.now();
  await expect(status(ana.page)).toHaveAttribute('data-status', 'offline');
  // Her page closed its socket when the browser said offline, so the others see her as away.
  const anaLineOnHost = host.page.getByTestId('person-line').filter({ hasText: 'Ana' });
  await expect(anaLineOnHost).toHaveAttribute('data-online', 'false');

  // Ana keeps picking: six taps on three dishes, which the outbox holds as three absolute picks.
  const taps: Tap[] = [
    { dish: 'Bibimbap', delta: 1 },
    { dish: 'Bibimbap', delta: 1 },
    { dish: 'Soju', delta: 1 },
    { dish: 'Soju', delta: 1 },
    { dish: 'Soju', delta: -1 },
    { dish: 'Bulgogi', delta: 1 },
  ];
  for (const t of taps) await tap(ana.page, t);
  const anaAdds = 2 * PRICE.Bibimbap + PRICE.Soju + PRICE.Bulgogi;

  // Her phone is honest: offline, three picks not sent yet, each marked on its row; her own view
  // already counts them, so what she sees is what she asked for.
  await expect(status(ana.page)).toHaveAttribute('data-status', 'offline');
  await expect(status(ana.page)).toHaveAttribute('data-pending', '3');
  await expect(status(ana.page)).toContainText('3 not sent yet');
  for (const dish of ['Bibimbap', 'Soju', 'Bulgogi'] as const)
    await expect(dishRow(ana.page, dish).getByTestId('sending')).toBeVisible();
  await expect(dishRow(ana.page, 'Japchae').getByTestId('sending')).toHaveCount(0);
  await expect(dishRow(ana.page, 'Bibimbap').getByTestId('my-qty')).toHaveText('3');
  await expect(dishRow(ana.page, 'Soju').getByTestId('my-qty')).toHaveText('1');
  await expect(groupTotal(ana.page)).toHaveText(won(othersSee + anaAdds));

  // The table goes on meanwhile: Ben's pick reaches everyone online, not Ana (she is offline).
  await tap(ben.page, { dish: 'Japchae', delta: 1 });
  othersSee += PRICE.Japchae;
  await expect(groupTotal(host.page)).toHaveText(won(othersSee));

  // For the whole 30 s nobody else sees Ana's new picks and Redis has none of them.
  while (Date.now() - wentOfflineAt < 30_000) {
    for (const { page } of [host, ben]) await expect(groupTotal(page)).toHaveText(won(othersSee));
    expect(newOpIds(await readRoomTruth(roomId), before, anaId)).toEqual([]);
    await expect(status(ana.page)).toHaveAttribute('data-pending', '3');
    await ana.page.waitForTimeout(Math.min(5_000, wentOfflineAt + 30_000 - Date.now()));
  }
  await expect(groupTotal(ana.page)).toHaveText(won(PRICE.Bibimbap + PRICE.Japchae + anaAdds));

  const outbox = await savedOutbox(ana.page, roomId);
  expect(Object.keys(outbox).sort()).toEqual([ids.Bibimbap, ids.Bulgogi, ids.Soju].sort());

  // Timed from before the call: the page may reconnect before the call returns.
  const backOnlineAt = Date.now();
  await ana.context.setOffline(false);
  const total = won(othersSee + anaAdds);
  const convergeMs = await convergence([ana.page, host.page, ben.page], total, backOnlineAt, 15_000);
  await ana.page.waitForTimeout(1_000); // a late retry would show up as a duplicate in Redis
  const after = await readRoomTruth(roomId);

  const result = figures({
    fault: 'browser offline 30 s',
    before,
    after,
    memberId: anaId,
    ids,
    taps,
    outbox,
    convergeMs,
  });
  console.log(JSON.stringify(result));
  expect(result.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  expect(result.acknowledged).toBe(result.outboxOps);
  expect(newOpIds(after, before, anaId)).toEqual(
    Object.values(outbox)
      .map((p) => p.opId)
      .sort(),
  );
  expect(convergeMs).not.toBeNull();
  expect(convergeMs ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(5_000);

  // Every phone shows Ana's picks under her name, and her own rows are exactly what Redis holds.
  const anaSubtotal = won(3 * PRICE.Bibimbap + PRICE.Soju + PRICE.Bulgogi);
  for (const { page } of [host, ben, ana]) {
    await expect(
      page.getByTestId('person-line').filter({ hasText: 'Ana' }).getByTestId('person-subtotal'),
    ).toHaveText(anaSubtotal);
  }
  await expectOwnViewMatches(ana.page, after, anaId, ids);
  await expect(ana.page.getByTestId('sending')).toHaveCount(0);
  await expect(anaLineOnHost).toHaveAttribute('data-online', 'true');

  for (const phone of [host, ana, ben]) await phone.context.close();
});

/**
 * What the test lets through between one phone and the socket replicas: everything, nothing of its
 * picks (they never reach a replica), or everything but the replies to its picks (they are applied
 * but the phone never hears so). In both faults the socket itself stays up and says "connected".
 */
type SocketPath = 'open' | 'drop-picks' | 'drop-pick-replies';

interface SocketControl {
  path: SocketPath;
  /** Every pick the phone sent over the socket, in order, and whether it went through. */
  sent: Array<{ opId: string; dishId: string; qty: number; dropped: boolean }>;
  droppedReplies: number;
}

/** A socket.io pick request as it goes over the websocket: `42<ackId>["room:change",{opId, change}]`. */
function parsePick(frame: string | Buffer) {
  const match = typeof frame === 'string' ? /^42(\d+)(\[.*)$/s.exec(frame) : null;
  if (!match?.[1] || !match[2]) return null;
  const [event, request] = JSON.parse(match[2]) as [string, ChangeEnvelope];
  if (event !== EVENTS.roomChange || request.change.type !== 'pick.set') return null;
  return { ackId: match[1], opId: request.opId, dishId: request.change.dishId, qty: request.change.qty };
}

/**
 * Puts the test between the phone and the replicas, frame by frame. Playwright's `route` never sees
 * websockets, so they go through `routeWebSocket`; long-polling, the client's fallback, is refused
 * so that it cannot go round the filter.
 */
async function controlSocket(context: BrowserContext): Promise<SocketControl> {
  const control: SocketControl = { path: 'open', sent: [], droppedReplies: 0 };
  const isSocket = (url: URL) => url.pathname.startsWith('/ws');
  await context.routeWebSocket(isSocket, (ws) => {
    const server = ws.connectToServer();
    const pickAckIds = new Set<string>(); // ack ids are per connection
    ws.onMessage((frame) => {
      const pick = parsePick(frame);
      const dropped = pick !== null && control.path === 'drop-picks';
      if (pick) {
        control.sent.push({ opId: pick.opId, dishId: pick.dishId, qty: pick.qty, dropped });
        pickAckIds.add(pick.ackId);
      }
      if (!dropped) server.send(frame);
    });
    server.onMessage((frame) => {
      const ackId = typeof frame === 'string' ? /^43(\d+)\[/.exec(frame)?.[1] : undefined;
      if (ackId && pickAckIds.has(ackId) && control.path === 'drop-pick-replies') control.droppedReplies++;
      else ws.send(frame);
    });
  });
  await context.route(isSocket, (route) => route.abort());
  return control;
}

/** The distinct operation ids of the picks sent over the socket from index `from` on. */
const opIdsSentSince = (control: SocketControl, from: number) =>
  [...new Set(control.sent.slice(from).map((pick) => pick.opId))].sort();

/** A host and one member, Ana, whose socket the test controls. */
async function roomWithControlledMember(browser: Browser) {
  const host = await newPhone(browser);
  await openRoom(host.page, 'Mira', 'Soju Bar', MENU);
  const roomUrl = host.page.url();
  const roomId = roomIdOf(host.page);
  const ana = await newPhone(browser);
  const socket = await controlSocket(ana.context);
  await ana.page.goto(roomUrl);
  await joinWithName(ana.page, 'Ana');
  return { host, ana, socket, roomUrl, roomId, anaId: await memberIdOf(ana.page, roomId) };
}

/** Ana's picks that have not been confirmed are marked, and show the quantities she tapped. */
async function expectUnconfirmed(page: Page, qty: Partial<Record<Dish, number>>) {
  await expectConnected(page);
  await expect(status(page)).toHaveAttribute('data-pending', String(Object.keys(qty).length));
  for (const [dish, n] of Object.entries(qty) as Array<[Dish, number]>) {
    await expect(dishRow(page, dish).getByTestId('sending')).toBeVisible();
    await expect(dishRow(page, dish).getByTestId('my-qty')).toHaveText(String(n));
  }
}

const TAPS: Tap[] = [
  { dish: 'Bibimbap', delta: 1 },
  { dish: 'Bibimbap', delta: 1 },
  { dish: 'Soju', delta: 1 },
];
const TAPS_TOTAL = won(2 * PRICE.Bibimbap + PRICE.Soju);

test('picks that cannot reach a replica survive a reload and a reopened tab, and arrive once', async ({
  browser,
}) => {
  const { host, ana, socket, roomUrl, roomId, anaId } = await roomWithControlledMember(browser);
  const ids = await dishIds(ana.page);
  const before = await readRoomTruth(roomId);

  // A half-dead network: the socket stays up, so the page is live, but no pick gets through.
  socket.path = 'drop-picks';
  for (const t of TAPS) await tap(ana.page, t);
  await expectUnconfirmed(ana.page, { Bibimbap: 2, Soju: 1 });
  await expect.poll(() => socket.sent.length).toBeGreaterThan(0);
  const outbox = await savedOutbox(ana.page, roomId);
  expect(outbox).toEqual({
    [ids.Bibimbap]: { opId: expect.any(String), qty: 2 },
    [ids.Soju]: { opId: expect.any(String), qty: 1 },
  });
  const outboxOpIds = Object.values(outbox)
    .map((pick) => pick.opId)
    .sort();

  // Reload: the page has only localStorage to go on. Both picks are still marked, and the new
  // connection sends exactly the saved operations, with their ids (so a retry can be recognised).
  let sentBefore = socket.sent.length;
  await ana.page.reload();
  await expectUnconfirmed(ana.page, { Bibimbap: 2, Soju: 1 });
  await expect.poll(() => opIdsSentSince(socket, sentBefore)).toEqual(outboxOpIds);

  // The same after closing the tab and opening the room again (same browser, same storage).
  sentBefore = socket.sent.length;
  await ana.page.close();
  ana.page = await ana.context.newPage();
  await ana.page.goto(roomUrl);
  await expectUnconfirmed(ana.page, { Bibimbap: 2, Soju: 1 });
  await expect.poll(() => opIdsSentSince(socket, sentBefore)).toEqual(outboxOpIds);

  // Nobody else has seen any of it, and Redis has nothing.
  await expect(groupTotal(host.page)).toHaveText(won(0));
  expect(newOpIds(await readRoomTruth(roomId), before, anaId)).toEqual([]);
  expect(socket.sent.every((pick) => pick.dropped)).toBe(true);

  // The network heals. Nothing prompts the page: its own retry (after the 8 s answer timeout of the
  // pick in flight) delivers the outbox.
  socket.path = 'open';
  const healedAt = Date.now();
  const convergeMs = await convergence([ana.page, host.page], TAPS_TOTAL, healedAt, 20_000);
  await ana.page.waitForTimeout(1_000); // a late retry would show up in Redis
  const after = await readRoomTruth(roomId);

  const result = figures({
    fault: 'picks dropped on a live socket, across a reload and a reopened tab',
    before,
    after,
    memberId: anaId,
    ids,
    taps: TAPS,
    outbox,
    convergeMs,
  });
  console.log(JSON.stringify(result));
  expect(result.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  expect(result.acknowledged).toBe(2);
  // Exactly the saved operations were applied: the first Bibimbap pick, superseded, never was.
  expect(newOpIds(after, before, anaId)).toEqual(outboxOpIds);
  expect(after.version - before.version).toBe(2);
  expect(convergeMs).not.toBeNull();
  await expectOwnViewMatches(ana.page, after, anaId, ids);
  expect(await savedOutbox(ana.page, roomId)).toEqual({});

  for (const phone of [host, ana]) await phone.context.close();
});

test('picks applied whose replies are lost are not applied again after a reload', async ({ browser }) => {
  const { host, ana, socket, roomId, anaId } = await roomWithControlledMember(browser);
  const ids = await dishIds(ana.page);
  const before = await readRoomTruth(roomId);

  // The picks reach Redis (so the table sees them) but the replies never come back to Ana.
  socket.path = 'drop-pick-replies';
  for (const t of TAPS) await tap(ana.page, t);
  await expect(groupTotal(host.page)).toHaveText(TAPS_TOTAL);
  await expectUnconfirmed(ana.page, { Bibimbap: 2, Soju: 1 });
  const outbox = await savedOutbox(ana.page, roomId);
  const outboxOpIds = Object.values(outbox)
    .map((pick) => pick.opId)
    .sort();
  // The second Bibimbap pick waits for the first one's reply, which never comes: it goes out after
  // the 8 s answer timeout. Once it has, Redis holds all three picks, each once.
  await expect
    .poll(() => opIdsSentSince(socket, 0), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(outboxOpIds));
  await expect.poll(async () => newOpIds(await readRoomTruth(roomId), before, anaId).length).toBe(3);
  const applied = await readRoomTruth(roomId);
  expect(applied.version - before.version).toBe(3);

  // After a reload the outbox sends them again, with the same ids: Redis must recognise them. (The
  // markers still being there shows that no reply got through.)
  const sentBefore = socket.sent.length;
  await ana.page.reload();
  await expectUnconfirmed(ana.page, { Bibimbap: 2, Soju: 1 });
  await expect.poll(() => opIdsSentSince(socket, sentBefore)).toEqual(outboxOpIds);

  socket.path = 'open';
  const healedAt = Date.now();
  const convergeMs = await convergence([ana.page, host.page], TAPS_TOTAL, healedAt, 20_000);
  await ana.page.waitForTimeout(1_000);
  const after = await readRoomTruth(roomId);

  const result = figures({
    fault: 'pick replies lost, outbox re-sent after a reload',
    before,
    after,
    memberId: anaId,
    ids,
    taps: TAPS,
    outbox,
    convergeMs,
  });
  console.log(
    JSON.stringify({ ...result, picksSent: socket.sent.length, repliesLost: socket.droppedReplies }),
  );
  expect(result.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  expect(result.acknowledged).toBe(2);
  // Three picks were applied (both Bibimbap taps reached Redis), each once, however often re-sent.
  expect(newOpIds(after, before, anaId)).toEqual(opIdsSentSince(socket, 0));
  expect(after.version).toBe(applied.version);
  expect(convergeMs).not.toBeNull();
  await expectOwnViewMatches(ana.page, after, anaId, ids);
  expect(await savedOutbox(ana.page, roomId)).toEqual({});

  for (const phone of [host, ana]) await phone.context.close();
});
