// Every control has an accessible name and text is readable in sunlight (WCAG AA contrast), checked by
// axe-core on the real pages at the phone size, for a visitor and for the host with picks made.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { joinWithName, newPhone, openRoom } from './support';

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
