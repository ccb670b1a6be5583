// Prices as menus of each language print them. One menu uses one style throughout, as real ones do.
import type { CorpusLanguage } from './vocab';
import type { Random } from './random';

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

export const PRICE_STYLES: Record<CorpusLanguage, PriceStyle[]> = {
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
  en: [
    { draw: dollars, format: (n) => `$${euros(n).whole}.${euros(n).cents}` },
    { draw: dollars, format: (n) => `${euros(n).whole}.${euros(n).cents}` },
    { draw: (r) => r.int(4, 36) * 100, format: (n) => `${n / 100}` },
  ],
};
