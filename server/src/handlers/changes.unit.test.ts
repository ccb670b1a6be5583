// A large menu validated in slices (changes.ts parseChange) must answer exactly as the whole menu
// validated at once: the same dishes, or the same message with the same dish numbers.
import { describe, expect, it } from 'vitest';
import { MAX_DISHES, parseChangeRequest } from '../../../lib/protocol';
import { parseChange } from './changes';

const menu = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: `dish-${i}`,
    name: `  Dish   ${i} \u0041\u030A `,
    priceMinor: 100 + i,
    ...(i % 7 === 0 ? { category: 'Mains' } : {}),
    extra: 'dropped',
  }));

describe('parseChange', () => {
  it('gives the same request as parseChangeRequest for a valid large menu', async () => {
    const change = { type: 'menu.replace', dishes: menu(MAX_DISHES) };
    const sliced = await parseChange(change);
    expect(sliced).toEqual(parseChangeRequest(change));
    expect(sliced.ok).toBe(true);
  });

  it.each([
    ['one bad dish late in the menu', [263]],
    ['bad dishes in two slices', [3, 140]],
    ['more than three bad dishes', [30, 31, 32, 33, 299]],
  ])('gives the same message for %s', async (_, bad) => {
    const dishes: Record<string, unknown>[] = menu(MAX_DISHES);
    for (const i of bad) dishes[i] = { ...dishes[i], name: '\u200B', priceMinor: -1 };
    const change = { type: 'menu.replace', dishes };
    const sliced = await parseChange(change);
    expect(sliced.ok).toBe(false);
    expect(sliced).toEqual(parseChangeRequest(change));
  });

  it('leaves small menus, too many dishes and other changes to parseChangeRequest', async () => {
    for (const change of [
      { type: 'menu.replace', dishes: menu(3) },
      { type: 'menu.replace', dishes: menu(MAX_DISHES + 1) },
      { type: 'menu.replace', dishes: 'none' },
      { type: 'pick.set', dishId: 'dish-1', qty: 2 },
    ])
      expect(await parseChange(change)).toEqual(parseChangeRequest(change));
  });
});
