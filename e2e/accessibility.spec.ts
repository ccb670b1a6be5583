// Every control has an accessible name and text is readable in sunlight (WCAG AA contrast), checked by
// axe-core on the real pages at the phone size, for a visitor and for the host with picks made, and
// on the host's way to a room: the first screen, the review list of a menu photo, the typed menu.
// Screenshots of those screens at 390 × 844 go to test-results/screens/ for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { menuPhoto } from './menuPhoto';
import { expectReviewRowsFit, joinWithName, newPhone, openRoom, photographMenu } from './support';

const SCREENS = 'test-results/screens';

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Next's route announcer is an empty live region by design.
    .exclude('next-route-announcer')
    .analyze();
  return results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

test('home and room pages have no WCAG A/AA violations on a phone', async ({ browser }) => {
  const host = await newPhone(browser);
  await host.page.goto('/');
  expect(await violations(host.page)).toEqual([]);

  await openRoom(host.page, 'Mira', 'Sunlight Café', 'Croissant 3,50 €\nCafé crème 4 €', 'EUR');
  await host.page.getByRole('button', { name: 'Add one Croissant' }).click();
  await expect(host.page.getByRole('region', { name: 'Group order' }).getByTestId('group-total')).toHaveText(
    '€3.50',
  );
  expect(await violations(host.page)).toEqual([]);

  const guest = await newPhone(browser);
  await guest.page.goto(host.page.url());
  await expect(guest.page.getByLabel('Your name')).toBeVisible();
  expect(await violations(guest.page)).toEqual([]);
  await joinWithName(guest.page, 'Ana');
  expect(await violations(guest.page)).toEqual([]);

  await host.context.close();
  await guest.context.close();
});

test('the review list of a menu photo, and the typed menu, have no violations and fit a 390 px phone', async ({
  browser,
}) => {
  mkdirSync(SCREENS, { recursive: true });
  const photo = await menuPhoto(browser);
  // The English names of the controls, and the French ones: the longest words of the six languages.
  const languages = [
    {
      locale: 'en-US',
      camera: 'Photograph the menu',
      price: 'Price of dish 2',
      remove: /^Delete /,
      typeInstead: 'Type the dishes instead',
      menuText: 'Dishes, one per line: name and price',
    },
    {
      locale: 'fr-FR',
      camera: 'Photographier le menu',
      price: 'Prix du plat 2',
      remove: /^Supprimer /,
      typeInstead: 'Saisir à la main',
      menuText: 'Plats, un par ligne\u00a0: nom et prix',
    },
  ];
  for (const { locale, camera, price, remove, typeInstead, menuText } of languages) {
    const { context, page } = await newPhone(browser, { locale });
    await page.goto('/');
    // The first screen: the camera button first, nothing overflowing.
    expect(await violations(page)).toEqual([]);
    const cameraBox = await page.locator('label', { hasText: camera }).boundingBox();
    expect(cameraBox?.width).toBeGreaterThan(300);
    expect((cameraBox?.y ?? 1000) + (cameraBox?.height ?? 0)).toBeLessThan(844);
    await page.screenshot({ path: `${SCREENS}/home-${locale}.png` });
    await photographMenu(page, photo, 'menu.png', camera);
    const review = page.getByTestId('photo-review');
    await expect(review.getByTestId('editor-row')).toHaveCount(5, { timeout: 30_000 });
    // A dish left without a price shows its problem: the marked state is checked as well.
    await review.getByLabel(price, { exact: true }).fill('');
    await expect(review.locator('.editor-row.has-problem')).toHaveCount(1);
    expect(await violations(page)).toEqual([]);
    await expectReviewRowsFit(page, remove);
    await page.screenshot({ path: `${SCREENS}/review-${locale}.png` });
    await page.screenshot({ path: `${SCREENS}/review-${locale}-full.png`, fullPage: true });

    // "Type the dishes instead": the typed menu with its preview and pickers.
    await review.getByRole('button', { name: typeInstead }).click();
    await page.getByLabel(menuText).fill('Croissant 3,50 €\nCafé crème 4 €\nnot a dish');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/typed-${locale}.png`, fullPage: true });
    await context.close();
  }
});
