// Recognised lines → dishes with a price, a category and a box on the photo.
//
// Menus put a dish's price at the end of its line (with or without dotted leaders), in a column of
// its own to the right, or on the line below the name. Tesseract may return a row as one line, as
// two (name block and price block), or merge two columns' rows into one. So lines are first cut
// into segments at wide gaps, each segment is read as "name + price", "price" or "text", and prices
// standing alone are then paired with the name on their row, or else with the name just above them.
import type { CurrencyCode } from '../money';
import { MAX_DISH_NAME_LENGTH } from '../protocol';
import type { MenuLanguageCode, Script } from './languages';
import { normaliseRecognised } from '../scriptText';
import { currencyFromMarks, detectCurrency, joinSplitThousands, readPrice, trailingPrice } from './prices';
import { type Levelling, unlevelBox } from './skew';
import { type Box, groupLines, joinWords, type OcrWord, parseTsv, unionBox } from './tsv';

/** A box on the photo, as fractions 0..1 of its width and height. */
export interface RelativeBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ReadDish {
  /** As printed (cleaned of leaders and stray symbols). */
  name: string;
  priceMinor: number;
  /** The section heading above the dish, when the menu has one. */
  category?: string;
  box: RelativeBox;
}

export interface MenuReading {
  currency: CurrencyCode;
  dishes: ReadDish[];
  /** Every recognised line, for a host who wants to add what the parser missed. */
  lines: string[];
}

interface Segment {
  block: number;
  words: OcrWord[];
  /** Around all its words. */
  box: Box;
  /** The median word height: robust to a tall bracket or a tiny leader dot. */
  lineHeight: number;
  kind: 'dish' | 'price' | 'text';
  /** The dish name (kind 'dish') or the cleaned text (kind 'text'). */
  text: string;
  priceMinor?: number;
  /** The price as printed, for kind 'dish' and 'price'. */
  priceText?: string;
  /** Set once the segment is part of a dish or is a heading. */
  used?: boolean;
}

/** A gap wider than this many line heights separates a name from a price column, or two columns. */
const SEGMENT_GAP = 2.2;

