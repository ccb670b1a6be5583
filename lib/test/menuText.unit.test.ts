import { describe, expect, it } from 'vitest';
import { MENU_LANGUAGES } from '../menuReading/languages';
import { readMenu } from '../menuReading/menuParser';
import { currencyFromMarks, trailingPrice } from '../menuReading/prices';
import { inferTypedCurrency, parseMenuLine, parseMenuText } from '../menuText';
import type { CurrencyCode } from '../money';
import type { MenuLanguageCode } from '../protocol';

describe('parseMenuLine', () => {
  it('splits a name from a trailing price, dropping dotted leaders', () => {
    expect(parseMenuLine('Bibimbap ........ 9,000원', 'KRW')).toEqual({ name: 'Bibimbap', priceMinor: 9000 });
    expect(parseMenuLine('김치찌개 8000', 'KRW')).toEqual({ name: '김치찌개', priceMinor: 8000 });
    expect(parseMenuLine('Spaghetti alle vongole – 12,50 €', 'EUR')).toEqual({
      name: 'Spaghetti alle vongole',
      priceMinor: 1250,
    });
    expect(parseMenuLine('ラーメン　¥1,200', 'JPY')).toEqual({ name: 'ラーメン', priceMinor: 1200 });
    expect(parseMenuLine('Phở bò 45.000đ', 'VND')).toEqual({ name: 'Phở bò', priceMinor: 45000 });
    expect(parseMenuLine('ผัดไทย ฿120', 'THB')).toEqual({ name: 'ผัดไทย', priceMinor: 12000 });
  });

  it('accepts a leading price', () => {
    expect(parseMenuLine('$8 Cheeseburger', 'USD')).toEqual({ name: 'Cheeseburger', priceMinor: 800 });
  });

  it('explains lines it cannot read', () => {
    expect(parseMenuLine('Dessert of the day', 'EUR')).toEqual({
      error: expect.stringContaining('no price'),
    });
    expect(parseMenuLine('12.50', 'EUR')).toEqual({ error: expect.stringContaining('no') });
    expect(parseMenuLine('Bún chả 50k', 'EUR')).toEqual({ error: 'cannot read the price "50k"' });
  });

  it('reads the lines of the issue', () => {
    expect(parseMenuLine('ผัดไทย 60 บาท', 'THB')).toEqual({ name: 'ผัดไทย', priceMinor: 6000 });
    expect(parseMenuLine('Bún chả 50k', 'VND')).toEqual({ name: 'Bún chả', priceMinor: 50000 });
    expect(parseMenuLine('Kebab ₺120', 'TRY')).toEqual({ name: 'Kebab', priceMinor: 12000 });
    expect(parseMenuLine('Tacos MX$95', 'MXN')).toEqual({ name: 'Tacos', priceMinor: 9500 });
    expect(parseMenuLine('Ramen ¥850', 'JPY')).toEqual({ name: 'Ramen', priceMinor: 850 });
    expect(parseMenuLine('Ramen ¥850', 'CNY')).toEqual({ name: 'Ramen', priceMinor: 85000 });
    expect(parseMenuLine('Pasta 12,00 €', 'EUR')).toEqual({ name: 'Pasta', priceMinor: 1200 });
  });

  it('reads every currency of the picker in its usual printed forms', () => {
    const lines: [line: string, currency: CurrencyCode, minor: number][] = [
      ['Bibimbap 9,000원', 'KRW', 9000],
      ['Bibimbap ₩9,000', 'KRW', 9000],
      ['Bibimbap 9천원', 'KRW', 9000],
      ['Bibimbap 9.0', 'KRW', 9000],
      ['天丼 1,200円', 'JPY', 1200],
      ['天丼 １２００円', 'JPY', 1200],
      ['天丼 1,320円(税込)', 'JPY', 1320],
      ['天丼 ￥1,200', 'JPY', 1200],
      ['拉面 38元', 'CNY', 3800],
      ['拉面 ¥38.5', 'CNY', 3850],
      ['拉面 RMB 38', 'CNY', 3800],
      ['牛肉麵 NT$180', 'TWD', 180],
      ['牛肉麵 180元', 'TWD', 180],
      ['Dim sum HK$48', 'HKD', 4800],
      ['ผัดไทย ฿60', 'THB', 6000],
      ['ผัดไทย 60.-', 'THB', 6000],
      ['ผัดไทย 60บ.', 'THB', 6000],
      ['ผัดไทย ๖๐ บาท', 'THB', 6000],
      ['Phở bò 45.000đ', 'VND', 45000],
      ['Phở bò 45.000 VNĐ', 'VND', 45000],
      ['Phở bò ₫45.000', 'VND', 45000],
      ['Phở bò 45K', 'VND', 45000],
      ['Steak frites 12€50', 'EUR', 1250],
      ['Steak frites €12.50', 'EUR', 1250],
      ['Steak frites 12,50 EUR', 'EUR', 1250],
      ['Steak frites 12,- €', 'EUR', 1200],
      ['Burger $12.99', 'USD', 1299],
      ['Burger US$12', 'USD', 1200],
      ['Burger 12 USD', 'USD', 1200],
      ['Fish & chips £12.50', 'GBP', 1250],
      ['Rösti CHF 18.50', 'CHF', 1850],
      ['Rösti 18.50 CHF', 'CHF', 1850],
      ['Rösti Fr. 18.–', 'CHF', 1800],
      ['Adana ₺450', 'TRY', 45000],
      ['Adana 450 TL', 'TRY', 45000],
      ['Tacos MX$ 95', 'MXN', 9500],
      ['Tacos $95', 'MXN', 9500],
      ['Nasi goreng Rp 25.000', 'IDR', 25000],
      ['Nasi goreng Rp. 25.000,-', 'IDR', 25000],
      ['Nasi goreng 25rb', 'IDR', 25000],
      ['Nasi goreng 25K', 'IDR', 25000],
      ['Nasi goreng IDR 25.000', 'IDR', 25000],
    ];
    for (const [line, currency, minor] of lines) {
      expect(parseMenuLine(line, currency), line).toEqual({ name: expect.any(String), priceMinor: minor });
    }
  });

  it('keeps digits that belong to the name', () => {
    expect(parseMenuLine('7 Up 2,000원', 'KRW')).toEqual({ name: '7 Up', priceMinor: 2000 });
    expect(parseMenuLine('Bia 333 15.000đ', 'VND')).toEqual({ name: 'Bia 333', priceMinor: 15000 });
    expect(parseMenuLine('Bia 333 15k', 'VND')).toEqual({ name: 'Bia 333', priceMinor: 15000 });
    expect(parseMenuLine('Menu A5 12,50 €', 'EUR')).toEqual({ name: 'Menu A5', priceMinor: 1250 });
    expect(parseMenuLine('7UP 2.000đ', 'VND')).toEqual({ name: '7UP', priceMinor: 2000 });
    // Without a price they are no price either.
    expect(parseMenuLine('Bia 333', 'VND')).toEqual({ error: 'cannot read the price "333"' });
    expect(parseMenuLine('Menu A5', 'EUR')).toEqual({ error: expect.stringContaining('no price') });
    expect(parseMenuLine('7UP', 'VND')).toEqual({ error: expect.stringContaining('no price') });
  });

  it('does not take a year or a phone number for a price', () => {
    expect(parseMenuLine('Since 1998', 'KRW')).toEqual({ error: expect.stringContaining('cannot read') });
    expect(parseMenuLine('Tel 0123 456 789', 'KRW')).toEqual({
      error: expect.stringContaining('cannot read'),
    });
    expect(parseMenuLine('Tel: 02-123-4567', 'VND')).toEqual({
      error: expect.stringContaining('cannot read'),
    });
  });

  it('prefers a marked price at the start to a bare number at the end', () => {
    expect(parseMenuLine('€12 Menu 2', 'EUR')).toEqual({ name: 'Menu 2', priceMinor: 1200 });
  });

  it('reads thousands grouped with a no-break space, and drops a list bullet', () => {
    expect(parseMenuLine('Côte de bœuf 1\u202f200,00\u00a0€', 'EUR')).toEqual({
      name: 'Côte de bœuf',
      priceMinor: 120000,
    });
    expect(parseMenuLine('• Phở bò 45k', 'VND')).toEqual({ name: 'Phở bò', priceMinor: 45000 });
  });
});

