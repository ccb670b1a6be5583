import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../money';
import { detectCurrency, readPrice, trailingPrice } from './prices';

// Price forms as menus print them and as Tesseract returns them, with what they must read as.
const PRICES: [text: string, currency: CurrencyCode, minor: number | null][] = [
  ['9,000원', 'KRW', 9000],
  ['9,000', 'KRW', 9000],
  ['₩9,000', 'KRW', 9000],
  ['9천원', 'KRW', 9000],
  ['9 천 원', 'KRW', 9000],
  ['1만2천원', 'KRW', 12000],
  ['12.0', 'KRW', 12000], // Korean menus: "12.0" is 12,000 won
  ['9.5', 'KRW', 9500],
  ['9,000우', 'KRW', 9000], // 원 read as 우 in small type
  ['\\9,000', 'KRW', 9000], // ₩ read as a backslash
  ['¥1,200', 'JPY', 1200],
  ['1200円', 'JPY', 1200],
  ['1,320円(税込)', 'JPY', 1320],
  ['980円+税', 'JPY', 980],
  ['￥38', 'CNY', 3800],
  ['38元', 'CNY', 3800],
  ['12.50', 'EUR', 1250],
  ['12,50 €', 'EUR', 1250],
  ['€ 12,50', 'EUR', 1250],
  ['12€50', 'EUR', 1250],
  ['12,- €', 'EUR', 1200],
  ['1.234,50 €', 'EUR', 123450],
  ['$8', 'USD', 800],
  ['$12.99', 'USD', 1299],
  ['₫45.000', 'VND', 45000],
  ['45.000đ', 'VND', 45000],
  ['45.000 VNĐ', 'VND', 45000],
  ['đ145.000', 'VND', 145000],
  ['45k', 'VND', 45000],
  ['฿120', 'THB', 12000],
  ['120.-', 'THB', 12000],
  ['120 บาท', 'THB', 12000],
  ['๑๒๐', 'THB', 12000], // Thai digits
  ['18,.500원', 'KRW', 18500], // a doubled separator from OCR
  // Not prices, or not plausible ones.
  ['2024', 'KRW', 2024],
  ['12', 'KRW', null], // 12 won: no dish costs that
  ['300', 'VND', null],
  ['abc', 'EUR', null],
];

describe('readPrice', () => {
  it.each(PRICES)('%s in %s → %s', (text, currency, minor) => {
    expect(readPrice(text, currency)).toBe(minor);
  });
});

describe('trailingPrice', () => {
  it('splits a line into name and price', () => {
    expect(trailingPrice('Bibimbap 9,000원', 'KRW', false)).toMatchObject({
      minor: 9000,
      before: 'Bibimbap ',
    });
    expect(trailingPrice('Steak frites 12,50 €', 'EUR', false)).toMatchObject({ minor: 1250 });
    expect(trailingPrice('味噌汁 650円', 'JPY', false)).toMatchObject({ minor: 650, before: '味噌汁 ' });
  });

  it('takes a bare whole number as a price only when it stands apart from the name', () => {
    expect(trailingPrice('Pho 24', 'EUR', false)).toBeNull();
    expect(trailingPrice('Pho 24', 'EUR', true)).toMatchObject({ minor: 2400 });
    expect(trailingPrice('Fries 4.50', 'USD', false)).toMatchObject({ minor: 450 });
  });

  it('does not cut a number glued to letters out of a name', () => {
    expect(trailingPrice('Bia333', 'VND', true)).toBeNull();
  });
});

describe('detectCurrency', () => {
  it('follows the marks next to numbers, and reads ¥ by the language', () => {
    expect(detectCurrency(['Pasta 12,50 €', 'Pizza 9 €'], 'USD')).toBe('EUR');
    expect(detectCurrency(['ラーメン ¥900', '餃子 ¥400'], 'JPY')).toBe('JPY');
    expect(detectCurrency(['面 ¥30', '饭 ¥20'], 'CNY')).toBe('CNY');
    expect(detectCurrency(['Phở bò 45.000đ', 'Cà phê đen 20.000đ'], 'VND')).toBe('VND');
  });

  it('keeps the language currency against a single stray sign', () => {
    expect(detectCurrency(['김치찌개 9,000원', '비빔밥 10,000원', 'Coke $2'], 'KRW')).toBe('KRW');
    expect(detectCurrency(['Đồ uống', 'đen'], 'VND')).toBe('VND');
  });
});