/** Leader runs: dots, middle dots, ellipses, dashes, underscores, and what OCR makes of them. */
const LEADER_RUN = /(?:[.·・･‥…⋯_~〜=•∙°˙'`,:;"]\s*){2,}|[-–—―ー一]{3,}/gu;
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;
const CURRENCY_SIGN = /\p{Sc}/u;

export interface ReadMenuOptions {
  /** The currency of the menu's language; currency marks on the menu override it. */
  currency: CurrencyCode;
  /** Size of the image Tesseract read. */
  width: number;
  height: number;
  /** How that image's rows were levelled, to map boxes back onto the photo. */
  levelling?: Levelling;
  /** The menu's script: names in another one are not offered (see isOffered). */
  script?: Script;
  /** The menu's language, for currency signs that several currencies share. */
  language?: MenuLanguageCode;
}

/** Reads Tesseract's TSV for one photo. */
export function readMenu(tsv: string, options: ReadMenuOptions): MenuReading {
  return readMenuWords(parseTsv(tsv), options);
}

/** Reads the recognised words of one photo. */
export function readMenuWords(words: readonly OcrWord[], options: ReadMenuOptions): MenuReading {
  const lines = groupLines(words.filter((word) => !isNoise(word)));
  const lineTexts = lines.map((line) => line.text);
  // The marks printed next to the prices decide, read in the menu's language (元 is TWD on a
  // traditional Chinese menu, $ is MXN on a Spanish one); the language's currency otherwise.
  const currency = options.language
    ? (currencyFromMarks(lineTexts, options.language) ?? options.currency)
    : detectCurrency(lineTexts, options.currency);
  const segments = lines.flatMap((line) => splitAtGaps(line.words)).map((words) => classify(words, currency));
  undoMisreadBaht(segments, currency);
  const dishes = sectionPrices(
    [...segments.filter((s) => s.kind === 'dish').map((s) => dishFrom(s)), ...pairLonePrices(segments)],
    segments,
  );
  joinWrappedNames(dishes, segments);
  assignCategories(dishes, segments);
  const ordered = readingOrder(dishes);
  return {
    currency,
    lines: lineTexts.filter((text) => !PUNCTUATION_ONLY.test(text)),
    dishes: ordered
      .filter((dish) => isName(dish.name) && isOffered(dish, options.script))
      .map((dish) => ({
        name: dish.name.slice(0, MAX_DISH_NAME_LENGTH),
        priceMinor: dish.priceMinor,
        ...(dish.category ? { category: dish.category } : {}),
        box: relative(dish.box, options),
      })),
  };
}

// ---------- words and segments ----------

/** Specks and leader fragments that Tesseract reports as words. */
function isNoise(word: OcrWord): boolean {
  const text = word.text.replace(LEADER_RUN, '');
  if (text.trim() === '') return true;
  return PUNCTUATION_ONLY.test(text) && !CURRENCY_SIGN.test(text) && !/[&+()（）]/u.test(text);
}

function splitAtGaps(words: readonly OcrWord[]): OcrWord[][] {
  const segments: OcrWord[][] = [];
  let current: OcrWord[] = [];
  // The line's typical height, not the two words': Tesseract gives a CJK or kana glyph a box up to
  // twice the line's height now and then (its box spans a neighbouring row), and a gap measured
  // against that box kept two columns' rows in one segment.
  const lineHeight = median(words.map((w) => w.height));
  for (const word of words) {
    const previous = current.at(-1);
    if (previous) {
      const gap = word.left - right(previous);
      if (gap > SEGMENT_GAP * Math.min(Math.max(previous.height, word.height), lineHeight * 1.2)) {
        segments.push(current);
        current = [];
      }
    }
    current.push(word);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

function classify(words: OcrWord[], currency: CurrencyCode): Segment {
  // OCR doubles separators ("18,.500"): keep the first, before leaders are removed.
  const raw = joinSplitThousands(joinWords(withoutMisreadUnit(words))).replace(
    /(\d)([.,])[.,]+(?=\d)/gu,
    '$1$2',
  );
  const hadLeaders = new RegExp(LEADER_RUN.source, 'u').test(raw);
  const text = raw.replace(LEADER_RUN, ' ').replace(/\s+/g, ' ').trim();
  const base = {
    block: words[0]?.block ?? 0,
    words,
    box: unionBox(words),
    lineHeight: median(words.map((w) => w.height)),
  };
  const alone = trailingPrice(withoutMisreadSign(text, words), currency, true);
  if (alone && cleanName(alone.before) === '') {
    return { ...base, kind: 'price', text: '', priceMinor: alone.minor, priceText: alone.text };
  }
  // A number the price pass read with its sign is a price even right after words ("每份 ¥105").
  const price = trailingPrice(text, currency, hadLeaders || words.at(-1)?.signed === true);
  if (price) {
    const name = cleanName(price.before);
    if (isName(name))
      return { ...base, kind: 'dish', text: name, priceMinor: price.minor, priceText: price.text };
  }
  return { ...base, kind: 'text', text: cleanName(text) };
}

/**
 * Tesseract's Chinese, Japanese, Korean, Thai and Vietnamese models have no ¥, ₩, ฿ or ₫: they
 * read the sign as some other character, with low confidence ("兰 108" for ¥108, "뷰31,500" for
 * ₩31,500). One or two such characters before a number are the sign, not a dish name.
 */
function withoutMisreadSign(text: string, words: readonly OcrWord[]): string {
  const sign = /^([^\d\s]{1,2})\s?(?=\d)/u.exec(text);
  const first = words[0];
  if (!sign || !first || first.confidence >= 75) return text;
  return text.slice(sign[0].length);
}

/** One CJK or Thai character, as the models misread a unit sign they print poorly. */
const LONE_NON_LATIN =
  /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]$/u;

/**
 * The unit after a price (円, 元, 圓) in a heavy or rounded face comes back as some other character
 * with low confidence ("各690円" → "690 幅"), and the line then ends in a letter, not a price. A lone
 * such character right after a number, read with low confidence, is that unit and is dropped.
 */
function withoutMisreadUnit(words: OcrWord[]): OcrWord[] {
  const last = words.at(-1);
  const before = words.at(-2);
  if (!last || !before || !/\d$/u.test(before.text)) return words;
  return LONE_NON_LATIN.test(last.text) && last.confidence < 60 ? words.slice(0, -1) : words;
}

/**
 * The Thai model reads "฿" as the digit 8: "฿410" comes out as "8410". When most prices on the
 * photo start with an 8 and are still prices without it, that 8 is the baht sign.
 */
function undoMisreadBaht(segments: Segment[], currency: CurrencyCode): void {
  if (currency !== 'THB') return;
  const priced = segments.filter((s) => s.priceText !== undefined);
  const withEight = priced.filter((s) => /^8\d{2,}/.test(s.priceText ?? ''));
  if (priced.length < 3 || withEight.length < priced.length * 0.6) return;
  for (const segment of withEight) {
    const minor = readPrice((segment.priceText ?? '').slice(1), currency);
    if (minor !== null) segment.priceMinor = minor;
  }
}

/** Removes leaders, bullets and stray marks around a name, and spaces OCR put inside CJK words. */
export function cleanName(text: string): string {
  return normaliseRecognised(text)
    .replace(LEADER_RUN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}(（「【"'“]+/u, '')
    .replace(/[^\p{L}\p{N}\p{M})）」】"'”!?.]+$/u, '')
    .replace(/\.+$/u, '')
    .trim();
}

/** A dish name has letters: at least one CJK or Thai character, or two other letters. */
function isName(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(text)
    ? letters.length >= 1
    : letters.length >= 2;
}

// ---------- pairing ----------

interface DraftDish {
  name: string;
  priceMinor: number;
  category?: string;
  box: Box;
  /** The segment holding the name: wrapped name lines and headings are found relative to it. */
  nameSegment: Segment;
}

function dishFrom(nameSegment: Segment, priceSegment: Segment = nameSegment): DraftDish {
  nameSegment.used = true;
  priceSegment.used = true;
  return {
    name: nameSegment.text,
    priceMinor: priceSegment.priceMinor ?? 0,
    box: unionBox([nameSegment.box, priceSegment.box]),
    nameSegment,
  };
}

const bottom = (b: Box) => b.top + b.height;
const right = (b: Box) => b.left + b.width;
const middle = (b: Box) => b.top + b.height / 2;
const overlapX = (a: Box, b: Box) => Math.min(right(a), right(b)) - Math.max(a.left, b.left);

/**
 * Pairs each price that stands alone with a name: the one on its row to its left (a price column),
 * or the one just above it (a price printed under its dish). Pairs are made best first by cost:
 * a row match costs its misalignment, plus a penalty when the name is far away (in a two-column
 * menu the other column's name can share the row); a match above costs more, growing with distance.
 */
function pairLonePrices(segments: Segment[]): DraftDish[] {
  const prices = segments.filter((s) => s.kind === 'price');
  const names = segments.filter((s) => s.kind === 'text' && isName(s.text));
  const expectedOffset = fitRowOffsets(names, prices);
  const candidates: { name: Segment; price: Segment; cost: number }[] = [];
  for (const price of prices) {
    const p = price.box;
    const h = price.lineHeight;
    for (const name of names) {
      const n = name.box;
      if (right(n) <= p.left + h * 0.5) {
        const misalignment = Math.abs(middle(p) - middle(n) - expectedOffset(p, n)) / h;
        const gap = (p.left - right(n)) / h;
        if (misalignment < 0.4)
          candidates.push({ name, price, cost: misalignment + Math.max(0, gap - 3) * 0.1 });
      }
      // The price printed before the name ("23  Grilled salmon"): close on its right, on its row.
      // It costs a little more than a price after a name, which is the usual order.
      const after = (n.left - right(p)) / h;
      if (after > -0.3 && after < 2) {
        const misalignment = Math.abs(middle(p) - middle(n)) / h;
        if (misalignment < 0.4) candidates.push({ name, price, cost: misalignment + 0.15 + after * 0.05 });
      }
      const below = (p.top - bottom(n)) / h;
      const indent = Math.abs(n.left - p.left) / h;
      if (below > -0.3 && below < 1.2 && (overlapX(n, p) > 0 || indent < 3)) {
        candidates.push({ name, price, cost: 0.5 + Math.max(0, below) * 0.3 + indent * 0.05 });
      }
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  const dishes: DraftDish[] = [];
  for (const { name, price } of candidates) {
    if (!name.used && !price.used) dishes.push(dishFrom(name, price));
  }
  return dishes;
}

/**
 * Levelling (skew.ts) leaves some slope in a photo taken at an angle, so a row's price may sit a
 * little higher or lower than its name, by an amount that changes smoothly down the page. Returns
 * the offset expected for a price: a line offset = a + b·y fitted with Theil–Sen (medians: a few
 * wrong pairs do not move it), or no offset when the rows do not agree on one. Measured: +2.7 points
 * of recall on the benchmark.
 */
function fitRowOffsets(names: Segment[], prices: Segment[]): (price: Box, name: Box) => number {
  const rows = prices
    .map((price) => ({
      y: middle(price.box),
      h: price.lineHeight,
      offsets: names
        .filter((n) => right(n.box) <= price.box.left)
        .map((n) => middle(price.box) - middle(n.box))
        .filter((offset) => Math.abs(offset) < price.lineHeight * 0.8),
    }))
    .filter((row) => row.offsets.length > 0)
    .sort((a, b) => a.y - b.y);
  const line = refinedFit(rows);
  return line ? (p) => line(middle(p)) : () => 0;
}

type OffsetRow = { y: number; h: number; offsets: number[] };
type Line = (y: number) => number;

const nearestTo = (offsets: number[], expected: number) =>
  offsets.reduce((best, o) => (Math.abs(o - expected) < Math.abs(best - expected) ? o : best));

/** Each price's best-aligned name, fitted; then again with the names best aligned under that fit. */
function refinedFit(rows: OffsetRow[]): Line | null {
  let current: Line = () => 0;
  for (let round = 0; round < 3; round++) {
    const samples = rows.map((row) => ({
      y: row.y,
      h: row.h,
      offset: nearestTo(row.offsets, current(row.y)),
    }));
    const line = theilSen(samples);
    if (!line) return null;
    const agreeing = samples.filter((s) => Math.abs(s.offset - line(s.y)) < s.h * 0.3);
    if (agreeing.length < samples.length * 0.6) return null;
    current = line;
  }
  return current;
}

/** The line through points (y, offset) that halves the slopes and intercepts: robust to outliers. */
function theilSen(samples: { y: number; offset: number; h: number }[]): Line | null {
  if (samples.length < 4) return null;
  const slopes: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i] as (typeof samples)[number];
      const b = samples[j] as (typeof samples)[number];
      if (Math.abs(b.y - a.y) > a.h) slopes.push((b.offset - a.offset) / (b.y - a.y));
    }
  }
  const slope = median(slopes);
  const intercept = median(samples.map((s) => s.offset - slope * s.y));
  return (y) => intercept + slope * y;
}

/** "each", "je", "各", "จานละ"…: a price that holds for every dish of the section it heads. */
const PER_ITEM =
  /(?:^|[\s(])(?:je|jeweils|each|ea\.?|per (?:dish|plate|portion)|chacun|chaque|la pièce|cada uno|cada|c\/u|cad\.|cadauno|l'uno|mỗi (?:phần|món|suất|ly)|đồng giá)(?=[\s)]|$)|各|每[份碗位个個盘盤杯]|(?:จาน|ชุด|ถ้วย|แก้ว|ชิ้น)ละ|개당|각/u;

/**
 * Menus that price a whole section print the price once, with its heading ("Getränke je 3,50 €",
 * "麺類 各690円"), and the dishes under it without one. Such a heading reads as a dish with a
 * price; it is told from one by what follows it: at least two names without prices, as tall as
 * the page's dish names, and by being larger than them or saying "each". Those names become the
 * dishes, at the section's price, and the heading their category.
 */
function sectionPrices(dishes: DraftDish[], segments: Segment[]): DraftDish[] {
  const priced = dishes.map((dish) => dish.nameSegment);
  const sections = new Map<DraftDish, Segment[]>();
  const candidates = new Map<DraftDish, Segment[]>();
  for (const dish of dishes) {
    const names = unpricedNamesUnder(dish, priced, segments);
    if (names.length >= 2) candidates.set(dish, names);
  }
  for (const [dish, names] of candidates) {
    // Word boxes include ascenders and descenders ("Soupe à l'oignon" is taller than "Poulet"):
    // a heading is taller than the names' median and clearly taller than the shortest of them,
    // measured by letterHeight (diacritics and single kanji make boxes taller).
    const h = letterHeight(dish.nameSegment);
    const heights = names.map((s) => letterHeight(s));
    if ((h >= median(heights) * 1.1 && h >= Math.min(...heights) * 1.2) || PER_ITEM.test(dish.name))
      sections.set(dish, names);
  }
  // A heading set in a light face is no taller than its dishes ("小菜 55" over "客家小炒"). When
  // most priced lines of the page head a list of unpriced names as large as themselves, the page
  // prices by section: a page priced dish by dish has a price on (nearly) every row, and a
  // description under a dish is smaller than it.
  const plain = dishes.length - candidates.size;
  if (candidates.size >= 2 && candidates.size >= plain) {
    for (const [dish, names] of candidates) {
      const own = letterHeight(dish.nameSegment);
      if (median(names.map((s) => letterHeight(s))) >= own * 0.85) sections.set(dish, names);
    }
  }
  // A dish followed by two lines of its description looks like a heading too; but its "names"
  // are smaller than the page's other dishes, where a section's names are as large.
  const dishHeights = dishes.filter((d) => !sections.has(d)).map((d) => letterHeight(d.nameSegment));
  const result: DraftDish[] = [];
  for (const dish of dishes) {
    const names = sections.get(dish);
    const nameHeight = names ? median(names.map((s) => letterHeight(s))) : 0;
    if (!names || (dishHeights.length >= 2 && nameHeight < median(dishHeights) * 0.85)) {
      result.push(dish);
      continue;
    }
    const heading = dish.nameSegment;
    heading.kind = 'text';
    heading.used = false;
    heading.text = cleanName(dish.name.replace(PER_ITEM, ' '));
    for (const name of names) {
      name.used = true;
      result.push({
        name: name.text,
        priceMinor: dish.priceMinor,
        // The heading is their category, whatever its size (assignCategories judges by size).
        ...(heading.text ? { category: heading.text } : {}),
        box: name.box,
        nameSegment: name,
      });
    }
  }
  return result;
}

/** The name lines under a priced line, down to the next priced line of its column, without descriptions. */
function unpricedNamesUnder(dish: DraftDish, priced: Segment[], segments: Segment[]): Segment[] {
  const heading = dish.nameSegment;
  const nextPriced = priced
    .filter((s) => s !== heading && s.box.top > bottom(heading.box) && overlapX(s.box, heading.box) > 0)
    .reduce((top, s) => Math.min(top, s.box.top), Number.POSITIVE_INFINITY);
  const under = segments
    .filter(
      (s) =>
        s.kind === 'text' &&
        !s.used &&
        isName(s.text) &&
        s.box.top >= bottom(heading.box) - heading.lineHeight * 0.2 &&
        s.box.top < nextPriced &&
        overlapX(s.box, heading.box) > 0,
    )
    .sort((a, b) => a.box.top - b.box.top);
  const nameHeight = median(under.map((s) => s.lineHeight));
  const nameLetterHeight = median(under.map((s) => letterHeight(s)));
  const headingLetterHeight = letterHeight(heading);
  const names: Segment[] = [];
  let previousBottom = bottom(dish.box);
  for (const s of under) {
    // A wide gap or the next heading (as tall as this one) ends the section. Kana and Thai word
    // boxes vary by a third in height, so only a line nearly as tall as the heading is one; CJK
    // lines are measured by letterHeight, since a kanji's box is often half as tall again as the
    // line (つけ麺: 39 and 53 px), which made a dish a "heading".
    const h = letterHeight(s);
    const nextHeading = h > nameLetterHeight * 1.3 && h >= headingLetterHeight * 0.95;
    if (s.box.top - previousBottom > nameHeight * 3 || nextHeading) break;
    previousBottom = bottom(s.box);
    if (s.lineHeight >= nameHeight * 0.8) names.push(s);
  }
  return names;
}

/**
 * A name too long for one line continues on the next; the price sits at the end of the last line.
 * A text line directly above a dish's name, as large and aligned with it, with no more than line
 * spacing between, is the start of that name.
 */
function joinWrappedNames(dishes: DraftDish[], segments: Segment[]): void {
  for (const dish of dishes) {
    const first = dish.nameSegment;
    const h = first.lineHeight;
    const start = segments.find(
      (s) =>
        s.kind === 'text' &&
        !s.used &&
        isName(s.text) &&
        s.block === first.block &&
        bottom(s.box) <= first.box.top + h * 0.2 &&
        first.box.top - bottom(s.box) < h * 0.45 &&
        Math.abs(s.box.left - first.box.left) < h * 0.6 &&
        s.lineHeight > h * 0.85 &&
        s.lineHeight < h * 1.15,
    );
    if (!start) continue;
    start.used = true;
    dish.name = `${start.text} ${dish.name}`;
    dish.box = unionBox([dish.box, start.box]);
  }
}

/**
 * Section headings are the text lines left over that are larger than dish names, or as large and
 * directly followed by dishes. Each dish takes the nearest heading above it in its column.
 */
function assignCategories(dishes: DraftDish[], segments: Segment[]): void {
  if (dishes.length === 0) return;
  const dishHeight = median(dishes.map((d) => d.nameSegment.lineHeight));
  const headings = segments.filter((s) => {
    if (s.kind !== 'text' || s.used || !isName(s.text) || s.lineHeight < dishHeight * 0.9) return false;
    if (s.lineHeight >= dishHeight * 1.2) return true;
    return dishes.some(
      (d) =>
        d.box.top >= bottom(s.box) &&
        d.box.top - bottom(s.box) < s.lineHeight * 2 &&
        overlapX(d.box, s.box) > 0,
    );
  });
  for (const dish of dishes) {
    if (dish.category) continue;
    const above = headings.filter(
      (h) =>
        bottom(h.box) <= dish.box.top + dish.nameSegment.lineHeight * 0.3 && overlapX(h.box, dish.box) > 0,
    );
    const nearest = above.sort((a, b) => bottom(b.box) - bottom(a.box))[0];
    if (nearest) dish.category = nearest.text;
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const THAI = /\p{Script=Thai}/u;

/**
 * The height of a line's letters, for telling headings from dishes. Tesseract's box for a Chinese
 * or Japanese character is now and then half as tall again as the line ("锅包肉": 40, 62, 62 px)
 * but rarely too short, so a CJK line is as tall as its shortest character, leaving out flat
 * ones (一, ー: under 0.6 of the tallest). Thai keeps the median word height: the lower middle
 * lost 6 dishes of Thai sections on the benchmark.
 */
function letterHeight(segment: Segment): number {
  const letters = segment.words.filter((word) => /\p{L}/u.test(word.text));
  if (letters.length === 0 || THAI.test(segment.text)) return segment.lineHeight;
  if (!CJK.test(segment.text)) {
    // The lower middle of its words' heights: a descender or stacked Vietnamese marks make one
    // word taller ("Mì Quảng": 34 and 48 px), which must not make a dish a heading.
    const heights = letters.map((word) => word.height).sort((a, b) => a - b);
    return heights[Math.floor((heights.length - 1) / 2)] as number;
  }
  const tallest = Math.max(...letters.map((word) => word.height));
  return Math.min(...letters.map((word) => word.height).filter((h) => h >= tallest * 0.6));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Column by column (dishes whose boxes overlap horizontally share one), top to bottom. */
function readingOrder(dishes: DraftDish[]): DraftDish[] {
  const column = dishes.map((_, i) => i);
  const find = (i: number): number => {
    const parent = column[i] as number;
    if (parent === i) return i;
    const root = find(parent);
    column[i] = root;
    return root;
  };
  for (let i = 0; i < dishes.length; i++) {
    for (let j = i + 1; j < dishes.length; j++) {
      const a = dishes[i] as DraftDish;
      const b = dishes[j] as DraftDish;
      if (overlapX(a.box, b.box) > Math.min(a.box.width, b.box.width) * 0.3) column[find(i)] = find(j);
    }
  }
  const left = new Map<number, number>();
  dishes.forEach((dish, i) => {
    const root = find(i);
    left.set(root, Math.min(left.get(root) ?? Number.POSITIVE_INFINITY, dish.box.left));
  });
  return dishes
    .map((dish, i) => ({ dish, columnLeft: left.get(find(i)) ?? 0 }))
    .sort((a, b) => a.columnLeft - b.columnLeft || a.dish.box.top - b.dish.box.top)
    .map(({ dish }) => dish);
}

function relative(box: Box, { width, height, levelling }: ReadMenuOptions): RelativeBox {
  const onPhoto = levelling ? unlevelBox(box, levelling) : box;
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const top = Math.max(0, onPhoto.top);
  const bottom = Math.min(height, onPhoto.top + onPhoto.height);
  return {
    x: round(onPhoto.left / width),
    y: round(top / height),
    w: round(onPhoto.width / width),
    h: round((bottom - top) / height),
  };
}

// ---------- the confidence gate ----------

/** Below this mean confidence (0–100, Tesseract's, weighted by length) a name is a misreading. */
export const MIN_NAME_CONFIDENCE = 45;

const SCRIPT_LETTER: Record<Exclude<Script, 'latin'>, RegExp> = {
  hangul: /\p{Script=Hangul}/u,
  japanese: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  han: /\p{Script=Han}/u,
  thai: /\p{Script=Thai}/u,
};
const NON_LATIN_LETTER =
  /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu;

/**
 * Whether a read dish is real enough to offer the host: mostly letters (not symbols and digits),
 * recognised with confidence, and written in the menu's script. A name in Latin letters stays on a
 * Korean or Thai menu ("Coca-Cola", "BBQ") when Tesseract was sure of it; on a Latin-script menu a
 * name in another script is what a wrong model made of something else.
 */
export function isOffered(
  dish: { name: string; nameSegment: { words: readonly OcrWord[] } },
  script?: Script,
) {
  const visible = dish.name.replace(/\s/g, '');
  const letters = visible.match(/\p{L}/gu) ?? [];
  if (letters.length < visible.length * 0.5) return false;
  const confidence = meanConfidence(dish.nameSegment.words);
  if (confidence < MIN_NAME_CONFIDENCE) return false;
  if (!script) return true;
  if (script === 'latin') return (dish.name.match(NON_LATIN_LETTER) ?? []).length === 0;
  return SCRIPT_LETTER[script].test(dish.name) || (letters.length >= 3 && confidence >= 80);
}

/** Tesseract's mean confidence in the words that have letters, weighted by their length. */
export function meanConfidence(words: readonly OcrWord[]): number {
  const named = words.filter((word) => /\p{L}/u.test(word.text));
  const length = named.reduce((sum, word) => sum + word.text.length, 0);
  if (length === 0) return 0;
  return named.reduce((sum, word) => sum + word.confidence * word.text.length, 0) / length;
}
