// Draws one menu's content and look from a seed: which dishes, prices, sections, layout and fonts.
import type { CurrencyCode } from '../../lib/money';
import { FONTS } from './fonts';
import { PRICE_STYLES, SECTION_PRICE_WORDS } from './prices';
import type { Random } from './random';
import { type CorpusLanguage, MENU_KINDS, type MenuKindId } from './vocab';

/**
 * - leaders: one column, name …… price;
 * - columns: two columns, prices right-aligned;
 * - nextLine: two columns, the price on the line under the name;
 * - descriptions: one column, a smaller description line under some names (Latin and Vietnamese);
 * - sectionPrices: one price per section, printed with its heading; the dishes under it have none;
 * - priceLeft: two columns, the price on the left of the name.
 */
export const LAYOUTS = [
  'leaders',
  'columns',
  'nextLine',
  'descriptions',
  'sectionPrices',
  'priceLeft',
] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface SpecDish {
  name: string;
  priceMinor: number;
  priceText: string;
  /** The price is the section's, printed with its heading; the dish's row shows none. */
  sectionPriced?: boolean;
  description?: string;
}

export interface SpecSection {
  category: string;
  /** A price that holds for every dish of the section (layout sectionPrices). */
  price?: { minor: number; text: string };
  dishes: SpecDish[];
}

export interface MenuSpec {
  language: CorpusLanguage;
  kind: MenuKindId;
  currency: CurrencyCode;
  layout: Layout;
  columns: 1 | 2;
  title: string;
  sections: SpecSection[];
  /** Font stacks (fonts.ts). */
  bodyFont: string;
  headingFont: string;
  /** Leaders drawn as printed dots, a dotted rule, or none. */
  leader: 'dots' | 'rule' | 'none';
  /** Where a section price stands: right-aligned on the heading line, just after it, or under it. */
  sectionPricePlacement: 'right' | 'after' | 'below';
  paper: string;
  ink: string;
  accent: string;
}

const PAPERS = [
  { paper: '#ffffff', ink: '#111111', accent: '#8b1a1a' },
  { paper: '#fbf5e6', ink: '#2b2118', accent: '#6b3e1f' },
  { paper: '#f4f1ea', ink: '#1d2b3a', accent: '#1d2b3a' },
  { paper: '#fffdf7', ink: '#222222', accent: '#b5541c' },
];

/** Layouts that suit a language: descriptions under names are a Western and Vietnamese habit. */
export function layoutsFor(language: CorpusLanguage): Layout[] {
  const describes = MENU_KINDS[language].some((kind) => kind.vocabulary.descriptions.length > 0);
  return LAYOUTS.filter((layout) => describes || layout !== 'descriptions');
}

/**
 * The menu `index` of `language`. `rotation` (the corpus seed) shifts which body font goes with
 * which menu, so that another seed pairs layouts and fonts differently.
 */
export function drawMenuSpec(
  language: CorpusLanguage,
  index: number,
  random: Random,
  rotation = 0,
): MenuSpec {
  const kinds = MENU_KINDS[language];
  const kind = kinds[index % kinds.length] as (typeof kinds)[number];
  const vocabulary = kind.vocabulary;
  const layouts = layoutsFor(language);
  // Rotate through the layouts so that even a small corpus covers each of them in every language.
  const layout = layouts[index % layouts.length] as Layout;
  // Rotate through the price styles too, offset per language so that layout and style vary together.
  const styles = PRICE_STYLES[kind.id];
  const style = styles[(index + language.length + rotation) % styles.length] as (typeof styles)[number];
  const columns: 1 | 2 =
    layout === 'columns' || layout === 'nextLine' || layout === 'priceLeft'
      ? 2
      : layout === 'sectionPrices' && random.chance(0.5)
        ? 2
        : 1;
  const sectionCount = random.int(2, columns === 2 ? 4 : 3);
  // Menus fill their page, so more dishes also means smaller type.
  const dishCount = random.int(columns === 2 ? 14 : 9, columns === 2 ? 30 : 20);
  const names = random.sample(vocabulary.dishes, dishCount);
  const categories = random.sample(vocabulary.categories, sectionCount);
  const describes = vocabulary.descriptions.length > 0;
  const eachWord = SECTION_PRICE_WORDS[kind.id];
  const sections = categories.map((category, i): SpecSection => {
    const from = Math.floor((i * names.length) / sectionCount);
    const to = Math.floor(((i + 1) * names.length) / sectionCount);
    // Most sections of such a menu carry one price (the first always); the others price each dish.
    const sectionPriced = layout === 'sectionPrices' && (i === 0 || random.chance(0.7));
    let price: SpecSection['price'];
    if (sectionPriced) {
      const minor = style.draw(random);
      const amount = style.format(minor);
      const text =
        eachWord && random.chance(0.4)
          ? eachWord.before
            ? `${eachWord.word} ${amount}`
            : `${amount} ${eachWord.word}`
          : amount;
      price = { minor, text };
    }
    const descriptionChance =
      layout === 'descriptions' ? 0.7 : layout === 'sectionPrices' && describes ? 0.4 : 0;
    const dishes = names.slice(from, to).map((name): SpecDish => {
      const priceMinor = price ? price.minor : style.draw(random);
      const description =
        descriptionChance > 0 && random.chance(descriptionChance)
          ? random.pick(vocabulary.descriptions)
          : undefined;
      return {
        name,
        priceMinor,
        priceText: price ? price.text : style.format(priceMinor),
        ...(price ? { sectionPriced: true } : {}),
        ...(description ? { description } : {}),
      };
    });
    return { category, ...(price ? { price } : {}), dishes };
  });
  const fonts = FONTS[kind.id];
  const colours = random.pick(PAPERS);
  return {
    language,
    kind: kind.id,
    currency: kind.currency,
    layout,
    columns,
    title: random.pick(vocabulary.titles),
    sections,
    // Rotate through the fonts as well: a language's menus each get another one.
    bodyFont: fonts[(index + rotation * 7) % fonts.length] as string,
    headingFont: random.pick(fonts),
    leader:
      layout === 'leaders'
        ? random.pick(['dots', 'dots', 'rule'] as const)
        : layout === 'priceLeft' || layout === 'nextLine'
          ? 'none'
          : random.pick(['none', 'none', 'dots'] as const),
    sectionPricePlacement: random.pick(['right', 'right', 'after', 'below'] as const),
    ...colours,
  };
}
