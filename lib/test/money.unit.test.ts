import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales';
import {
  CURRENCIES,
  CURRENCY_CODES,
  type CurrencyCode,
  formatMoney,
  MAX_MINOR_AMOUNT,
  normalisePriceText,
  PRICE_MARKS,
  parsePrice,
} from '../money';

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
    // The other currencies of the picker, and ISO codes before or after the number.
    ['NT$180', 'TWD', 180],
    ['HK$48.50', 'HKD', 4850],
    ['120 บาท', 'THB', 12000],
    ['๑๒๐', 'THB', 12000],
    ['45.000 VNĐ', 'VND', 45000],
    ['12€50', 'EUR', 1250],
    ['1.234€50', 'EUR', 123450],
    ['12 EUR', 'EUR', 1200],
    ['usd 8', 'USD', 800],
    ['US$8', 'USD', 800],
    ['CHF 18.50', 'CHF', 1850],
    ["CHF 1'234.50", 'CHF', 123450],
    ['Fr. 18.–', 'CHF', 1800],
    ['₺120', 'TRY', 12000],
    ['120 TL', 'TRY', 12000],
    ['MX$95', 'MXN', 9500],
    ['Rp 25.000', 'IDR', 25000],
    ['25rb', 'IDR', 25000],
    // "k" is thousands in the currencies without a minor unit whose menus write it; nowhere else.
    ['45k', 'VND', 45000],
    ['45K', 'IDR', 45000],
    ['9.5k', 'KRW', 9500],
    ['5k', 'EUR', null],
    ['5k', 'JPY', null],
    ['50k', 'THB', null],
    ['25rb', 'VND', null],
    ['1.500k', 'VND', null],
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

describe('normalisePriceText', () => {
  it('turns full-width digits and signs into ASCII digits and the usual signs', () => {
    expect(normalisePriceText('１２００円')).toBe('1200円');
    expect(normalisePriceText('￥１，２００')).toBe('¥1,200');
    expect(normalisePriceText('＄12')).toBe('$12');
    expect(normalisePriceText('￦9,000')).toBe('₩9,000');
  });

  it('reads Thai digits', () => {
    expect(normalisePriceText('๑๒๐ บาท')).toBe('120 บาท');
  });

  it('drops the spaces that group thousands, but not a space between a name and a price', () => {
    expect(normalisePriceText('1\u202f234,50\u00a0€')).toBe('1234,50 €');
    expect(normalisePriceText('1’234.50')).toBe("1'234.50");
    expect(normalisePriceText('Bia 333 15.000đ')).toBe('Bia 333 15.000đ');
  });
});

describe('PRICE_MARKS', () => {
  it('has a printed mark for every currency of the picker', () => {
    for (const currency of CURRENCY_CODES) {
      const own = PRICE_MARKS.filter(
        (mark) => mark.currencies.length === 1 && mark.currencies[0] === currency,
      );
      expect(own.length, currency).toBeGreaterThan(0);
    }
  });

  it('lets only currencies without a minor unit be written in thousands', () => {
    for (const mark of PRICE_MARKS.filter((m) => m.thousands)) {
      for (const currency of mark.currencies) expect(CURRENCIES[currency].minorDigits).toBe(0);
    }
  });
});

// The locales a currency is at home in: parsePrice must read what formatMoney prints there too.
const HOME_LOCALES: Record<CurrencyCode, string[]> = {
  KRW: ['ko'],
  JPY: ['ja'],
  CNY: ['zh-CN'],
  TWD: ['zh-TW'],
  HKD: ['zh-HK'],
  THB: ['th'],
  VND: ['vi'],
  EUR: ['fr', 'de', 'es', 'it'],
  USD: ['en-US'],
  GBP: ['en-GB'],
  CHF: ['de-CH', 'fr-CH'],
  TRY: ['tr'],
  MXN: ['es-MX'],
  IDR: ['id'],
};

describe('formatMoney → parsePrice', () => {
  it('round-trips every amount of every currency, in English, its home locales and the app locales', () => {
    const cases = fc.constantFrom(...CURRENCY_CODES).chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        locale: fc.constantFrom('en', ...HOME_LOCALES[currency], ...LOCALES),
        minor: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: MAX_MINOR_AMOUNT })),
      }),
    );
    fc.assert(
      fc.property(cases, ({ currency, locale, minor }) => {
        expect(parsePrice(formatMoney(minor, currency, locale), currency)).toBe(minor);
      }),
      { numRuns: 2000 },
    );
  });
});
