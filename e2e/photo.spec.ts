// Opening a room from a photo of the paper menu: the camera first, then the review (language and
// currency as read, every dish to fix), then the host's name; more pages added to the same list; a
// member sees the photos, taps a dish to find its line on them, and picks it.
import { expect, test } from '@playwright/test';
import { DISHES, FRENCH_DISHES, frenchMenuPhoto, frenchPriceText, MORE_DISHES, menuPhoto } from './menuPhoto';
import {
  expectConnected,
  expectReviewRowsFit,
  fillHostDetails,
  joinWithName,
  newPhone,
  photographMenu,
} from './support';

test('the host opens a room from a menu photo; a member finds a dish on it and picks it', async ({
  browser,
}) => {
  const photo = await menuPhoto(browser);
  const host = await newPhone(browser);
  await host.page.goto('/');
  // Nothing stands between the host and the camera: no name, no title, no pickers yet.
  await expect(host.page.getByLabel('Your name')).toHaveCount(0);
  await expect(host.page.getByLabel('Menu currency')).toHaveCount(0);
  await photographMenu(host.page, photo);

  // The review list shows what was read: every dish with its price, Korean guessed from the script,
  // the currency from the prices; both pickers are there with the list.
  const review = host.page.getByTestId('photo-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review.getByLabel('Menu currency')).toHaveValue('KRW');
  await expect(review.getByLabel('Menu language')).toHaveValue('ko');
  await expect(review.getByTestId('editor-row')).toHaveCount(DISHES.length);
  for (const [index, [name, price]] of DISHES.entries()) {
    await expect(review.getByLabel(`Name of dish ${index + 1}`, { exact: true })).toHaveValue(name);
    await expect(review.getByLabel(`Price of dish ${index + 1}`, { exact: true })).toHaveValue(
      price.replace('원', ''),
    );
  }
  await expectReviewRowsFit(host.page);
  // The host fixes one dish: the name as printed, plus a translation for the table.
  await review.getByLabel('Name of dish 1', { exact: true }).fill('비빔밥 Bibimbap');
  // The name is asked last, and nothing opens without it.
  await host.page.getByLabel('Your name').fill('');
  await host.page.getByRole('button', { name: 'Open the room' }).click();
  await expect(host.page.getByTestId('create-error')).toContainText('Enter your name');
  await expect(host.page.getByLabel('Your name')).toBeFocused();
  await fillHostDetails(host.page, 'Mira', 'Photo House');
  await host.page.getByRole('button', { name: 'Open the room' }).click();
  await expect(host.page).toHaveURL(/\/r\/[A-Za-z0-9_-]+$/);
  await expectConnected(host.page);
  await expect(host.page.getByRole('heading', { name: 'Photo House' })).toBeVisible();

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

test('a menu on two pages: the second page, photographed after the first was read, joins the same list', async ({
  browser,
}) => {
  const [first, second] = [await menuPhoto(browser), await menuPhoto(browser, MORE_DISHES)];
  const host = await newPhone(browser);
  await host.page.goto('/');
  await photographMenu(host.page, first, 'page-1.png');
  const review = host.page.getByTestId('photo-review');
  await expect(review.getByTestId('editor-row')).toHaveCount(DISHES.length, { timeout: 30_000 });

  await review
    .getByLabel('Photograph another page')
    .setInputFiles({ name: 'page-2.png', mimeType: 'image/png', buffer: second });
  const all = [...DISHES, ...MORE_DISHES];
  await expect(review.getByTestId('editor-row')).toHaveCount(all.length, { timeout: 30_000 });
  for (const [index, [name]] of all.entries())
    await expect(review.getByLabel(`Name of dish ${index + 1}`, { exact: true })).toHaveValue(name);
  // Each row says which page it was read from.
  await expect(review.getByTestId('editor-row').nth(DISHES.length)).toContainText('p.2');
  await expect(review.getByLabel('Menu language')).toHaveValue('ko');
  await expectReviewRowsFit(host.page);

  await fillHostDetails(host.page, 'Mira');
  await host.page.getByRole('button', { name: 'Open the room' }).click();
  await expect(host.page).toHaveURL(/\/r\/[A-Za-z0-9_-]+$/);
  await expectConnected(host.page);
  // The title left empty is the default one; both photos are in the room, a page-2 dish on page 2.
  await expect(host.page.getByRole('heading', { name: 'Our table' })).toBeVisible();
  await expect(host.page.getByRole('button', { name: 'Photo 2 of 2' })).toBeVisible();
  await host.page.getByRole('button', { name: 'Show 냉면 on the menu photo' }).click();
  await expect(host.page.getByRole('img', { name: 'The printed menu, page 2 of 2' })).toBeVisible();
  await expect(host.page.getByTestId('dish-highlight')).toBeVisible();
  await host.context.close();
});

test('pages chosen from the library, several at once, are read as one menu', async ({ browser }) => {
  const pages = [await menuPhoto(browser), await menuPhoto(browser, MORE_DISHES)];
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await page
    .getByLabel('Choose photos')
    .setInputFiles(pages.map((buffer, i) => ({ name: `page-${i + 1}.png`, mimeType: 'image/png', buffer })));
  const review = page.getByTestId('photo-review');
  await expect(review.getByTestId('editor-row')).toHaveCount(DISHES.length + MORE_DISHES.length, {
    timeout: 30_000,
  });
  await expect(review.getByLabel('Menu currency')).toHaveValue('KRW');
  await context.close();
});

test('a French menu photo, language left on Detect: its dishes, EUR and French in the review list', async ({
  browser,
}) => {
  const photo = await frenchMenuPhoto(browser);
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await photographMenu(page, photo, 'carte.png');

  const review = page.getByTestId('photo-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review.getByTestId('editor-row')).toHaveCount(FRENCH_DISHES.length);
  for (const [index, [name, price]] of FRENCH_DISHES.entries()) {
    await expect(review.getByLabel(`Name of dish ${index + 1}`, { exact: true })).toHaveValue(name);
    await expect(review.getByLabel(`Price of dish ${index + 1}`, { exact: true })).toHaveValue(
      frenchPriceText(price),
    );
  }
  await expect(review.getByLabel('Menu currency')).toHaveValue('EUR');
  await expect(review.getByLabel('Menu language')).toHaveValue('fr');
  // Read in the language shown: nothing to read again.
  await expect(review.getByRole('button', { name: /^Read the photos again/ })).toHaveCount(0);
  await context.close();
});

test('a wrongly read language: the host picks the right one and the photo is read again in it', async ({
  browser,
}) => {
  const { context, page } = await newPhone(browser);
  await page.goto('/');
  await photographMenu(page, await frenchMenuPhoto(browser), 'carte.png');
  const review = page.getByTestId('photo-review');
  await expect(review.getByTestId('editor-row')).toHaveCount(FRENCH_DISHES.length, { timeout: 30_000 });
  const language = review.getByLabel('Menu language');
  const read = await language.inputValue();
  // Another Latin-script language than the one read: its model reads the same letters.
  const [other, label] = read === 'es' ? ['it', 'Italiano'] : ['es', 'Español'];

  // Changing the language alone keeps the list (the host may have fixed it already) ...
  await review.getByLabel('Name of dish 2', { exact: true }).fill('Salade (fixed)');
  await language.selectOption(other);
  await expect(review.getByLabel('Name of dish 2', { exact: true })).toHaveValue('Salade (fixed)');
  // ... and offers to read the photos again in it; going back to the language read hides the offer.
  const again = review.getByRole('button', { name: `Read the photos again in ${label}` });
  await expect(again).toBeVisible();
  await language.selectOption(read);
  await expect(again).toHaveCount(0);
  await language.selectOption(other);
  // The server is asked to read the photo in that language, and says it did.
  const done = page.waitForResponse(
    async (response) =>
      response.url().includes('/api/photos/jobs/') && (await response.json()).status === 'done',
    { timeout: 30_000 },
  );
  await again.click();
  expect((await (await done).json()).result.language).toBe(other);
  // A new reading replaces the list, and the offer is gone: the photos were read in that language.
  await expect(review.getByLabel('Name of dish 2', { exact: true })).not.toHaveValue('Salade (fixed)', {
    timeout: 30_000,
  });
  await expect(again).toHaveCount(0);
  await expect(language).toHaveValue(other);
  await expect(review.getByLabel('Menu currency')).toHaveValue('EUR');
  await context.close();
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
  // The camera is still the way forward.
  await expect(page.getByLabel('Photograph the menu')).toBeEnabled();
  await context.close();
});
