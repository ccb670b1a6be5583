import { describe, expect, it } from 'vitest';
import type { Script } from './languages';
import { cleanName, readMenu } from './menuParser';

// Synthetic Tesseract TSV: each word is [text, left, top, width, height, confidence?], in pixels of a
// 1000×1000 image. Lines are numbered in order; `block` says which Tesseract block a line is in.
type Word = [text: string, left: number, top: number, width: number, height: number, confidence?: number];

function tsv(lines: { block?: number; words: Word[] }[]): string {
  const header =
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const rows = lines.flatMap(({ block = 1, words }, line) =>
    words.map(
      ([text, left, top, width, height, confidence = 95], word) =>
        `5\t1\t${block}\t1\t${line + 1}\t${word + 1}\t${left}\t${top}\t${width}\t${height}\t${confidence}\t${text}`,
    ),
  );
  return [header, ...rows].join('\n');
}

const read = (lines: Parameters<typeof tsv>[0], currency: Parameters<typeof readMenu>[1]['currency']) =>
  readMenu(tsv(lines), { width: 1000, height: 1000, currency });

describe('readMenu', () => {
  it('reads a dish with dotted leaders on one line, with its box on the photo', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['김치찌개', 100, 200, 160, 40],
            ['..........', 270, 220, 400, 10],
            ['9,000원', 700, 200, 120, 40],
          ],
        },
      ],
      'KRW',
    );
    expect(dishes).toEqual([
      { name: '김치찌개', priceMinor: 9000, box: { x: 0.1, y: 0.2, w: 0.72, h: 0.04 } },
    ]);
  });

  it('pairs names with a price column that Tesseract returned as a separate block', () => {
    const { dishes } = read(
      [
        { block: 1, words: [['Bibimbap', 100, 100, 160, 40]] },
        { block: 1, words: [['Bulgogi', 100, 160, 150, 40]] },
        { block: 2, words: [['12,000', 800, 102, 110, 38]] },
        { block: 2, words: [['15,000', 800, 161, 110, 38]] },
      ],
      'KRW',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([
      ['Bibimbap', 12000],
      ['Bulgogi', 15000],
    ]);
  });

  it('pairs a price printed under its name, column by column', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['Jus', 100, 100, 50, 40],
            ["d'orange", 160, 100, 120, 40],
          ],
        },
        { words: [['Escargots', 550, 80, 150, 40]] },
        { words: [['8,00', 600, 130, 70, 40]] },
        { words: [['27,00', 150, 150, 80, 40]] },
        {
          words: [
            ['Coq', 100, 220, 60, 40],
            ['au', 170, 220, 40, 40],
            ['vin', 220, 220, 50, 40],
          ],
        },
        {
          words: [
            ['Poulet', 550, 200, 100, 40],
            ['rôti', 660, 200, 60, 40],
          ],
        },
        { words: [['13,00', 600, 250, 80, 40]] },
        { words: [['28,50', 150, 270, 80, 40]] },
      ],
      'EUR',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([
      ["Jus d'orange", 2700],
      ['Coq au vin', 2850],
      ['Escargots', 800],
      ['Poulet rôti', 1300],
    ]);
  });

  it('keeps section headings as categories, per column', () => {
    const { dishes } = read(
      [
        { words: [['Entrées', 100, 100, 160, 60]] },
        {
          words: [
            ['Salade', 100, 180, 110, 40],
            ['niçoise', 220, 180, 120, 40],
            ['9,50', 400, 180, 70, 40],
          ],
        },
        { words: [['Desserts', 550, 100, 180, 60]] },
        {
          words: [
            ['Crème', 550, 180, 100, 40],
            ['brûlée', 660, 180, 100, 40],
            ['7,00', 850, 180, 70, 40],
          ],
        },
        {
          words: [
            ['Tarte', 550, 240, 90, 40],
            ['Tatin', 650, 240, 90, 40],
            ['7,50', 850, 240, 70, 40],
          ],
        },
      ],
      'EUR',
    );
    expect(dishes.map((d) => [d.name, d.category])).toEqual([
      ['Salade niçoise', 'Entrées'],
      ['Crème brûlée', 'Desserts'],
      ['Tarte Tatin', 'Desserts'],
    ]);
  });

  it('joins a name that wraps onto the line with the price, and leaves descriptions out', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['Grilled', 100, 100, 120, 40],
            ['salmon', 230, 100, 120, 40],
            ['with', 360, 100, 70, 40],
          ],
        },
        {
          words: [
            ['lemon', 100, 148, 100, 40],
            ['butter', 210, 148, 100, 40],
            ['18.50', 800, 148, 90, 40],
          ],
        },
        {
          words: [
            ['served', 100, 200, 80, 26],
            ['with', 190, 200, 50, 26],
            ['rice', 250, 200, 50, 26],
          ],
        },
        {
          words: [
            ['Fish', 100, 260, 70, 40],
            ['tacos', 180, 260, 90, 40],
            ['14.00', 800, 260, 90, 40],
          ],
        },
      ],
      'USD',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([
      ['Grilled salmon with lemon butter', 1850],
      ['Fish tacos', 1400],
    ]);
  });

  it('removes the spaces Tesseract puts between Chinese, Japanese and Korean characters', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['味', 100, 100, 40, 40],
            ['噌', 145, 100, 40, 40],
            ['汁', 190, 100, 40, 40],
            ['650円', 700, 100, 100, 40],
          ],
        },
        {
          words: [
            ['김', 100, 200, 40, 40],
            ['치', 144, 200, 40, 40],
            ['찌개', 188, 200, 80, 40],
            ['9,000원', 700, 200, 120, 40],
          ],
        },
        {
          words: [
            ['생선구이', 100, 300, 160, 40],
            ['정식', 285, 300, 80, 40],
            ['12,000원', 700, 300, 130, 40],
          ],
        },
      ],
      'JPY',
    );
    expect(dishes.map((d) => d.name)).toEqual(['味噌汁', '김치찌개', '생선구이 정식']);
  });

  it('takes a character the model could not read before a number for the currency sign', () => {
    // chi_sim has no ¥: "¥108" comes out as "兰 108", with low confidence in the 兰.
    const { dishes } = read(
      [
        { words: [['白切鸡', 100, 100, 120, 40]] },
        {
          block: 2,
          words: [
            ['兰', 760, 100, 30, 40, 40],
            ['108', 800, 100, 70, 40],
          ],
        },
      ],
      'CNY',
    );
    expect(dishes).toMatchObject([{ name: '白切鸡', priceMinor: 10800 }]);
  });

  it('undoes the Thai model reading ฿ as an 8 when most prices start with one', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['ผัดไทย', 100, 100, 120, 40],
            ['8120', 800, 100, 80, 40],
          ],
        },
        {
          words: [
            ['ต้มยำกุ้ง', 100, 160, 120, 40],
            ['8250', 800, 160, 80, 40],
          ],
        },
        {
          words: [
            ['ส้มตำ', 100, 220, 120, 40],
            ['885', 800, 220, 60, 40],
          ],
        },
      ],
      'THB',
    );
    expect(dishes.map((d) => d.priceMinor)).toEqual([12000, 25000, 8500]);
  });

  it('finds nothing in a photo without text, and ignores lines without prices', () => {
    expect(read([], 'EUR').dishes).toEqual([]);
    expect(
      read(
        [
          {
            words: [
              ['Bon', 100, 100, 60, 40],
              ['appétit', 170, 100, 120, 40],
            ],
          },
        ],
        'EUR',
      ).dishes,
    ).toEqual([]);
  });

  it('reads the currency from the marks on the menu', () => {
    const menu = read(
      [
        {
          words: [
            ['Burger', 100, 100, 120, 40],
            ['€12.50', 800, 100, 100, 40],
          ],
        },
      ],
      'USD',
    );
    expect(menu.currency).toBe('EUR');
    expect(menu.dishes[0]?.priceMinor).toBe(1250);
  });
});

