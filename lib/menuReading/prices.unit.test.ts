import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../money';
import type { MenuLanguageCode } from '../protocol';
import { MENU_LANGUAGE_CODES, MENU_LANGUAGES } from './languages';
import {
  currencyFromMarks,
  detectCurrency,
  joinSplitThousands,
  leadingPrice,
  readPrice,
  trailingPrice,
} from './prices';

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
  // Every currency of the picker, in its usual printed forms, sign before or after, spaced or not.
  ['₩ 9,000', 'KRW', 9000],
  ['9000 KRW', 'KRW', 9000],
  ['KRW 9,000', 'KRW', 9000],
  ['10k', 'KRW', 10000],
  ['￥1,200', 'JPY', 1200], // full-width yen sign
  ['１２００円', 'JPY', 1200], // full-width digits
  ['JPY 1,200', 'JPY', 1200],
  ['JP¥1,200', 'JPY', 1200],
  ['1,200-', 'JPY', 1200],
  ['¥38.5', 'CNY', 3850],
  ['CN¥38.50', 'CNY', 3850],
  ['RMB 38', 'CNY', 3800],
  ['38 RMB', 'CNY', 3800],
  ['NT$180', 'TWD', 180],
  ['NT$ 180', 'TWD', 180],
  ['180元', 'TWD', 180],
  ['NTD 180', 'TWD', 180],
  ['$180', 'TWD', 180],
  ['HK$48', 'HKD', 4800],
  ['HK$ 48.50', 'HKD', 4850],
  ['HKD 48', 'HKD', 4800],
  ['48元', 'HKD', 4800],
  ['120฿', 'THB', 12000],
  ['120บาท', 'THB', 12000],
  ['60 บ.', 'THB', 6000],
  ['THB 120', 'THB', 12000],
  ['45.000 VND', 'VND', 45000],
  ['VND 45.000', 'VND', 45000],
  ['45.000 vnđ', 'VND', 45000],
  ['45,000₫', 'VND', 45000],
  ['50K', 'VND', 50000],
  ['12.5k', 'VND', 12500],
  ['€12', 'EUR', 1200],
  ['12€', 'EUR', 1200],
  ['12 EUR', 'EUR', 1200],
  ['EUR 12,50', 'EUR', 1250],
  ['12 euros', 'EUR', 1200],
  ['1 234,50 €', 'EUR', 123450], // no-break space between thousands, as French prints them
  ['US$8', 'USD', 800],
  ['USD 8.50', 'USD', 850],
  ['8.50 USD', 'USD', 850],
  ['8$', 'USD', 800],
  ['£7.95', 'GBP', 795],
  ['£ 7.95', 'GBP', 795],
  ['GBP 7.95', 'GBP', 795],
  ['CHF 18.50', 'CHF', 1850],
  ['18.50 CHF', 'CHF', 1850],
  ['Fr. 18.50', 'CHF', 1850],
  ['18.50 Fr.', 'CHF', 1850],
  ['SFr. 18.–', 'CHF', 1800],
  ["CHF 1'250.–", 'CHF', 125000],
  ['1’250.50', 'CHF', 125050], // Swiss apostrophe between thousands
  ['₺120', 'TRY', 12000],
  ['₺ 120', 'TRY', 12000],
  ['120₺', 'TRY', 12000],
  ['120 TL', 'TRY', 12000],
  ['120TL', 'TRY', 12000],
  ['TL 120', 'TRY', 12000],
  ['TRY 120', 'TRY', 12000],
  ['₺1.250,50', 'TRY', 125050],
  ['MX$95', 'MXN', 9500],
  ['MX$ 95', 'MXN', 9500],
  ['95 MXN', 'MXN', 9500],
  ['$95', 'MXN', 9500],
  ['Rp 25.000', 'IDR', 25000],
  ['Rp25.000', 'IDR', 25000],
  ['Rp. 25.000', 'IDR', 25000],
  ['Rp 25.000,-', 'IDR', 25000],
  ['IDR 25.000', 'IDR', 25000],
  ['25.000 IDR', 'IDR', 25000],
  ['25rb', 'IDR', 25000],
  ['25 rb', 'IDR', 25000],
  ['25K', 'IDR', 25000],
  ['350++', 'IDR', null], // 350 rupiah: no dish costs that
  ['Rp 350.000++', 'IDR', 350000], // plus service and tax
  // "k" means thousands only where prices run to thousands; elsewhere it is no price.
  ['5k', 'EUR', null],
  ['50k', 'THB', null],
  ['50k', 'JPY', null],
  ['25rb', 'VND', null],
  ['45.000k', 'VND', null],
  // OCR's letters for digits, inside a price only.
  ['12,5O €', 'EUR', 1250],
  ['1O.000đ', 'VND', 10000],
  ['4.OOOđ', 'VND', 4000],
  ['l2.50', 'EUR', 1250],
  ['1I,000원', 'KRW', 11000],
  ['1S.000đ', 'VND', 15000],
  ['1,,200円', 'JPY', 1200],
  ['1l', 'EUR', null], // a litre, not 11
  ['1o', 'EUR', null], // an ordinal (NFKC makes "1º" "1o"), not 10
  // Not prices, or not plausible ones.
  ['2024', 'KRW', 2024],
  ['12', 'KRW', null], // 12 won: no dish costs that
  ['300', 'VND', null],
  ['abc', 'EUR', null],
  ['0123', 'KRW', null], // a leading zero: a phone number or a code
  ['SOS', 'EUR', null],
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
    expect(trailingPrice('Menu A5', 'EUR', true)).toBeNull();
    expect(trailingPrice('7UP', 'VND', true)).toBeNull();
  });

  it('leaves digits that belong to the name before the price', () => {
    expect(trailingPrice('Bia 333 15.000đ', 'VND', false)).toMatchObject({
      minor: 15000,
      before: 'Bia 333 ',
    });
    expect(trailingPrice('Bia 333 15k', 'VND', false)).toMatchObject({ minor: 15000, before: 'Bia 333 ' });
    expect(trailingPrice('Menu A5 12,50 €', 'EUR', false)).toMatchObject({ minor: 1250, before: 'Menu A5 ' });
    expect(trailingPrice('7UP $2', 'USD', false)).toMatchObject({ minor: 200, before: '7UP ' });
  });

  it('takes a currency sign or word into the price, not into the name', () => {
    expect(trailingPrice('Kebab ₺120', 'TRY', false)).toMatchObject({ minor: 12000, before: 'Kebab ' });
    expect(trailingPrice('Tacos MX$95', 'MXN', false)).toMatchObject({ minor: 9500, before: 'Tacos ' });
    expect(trailingPrice('Dim sum HK$48', 'HKD', false)).toMatchObject({ minor: 4800, before: 'Dim sum ' });
    expect(trailingPrice('牛肉麵 NT$180', 'TWD', false)).toMatchObject({ minor: 180, before: '牛肉麵 ' });
    expect(trailingPrice('Burger US$12', 'USD', false)).toMatchObject({ minor: 1200, before: 'Burger ' });
    expect(trailingPrice('Nasi goreng Rp 25.000', 'IDR', false)).toMatchObject({ before: 'Nasi goreng ' });
    expect(trailingPrice('Rösti CHF 18.50', 'CHF', false)).toMatchObject({ before: 'Rösti ' });
    expect(trailingPrice('ผัดไทย 60 บาท', 'THB', false)).toMatchObject({ minor: 6000, before: 'ผัดไทย ' });
    expect(trailingPrice('ข้าวผัด ๖๐ บาท', 'THB', false)).toMatchObject({ minor: 6000 }); // Thai digits
  });

  it('undoes OCR letters inside the price, never inside the name', () => {
    expect(trailingPrice('Pasta 12,5O €', 'EUR', false)).toMatchObject({ minor: 1250, before: 'Pasta ' });
    expect(trailingPrice('Phở 1O.000đ', 'VND', false)).toMatchObject({ minor: 10000, text: '10.000đ' });
    expect(trailingPrice('SOLO 12,50', 'EUR', false)).toMatchObject({ minor: 1250, before: 'SOLO ' });
    expect(trailingPrice('Bio12', 'EUR', true)).toBeNull();
    expect(trailingPrice('Menu No.1', 'EUR', true)).toBeNull();
    expect(trailingPrice('Water 1l', 'EUR', true)).toBeNull();
  });

  it('does not take a year for a price', () => {
    expect(trailingPrice('Since 1998', 'KRW', true)).toBeNull();
    expect(trailingPrice('Est. 2010', 'JPY', true)).toBeNull();
    expect(trailingPrice('© 2024', 'VND', true)).toBeNull();
    // A bare 19xx–20xx where prices have cents is a year; where they do not, it may be a price.
    expect(trailingPrice('Pasta 1990', 'EUR', true)).toBeNull();
    expect(trailingPrice('콜라 2000', 'KRW', false)).toMatchObject({ minor: 2000 });
    expect(trailingPrice('Lobster 1990 บาท', 'THB', false)).toMatchObject({ minor: 199000 });
  });

  it('does not take a phone number for a price', () => {
    for (const line of [
      'Tel 0123 456 789',
      'Tel: 02-123-4567',
      '電話 03-1234-5678',
      'โทร 081 234 5678',
      'Hotline: 0909 123 456',
      '+33 1 23 45 67 89',
      '(02) 1234 5678',
      'Reservations 02-123-4567',
    ]) {
      for (const currency of ['KRW', 'VND', 'EUR'] as const)
        expect(trailingPrice(line, currency, true), line).toBeNull();
    }
    // Sizes in columns are not a phone number.
    expect(trailingPrice('피자 15000 20000', 'KRW', false)).toMatchObject({ minor: 20000 });
  });
});

