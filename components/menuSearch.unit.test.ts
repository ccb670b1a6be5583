import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch, searchStem, searchWords } from './menuSearch';

describe('menu search', () => {
  it('finds singular and plural alike', () => {
    const text = foldForSearch('Rice noodle soup with tomato and fried anchovies, spicy');
    for (const query of ['noodles', 'noodle', 'tomatoes', 'anchovy', 'Anchovies', 'soups', 'spicy']) {
      expect(matchesSearch(text, searchWords(query)), query).toBe(true);
    }
    expect(matchesSearch(text, searchWords('beef'))).toBe(false);
  });

  it('needs every word, and folds accents and case', () => {
    const text = foldForSearch('Café au lait');
    expect(matchesSearch(text, searchWords('CAFE lait'))).toBe(true);
    expect(matchesSearch(text, searchWords('cafe tea'))).toBe(false);
  });

  it('keeps short words, double s and other scripts as typed', () => {
    expect(searchStem('gas')).toBe('gas');
    expect(searchStem('bass')).toBe('bass');
    expect(searchStem('dishes')).toBe('dish');
    expect(searchWords('김치 찌개')).toEqual(['김치', '찌개']);
    expect(matchesSearch(foldForSearch('김치찌개'), searchWords('찌개'))).toBe(true);
  });
});
