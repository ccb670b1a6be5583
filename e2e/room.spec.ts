// The foundation flow on phones, through nginx, with two socket replicas behind it.
import { expect, test } from '@playwright/test';
import {
  decodeQr,
  expectConnected,
  joinWithName,
  newPhone,
  openRoom,
  type Phone,
  replicaOf,
} from './support';

const MENU = ['Bibimbap ........ 9,000원', '김치찌개 8,000원', 'Bulgogi 15000', 'Soju ₩5,000'].join('\n');

test('a table opens a room, joins three ways and picks together live', async ({ browser }) => {
  const phones: Phone[] = [];
  const phone = async () => {
    const p = await newPhone(browser);
    phones.push(p);
    return p;
  };

  // The host opens a room from a typed menu.
  const host = await phone();
  await openRoom(host.page, 'Mira', 'Gogi House', MENU);
  const roomUrl = host.page.url();
  const code = await host.page.getByTestId('join-code').getAttribute('data-code');
  expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
  const qrUrl = await decodeQr(host.page);
  expect(qrUrl).toBe(roomUrl);

  // Member 1 by the share link, member 2 by the QR code's link, member 3 by typing the code.
  const ana = await phone();
  await ana.page.goto(roomUrl);
  await joinWithName(ana.page, 'Ana');

  const ben = await phone();
  await ben.page.goto(qrUrl);
  await joinWithName(ben.page, 'Ben');

  const chul = await phone();
  await chul.page.goto('/');
  await chul.page
    .getByLabel('6-character code from the host’s phone')
    .fill(`${code?.slice(0, 3).toLowerCase()}-${code?.slice(3)}`);
  await chul.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(chul.page).toHaveURL(roomUrl);
  await joinWithName(chul.page, 'Chul');

  // Their sockets are spread over the replicas even though every phone has the same IP address.
  const replicas = await Promise.all([ana, ben, chul].map((p) => replicaOf(p.page)));
  expect(new Set(replicas).size, `members on replicas ${replicas.join(', ')}`).toBeGreaterThan(1);

  // Picks appear on every other phone without a reload.
  await ana.page.getByRole('button', { name: 'Add one Bibimbap' }).click();
  await ana.page.getByRole('button', { name: 'Add one Bibimbap' }).click();
  await ben.page.getByRole('button', { name: 'Add one 김치찌개' }).click();
  await chul.page.getByRole('button', { name: 'Add one Bibimbap' }).click();
  await chul.page.getByRole('button', { name: 'Add one Soju' }).click();
  await chul.page.getByRole('button', { name: 'Add one Soju' }).click();
  await chul.page.getByRole('button', { name: 'Remove one Soju' }).click();

  // 3 × 9,000 + 8,000 + 5,000 = 40,000
  for (const { page } of [host, ana, ben, chul]) {
    const order = page.getByRole('region', { name: 'Group order' });
    await expect(order.getByTestId('group-total')).toHaveText('₩40,000');
    const bibimbap = order.locator('[data-testid="order-line"]', { hasText: 'Bibimbap' });
    await expect(bibimbap.getByTestId('order-qty')).toHaveText(/3/);
    await expect(bibimbap).toContainText('Ana');
    await expect(bibimbap).toContainText('Chul');
    await expect(order.locator('[data-testid="order-line"]', { hasText: '김치찌개' })).toContainText('Ben');
    await expect(
      order.locator('[data-testid="order-line"]', { hasText: 'Soju' }).getByTestId('order-qty'),
    ).toHaveText(/1/);
    await expect(
      order.locator('[data-testid="person-line"]', { hasText: 'Ana' }).getByTestId('person-subtotal'),
    ).toHaveText('₩18,000');
    await expect(
      order.locator('[data-testid="person-line"]', { hasText: 'Chul' }).getByTestId('person-subtotal'),
    ).toHaveText('₩14,000');
    await expect(
      order.locator('[data-testid="person-line"]', { hasText: 'Mira' }).getByTestId('person-subtotal'),
    ).toHaveText('₩0');
  }

  // A member who reloads is the same member with the same picks.
  await ana.page.reload();
  await expectConnected(ana.page);
  await expect(ana.page.getByLabel('Your name')).toHaveCount(0);
  const anaRow = ana.page.locator('[data-testid="dish-row"]', { hasText: 'Bibimbap' });
  await expect(anaRow.getByTestId('my-qty')).toHaveText('2');
  await ana.page.getByRole('button', { name: 'Add one Bulgogi' }).click();
  await expect(host.page.getByRole('region', { name: 'Group order' }).getByTestId('group-total')).toHaveText(
    '₩55,000',
  );
  const people = host.page.getByRole('region', { name: 'Group order' }).getByTestId('person-line');
  await expect(people).toHaveCount(4);

  // A member who closes the tab shows as offline to the others.
  const benLine = host.page.locator('[data-testid="person-line"]', { hasText: 'Ben' });
  await expect(benLine).toHaveAttribute('data-online', 'true');
  await ben.page.close();
  await expect(benLine).toHaveAttribute('data-online', 'false');
  await expect(ana.page.locator('[data-testid="person-line"]', { hasText: 'Ben' })).toHaveAttribute(
    'data-online',
    'false',
  );
  // Ben's picks stay in the order.
  await expect(host.page.getByRole('region', { name: 'Group order' })).toContainText('김치찌개');

  for (const p of phones) await p.context.close();
});

