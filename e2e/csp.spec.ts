// The strict Content-Security-Policy (proxy.ts) on a real phone browser: the home and room pages
// hydrate, the socket connects over /ws, the join code's QR code (a data: image) shows, the two
// forms that validate with the protocol's zod schemas in the browser (the create form, the room's
// menu editor) work, and the browser reports no violation of the policy on the way.
import { expect, test } from '@playwright/test';
import { decodeQr, newPhone, openRoom } from './support';

test('home and room pages run under the CSP with no violation', async ({ browser }) => {
  const { context, page } = await newPhone(browser);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });

  const home = await page.goto('/');
  expect(home?.headers()['content-security-policy']).toContain("'strict-dynamic'");
  // Typing the menu is a client-side switch: it works only once the page has hydrated.
  await openRoom(page, 'Mira', 'Policy lunch', 'Bibimbap 9000\nSoju 5000');
  expect(await decodeQr(page)).toBe(page.url());
  // The room's menu editor, loaded on demand, checks the dishes with zod (jitless: no eval).
  await page.getByRole('button', { name: 'Edit menu' }).click();
  await page.getByLabel('Price of dish 2').fill('6000');
  await page.getByRole('button', { name: 'Save menu' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('₩6,000')).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});
