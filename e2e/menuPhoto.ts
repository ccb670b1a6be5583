// Paper menus as a phone would photograph them, rendered by the browser itself: a Korean one (two
// pages) and a French one, in Latin script with accents and prices written the French way.
import type { Browser } from '@playwright/test';

type MenuDishes = [name: string, price: string][];

export const DISHES: MenuDishes = [
  ['비빔밥', '9,000원'],
  ['김치찌개', '8,000원'],
  ['불고기', '15,000원'],
  ['잡채', '12,000원'],
  ['해물파전', '14,000원'],
];

/** The second page of the same Korean menu. */
export const MORE_DISHES: MenuDishes = [
  ['떡볶이', '6,000원'],
  ['냉면', '10,000원'],
  ['삼계탕', '16,000원'],
];

export const FRENCH_DISHES: MenuDishes = [
  ['Pâté en croûte', '9,00 €'],
  ['Salade niçoise', '12,50 €'],
  ['Sole meunière', '24,00 €'],
  ['Confit de canard', '19,90 €'],
  ['Crème brûlée', '7,50 €'],
];

/** What the review list shows for a French price: the number as the host would type it, "12.50". */
export const frenchPriceText = (price: string) => price.replace(' €', '').replace(',', '.');

interface PaperMenu {
  lang: string;
  font: string;
  heading: string;
  dishes: MenuDishes;
}

async function renderMenu(browser: Browser, menu: PaperMenu): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const rows = menu.dishes
    .map(
      ([name, price]) =>
        `<div class="row"><span>${name}</span><span class="dots"></span><span class="price">${price}</span></div>`,
    )
    .join('');
  await page.setContent(`<!doctype html><html lang="${menu.lang}"><body style="margin:0;background:#f4efe4;font-family:${menu.font}">
    <div style="padding:90px 110px;color:#222"><h1 style="font-size:64px;text-align:center;margin:0 0 60px">${menu.heading}</h1>${rows}</div>
    <style>.row{display:flex;align-items:baseline;font-size:48px;margin:0 0 44px}.dots{flex:1;border-bottom:5px dotted #555;margin:0 18px}.price{white-space:nowrap}</style>
    </body></html>`);
  const png = await page.screenshot({ fullPage: true });
  await context.close();
  return png;
}

/** A Korean paper menu; `dishes` for another page of it. */
export function menuPhoto(browser: Browser, dishes: MenuDishes = DISHES): Promise<Buffer> {
  return renderMenu(browser, { lang: 'ko', font: "'Noto Sans CJK KR',sans-serif", heading: '식사', dishes });
}

/** A French paper menu: accented names, prices like "12,50 €". */
export function frenchMenuPhoto(browser: Browser): Promise<Buffer> {
  return renderMenu(browser, {
    lang: 'fr',
    font: "'DejaVu Sans',sans-serif",
    heading: 'Plats',
    dishes: FRENCH_DISHES,
  });
}
