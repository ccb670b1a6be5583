// The shape of the built-in dish glossaries (lib/glossary/data/<cuisine>.ts): hand-written entries
// for the common dishes and menu words of each cuisine, with a short explanation in every interface
// language. Nothing here is machine-translated; each entry names its source.
import type { IngredientHint, InterfaceLanguage } from '../protocol';

export { INGREDIENT_HINTS, type IngredientHint } from '../protocol';

/** Interface languages an explanation is written in. */
export { INTERFACE_LANGUAGES as GLOSS_LANGUAGES } from '../protocol';
export type GlossLanguage = InterfaceLanguage;

export interface GlossaryEntry {
  /**
   * The name as menus print it, first the usual spelling, then common variants: spacing (김치 찌개),
   * frequent misspellings (김치찌게), other scripts of the same word (牛肉面 / 牛肉麵), with or without
   * accents for Latin scripts only where menus really drop them.
   */
  names: string[];
  /**
   * A reading in Latin letters for non-Latin names: Korean Revised Romanization, Japanese modified
   * Hepburn, Mandarin Hanyu Pinyin with tone marks, Thai RTGS. Absent for Latin-script names.
   */
  reading?: string;
  /** A known dish, or a menu word (ingredient, cooking method, size, "set") used to explain others. */
  kind: 'dish' | 'word';
  /** A short explanation (at most ~60 characters) in each interface language. */
  gloss: Record<GlossLanguage, string>;
  /** Main ingredients worth a hint (only what the dish usually contains). */
  contains?: IngredientHint[];
  /** Where the description comes from (a reference book, an official menu guide, ...). */
  source: string;
}
