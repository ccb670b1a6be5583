// "Weak connection": a phone that lost signal reloads the room page. The service worker serves the
// page it saved (with its own CSP, whose nonce its scripts carry), the room comes back from the
// phone's localStorage before any socket connects, marked as the last known order, new picks queue
// in the outbox, and once the network is back each reaches Redis exactly once. Redis is the oracle.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { lastKnownDishesKey, lastKnownKey } from '../lib/roomClient/session';
import {
  expectConnected,
  joinWithName,
  memberIdOf,
  newPhone,
  openRoom,
  readRoomTruth,
  roomIdOf,
  savedPicks,
} from './support';

const MENU = ['Bibimbap 9000', 'Bulgogi 15000', 'Soju 5000'].join('\n');
const PRICE_BIBIMBAP = 9_000;
const PRICE_BULGOGI = 15_000;
const PRICE_SOJU = 5_000;
const won = (amount: number) => `₩${amount.toLocaleString('en-US')}`;

const status = (page: Page) => page.getByTestId('connection-status');
const groupTotal = (page: Page) =>
  page.getByRole('region', { name: 'Group order' }).getByTestId('group-total');
const dishRow = (page: Page, dish: string) => page.getByTestId('dish-row').filter({ hasText: dish });
const add = (page: Page, dish: string) => page.getByRole('button', { name: `Add one ${dish}` }).click();

/** The page the worker saved for this path, if any: its nonce and every key in menuroom's caches. */
async function savedPage(page: Page, path: string) {
  return page.evaluate(async (pagePath) => {
    const saved = await caches.match(new URL(pagePath, location.origin).href);
    const keys: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) keys.push(new URL(request.url).pathname);
    }
    const policy = saved?.headers.get('content-security-policy') ?? '';
    return { saved: saved !== undefined, nonce: /'nonce-([^']+)'/.exec(policy)?.[1] ?? null, keys };
  }, path);
}

