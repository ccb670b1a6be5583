// Which of a member's dietary needs a dish's ingredient hints touch, for a gentle "may contain"
// on the menu. The hints say what a dish usually has; their absence never means a dish is safe,
// and the room never says so.
import type { DietaryNeed, IngredientHint } from './protocol';

const MEAT: IngredientHint[] = ['pork', 'beef', 'chicken', 'lamb', 'meat'];
const SEA: IngredientHint[] = ['fish', 'shellfish', 'seafood'];

/** The hints that go against each need. */
export const HINTS_AGAINST: Record<DietaryNeed, IngredientHint[]> = {
  peanuts: ['peanuts'],
  tree_nuts: ['tree_nuts'],
  shellfish: ['shellfish', 'seafood'],
  fish: ['fish', 'seafood'],
  egg: ['egg'],
  milk: ['milk'],
  wheat: ['wheat'],
  soy: ['soy'],
  sesame: ['sesame'],
  vegetarian: [...MEAT, ...SEA],
  vegan: [...MEAT, ...SEA, 'egg', 'milk'],
  no_pork: ['pork', 'meat'],
  no_beef: ['beef', 'meat'],
  no_alcohol: ['alcohol'],
  halal: ['pork', 'alcohol', 'meat'],
  not_spicy: ['spicy'],
};

/** The hints of a dish that go against any of `needs`, in the hints' order. */
export function hintsAgainst(
  needs: readonly DietaryNeed[],
  hints: readonly IngredientHint[],
): IngredientHint[] {
  const against = new Set(needs.flatMap((need) => HINTS_AGAINST[need]));
  return hints.filter((hint) => against.has(hint));
}
