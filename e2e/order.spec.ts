// The order for the waiter, through nginx on phones: a room opened from a Korean menu photo, a
// member without a phone, dietary needs, notes and a shared plate; the host locks and a late pick is
// refused with a message; the staff card says it all in Korean with the photo crops; round two;
// the host role handed over; a member removed. The card is checked by axe and by a screenshot at
// 390 × 844 whose layout is measured (no overflow, large type).
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { PHRASES } from '../lib/staffCard/phrases';
import { menuPhoto } from './menuPhoto';
import {
  expectConnected,
  fillHostDetails,
  joinWithName,
  newPhone,
  photographMenu,
  readRoomTruth,
  replicaOf,
  roomIdOf,
} from './support';

const ko = PHRASES.ko;
const qty = (n: number) => ko.words.quantity.text.replace('{n}', String(n));
const dishRow = (page: Page, name: string) => page.getByTestId('dish-row').filter({ hasText: name });
const add = (page: Page, name: string) =>
  page.getByRole('button', { name: `Add one ${name}`, exact: true }).click();
const groupTotal = (page: Page) =>
  page.getByRole('region', { name: 'Group order' }).getByTestId('group-total');

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('next-route-announcer')
    .analyze();
  return results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

test('a table orders for the waiter: needs, notes, a shared plate, a member without a phone, lock, rounds, host hand-over and removal', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const host = await newPhone(browser);
  await host.page.goto('/');
  await photographMenu(host.page, await menuPhoto(browser));
  await expect(host.page.getByTestId('photo-review')).toBeVisible({ timeout: 30_000 });
  await expect(host.page.getByLabel('Menu language')).toHaveValue('ko');
  await fillHostDetails(host.page, 'Mira', 'Seoul Table');
  await host.page.getByRole('button', { name: 'Open the room' }).click();
  await expect(host.page).toHaveURL(/\/r\/[A-Za-z0-9_-]+$/);
  await expectConnected(host.page);
  const roomId = roomIdOf(host.page);

  const ana = await newPhone(browser);
  const ben = await newPhone(browser);
  for (const [phone, name] of [
    [ana, 'Ana'],
    [ben, 'Ben'],
  ] as const) {
    await phone.page.goto(host.page.url());
    await joinWithName(phone.page, name);
  }
  // nginx spreads the phones over both replicas: the changes below cross between them.
  const replicas = new Set(await Promise.all([host, ana, ben].map((p) => replicaOf(p.page))));
  expect(replicas.size).toBe(2);

  // Grandma has no phone: the host adds her and picks for her.
  await host.page.getByText('People without a phone, close the room').click();
  await host.page.getByLabel('Someone without a phone').fill('Grandma');
  await host.page.getByTestId('add-person').click();
  const pickingFor = host.page.getByTestId('picking-for');
  await pickingFor.getByRole('button', { name: 'Grandma' }).click();
  await add(host.page, '비빔밥');
  await pickingFor.getByRole('button', { name: 'Me' }).click();
  await add(host.page, '불고기');

  // Ana: a peanut allergy for everything she eats, and a note with "not spicy" on her stew.
  await ana.page.getByTestId('edit-needs').click();
  await ana.page.getByTestId('needs-sheet').getByRole('button', { name: 'Peanuts' }).click();
  await ana.page.getByTestId('needs-sheet').getByRole('button', { name: 'Save' }).click();
  await add(ana.page, '김치찌개');
  await add(ana.page, '김치찌개');
  await dishRow(ana.page, '김치찌개').getByTestId('note-button').click();
  const noteSheet = ana.page.getByTestId('note-sheet');
  await noteSheet.getByLabel('Note for the kitchen (shown as written)').fill('고수 빼 주세요');
  await noteSheet.getByRole('button', { name: 'Not spicy' }).click();
  await noteSheet.getByTestId('save-note').click();
  await expect(dishRow(ben.page, '김치찌개')).toContainText('Ana ×2');

  // Ana offers one plate of 해물파전 to share with Ben and Grandma; Ben joins.
  await dishRow(ana.page, '해물파전').getByTestId('share-button').click();
  const shareSheet = ana.page.getByTestId('share-sheet');
  await shareSheet.getByRole('button', { name: 'Ben' }).click();
  await shareSheet.getByRole('button', { name: 'Grandma' }).click();
  await shareSheet.getByTestId('offer-share').click();
  const plateOnBen = dishRow(ben.page, '해물파전').getByTestId('shared-plate');
  await expect(plateOnBen).toContainText('asked: Me');
  await plateOnBen.getByRole('button', { name: 'Join' }).click();
  await expect(dishRow(host.page, '해물파전').getByTestId('shared-plate')).toContainText('Ana, Grandma, Ben');
  // ₩9,000 (Grandma) + ₩15,000 (Mira) + 2 × ₩8,000 (Ana) + ₩14,000 (one shared plate).
  await expect(groupTotal(host.page)).toHaveText('₩54,000');
  const people = host.page.getByRole('region', { name: 'Group order' }).getByTestId('person-line');
  // The shared plate's ₩14,000 is split in three: ₩4,667 + ₩4,667 + ₩4,666, remainder by member id.
  const subtotals = await people.getByTestId('person-subtotal').allTextContents();
  const total = subtotals.reduce((sum, text) => sum + Number(text.replace(/[^\d]/g, '')), 0);
  expect(total).toBe(54_000);

  // Ben's phone loses its signal and he taps + on 잡채; meanwhile the host locks the order.
  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
  await add(ben.page, '잡채');
  await host.page.getByTestId('lock-order').click();
  await expect(ana.page.getByTestId('locked-banner')).toBeVisible();
  await expect(ana.page.getByRole('button', { name: 'Add one 비빔밥', exact: true })).toBeDisabled();
  await ben.context.setOffline(false);
  // Back online, the pick he made is refused with a message that names it, and never applied.
  const refusal = ben.page.getByTestId('room-error');
  await expect(refusal).toHaveAttribute('data-code', 'order_locked');
  await expect(refusal).toContainText('Not sent: 잡채 ×1');
  await expect(ben.page.getByTestId('locked-banner')).toBeVisible();
  const truth = await readRoomTruth(roomId);
  expect(Object.keys(truth.picks).some((key) => key.startsWith('d4:'))).toBe(false);

  // The staff card, in Korean: quantities, names as printed with their photo crops, the note as
  // written, the needs as sentences, the shared plate counted once, the allergy on top.
  await host.page.getByTestId('show-staff').click();
  const card = host.page.getByTestId('staff-card');
  await expect(card).toBeVisible();
  await expect(card.locator('.staff-body')).toHaveAttribute('lang', 'ko');
  await expect(card.getByTestId('staff-allergies')).toContainText(ko.needs.peanuts.text);
  const line = (name: string) => card.getByTestId('staff-line').filter({ hasText: name });
  await expect(card.getByTestId('staff-line')).toHaveCount(4);
  await expect(line('김치찌개').getByTestId('staff-qty')).toHaveText(qty(2));
  await expect(line('김치찌개').getByTestId('staff-note')).toContainText('고수 빼 주세요');
  await expect(line('김치찌개')).toContainText(ko.needs.not_spicy.text);
  await expect(line('김치찌개')).toContainText(ko.needs.peanuts.text);
  await expect(line('해물파전').getByTestId('staff-qty')).toHaveText(qty(1));
  await expect(line('해물파전')).toContainText(ko.words.sharedBy.text.replace('{n}', '3'));
  for (const name of ['김치찌개', '비빔밥', '불고기', '해물파전'])
    await expect(line(name).locator('.box-crop')).toHaveAttribute('data-photo-id', /.+/);
  expect(await axeViolations(host.page)).toEqual([]);
  // The screenshot at 390 × 844, checked: nothing wider than the phone, dish names in large type
  // (readable held out at arm's length), every line and crop inside the card's width.
  mkdirSync('test-results/screens', { recursive: true });
  expect(host.page.viewportSize()).toEqual({ width: 390, height: 844 });
  await host.page.screenshot({ path: 'test-results/screens/staff-card.png' });
  const layout = await card.evaluate((element) => {
    const names = [...element.querySelectorAll('[data-testid="staff-name"]')];
    const boxes = [...element.querySelectorAll('[data-testid="staff-line"], .box-crop')].map((e) =>
      e.getBoundingClientRect(),
    );
    return {
      pageWidth: document.documentElement.scrollWidth,
      smallestName: Math.min(...names.map((e) => Number.parseFloat(getComputedStyle(e).fontSize))),
      widest: Math.max(...boxes.map((box) => box.right)),
      leftmost: Math.min(...boxes.map((box) => box.left)),
    };
  });
  expect(layout.pageWidth).toBeLessThanOrEqual(390);
  expect(layout.smallestName).toBeGreaterThanOrEqual(28);
  expect(layout.widest).toBeLessThanOrEqual(390);
  expect(layout.leftmost).toBeGreaterThanOrEqual(0);
  await card.getByTestId('close-staff-card').click();
  await expect(card).toHaveCount(0);

  // Round one was ordered: it becomes read-only, round two starts open and empty.
  await host.page.getByTestId('mark-ordered').click();
  await host.page.getByTestId('confirm-placed').click();
  await expect(ana.page.getByTestId('placed-round')).toHaveCount(1);
  await expect(ana.page.getByTestId('locked-banner')).toHaveCount(0);
  await expect(groupTotal(ana.page)).toHaveText('₩0');
  await add(ana.page, '잡채');
  await expect(groupTotal(host.page)).toHaveText('₩12,000');
  await host.page.getByTestId('show-staff').click();
  await expect(card.getByTestId('staff-line')).toHaveCount(1);
  await expect(card).toContainText(ko.words.round.text.replace('{n}', '2'));
  await card.getByRole('button', { name: 'All orders' }).click();
  await expect(card.getByTestId('staff-section')).toHaveCount(2);
  await card.getByTestId('close-staff-card').click();

  // Mira hands the host role to Ana, who can lock; then Ana removes Ben.
  const anaLine = host.page.getByTestId('person-line').filter({ hasText: 'Ana' });
  await anaLine.getByTestId('make-host').click();
  await anaLine.getByTestId('confirm-make-host').click();
  await expect(ana.page.getByTestId('host-controls')).toBeVisible();
  await expect(host.page.getByTestId('host-controls')).toHaveCount(0);
  await ana.page.getByTestId('lock-order').click();
  await expect(host.page.getByTestId('locked-banner')).toBeVisible();
  await ana.page.getByTestId('lock-order').click();
  await expect(host.page.getByTestId('locked-banner')).toHaveCount(0);
  const benLine = ana.page.getByTestId('person-line').filter({ hasText: 'Ben' });
  await benLine.getByTestId('remove-member').click();
  await benLine.getByTestId('confirm-remove').click();
  await expect(ben.page.getByTestId('removed-banner')).toBeVisible();
  await expect(ben.page.getByRole('button', { name: /^Add one / })).toHaveCount(0);
  await expect(host.page.getByTestId('person-line').filter({ hasText: 'Ben' })).toHaveCount(0);
  // A reload does not bring him back as Ben: his key is refused from then on.
  await ben.page.reload();
  await expect(ben.page.getByLabel('Your name')).toBeVisible();
  await expect(ben.page.getByRole('button', { name: /^Add one / })).toHaveCount(0);

  for (const phone of [host, ana, ben]) await phone.context.close();
});
