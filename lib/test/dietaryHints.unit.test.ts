import { expect, it } from 'vitest';
import { hintsAgainst } from '../dietaryHints';

it('names the hints of a dish that touch a need, and nothing for needs it does not touch', () => {
  expect(hintsAgainst(['vegetarian'], ['pork', 'spicy'])).toEqual(['pork']);
  expect(hintsAgainst(['vegan'], ['egg', 'wheat'])).toEqual(['egg']);
  expect(hintsAgainst(['halal'], ['alcohol', 'chicken'])).toEqual(['alcohol']);
  expect(hintsAgainst(['shellfish'], ['seafood'])).toEqual(['seafood']);
  expect(hintsAgainst(['not_spicy'], ['pork'])).toEqual([]);
  expect(hintsAgainst([], ['peanuts'])).toEqual([]);
});