/** The photo path for one line: its words in one Tesseract row, read by the menu parser. */
function readAsPhoto(line: string, currency: CurrencyCode) {
  const header =
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  let left = 100;
  const rows = line.split(' ').map((word, index) => {
    const width = 20 * [...word].length;
    const row = `5\t1\t1\t1\t1\t${index + 1}\t${left}\t100\t${width}\t40\t95\t${word}`;
    left += width + 12;
    return row;
  });
  return readMenu([header, ...rows].join('\n'), { width: 2000, height: 1000, currency });
}

describe('a typed line reads as the same line on a photo', () => {
  const lines: [line: string, language: MenuLanguageCode][] = [
    ['ผัดไทย 60 บาท', 'th'],
    ['ผัดไทย ฿60', 'th'],
    ['Bún chả 50k', 'vi'],
    ['Phở bò 45.000đ', 'vi'],
    ['Kebab ₺120', 'en'],
    ['Kebab 120 TL', 'en'],
    ['Tacos MX$95', 'es'],
    ['Ramen ¥850', 'ja'],
    ['Ramen ¥850', 'zh-Hans'],
    ['牛肉麵 180元', 'zh-Hant'],
    ['Dim sum HK$48', 'zh-Hant'],
    ['Pasta 12,00 €', 'fr'],
    ['Pasta 12€50', 'fr'],
    ['Fish & chips £12.50', 'en'],
    ['Rösti CHF 18.50', 'de'],
    ['Nasi goreng Rp 25.000', 'en'],
    ['Bibimbap 9,000원', 'ko'],
    ['김치찌개 8000', 'ko'],
    ['Bia 333 15.000đ', 'vi'],
    ['Menu A5 12,50 €', 'fr'],
    ['Pasta 12,5O €', 'it'], // OCR's O for 0
  ];
  it.each(lines)('%s (%s)', (line, language) => {
    const fallback = MENU_LANGUAGES[language].currency;
    const typedCurrency = inferTypedCurrency(line, language) ?? fallback;
    const photo = readAsPhoto(line, fallback);
    expect(photo.currency).toBe(typedCurrency);
    const typed = parseMenuLine(line, typedCurrency);
    expect(photo.dishes.map(({ name, priceMinor }) => ({ name, priceMinor }))).toEqual([typed]);
    expect(trailingPrice(line, typedCurrency, true)?.minor).toBe(
      'error' in typed ? undefined : typed.priceMinor,
    );
  });
});

