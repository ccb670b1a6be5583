// Draws one menu's content and look from a seed: which dishes, prices, sections, layout and fonts.
import { PRICE_STYLES } from './prices';
import type { Random } from './random';
import { type CorpusLanguage, VOCABULARIES } from './vocab';

export const LAYOUTS = ['leaders', 'columns', 'nextLine', 'descriptions'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface SpecDish {
  name: string;
  priceMinor: number;
  priceText: string;
  description?: string;
}

export interface MenuSpec {
  language: CorpusLanguage;
  layout: Layout;
  title: string;
  sections: { category: string; dishes: SpecDish[] }[];
  bodyFont: string;
  headingFont: string;
  /** Leaders drawn as printed dots, a dotted rule, or none. */
  leader: 'dots' | 'rule' | 'none';
  paper: string;
  ink: string;
  accent: string;
}

const FONTS: Record<CorpusLanguage, string[]> = {
  ko: ['Noto Sans CJK KR', 'Noto Serif CJK KR'],
  ja: ['Noto Sans CJK JP', 'Noto Serif CJK JP'],
  'zh-Hans': ['Noto Sans CJK SC', 'Noto Serif CJK SC'],
  th: ['Loma', 'Garuda', 'Norasi', 'Kinnari', 'Waree', 'Sawasdee'],
  vi: ['DejaVu Sans', 'DejaVu Serif', 'Liberation Sans', 'Liberation Serif'],
  fr: ['DejaVu Serif', 'Liberation Serif', 'Liberation Sans', 'DejaVu Sans', 'Noto Sans CJK JP'],
  de: ['DejaVu Sans', 'Liberation Sans', 'DejaVu Serif', 'Liberation Sans Narrow', 'Noto Serif CJK JP'],
  en: ['Liberation Sans', 'DejaVu Sans', 'Liberation Serif', 'DejaVu Serif', 'Noto Sans CJK JP'],
};

const PAPERS = [
  { paper: '#ffffff', ink: '#111111', accent: '#8b1a1a' },
  { paper: '#fbf5e6', ink: '#2b2118', accent: '#6b3e1f' },
  { paper: '#f4f1ea', ink: '#1d2b3a', accent: '#1d2b3a' },
  { paper: '#fffdf7', ink: '#222222', accent: '#b5541c' },
];

/** Layouts that suit a language: descriptions under names are a Western and Vietnamese habit. */
export function layoutsFor(language: CorpusLanguage): Layout[] {
  return VOCABULARIES[language].descriptions.length > 0 ? [...LAYOUTS] : ['leaders', 'columns', 'nextLine'];
}

export function drawMenuSpec(language: CorpusLanguage, index: number, random: Random): MenuSpec {
  const vocabulary = VOCABULARIES[language];
  const layouts = layoutsFor(language);
  // Rotate through the layouts so that even a small corpus covers each of them in every language.
  const layout = layouts[index % layouts.length] as Layout;
  // Rotate through the price styles too, offset per language so that layout and style vary together.
  const styles = PRICE_STYLES[language];
  const style = styles[(index + language.length) % styles.length] as (typeof styles)[number];
  const twoColumns = layout === 'columns' || layout === 'nextLine';
  const sectionCount = random.int(2, twoColumns ? 4 : 3);
  // Menus fill their page, so more dishes also means smaller type.
  const dishCount = random.int(twoColumns ? 14 : 9, twoColumns ? 30 : 20);
  const names = random.sample(vocabulary.dishes, dishCount);
  const categories = random.sample(vocabulary.categories, sectionCount);
  const sections = categories.map((category, i) => {
    const from = Math.floor((i * names.length) / sectionCount);
    const to = Math.floor(((i + 1) * names.length) / sectionCount);
    const dishes = names.slice(from, to).map((name): SpecDish => {
      const priceMinor = style.draw(random);
      const description =
        layout === 'descriptions' && random.chance(0.7) ? random.pick(vocabulary.descriptions) : undefined;
      return {
        name,
        priceMinor,
        priceText: style.format(priceMinor),
        ...(description ? { description } : {}),
      };
    });
    return { category, dishes };
  });
  const fonts = FONTS[language];
  const colours = random.pick(PAPERS);
  return {
    language,
    layout,
    title: random.pick(vocabulary.titles),
    sections,
    bodyFont: random.pick(fonts),
    headingFont: random.pick(fonts),
    leader:
      layout === 'leaders'
        ? random.pick(['dots', 'dots', 'rule'] as const)
        : random.pick(['none', 'none', 'dots'] as const),
    ...colours,
  };
}