describe('cleanName', () => {
  it.each([
    ['• Bibimbap', 'Bibimbap'],
    ['Bibimbap......', 'Bibimbap'],
    ['Bibimbap ·····', 'Bibimbap'],
    ['Bibimbap ---', 'Bibimbap'],
    ['* Pho bo |', 'Pho bo'],
    ['ハイボール……', 'ハイボール'],
    ['Bánh mì (thịt)', 'Bánh mì (thịt)'],
    ["Jus d'orange pressé", "Jus d'orange pressé"],
  ])('%s → %s', (raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
  });
});

describe('the confidence gate', () => {
  const readIn = (lines: Parameters<typeof tsv>[0], currency: 'KRW' | 'THB' | 'EUR', script: Script) =>
    readMenu(tsv(lines), { width: 1000, height: 1000, currency, script }).dishes.map((d) => d.name);

  it('keeps real short dishes read with confidence (라면, ข้าวผัด)', () => {
    expect(
      readIn(
        [
          {
            words: [
              ['라면', 100, 100, 80, 40, 91],
              ['5,000원', 700, 100, 120, 40, 90],
            ],
          },
          {
            words: [
              ['김밥', 100, 200, 80, 40, 88],
              ['4,000원', 700, 200, 120, 40, 90],
            ],
          },
        ],
        'KRW',
        'hangul',
      ),
    ).toEqual(['라면', '김밥']);
    expect(
      readIn(
        [
          {
            words: [
              ['ข้าวผัด', 100, 100, 140, 40, 84],
              ['60', 700, 100, 60, 40, 92],
            ],
          },
        ],
        'THB',
        'thai',
      ),
    ).toEqual(['ข้าวผัด']);
  });

  it('refuses lines recognised with little confidence, mostly symbols, or in another script', () => {
    const names = readIn(
      [
        // Texture of the paper read as letters.
        {
          words: [
            ['뷁', 100, 100, 40, 40, 12],
            ['꿿', 150, 100, 40, 40, 20],
            ['9,000원', 700, 100, 120, 40, 60],
          ],
        },
        // Mostly digits and symbols with a letter in it.
        {
          words: [
            ['(10', 100, 200, 60, 40, 80],
            ['#%', 170, 200, 40, 40, 80],
            ['마', 220, 200, 40, 40, 80],
            ['06', 270, 200, 40, 40, 80],
            ['7,000원', 700, 200, 120, 40, 90],
          ],
        },
        // A real dish.
        {
          words: [
            ['비빔밥', 100, 300, 120, 40, 93],
            ['9,000원', 700, 300, 120, 40, 90],
          ],
        },
      ],
      'KRW',
      'hangul',
    );
    expect(names).toEqual(['비빔밥']);
    // On a Latin-script menu, Hangul is what a wrong model made of something else.
    expect(
      readIn(
        [
          {
            words: [
              ['(10', 100, 100, 60, 40, 80],
              ['마', 170, 100, 40, 40, 85],
              ['pommes', 220, 100, 120, 40, 85],
              ['9,50', 700, 100, 80, 40, 90],
              ['€', 790, 100, 20, 40, 90],
            ],
          },
          {
            words: [
              ['Croque', 100, 200, 120, 40, 92],
              ['monsieur', 230, 200, 150, 40, 93],
              ['9,50', 700, 200, 80, 40, 90],
              ['€', 790, 200, 20, 40, 90],
            ],
          },
        ],
        'EUR',
        'latin',
      ),
    ).toEqual(['Croque monsieur']);
  });

  it('keeps a name in Latin letters on a Korean menu when Tesseract was sure of it', () => {
    expect(
      readIn(
        [
          {
            words: [
              ['Coca-Cola', 100, 100, 160, 40, 92],
              ['2,000원', 700, 100, 120, 40, 90],
            ],
          },
          {
            words: [
              ['Xq', 100, 200, 60, 40, 62],
              ['3,000원', 700, 200, 120, 40, 90],
            ],
          },
        ],
        'KRW',
        'hangul',
      ),
    ).toEqual(['Coca-Cola']);
  });

  it('offers nothing from a page of noise, so the host is told no dish was found', () => {
    expect(
      readIn(
        [
          {
            words: [
              ['ㅋㅌ', 100, 100, 60, 40, 25],
              ['1,000원', 700, 100, 120, 40, 40],
            ],
          },
          {
            words: [
              ['=~', 100, 200, 60, 40, 50],
              ['ㄱ', 170, 200, 40, 40, 30],
              ['2,000원', 700, 200, 120, 40, 40],
            ],
          },
        ],
        'KRW',
        'hangul',
      ),
    ).toEqual([]);
  });
});