describe('inferTypedCurrency', () => {
  it('reads the currency from the typed marks, with the same inference as photos', () => {
    expect(inferTypedCurrency('Ramen ¥850', 'ja')).toBe('JPY');
    expect(inferTypedCurrency('Ramen ¥850', 'zh-Hans')).toBe('CNY');
    expect(inferTypedCurrency('Pasta 12,00 €', null)).toBe('EUR');
    expect(inferTypedCurrency('ผัดไทย 60 บาท\nข้าวผัด 50 บาท', 'th')).toBe('THB');
    expect(inferTypedCurrency('Kebab ₺120\r\nAyran 30 TL', null)).toBe('TRY');
    expect(inferTypedCurrency('Tacos MX$95', 'en')).toBe('MXN');
    expect(inferTypedCurrency('Bún chả 50k\nPhở 45k', 'vi')).toBe('VND');
    const text = 'Pasta 12 €\nPizza 9 €\nBurger $5';
    expect(inferTypedCurrency(text, 'en')).toBe(currencyFromMarks(text.split('\n'), 'en'));
  });

  it('is null when the menu carries no mark, or its marks disagree: the picker stays', () => {
    expect(inferTypedCurrency('Bibimbap 9000\nJapchae 12000', 'ko')).toBeNull();
    expect(inferTypedCurrency('Pasta 12 €\nBurger $5', null)).toBeNull();
    expect(inferTypedCurrency('', null)).toBeNull();
  });
});

describe('parseMenuText', () => {
  it('reads one dish per line and skips blank lines, numbering lines as typed', () => {
    const lines = parseMenuText('Bulgogi 15,000원\n\nMystery\r\nJapchae 12000', 'KRW');
    expect(lines).toEqual([
      { line: 1, text: 'Bulgogi 15,000원', dish: { name: 'Bulgogi', priceMinor: 15000 } },
      { line: 3, text: 'Mystery', error: expect.any(String) },
      { line: 4, text: 'Japchae 12000', dish: { name: 'Japchae', priceMinor: 12000 } },
    ]);
  });
});
