import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import type { Dish } from '@/lib/protocol';
import { groupByCategory } from './groupByCategory';
import {
  checkMenu,
  type EditableDish,
  mergeWithNext,
  moveRow,
  priceToText,
  sameMenu,
  toEditableDishes,
  unionBox,
} from './menuEditorModel';

const row = (
  key: string,
  name: string,
  priceText: string,
  extra: Partial<EditableDish> = {},
): EditableDish => ({
  key,
  name,
  priceText,
  ...extra,
});
// The check writes its messages with the interface language's translator; these tests read English.
const t = createTranslator({ locale: 'en', messages: en, namespace: 'MenuCheck' });
const box = (x: number, y: number, w: number, h: number, photoId = 'photo-0001') => ({ photoId, x, y, w, h });

describe('menu editor rows', () => {
  it('writes prices the way they are typed back, and reads them the same', () => {
    expect(priceToText(9000, 'KRW')).toBe('9,000');
    expect(priceToText(1250, 'EUR')).toBe('12.50');
    expect(priceToText(123450, 'EUR')).toBe('1,234.50');
    const rows = toEditableDishes(
      [
        { id: 'a', name: 'Bibimbap', priceMinor: 9000, category: 'Rice' },
        { name: 'Read without a price', priceMinor: null },
      ],
      'KRW',
    );
    expect(rows[0]).toMatchObject({
      key: 'a',
      id: 'a',
      name: 'Bibimbap',
      priceText: '9,000',
      category: 'Rice',
    });
    expect(rows[1]?.id).toBeUndefined();
    expect(rows[1]?.priceText).toBe('');
    expect(checkMenu(rows.slice(0, 1), 'KRW', t).dishes).toEqual([
      { id: 'a', name: 'Bibimbap', priceMinor: 9000, category: 'Rice' },
    ]);
  });

  it('blocks saving while a name or a price is missing or unreadable, and says which', () => {
    const check = checkMenu(
      [row('1', '  Mandu ', '6,500원'), row('2', 'Soju', 'five'), row('3', '', '100'), row('4', 'Tea', '')],
      'KRW',
      t,
    );
    expect(check.dishes).toBeNull();
    expect(check.problems['1']).toBeUndefined();
    expect(check.problems['2']?.price).toMatch(/not a price/i);
    expect(check.problems['3']?.name).toMatch(/name/i);
    expect(check.problems['4']?.price).toMatch(/enter the price/i);
    expect(check.summary).toMatch(/3 dishes need fixing/);
    expect(checkMenu([], 'KRW', t).summary).toMatch(/at least one dish/);
  });

  it('sends trimmed names, no empty section, ids only for dishes the room has', () => {
    const check = checkMenu(
      [row('a', ' Kimchi   jjigae ', '8000', { id: 'a', category: '  ' }), row('n', 'Mandu', '6.500')],
      'KRW',
      t,
    );
    expect(check.dishes).toEqual([
      { id: 'a', name: 'Kimchi jjigae', priceMinor: 8000 },
      { name: 'Mandu', priceMinor: 6500 },
    ]);
  });

  it('merges a name split over two lines, keeping the first readable non-zero price', () => {
    const rows = [
      row('1', 'Kimchi', '', { id: 'd1', box: box(0.1, 0.2, 0.3, 0.05) }),
      row('2', 'jjigae', '8,000', { id: 'd2', box: box(0.1, 0.25, 0.5, 0.05), category: 'Stews' }),
      row('3', 'Soju', '5,000'),
    ];
    const merged = mergeWithNext(rows, 0, 'KRW');
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({
      key: '1',
      id: 'd1',
      name: 'Kimchi jjigae',
      priceText: '8,000',
      category: 'Stews',
    });
    expect(merged[0]?.box?.x).toBeCloseTo(0.1);
    expect(merged[0]?.box?.y).toBeCloseTo(0.2);
    expect(merged[0]?.box?.w).toBeCloseTo(0.5);
    expect(merged[0]?.box?.h).toBeCloseTo(0.1);
    expect(merged[1]?.key).toBe('3');

    const keepsFirst = mergeWithNext([row('1', 'A', '7,000'), row('2', 'B', '9,000')], 0, 'KRW');
    expect(keepsFirst[0]?.priceText).toBe('7,000');
    const zero = mergeWithNext([row('1', 'A', '0'), row('2', 'B', '9,000')], 0, 'KRW');
    expect(zero[0]?.priceText).toBe('9,000');
    // The last row has nothing to merge with.
    expect(mergeWithNext(rows, 2, 'KRW')).toBe(rows);
  });

  it('keeps the first box when the two lines are on different photos', () => {
    const merged = mergeWithNext(
      [
        row('1', 'A', '1', { box: box(0, 0, 0.5, 0.1, 'photo-aaaa') }),
        row('2', 'B', '1', { box: box(0, 0.5, 1, 0.1, 'photo-bbbb') }),
      ],
      0,
      'KRW',
    );
    expect(merged[0]?.box).toEqual(box(0, 0, 0.5, 0.1, 'photo-aaaa'));
    expect(unionBox(box(0.8, 0.9, 0.3, 0.3), box(0, 0, 0.1, 0.1))).toEqual(box(0, 0, 1, 1));
  });

  it('moves rows within the list only', () => {
    const rows = [row('1', 'A', '1'), row('2', 'B', '1'), row('3', 'C', '1')];
    expect(moveRow(rows, 2, -1).map((r) => r.key)).toEqual(['1', '3', '2']);
    expect(moveRow(rows, 0, -1)).toBe(rows);
    expect(moveRow(rows, 2, 1)).toBe(rows);
  });

  it('knows when nothing was changed', () => {
    const dishes: Dish[] = [{ id: 'a', name: 'Bibimbap', priceMinor: 9000, box: box(0.1, 0.1, 0.5, 0.05) }];
    const check = checkMenu(toEditableDishes(dishes, 'KRW'), 'KRW', t);
    expect(check.dishes && sameMenu(check.dishes, dishes)).toBe(true);
    const renamed = checkMenu(
      [{ ...toEditableDishes(dishes, 'KRW')[0], name: 'Dolsot bibimbap' } as EditableDish],
      'KRW',
      t,
    );
    expect(renamed.dishes && sameMenu(renamed.dishes, dishes)).toBe(false);
  });
});

describe('menu sections', () => {
  it('groups consecutive dishes of one category, in menu order', () => {
    const dish = (id: string, category?: string): Dish => ({
      id,
      name: id,
      priceMinor: 1,
      ...(category && { category }),
    });
    const sections = groupByCategory([
      dish('a'),
      dish('b', 'Rice'),
      dish('c', 'Rice'),
      dish('d', 'Soup'),
      dish('e', 'Rice'),
    ]);
    expect(sections.map((s) => [s.category, s.dishes.map((d) => d.id)])).toEqual([
      [undefined, ['a']],
      ['Rice', ['b', 'c']],
      ['Soup', ['d']],
      ['Rice', ['e']],
    ]);
  });
});
