// The review list's data: dishes as the host is editing them (price still as typed), and the pure
// steps on them (check, merge, move). Shared by the room's "Edit menu" and the photo review before a
// room is opened, so neither has its own idea of what a valid dish is.
import { CURRENCIES, type CurrencyCode, parsePrice } from '@/lib/money';
import { DishInputSchema, type DishBox, type ChangeRequestOf } from '@/lib/protocol';
import { MAX_DISH_NAME_LENGTH, MAX_DISHES, type TextProblem, textProblem } from '@/lib/protocolValues';

export interface EditableDish {
  /** Local React key: stable while the row exists, never sent. */
  key: string;
  /** The dish's id in the room; absent for a dish that is new. */
  id?: string;
  name: string;
  /** The price as typed or as read from the photo, read with `parsePrice` when saving. */
  priceText: string;
  category?: string;
  box?: DishBox;
}

/** One dish of a menu to send: `menu:update` takes these (with ids), room creation without. */
export type MenuDishInput = ChangeRequestOf<'menu.replace'>['dishes'][number];

export interface RowProblems {
  name?: string;
  price?: string;
  category?: string;
}

export interface MenuCheck {
  /** The menu to send, or null while anything needs fixing. */
  dishes: MenuDishInput[] | null;
  /** Problems by row key; rows without problems are absent. */
  problems: Record<string, RowProblems>;
  /** A sentence about the whole list (empty menu, too many dishes, rows to fix), or null. */
  summary: string | null;
}

/**
 * Writes the check's messages in the interface language: `useTranslations('MenuCheck')` in the
 * components, a translator over messages/en.json in tests. Keys and values as in messages/en.json.
 */
export type MenuCheckTranslator = (
  key:
    | 'nameMissing'
    | 'tooLong'
    | 'priceMissing'
    | 'notAPrice'
    | 'cannotSave'
    | 'empty'
    | 'tooMany'
    | 'toFix',
  values?: Record<string, string | number>,
) => string;

let lastKey = 0;
/** Row keys only need to be unique on this page; no crypto needed (plain-http LAN pages lack randomUUID). */
export function newRowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

