// Every member can read the menu: the interface in each member's own language (chosen from the
// browser, switchable and remembered), the same dish explained in each one's language with its
// reading, a member's own explanation live on the other phone, search by what a dish is.
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KO_GLOSSARY } from '../lib/glossary/data/ko';
import { expectConnected, newPhone, openRoom } from './support';

const messages = (locale: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
const ko = messages('ko');
const fr = messages('fr');
const stew = KO_GLOSSARY.find((entry) => entry.names.includes('김치찌개'));
const MENU = [
  '김치찌개 8,000원',
  '비빔밥 9,000원',
  '불고기 15,000원',
  '냉면 10,000원',
  '떡볶이 6,000원',
  '순두부찌개 8,500원',
  '잡채 12,000원',
  '막걸리 7,000원',
].join('\n');
const dishRow = (page: Page, name: string) => page.getByTestId('dish-row').filter({ hasText: name });

test('two members with different languages read the same menu, each in their own', async ({ browser }) => {
  if (!stew) throw new Error('the Korean glossary has no 김치찌개');
  const host = await newPhone(browser, { locale: 'en-US' });
  await openRoom(host.page, 'Mira', 'Seoul Night', MENU, 'KRW');
  await expect(host.page.locator('html')).toHaveAttribute('lang', 'en');

  const jun = await newPhone(browser, { locale: 'ko-KR' });
  await jun.page.goto(host.page.url());
  await expect(jun.page.locator('html')).toHaveAttribute('lang', 'ko');
  await jun.page.getByLabel(ko.JoinForm?.nameLabel ?? '').fill('준');
  await jun.page.getByRole('button', { name: ko.JoinForm?.submit }).click();
  await expectConnected(jun.page);

  // The dish as printed, its reading, and what it is in each member's language.
  for (const [phone, language] of [
    [host, 'en'],
    [jun, 'ko'],
  ] as const) {
    const row = dishRow(phone.page, '김치찌개');
    await expect(row.getByTestId('dish-reading')).toHaveText(stew.reading ?? '');
    await expect(row.getByTestId('dish-gloss')).toHaveText(stew.gloss[language]);
  }

  // Jun explains 막걸리 in his words; Mira sees it at once, with his name.
  await dishRow(jun.page, '막걸리').getByTestId('explain-button').click();
  await jun.page.getByTestId('explain-sheet').getByRole('textbox').fill('쌀로 만든 막걸리, 달아요');
  await jun.page.getByTestId('save-explanation').click();
  await expect(dishRow(host.page, '막걸리').getByTestId('member-explanation')).toHaveText(
    '준: 쌀로 만든 막걸리, 달아요',
  );

  // Searching by what a dish is.
  await host.page.getByTestId('menu-search').fill('stew');
  await expect(host.page.getByTestId('dish-row').filter({ hasText: '김치찌개' })).toBeVisible();
  await expect(host.page.getByTestId('dish-row').filter({ hasText: '순두부찌개' })).toBeVisible();
  await expect(host.page.getByTestId('dish-row').filter({ hasText: '비빔밥' })).toHaveCount(0);
  await host.page.getByTestId('menu-search').fill('');

  // Mira switches to French: every word of the interface changes, and the choice is remembered.
  await host.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(host.page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(host.page.getByRole('heading', { name: fr.MenuList?.title })).toBeVisible();
  await expect(dishRow(host.page, '김치찌개').getByTestId('dish-gloss')).toHaveText(stew.gloss.fr);
  await host.page.reload();
  await expect(host.page.locator('html')).toHaveAttribute('lang', 'fr');

  await host.context.close();
  await jun.context.close();
});
