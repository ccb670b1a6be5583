import { describe, expect, it } from 'vitest';
import { type CurrencyCode, formatMoney, parsePrice } from '../money';

describe('parsePrice reads the price forms printed on menus', () => {
  const cases: [string, CurrencyCode, number | null][] = [
    ['9,000원', 'KRW', 9000],
    ['9000원', 'KRW', 9000],
    ['₩12,500', 'KRW', 12500],
    ['9천원', 'KRW', 9000],
    ['1만2천원', 'KRW', 12000],
    ['1.5만원', 'KRW', 15000],
    ['¥1,200', 'JPY', 1200],
    ['1200円', 'JPY', 1200],
    ['１２００円', 'JPY', 1200],
    ['€12.50', 'EUR', 1250],
    ['12,50 €', 'EUR', 1250],
    ['12,5 €', 'EUR', 1250],
    ['€ 8', 'EUR', 800],
    ['1.234,50 €', 'EUR', 123450],
    ['$8', 'USD', 800],
    ['$1,299.99', 'USD', 129999],
    ['₫45.000', 'VND', 45000],
    ['45.000đ', 'VND', 45000],
    ['1.250.000 ₫', 'VND', 1250000],
    ['฿120', 'THB', 12000],
    ['120.50', 'THB', 12050],
    ['38元', 'CNY', 3800],
    ['¥38.5', 'CNY', 3850],
    ['£7.95', 'GBP', 795],
    ['free', 'EUR', null],
    ['', 'EUR', null],
    ['12.345.67', 'EUR', null],
    ['-5', 'EUR', 500],
  ];
  for (const [text, currency, expected] of cases) {
    it(`${JSON.stringify(text)} in ${currency} → ${expected}`, () => {
      expect(parsePrice(text, currency)).toBe(expected);
    });
  }

  it('refuses amounts beyond any restaurant bill', () => {
    expect(parsePrice('99999999999999', 'KRW')).toBeNull();
  });
});

describe('formatMoney', () => {
  it('prints minor units with the currency’s own decimals', () => {
    expect(formatMoney(9000, 'KRW')).toBe('₩9,000');
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(formatMoney(45000, 'VND')).toBe('₫45,000');
  });

  it('writes English by default, and the same when asked for it', () => {
    expect(formatMoney(1250, 'EUR', 'en')).toBe(formatMoney(1250, 'EUR'));
  });

  it('follows the reader’s locale: Korean', () => {
    expect(formatMoney(9000, 'KRW', 'ko')).toBe('₩9,000');
    expect(formatMoney(1250, 'EUR', 'ko')).toBe('€12.50');
    expect(formatMoney(0, 'KRW', 'ko')).toBe('₩0');
  });

  it('follows the reader’s locale: French (decimal comma, symbol after, non-breaking spaces)', () => {
    // U+00A0 before the symbol, U+202F (narrow no-break space) between groups of thousands.
    expect(formatMoney(1250, 'EUR', 'fr')).toBe('12,50\u00a0€');
    expect(formatMoney(123450, 'EUR', 'fr')).toBe('1\u202f234,50\u00a0€');
    expect(formatMoney(9000, 'KRW', 'fr')).toBe('9\u202f000\u00a0₩');
  });
});
