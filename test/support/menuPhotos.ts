// Paper menus in each script family, photographed by the browser itself: the integration tests of
// "Detect from the photo" upload these through the real route. The dishes are real ones but not the
// benchmark's (bench/ocr/vocab), so the tests check the general case, not the tuning corpus.
import { type Browser, chromium } from 'playwright-core';
import { chromiumArgs } from '../../e2e/chromium';
import type { CurrencyCode } from '../../lib/money';
import type { MenuLanguageCode } from '../../lib/protocol';

export interface TestMenu {
  language: MenuLanguageCode;
  currency: CurrencyCode;
  title: string;
  font: string;
  /** Name as printed, price as printed, price in minor units. */
  dishes: [name: string, price: string, minor: number][];
}

export const TEST_MENUS: Record<string, TestMenu> = {
  fr: {
    language: 'fr',
    currency: 'EUR',
    title: 'Le Petit Zinc',
    font: 'DejaVu Serif',
    dishes: [
      ['Œufs mayonnaise', '6,50 €', 650],
      ['Soupe à l’oignon gratinée', '9,00 €', 900],
      ['Blanquette de veau', '19,50 €', 1950],
      ['Confit de canard, pommes sarladaises', '21,00 €', 2100],
      ['Île flottante', '7,50 €', 750],
      ['Crème brûlée à la vanille', '8,00 €', 800],
    ],
  },
  es: {
    language: 'es',
    currency: 'EUR',
    title: 'Taberna del Puerto',
    font: 'Liberation Sans',
    dishes: [
      ['Pimientos de Padrón', '6,50 €', 650],
      ['Croquetas de jamón', '8,00 €', 800],
      ['Pulpo a la gallega', '16,50 €', 1650],
      ['Arroz negro con alioli', '15,00 €', 1500],
      ['Rabo de toro estofado', '18,00 €', 1800],
      ['Tarta de Santiago', '5,50 €', 550],
    ],
  },
  it: {
    language: 'it',
    currency: 'EUR',
    title: 'Trattoria da Gino',
    font: 'DejaVu Sans',
    dishes: [
      ['Bruschetta al pomodoro', '€ 6,00', 600],
      ['Tagliatelle al ragù', '€ 12,00', 1200],
      ['Spaghetti alle vongole', '€ 14,50', 1450],
      ['Saltimbocca alla romana', '€ 17,00', 1700],
      ['Carciofi alla giudia', '€ 9,00', 900],
      ['Panna cotta ai frutti di bosco', '€ 6,50', 650],
    ],
  },
  de: {
    language: 'de',
    currency: 'EUR',
    title: 'Gasthaus zur Linde',
    font: 'Liberation Serif',
    dishes: [
      ['Leberknödelsuppe', '5,90 €', 590],
      ['Käsespätzle mit Röstzwiebeln', '13,50 €', 1350],
      ['Schweinshaxe mit Knödel', '18,90 €', 1890],
      ['Rinderrouladen mit Rotkohl', '19,50 €', 1950],
      ['Maultaschen in der Brühe', '11,90 €', 1190],
      ['Apfelstrudel mit Vanillesoße', '6,50 €', 650],
    ],
  },
  vi: {
    language: 'vi',
    currency: 'VND',
    title: 'Quán Ăn Ngon',
    font: 'DejaVu Sans',
    dishes: [
      ['Bánh cuốn nóng', '45.000đ', 45000],
      ['Bún bò Huế', '60.000đ', 60000],
      ['Cơm tấm sườn nướng', '55.000đ', 55000],
      ['Chả giò tôm thịt', '50.000đ', 50000],
      ['Canh chua cá lóc', '85.000đ', 85000],
      ['Chè ba màu', '25.000đ', 25000],
    ],
  },
  en: {
    language: 'en',
    currency: 'GBP',
    title: 'The Red Lion',
    font: 'Liberation Serif',
    dishes: [
      ['Soup of the day with crusty bread', '£6.50', 650],
      ['Beer-battered haddock and chips', '£15.95', 1595],
      ['Steak and ale pie', '£16.50', 1650],
      ['Sunday roast beef with Yorkshire pudding', '£18.95', 1895],
      ['Ploughman’s lunch', '£12.00', 1200],
      ['Sticky toffee pudding', '£7.25', 725],
    ],
  },
  'zh-Hans': {
    language: 'zh-Hans',
    currency: 'CNY',
    title: '家常菜馆',
    font: 'Noto Sans CJK SC',
    dishes: [
      ['鱼香肉丝', '32元', 3200],
      ['麻婆豆腐', '22元', 2200],
      ['红烧肉', '48元', 4800],
      ['糖醋排骨', '45元', 4500],
      ['西红柿炒鸡蛋', '18元', 1800],
      ['酸辣汤', '16元', 1600],
    ],
  },
  'zh-Hant': {
    language: 'zh-Hant',
    currency: 'TWD',
    title: '老街小吃',
    font: 'Noto Sans CJK TC',
    dishes: [
      ['牛肉麵', '180元', 180],
      ['滷肉飯', '45元', 45],
      ['蚵仔煎', '70元', 70],
      ['雞排飯', '95元', 95],
      ['魯蛋', '15元', 15],
      ['豬腳麵線', '120元', 120],
    ],
  },
  ja: {
    language: 'ja',
    currency: 'JPY',
    title: 'お品書き',
    font: 'Noto Sans CJK JP',
    dishes: [
      ['親子丼', '850円', 850],
      ['天ぷらそば', '1,100円', 1100],
      ['焼き鳥盛り合わせ', '980円', 980],
      ['豚しょうが焼き定食', '1,050円', 1050],
      ['冷やしうどん', '780円', 780],
      ['抹茶アイス', '400円', 400],
    ],
  },
  ko: {
    language: 'ko',
    currency: 'KRW',
    title: '오늘의 식당',
    font: 'Noto Sans CJK KR',
    dishes: [
      ['순두부찌개', '9,000원', 9000],
      ['제육볶음', '11,000원', 11000],
      ['냉면', '10,000원', 10000],
      ['라면', '5,000원', 5000],
      ['떡볶이', '6,000원', 6000],
      ['김밥', '4,000원', 4000],
    ],
  },
  th: {
    language: 'th',
    currency: 'THB',
    title: 'ร้านอาหาร',
    font: 'Loma',
    dishes: [
      ['ต้มยำกุ้ง', '180 บาท', 18000],
      ['ข้าวผัด', '60 บาท', 6000],
      ['ส้มตำ', '50 บาท', 5000],
      ['แกงเขียวหวานไก่', '90 บาท', 9000],
      ['ผัดกะเพราหมู', '70 บาท', 7000],
      ['น้ำมะนาว', '30 บาท', 3000],
    ],
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A phone-sized photo (JPEG) of the menu printed on paper, dotted leaders to the prices. */
export async function photographMenu(browser: Browser, menu: TestMenu): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 2000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const rows = menu.dishes
    .map(
      ([name, price]) =>
        `<div class="row"><span>${escapeHtml(name)}</span><span class="dots"></span><span>${escapeHtml(price)}</span></div>`,
    )
    .join('');
  await page.setContent(`<!doctype html><html lang="${menu.language}"><head><meta charset="utf-8"></head>
    <body style="margin:0;background:#6b5a48">
    <div style="margin:80px;padding:90px 100px;background:#f6f1e6;color:#222;font-family:'${menu.font}';min-height:1640px">
    <h1 style="font-size:72px;text-align:center;margin:0 0 70px">${escapeHtml(menu.title)}</h1>${rows}</div>
    <style>.row{display:flex;align-items:baseline;font-size:46px;margin:0 0 48px}.dots{flex:1;border-bottom:5px dotted #555;margin:0 18px}</style>
    </body></html>`);
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 88 });
  await context.close();
  return jpeg;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}
