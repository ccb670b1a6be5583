/** Words a generated menu is made of, for one language. Real dish names, as restaurants print them. */
export interface Vocabulary {
  titles: string[];
  categories: string[];
  dishes: string[];
  /** Short lines printed under a dish name in smaller type (only where menus of that language do so). */
  descriptions: string[];
}
