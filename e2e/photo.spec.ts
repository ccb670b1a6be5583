// Opening a room from a photo of the paper menu: upload, review and fix, open; a member sees the
// photo, taps a dish to find its line on it, and picks it.
import { expect, test } from '@playwright/test';
import { DISHES, menuPhoto } from './menuPhoto';
import { expectConnected, joinWithName, newPhone } from './support';

test('the host opens a room from a menu photo; a member finds a dish on it and picks it', async ({
  browser,
}) => {
  const photo = await menuPhoto(browser);
  const host = await newPhone(browser);
  await host.page.goto('/');
  await host.page.getByLabel('Your name').fill('Mira');
  await host.page.getByLabel('Room title').fill('Photo House');
  await host.page
    .getByLabel('Photograph the menu')
    .setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: photo });

  // The review list shows what was read: every dish with its price, Korean guessed from the script.
  const review = host.page.getByTestId('photo-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(host.page.getByLabel('Menu currency')).toHaveValue('KRW');
  await expect(review.getByTestId('editor-row')).toHaveCount(DISHES.length);
  for (const [index, [name, price]] of DISHES.entries()) {
    await expect(review.getByLabel(`Name of dish ${index + 1}`, { exact: true })).toHaveValue(name);
    await expect(review.getByLabel(`Price of dish ${index + 1}`, { exact: true })).toHaveValue(
      price.replace('원', ''),
    );
  }
  // The host fixes one dish: the name as printed, plus a translation for the table.
  await review.getByLabel('Name of dish 1', { exact: true }).fill('비빔밥 Bibimbap');
  await host.page.getByRole('button', { name: 'Open the room' }).click();
  await expect(host.page).toHaveURL(/\/r\/[A-Za-z0-9_-]+$/);
  await expectConnected(host.page);

  const member = await newPhone(browser);
  await member.page.goto(host.page.url());
  await joinWithName(member.page, 'Ana');
  const image = member.page.getByTestId('menu-photo').first();
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Tapping a dish highlights its line on the photo, where the dish is printed.
  await member.page.getByRole('button', { name: 'Show 불고기 on the menu photo' }).click();
  const highlight = member.page.getByTestId('dish-highlight');
  await expect(highlight).toBeVisible();
  const [imageBox, lineBox] = await Promise.all([image.boundingBox(), highlight.boundingBox()]);
  if (!imageBox || !lineBox) throw new Error('no layout');
  // 불고기 is the third of five rows: its line sits in the middle part of the photo.
  const middle = (lineBox.y + lineBox.height / 2 - imageBox.y) / imageBox.height;
  expect(middle).toBeGreaterThan(0.3);
  expect(middle).toBeLessThan(0.7);

  await member.page.getByRole('button', { name: 'Add one 불고기' }).click();
  await expect(host.page.getByRole('region', { name: 'Group order' }).getByTestId('group-total')).toHaveText(
    '₩15,000',
  );
  await expect(host.page.getByRole('button', { name: 'Add one 비빔밥 Bibimbap' })).toBeVisible();

  await host.context.close();
  await member.context.close();
});

test('a file that is not a photo gets a clear message and nothing is kept', async ({ browser }) => {
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await page.getByLabel('Photograph the menu').setInputFiles({
    name: 'menu.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><text>Bibimbap 9000</text></svg>'),
  });
  await expect(page.getByTestId('photo-error')).toContainText('is an SVG or text file, not a photo');
  await expect(page.getByTestId('photo-review')).toHaveCount(0);
  await context.close();
});