describe('prices before names, and one price per section', () => {
  it('pairs a price printed before its name, in two columns', () => {
    const { dishes } = read(
      [
        { block: 1, words: [['23', 100, 100, 40, 30]] },
        {
          block: 2,
          words: [
            ['Grilled', 170, 100, 110, 30],
            ['Salmon', 290, 100, 100, 30],
          ],
        },
        { block: 3, words: [['16', 560, 100, 40, 30]] },
        {
          block: 4,
          words: [
            ['Iced', 630, 100, 60, 30],
            ['Tea', 700, 100, 50, 30],
          ],
        },
        { block: 1, words: [['7', 110, 150, 20, 30]] },
        {
          block: 2,
          words: [
            ['Buffalo', 170, 150, 110, 30],
            ['Wings', 290, 150, 90, 30],
          ],
        },
      ],
      'USD',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([
      ['Grilled Salmon', 2300],
      ['Buffalo Wings', 700],
      ['Iced Tea', 1600],
    ]);
  });

  it('gives every dish of a section the price its heading carries, and makes the heading their category', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['Getränke', 300, 100, 200, 60],
            ['je', 520, 110, 40, 50],
            ['3,50', 580, 110, 80, 50],
            ['€', 670, 110, 30, 50],
          ],
        },
        { words: [['Mineralwasser', 320, 200, 200, 32]] },
        { words: [['Radler', 360, 260, 100, 32]] },
        { words: [['hausgemacht', 370, 300, 90, 20]] },
        { words: [['Apfelschorle', 330, 340, 180, 32]] },
        { words: [['Hauptgerichte', 300, 450, 260, 60]] },
        {
          words: [
            ['Wiener', 100, 540, 120, 32],
            ['Schnitzel', 230, 540, 140, 32],
            ['.........', 380, 550, 300, 10],
            ['16,90', 700, 540, 90, 32],
            ['€', 800, 540, 20, 32],
          ],
        },
      ],
      'EUR',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor, d.category])).toEqual([
      ['Mineralwasser', 350, 'Getränke'],
      ['Radler', 350, 'Getränke'],
      ['Apfelschorle', 350, 'Getränke'],
      ['Wiener Schnitzel', 1690, 'Hauptgerichte'],
    ]);
  });

  it('does not take a dish followed by its smaller description lines for a section heading', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['Soupe', 100, 100, 100, 40],
            ['du', 210, 100, 40, 40],
            ['jour', 260, 100, 70, 40],
            ['6,50', 700, 100, 80, 40],
            ['€', 790, 100, 20, 40],
          ],
        },
        {
          words: [
            ['selon', 100, 150, 60, 26],
            ['arrivage', 170, 150, 90, 26],
          ],
        },
        {
          words: [
            ['et', 100, 185, 20, 26],
            ['sa', 130, 185, 20, 26],
            ['salade', 160, 185, 60, 26],
          ],
        },
        {
          words: [
            ['Tarte', 100, 230, 90, 40],
            ['Tatin', 200, 230, 90, 40],
            ['7,00', 700, 230, 80, 40],
            ['€', 790, 230, 20, 40],
          ],
        },
        {
          words: [
            ['Poulet', 100, 280, 100, 40],
            ['rôti', 210, 280, 60, 40],
            ['14,00', 700, 280, 90, 40],
            ['€', 800, 280, 20, 40],
          ],
        },
      ],
      'EUR',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([
      ['Soupe du jour', 650],
      ['Tarte Tatin', 700],
      ['Poulet rôti', 1400],
    ]);
  });

  it('reads a price cut at its thousands separator ("¥2, 250": CJK fonts space the comma)', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['チャーハン', 100, 100, 180, 40],
            ['\\2,', 600, 100, 70, 40],
            ['250', 680, 100, 70, 40],
          ],
        },
      ],
      'JPY',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor])).toEqual([['チャーハン', 2250]]);
  });

  it('drops a misread unit sign after a price ("各690円" read "690 幅")', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['一品', 100, 100, 120, 60],
            ['料理', 230, 100, 120, 60],
            ['690', 380, 110, 80, 40],
            ['幅', 470, 100, 60, 60, 52],
          ],
        },
        { words: [['ハイボール', 110, 200, 200, 40]] },
        { words: [['肉じゃが', 110, 260, 160, 40]] },
      ],
      'JPY',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor, d.category])).toEqual([
      ['ハイボール', 690, '一品料理'],
      ['肉じゃが', 690, '一品料理'],
    ]);
  });

  it('prices by section a page whose light headings are no taller than their dishes', () => {
    const section = (heading: string, price: string, top: number, names: string[]): { words: Word[] }[] => [
      {
        words: [
          [heading, 300, top, 90, 44],
          [price, 420, top + 8, 50, 34],
        ],
      },
      // One character's box half as tall again as the line, as Tesseract's CJK boxes often are.
      ...names.map((name, i): { words: Word[] } => ({
        words: [
          [name.slice(0, -1), 310, top + 70 * (i + 1), 80, 42],
          [name.slice(-1), 390, top + 70 * (i + 1), 40, 64],
        ],
      })),
    ];
    const { dishes } = read(
      [
        ...section('小菜', '55', 100, ['客家小炒', '控肉飯', '酸辣湯']),
        ...section('點心', '310', 500, ['蛋餅', '水煎包']),
      ],
      'TWD',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor, d.category])).toEqual([
      ['客家小炒', 55, '小菜'],
      ['控肉飯', 55, '小菜'],
      ['酸辣湯', 55, '小菜'],
      ['蛋餅', 310, '點心'],
      ['水煎包', 310, '點心'],
    ]);
  });

  it('does not end a section at a dish whose accents make one word taller (Mì Quảng)', () => {
    const { dishes } = read(
      [
        {
          words: [
            ['Món', 150, 100, 80, 50],
            ['khai', 240, 100, 80, 47],
            ['vị', 330, 100, 40, 59],
            ['75k', 400, 110, 60, 38],
          ],
        },
        {
          words: [
            ['Mì', 170, 200, 50, 34],
            ['Quảng', 230, 200, 120, 48],
          ],
        },
        {
          words: [
            ['Món', 170, 255, 50, 23],
            ['đặc', 230, 255, 50, 28],
            ['biệt', 290, 255, 50, 28],
          ],
        },
        {
          words: [
            ['Cao', 170, 300, 60, 32],
            ['lầu', 240, 300, 60, 36],
          ],
        },
        {
          words: [
            ['Cơm', 170, 360, 60, 33],
            ['tấm', 240, 360, 60, 37],
            ['sườn', 310, 360, 70, 34],
          ],
        },
      ],
      'VND',
    );
    expect(dishes.map((d) => [d.name, d.priceMinor, d.category])).toEqual([
      ['Mì Quảng', 75000, 'Món khai vị'],
      ['Cao lầu', 75000, 'Món khai vị'],
      ['Cơm tấm sườn', 75000, 'Món khai vị'],
    ]);
  });
});