test('a room reloaded without a network shows the last known order and sends the picks made offline once', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const host = await newPhone(browser);
  await openRoom(host.page, 'Mira', 'Gogi House', MENU);
  const roomPath = new URL(host.page.url()).pathname;
  const roomId = roomIdOf(host.page);
  const ana = await newPhone(browser);
  await ana.page.goto(roomPath);
  await joinWithName(ana.page, 'Ana');
  const anaId = await memberIdOf(ana.page, roomId);

  await add(ana.page, 'Bibimbap');
  await add(host.page, 'Bulgogi');
  const before = PRICE_BIBIMBAP + PRICE_BULGOGI;
  for (const { page } of [host, ana]) await expect(groupTotal(page)).toHaveText(won(before));
  await expect(status(ana.page)).toHaveAttribute('data-pending', '0');

  // The worker controls the page and has saved this room's page; the host, who reached the room by
  // an in-app navigation (never loaded as a page), has it saved too.
  await ana.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect.poll(async () => (await savedPage(ana.page, roomPath)).saved).toBe(true);
  await expect.poll(async () => (await savedPage(host.page, roomPath)).saved).toBe(true);
  // Chromium finds the room page installable: the manifest reads, its icons load.
  const cdp = await ana.context.newCDPSession(ana.page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  // Playwright's contexts are incognito profiles, where Chromium installs nothing: that is the one
  // reason it may give, none about the page.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  await cdp.detach();
  await expect(ana.page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
    'href',
    '/icons/apple-touch-icon.png',
  );
  // The room as confirmed is saved on the phone (at most a second after the last change), the
  // dishes apart from the rest.
  await expect
    .poll(async () => {
      const raw = await ana.page.evaluate((key) => localStorage.getItem(key), lastKnownKey(roomId));
      return raw ? (JSON.parse(raw) as { snapshot: { picks: unknown[] } }).snapshot.picks.length : 0;
    })
    .toBe(2);
  const savedDishes = await ana.page.evaluate((key) => localStorage.getItem(key), lastKnownDishesKey(roomId));
  expect(savedDishes).toContain('Bulgogi');
  const beforeOffline = await readRoomTruth(roomId);

  // Every built file her page loaded is in the worker's cache (some came before it took control).
  await expect
    .poll(() =>
      ana.page.evaluate(async () => {
        const keys = new Set<string>();
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys())
            keys.add(new URL(request.url).pathname);
        return performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.startsWith('/_next/static/') && !keys.has(path));
      }),
    )
    .toEqual([]);
  const { nonce: savedNonce } = await savedPage(ana.page, roomPath);
  expect(savedNonce).toMatch(/.{16,}/);

  // No signal, and the page is reloaded.
  const refusedByPolicy: string[] = [];
  ana.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
  });
  await ana.context.setOffline(true);
  await ana.page.reload();
  // The document is the saved one: its scripts carry the nonce of the CSP header saved with it
  // before the network went (a page from the network would have a fresh one), and they ran (the
  // room is on screen below).
  const scriptNonce = await ana.page.evaluate(
    () => document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce,
  );
  expect(scriptNonce).toBe(savedNonce);

  await expect(ana.page.getByTestId('offline-banner')).toContainText(
    'Offline — showing the last known order.',
  );
  await expect(status(ana.page)).toHaveAttribute('data-status', 'offline');
  await expect(ana.page.getByRole('heading', { name: 'Gogi House' })).toBeVisible();
  await expect(dishRow(ana.page, 'Bibimbap').getByTestId('my-qty')).toHaveText('1');
  await expect(groupTotal(ana.page)).toHaveText(won(before));
  await expect(ana.page.getByRole('region', { name: 'Group order' })).toContainText('Mira');
  expect(refusedByPolicy).toEqual([]);
  // The banner is readable (WCAG AA, as the other pages: Next's route announcer is empty by design).
  const axe = await new AxeBuilder({ page: ana.page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('next-route-announcer')
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  await ana.page.screenshot({ path: 'test-results/screens/offline-room.png' });
  // The staff card, a part loaded on demand, opens offline: what she shows the waiter.
  await ana.page.getByTestId('show-staff').click();
  const card = ana.page.getByTestId('staff-card');
  await expect(card).toContainText('Bibimbap');
  await expect(card).toContainText('Bulgogi');
  await card.getByTestId('close-staff-card').click();

  // She keeps picking: the pick waits in the outbox, marked as not sent, and Redis has none of it.
  await add(ana.page, 'Soju');
  await expect(status(ana.page)).toHaveAttribute('data-pending', '1');
  await expect(status(ana.page)).toContainText('1 not sent yet');
  await expect(groupTotal(ana.page)).toHaveText(won(before + PRICE_SOJU));
  const outbox = await savedPicks(ana.page, roomId);
  expect(Object.values(outbox).map((p) => p.qty)).toEqual([1]);
  const [opId] = Object.values(outbox).map((p) => p.opId);
  await ana.page.waitForTimeout(1_000);
  expect((await readRoomTruth(roomId)).version).toBe(beforeOffline.version);

  // A room this phone never opened is not served from the cache (no other room's page stands in).
  const other = await ana.context.newPage();
  await expect(other.goto('/r/neverOpened123')).rejects.toThrow();
  await other.close();

  // Back online: the pick is sent once, the banner goes, and the host sees it.
  await ana.context.setOffline(false);
  await expectConnected(ana.page);
  await expect(ana.page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(status(ana.page)).toHaveAttribute('data-pending', '0');
  await expect(groupTotal(host.page)).toHaveText(won(before + PRICE_SOJU));
  await ana.page.waitForTimeout(1_000); // a late retry would show up in Redis
  const after = await readRoomTruth(roomId);
  const newOps = Object.keys(after.ops).filter((field) => !(field in beforeOffline.ops));
  expect(newOps).toEqual([`${anaId}|${opId}`]);
  expect(after.version).toBe(beforeOffline.version + 1);

  // The worker stored pages and built files only: nothing of the API, the socket or photos.
  const { keys } = await savedPage(ana.page, roomPath);
  expect(keys.length).toBeGreaterThan(1);
  for (const key of keys)
    expect(key).toMatch(/^(\/|\/r\/[A-Za-z0-9_-]+|\/_next\/static\/.+|\/icons\/.+|\/manifest\.webmanifest)$/);
  expect(keys.filter((key) => key.startsWith('/r/'))).toEqual([roomPath]);

  for (const phone of [host, ana]) await phone.context.close();
});
