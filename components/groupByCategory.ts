import type { Dish } from '@/lib/protocol';

export interface MenuSection {
  key: string;
  category: string | undefined;
  dishes: Dish[];
}

/** Consecutive dishes of one category under one heading, in menu order (a category may recur). */
export function groupByCategory(dishes: Dish[]): MenuSection[] {
  const sections: MenuSection[] = [];
  for (const dish of dishes) {
    const last = sections[sections.length - 1];
    if (last && last.category === dish.category) last.dishes.push(dish);
    else sections.push({ key: `${sections.length}:${dish.id}`, category: dish.category, dishes: [dish] });
  }
  return sections;
}
