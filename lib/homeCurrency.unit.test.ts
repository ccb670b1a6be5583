import { describe, expect, it } from 'vitest';
import { parseRate, toHomeMinor } from './homeCurrency';

describe('home currency estimate', () => {
  it('reads rates as people type them', () => {
    expect(parseRate('1450')).toBe(1450);
    expect(parseRate('1,450')).toBe(1450);
    expect(parseRate('1.450')).toBe(1450);
    expect(parseRate('0,92')).toBe(0.92);
    expect(parseRate('1450.5')).toBe(1450.5);
    expect(parseRate(' 7 ')).toBe(7);
    for (const bad of ['', '0', '-3', 'abc', '1e3', '12,3,4x']) expect(parseRate(bad), bad).toBeNull();
  });

  it('converts minor units across currencies with different decimals', () => {
    // ₩45,000 at 1 EUR = 1,450 KRW is €31.03.
    expect(toHomeMinor(45_000, 'KRW', { home: 'EUR', menuPerHome: 1450 })).toBe(3103);
    // €12.50 at 1 USD = 0.92 EUR is $13.59.
    expect(toHomeMinor(1250, 'EUR', { home: 'USD', menuPerHome: 0.92 })).toBe(1359);
    // ฿180 at 1 JPY = 0.24 THB is ¥750.
    expect(toHomeMinor(18_000, 'THB', { home: 'JPY', menuPerHome: 0.24 })).toBe(750);
  });
});
