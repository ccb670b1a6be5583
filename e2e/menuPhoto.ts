// A Korean paper menu as a phone would photograph it, rendered by the browser itself.
import type { Browser } from '@playwright/test';

export const DISHES: [name: string, price: string][] = [
  ['비빔밥', '9,000원'],
  ['김치찌개', '8,000원'],
  ['불고기', '15,000원'],
  ['잡채', '12,000원'],
  ['해물파전', '14,000원'],
];

/** A paper menu as a phone would photograph it, rendered by the browser itself. */
export async function menuPhoto(browser: Browser): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const rows = DISHES.map(
    ([name, price]) =>
      `<div class="row"><span>${name}</span><span class="dots"></span><span>${price}</span></div>`,
  ).join('');
  await page.setContent(`<!doctype html><html lang="ko"><body style="margin:0;background:#f4efe4;font-family:'Noto Sans CJK KR',sans-serif">
    <div style="padding:90px 110px;color:#222"><h1 style="font-size:64px;text-align:center;margin:0 0 60px">식사</h1>${rows}</div>
    <style>.row{display:flex;align-items:baseline;font-size:48px;margin:0 0 44px}.dots{flex:1;border-bottom:5px dotted #555;margin:0 18px}</style>
    </body></html>`);
  const png = await page.screenshot({ fullPage: true });
  await context.close();
  return png;
}
