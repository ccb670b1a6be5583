import { describe, expect, it } from 'vitest';
import { hanVariant, identifyLatinLanguage, simplifiedForm } from './menuLanguage';
import type { OcrWord } from './tsv';

// Lines as a first reading returns them: names with prices, a heading, some OCR slips.
const MENUS: Record<string, string[]> = {
  fr: [
    'Nos entrées',
    'Terrine de campagne 7,50 €',
    'Salade de chèvre chaud 9,00 €',
    'Magret de canard au miel 22,00 €',
    'Tarte aux pommes 6,50 €',
  ],
  es: [
    'Entrantes',
    'Gazpacho andaluz 6,50 €',
    'Tortilla de patatas 7,00 €',
    'Calamares a la romana 9,50 €',
    'Flan casero 4,50 €',
  ],
  it: [
    'Antipasti',
    'Insalata caprese € 9,00',
    'Risotto ai funghi porcini € 14,00',
    'Ossobuco alla milanese € 22,00',
    'Tiramisù della casa € 6,00',
  ],
  de: [
    'Vorspeisen',
    'Kartoffelsuppe mit Würstchen 5,90 €',
    'Wiener Schnitzel mit Pommes 16,90 €',
    'Sauerbraten mit Klößen 17,50 €',
    'Schwarzwälder Kirschtorte 4,90 €',
  ],
  vi: [
    'Món chính',
    'Phở bò tái 55.000đ',
    'Bánh xèo tôm thịt 45.000đ',
    'Gỏi cuốn 35.000đ',
    'Cà phê sữa đá 25.000đ',
  ],
  en: [
    'Starters',
    'Prawn cocktail £7.50',
    'Fish and chips with mushy peas £14.95',
    'Chicken tikka masala £13.50',
    'Apple crumble with custard £6.25',
  ],
};

describe('identifying the language of a Latin-script menu', () => {
  for (const [language, lines] of Object.entries(MENUS)) {
    it(`reads ${language} as ${language}`, () => {
      expect(identifyLatinLanguage(lines).language).toBe(language);
    });
  }

  it('still tells the languages apart when OCR dropped every accent', () => {
    const strip = (line: string) => line.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
    for (const language of ['fr', 'es', 'it', 'de', 'en'] as const) {
      expect(identifyLatinLanguage((MENUS[language] ?? []).map(strip)).language).toBe(language);
    }
  });

  it('takes the currency into account: dong prices are a Vietnamese menu', () => {
    expect(identifyLatinLanguage(['Bun cha 50.000đ', 'Nem ran 40.000đ']).language).toBe('vi');
  });
});

function word(text: string, left: number, top: number, confidence: number): OcrWord {
  return {
    block: 1,
    paragraph: 1,
    line: 1,
    left,
    top,
    width: 40 * [...text].length,
    height: 40,
    confidence,
    text,
  };
}

describe('simplified or traditional Chinese', () => {
  it('uses OpenCC’s tables: 麵 is 面 in simplified, 牛肉 is the same in both', () => {
    expect(simplifiedForm('牛肉麵')).toBe('牛肉面');
    expect(simplifiedForm('滷肉飯')).toBe('卤肉饭');
  });

  // The traditional model's reading of a row of characters, and the simplified model's of the same
  // places: on a traditional page it is unsure exactly where the variants differ.
  const traditional = ['老', '街', '牛', '肉', '麵', '滷', '飯', '雞', '排', '豬', '腳'].map((c, i) =>
    word(c, i * 50, 0, 90),
  );

  it('calls a page traditional when the simplified model is unsure where the variants differ', () => {
    const simplified = ['老', '街', '牛', '肉', '生', '瀣', '饭', '难', '排', '猪', '脚'].map((c, i) =>
      word(c, i * 50, 0, [91, 92, 92, 93, 0, 0, 10, 19, 82, 40, 35][i] ?? 0),
    );
    expect(hanVariant(simplified, traditional).variant).toBe('zh-Hant');
  });

  it('calls a page simplified when the simplified model is as sure there as elsewhere', () => {
    const simplified = ['老', '街', '牛', '肉', '面', '卤', '饭', '鸡', '排', '猪', '脚'].map((c, i) =>
      word(c, i * 50, 0, [88, 90, 92, 91, 90, 86, 92, 93, 85, 89, 90][i] ?? 0),
    );
    expect(hanVariant(simplified, traditional).variant).toBe('zh-Hans');
  });

  it('calls a page simplified when hardly any of its characters differ between the variants', () => {
    const same = ['老', '街', '小', '吃'].map((c, i) => word(c, i * 50, 0, 90));
    expect(hanVariant(same, same)).toEqual({ variant: 'zh-Hans', ratio: null });
  });
});