/** A price in minor units as the host would type it: "9,000" (KRW), "12.50" (EUR). */
export function priceToText(priceMinor: number, currency: CurrencyCode): string {
  const digits = CURRENCIES[currency].minorDigits;
  return new Intl.NumberFormat('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(priceMinor / 10 ** digits);
}

/** Turns dishes from the room, or read from a photo (price possibly unread), into editable rows. */
export function toEditableDishes(
  dishes: { id?: string; name: string; priceMinor?: number | null; category?: string; box?: DishBox }[],
  currency: CurrencyCode,
): EditableDish[] {
  return dishes.map((dish) => ({
    key: dish.id ?? newRowKey(),
    ...(dish.id !== undefined && { id: dish.id }),
    name: dish.name,
    priceText: dish.priceMinor == null ? '' : priceToText(dish.priceMinor, currency),
    ...(dish.category && { category: dish.category }),
    ...(dish.box && { box: dish.box }),
  }));
}

export function emptyDish(): EditableDish {
  return { key: newRowKey(), name: '', priceText: '' };
}

const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Says a text problem (lib/protocol's textProblem) in the interface language. */
export type TextProblemTranslator = (problem: TextProblem, max: number) => string;

/**
 * Checks every row; the menu to send exists only when nothing needs fixing. Names and sections are
 * checked by the schema's own text rules (graphemes, no control or reordering characters, something
 * visible), said with `describeText`.
 */
export function checkMenu(
  rows: EditableDish[],
  currency: CurrencyCode,
  t: MenuCheckTranslator,
  describeText: TextProblemTranslator = (problem, max) =>
    problem === 'tooLong' ? t('tooLong', { max }) : t('cannotSave'),
): MenuCheck {
  const problems: Record<string, RowProblems> = {};
  const dishes: MenuDishInput[] = [];
  for (const row of rows) {
    const found: RowProblems = {};
    const name = squash(row.name);
    const nameProblem = textProblem(row.name, MAX_DISH_NAME_LENGTH);
    if (!name) found.name = t('nameMissing');
    else if (nameProblem) found.name = describeText(nameProblem, MAX_DISH_NAME_LENGTH);
    const category = squash(row.category ?? '');
    const categoryProblem = textProblem(row.category ?? '', MAX_DISH_NAME_LENGTH, { allowEmpty: true });
    if (categoryProblem) found.category = describeText(categoryProblem, MAX_DISH_NAME_LENGTH);
    const priceMinor = row.priceText.trim() ? parsePrice(row.priceText, currency) : null;
    if (!row.priceText.trim()) found.price = t('priceMissing');
    else if (priceMinor === null) found.price = t('notAPrice', { currency });
    if (found.name || found.price || found.category) {
      problems[row.key] = found;
      continue;
    }
    const dish = DishInputSchema.safeParse({
      name,
      priceMinor,
      ...(category && { category }),
      ...(row.box && { box: row.box }),
    });
    if (!dish.success) {
      problems[row.key] = { name: t('cannotSave') };
      continue;
    }
    dishes.push({ ...(row.id !== undefined && { id: row.id }), ...dish.data });
  }
  const toFix = Object.keys(problems).length;
  let summary: string | null = null;
  if (rows.length === 0) summary = t('empty');
  else if (rows.length > MAX_DISHES) summary = t('tooMany', { max: MAX_DISHES });
  else if (toFix > 0) summary = t('toFix', { count: toFix });
  return { dishes: summary ? null : dishes, problems, summary };
}

/** The smallest box holding both (same photo only). */
export function unionBox(a: DishBox, b: DishBox): DishBox {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const right = Math.min(1, Math.max(a.x + a.w, b.x + b.w));
  const bottom = Math.min(1, Math.max(a.y + a.h, b.y + b.h));
  return { photoId: a.photoId, x, y, w: right - x, h: bottom - y };
}

/**
 * Joins row `index` with the one after it: a name the reader split over two lines, or a price read
 * as its own line. The first price stays unless it is unreadable or zero; the first id stays, so
 * the first dish keeps its picks (the second one's go with it, as for a deleted dish).
 */
export function mergeWithNext(rows: EditableDish[], index: number, currency: CurrencyCode): EditableDish[] {
  const first = rows[index];
  const second = rows[index + 1];
  if (!first || !second) return rows;
  const firstPrice = first.priceText.trim() ? parsePrice(first.priceText, currency) : null;
  const category = first.category || second.category;
  const box =
    first.box && second.box
      ? first.box.photoId === second.box.photoId
        ? unionBox(first.box, second.box)
        : first.box
      : (first.box ?? second.box);
  const id = first.id ?? second.id;
  const merged: EditableDish = {
    key: first.key,
    ...(id !== undefined && { id }),
    name: [first.name.trim(), second.name.trim()].filter(Boolean).join(' '),
    priceText: firstPrice ? first.priceText : second.priceText || first.priceText,
    ...(category && { category }),
    ...(box && { box }),
  };
  return [...rows.slice(0, index), merged, ...rows.slice(index + 2)];
}

/** Moves row `index` by `delta` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveRow(rows: EditableDish[], index: number, delta: number): EditableDish[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return rows;
  const next = [...rows];
  const [row] = next.splice(index, 1);
  if (row) next.splice(target, 0, row);
  return next;
}

/** True when the edited rows would send exactly the menu the room has (nothing to save). */
export function sameMenu(checked: MenuDishInput[], current: MenuDishInput[]): boolean {
  const canonical = (dishes: MenuDishInput[]) =>
    JSON.stringify(
      dishes.map((d) => [
        d.id ?? null,
        d.name,
        d.priceMinor,
        d.category ?? null,
        d.box ? [d.box.photoId, d.box.x, d.box.y, d.box.w, d.box.h] : null,
      ]),
    );
  return canonical(checked) === canonical(current);
}
