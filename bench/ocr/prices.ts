// Prices as menus of each language print them. One menu uses one style throughout, as real ones do.
import type { Random } from './random';
import type { MenuKindId } from './vocab';

export interface PriceStyle {
  /** Minor units of the menu's currency → the printed text. */
  format(minor: number): string;
  /** A plausible price for a dish, in minor units. */
  draw(random: Random): number;
}

const grouped = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
const euros = (minor: number) => ({
  whole: Math.floor(minor / 100),
  cents: String(minor % 100).padStart(2, '0'),
});

const krw = (r: Random) => r.int(6, 90) * 500;
const jpy = (r: Random) => r.int(28, 280) * 10;
const cny = (r: Random) => r.int(6, 168) * 100;
const thb = (r: Random) => r.int(8, 90) * 500;
const vnd = (r: Random) => r.int(3, 50) * 5000;
const cents = (r: Random) => r.int(3, 32) * 100 + r.pick([0, 0, 50, 90, 0, 50, 20]);
const dollars = (r: Random) => r.int(3, 38) * 100 + r.pick([0, 99, 50, 0, 95, 25]);
/** Taiwan dollars have no minor unit in use: 35, 45, 120, 180. */
const twd = (r: Random) => r.int(6, 90) * 5;
/** Hong Kong menus price in whole dollars: $38, $68, $128 (minor units: cents). */
const hkd = (r: Random) => r.int(16, 160) * 100;
const wholeEuros = (r: Random) => r.int(4, 24) * 100;
/** Italian menus print halves without the zero: 6,5 is €6.50. */
const halfEuros = (r: Random) => r.int(4, 20) * 100 + r.pick([0, 50, 50]);
const shortEuros = (n: number) =>
  n % 100 === 0 ? `${n / 100}` : `${euros(n).whole},${String(n % 100).replace(/0$/, '')}`;

export const PRICE_STYLES: Record<MenuKindId, PriceStyle[]> = {
  ko: [
    { draw: krw, format: (n) => `${grouped(n, ',')}원` },
    { draw: krw, format: (n) => grouped(n, ',') },
    { draw: krw, format: (n) => `₩${grouped(n, ',')}` },
    { draw: (r) => r.int(5, 9) * 1000, format: (n) => `${n / 1000}천원` },
  ],
  ja: [
    { draw: jpy, format: (n) => `${grouped(n, ',')}円` },
    { draw: jpy, format: (n) => `¥${grouped(n, ',')}` },
    { draw: jpy, format: (n) => `${n}円` },
  ],
  'zh-Hans': [
    { draw: cny, format: (n) => `¥${n / 100}` },
    { draw: cny, format: (n) => `${n / 100}元` },
    { draw: cny, format: (n) => `${n / 100}` },
    { draw: cny, format: (n) => `￥${n / 100}` },
  ],
  'zh-Hant': [
    { draw: twd, format: (n) => `NT$${n}` },
    { draw: twd, format: (n) => `${n}元` },
    { draw: twd, format: (n) => `$${n}` },
    { draw: twd, format: (n) => `${n}` },
  ],
  'zh-Hant-HK': [
    { draw: hkd, format: (n) => `HK$${n / 100}` },
    { draw: hkd, format: (n) => `$${n / 100}` },
    { draw: hkd, format: (n) => `${n / 100}` },
  ],
  th: [
    { draw: thb, format: (n) => `฿${n / 100}` },
    { draw: thb, format: (n) => `${n / 100} บาท` },
    { draw: thb, format: (n) => `${n / 100}.-` },
    { draw: thb, format: (n) => `${n / 100}` },
  ],
  vi: [
    { draw: vnd, format: (n) => `${grouped(n, '.')}đ` },
    { draw: vnd, format: (n) => `₫${grouped(n, '.')}` },
    { draw: vnd, format: (n) => `${grouped(n, '.')} VNĐ` },
    { draw: vnd, format: (n) => `${n / 1000}k` },
  ],
  fr: [
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents} €` },
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents}` },
    { draw: cents, format: (n) => `${euros(n).whole}€${euros(n).cents}` },
  ],
  de: [
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents} €` },
    { draw: cents, format: (n) => `€ ${euros(n).whole},${euros(n).cents}` },
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents}` },
  ],
  es: [
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents} €` },
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents}€` },
    { draw: wholeEuros, format: (n) => `${n / 100} €` },
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents}` },
  ],
  it: [
    { draw: cents, format: (n) => `€ ${euros(n).whole},${euros(n).cents}` },
    { draw: halfEuros, format: shortEuros },
    { draw: cents, format: (n) => `${euros(n).whole},${euros(n).cents}` },
    { draw: halfEuros, format: (n) => `€ ${shortEuros(n)}` },
  ],
  en: [
    { draw: dollars, format: (n) => `$${euros(n).whole}.${euros(n).cents}` },
    { draw: dollars, format: (n) => `${euros(n).whole}.${euros(n).cents}` },
    { draw: (r) => r.int(4, 36) * 100, format: (n) => `${n / 100}` },
  ],
};

/**
 * What a menu prints around a price that holds for a whole section ("各 850円", "je 8,50 €",
 * "$9.50 each"); null where such menus print the price alone.
 */
export const SECTION_PRICE_WORDS: Record<MenuKindId, { word: string; before: boolean } | null> = {
  ko: { word: '각', before: true },
  ja: { word: '各', before: true },
  'zh-Hans': { word: '每份', before: true },
  'zh-Hant': { word: '每份', before: true },
  'zh-Hant-HK': { word: '每款', before: true },
  th: { word: 'จานละ', before: true },
  vi: { word: 'Đồng giá', before: true },
  fr: null,
  de: { word: 'je', before: true },
  es: null,
  it: null,
  en: { word: 'each', before: false },
};