test('an unknown code and an expired room say so clearly', async ({ browser }) => {
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await page.getByLabel('6-character code from the host’s phone').fill('ZZZZZZ');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('code-error')).toContainText(/no open room|expired/i);
  await page.goto('/r/NoSuchRoom1234');
  await expect(page.getByText(/does not exist or has expired/i)).toBeVisible();
  await context.close();
});

test('a typed menu sets the currency from its own signs until the host picks one', async ({ browser }) => {
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await page.getByRole('button', { name: 'Type the menu' }).click();
  const currency = page.getByLabel('Menu currency');
  const dishes = page.getByLabel('Dishes, one per line: name and price');
  await dishes.fill('ผัดไทย 60 บาท\nส้มตำ 50 บาท');
  await expect(currency).toHaveValue('THB');
  await dishes.fill('Croque monsieur 12,00 €\nSalade verte 6,50 €');
  await expect(currency).toHaveValue('EUR');
  // Once the host chooses, typing no longer changes it.
  await currency.selectOption('CHF');
  await dishes.fill('Bún chả 50k\nPhở bò 45k');
  await expect(currency).toHaveValue('CHF');
  await context.close();
});

test('the room page is rendered with the join screen and the menu, and nothing a member wrote or picked', async ({
  browser,
}) => {
  const host = await newPhone(browser);
  await openRoom(host.page, 'Mira', 'Gogi House', MENU);
  const roomUrl = host.page.url();
  const code = await host.page.getByTestId('join-code').getAttribute('data-code');
  await host.page.getByRole('button', { name: 'Add one Bulgogi' }).click();
  await expect(host.page.getByTestId('connection-status')).not.toContainText('sending');

  // The HTML a phone with only the link gets, before any script runs: the visitor's view.
  const visitor = await newPhone(browser);
  const response = await visitor.context.request.get(roomUrl);
  const html = await response.text();
  expect(html).toContain('Join Gogi House');
  expect(html).toContain('1 person is at the table.');
  expect(html).toContain('Bulgogi');
  expect(html).not.toContain('Mira');
  expect(html).not.toContain(code ?? 'no code');

  // The page hydrates over it without a mismatch, and the visitor joins as before.
  const errors: string[] = [];
  visitor.page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  visitor.page.on('pageerror', (error) => errors.push(error.message));
  await visitor.page.goto(roomUrl);
  await joinWithName(visitor.page, 'Ana');
  await expect(visitor.page.getByTestId('dish-row').filter({ hasText: 'Bulgogi' })).toContainText('Mira');

  // Now a member, the phone's page is rendered as a member's room (no join screen), still with
  // nothing a member wrote or picked in the HTML; reloaded, it hydrates into the room.
  const asMember = await (await visitor.context.request.get(roomUrl)).text();
  expect(asMember).not.toContain('Join Gogi House');
  expect(asMember).toContain('Bulgogi');
  expect(asMember).not.toContain('Mira');
  await visitor.page.reload();
  await expect(visitor.page.getByTestId('dish-row').filter({ hasText: 'Bulgogi' })).toContainText('Mira');
  await expect(visitor.page.getByRole('button', { name: 'Add one Bulgogi' })).toBeEnabled();
  expect(errors).toEqual([]);
  await host.context.close();
  await visitor.context.close();
});