describe('leadingPrice', () => {
  it('reads a marked price before the name', () => {
    expect(leadingPrice('$8 Cheeseburger', 'USD')).toEqual({ minor: 800, text: '$8', after: 'Cheeseburger' });
    expect(leadingPrice('12,50 € Moules frites', 'EUR')).toMatchObject({
      minor: 1250,
      after: 'Moules frites',
    });
    expect(leadingPrice('₺120 Adana kebap', 'TRY')).toMatchObject({ minor: 12000, after: 'Adana kebap' });
  });

  it('wants a currency mark: "2 eggs" has no price', () => {
    expect(leadingPrice('2 Eggs benedict', 'USD')).toBeNull();
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

  it('reads 円 on a menu taken for Chinese as yen, and 元 on a traditional-Chinese one as NT$', () => {
    expect(detectCurrency(['味噌汁 650円', '天丼 1,200円'], 'CNY')).toBe('JPY');
    expect(detectCurrency(['牛肉麵 180元', '滷肉飯 60元'], 'TWD')).toBe('TWD');
    expect(detectCurrency(['牛肉面 18元', '米饭 2元'], 'CNY')).toBe('CNY');
  });

  it('is currencyFromMarks in the language of its fallback, else the fallback', () => {
    const menus = [
      ['Ramen ¥850', 'Gyoza ¥400'],
      ['牛肉麵 180元', '豆花 $40'],
      ['Tacos $95', 'Agua $30'],
      ['Bún chả 50k', 'Phở 45k'],
      ['Pasta 12 €', 'Burger $5'],
      ['Dessert of the day'],
    ];
    // Spanish shares the euro with French, German and Italian: a fallback of EUR cannot tell that
    // "$" on a Spanish menu is the peso. Only currencyFromMarks, given the language, knows.
    for (const language of MENU_LANGUAGE_CODES.filter((l) => l !== 'es')) {
      const fallback = MENU_LANGUAGES[language].currency;
      for (const lines of menus) {
        expect(detectCurrency(lines, fallback), `${lines} (${language})`).toBe(
          currencyFromMarks(lines, language) ?? fallback,
        );
      }
    }
  });
});

describe('currencyFromMarks', () => {
  // Lines with each currency's printed marks, and the currency they indicate with no language given.
  const MARKED: [lines: string[], currency: CurrencyCode][] = [
    [['Bibimbap 9,000원'], 'KRW'],
    [['Bibimbap ₩9,000'], 'KRW'],
    [['Bibimbap 9천원'], 'KRW'],
    [['Bibimbap 9000 KRW'], 'KRW'],
    [['味噌汁 650円'], 'JPY'],
    [['ラーメン ¥850'], 'JPY'], // kana: yen
    [['Ramen JP¥850'], 'JPY'],
    [['拉面 ¥38'], 'CNY'], // Chinese characters without kana: yuan
    [['Noodles ¥38.50'], 'CNY'], // cents: yuan
    [['拉面 38元'], 'CNY'],
    [['Noodles RMB 38'], 'CNY'],
    [['牛肉麵 NT$180'], 'TWD'],
    [['Dim sum HK$48'], 'HKD'],
    [['ผัดไทย 60 บาท'], 'THB'],
    [['ผัดไทย ฿60'], 'THB'],
    [['Pad thai THB 60'], 'THB'],
    [['Phở bò 45.000đ'], 'VND'],
    [['Phở bò ₫45.000'], 'VND'],
    [['Phở bò 45.000 VNĐ'], 'VND'],
    [['Pasta 12,00 €'], 'EUR'],
    [['Pasta €12'], 'EUR'],
    [['Pasta 12 EUR'], 'EUR'],
    [['Burger $12'], 'USD'],
    [['Burger US$12'], 'USD'],
    [['Fish & chips £12.50'], 'GBP'],
    [['Rösti CHF 18.50'], 'CHF'],
    [['Rösti Fr. 18.50'], 'CHF'],
    [['Kebab ₺120'], 'TRY'],
    [['Kebab 120 TL'], 'TRY'],
    [['Tacos MX$95'], 'MXN'],
    [['Tacos 95 MXN'], 'MXN'],
    [['Nasi goreng Rp 25.000'], 'IDR'],
    [['Nasi goreng 25rb'], 'IDR'],
    [['(单位：元)', '拉面 38', '饺子 20'], 'CNY'], // the unit declared once for the menu
  ];
  it.each(MARKED)('%j → %s', (lines, currency) => {
    expect(currencyFromMarks(lines, null)).toBe(currency);
  });

  it('reads ¥, 元 and $ by the language when no other mark tells', () => {
    expect(currencyFromMarks(['¥850'], 'ja')).toBe('JPY');
    expect(currencyFromMarks(['¥850'], 'zh-Hans')).toBe('CNY');
    expect(currencyFromMarks(['¥850'], 'zh-Hant')).toBe('CNY');
    expect(currencyFromMarks(['¥850'], 'en')).toBe('JPY');
    expect(currencyFromMarks(['牛肉麵 180元'], 'zh-Hant')).toBe('TWD');
    expect(currencyFromMarks(['牛肉面 18元'], 'zh-Hans')).toBe('CNY');
    expect(currencyFromMarks(['Tacos $95'], 'en')).toBe('USD');
    expect(currencyFromMarks(['Tacos $95'], 'es')).toBe('MXN');
    expect(currencyFromMarks(['滷肉飯 $60'], 'zh-Hant')).toBe('TWD');
    expect(currencyFromMarks(['Bún chả 50k'], 'vi')).toBe('VND');
  });

  it('decides from the marks before the language', () => {
    expect(currencyFromMarks(['味噌汁 650円', '天丼 ¥1,200'], 'zh-Hans')).toBe('JPY');
    expect(currencyFromMarks(['牛肉麵 NT$180', '豆花 $40'], 'en')).toBe('TWD');
    expect(currencyFromMarks(['Pasta 12,00 €'], 'en')).toBe('EUR');
    expect(currencyFromMarks(['Phở 45.000đ', 'Bún 50k'], null)).toBe('VND');
  });

  it('says nothing without marks, or when the marks do not agree', () => {
    expect(currencyFromMarks(['Bibimbap 9000', 'Dessert'], 'ko')).toBeNull();
    expect(currencyFromMarks(['Đồ uống', 'đen', 'Kiwi'], 'vi')).toBeNull(); // letters, not next to numbers
    expect(currencyFromMarks(['Bún chả 50k'], null)).toBeNull(); // "k" alone names no currency
    expect(currencyFromMarks(['Pasta 12 €', 'Burger $5'], null)).toBeNull();
    expect(currencyFromMarks(['Pasta 12 €', 'Pizza 9 €', 'Burger $5', 'Fries $3'], null)).toBeNull();
    expect(currencyFromMarks(['Pasta 12 €', 'Pizza 9 €', 'Burger $5'], null)).toBe('EUR');
  });

  it('knows the usual currency of every menu language', () => {
    // The languages' own currencies decide shared signs: "元" on a zh-Hant menu, "$" on an English one.
    const shared: Partial<Record<CurrencyCode, string>> = {
      TWD: '180元',
      CNY: '18元',
      JPY: '¥850',
      USD: '$9',
    };
    for (const language of MENU_LANGUAGE_CODES as readonly MenuLanguageCode[]) {
      const price = shared[MENU_LANGUAGES[language].currency];
      if (price)
        expect(currencyFromMarks([`Dish ${price}`], language)).toBe(MENU_LANGUAGES[language].currency);
    }
  });
});

describe('whole amounts written with a dash', () => {
  it('takes "90.-" and "12,-" for prices even right after a name', () => {
    expect(trailingPrice('ข้าวผัด 90.-', 'THB', false)).toMatchObject({ minor: 9000, marked: true });
    expect(trailingPrice('Bratwurst 12,-', 'EUR', false)).toMatchObject({ minor: 1200, marked: true });
  });
});

describe('joinSplitThousands', () => {
  it('joins a number cut after its thousands separator, and nothing else', () => {
    expect(joinSplitThousands('¥2, 250')).toBe('¥2,250');
    expect(joinSplitThousands('45. 000đ')).toBe('45.000đ');
    expect(joinSplitThousands('\\2、250')).toBe('\\2,250');
    expect(joinSplitThousands('12, 50 €')).toBe('12, 50 €');
    expect(joinSplitThousands('2, 2500')).toBe('2, 2500');
    expect(joinSplitThousands('Menu 2, pasta')).toBe('Menu 2, pasta');
  });
});
