import { describe, expect, it } from 'vitest';
import { parseMenuLine, parseMenuText } from '../menuText';

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

  it('keeps digits that belong to the name', () => {
    expect(parseMenuLine('7 Up 2,000원', 'KRW')).toEqual({ name: '7 Up', priceMinor: 2000 });
  });

  it('explains lines it cannot read', () => {
    expect(parseMenuLine('Dessert of the day', 'EUR')).toEqual({
      error: expect.stringContaining('no price'),
    });
    expect(parseMenuLine('12.50', 'EUR')).toEqual({ error: expect.stringContaining('no') });
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
