import { expect, it } from 'vitest';
import { guessLanguageFromScript } from '../menuLanguageGuess';

it("guesses a typed menu's language from its script, and leaves Latin script to the host", () => {
  expect(guessLanguageFromScript('김치찌개 9000\n비빔밥 8000')).toBe('ko');
  expect(guessLanguageFromScript('とんこつラーメン 900\n餃子 400')).toBe('ja');
  expect(guessLanguageFromScript('宫保鸡丁 38\n麻婆豆腐 28')).toBe('zh-Hans');
  expect(guessLanguageFromScript('ผัดไทย 60\nต้มยำกุ้ง 120')).toBe('th');
  expect(guessLanguageFromScript('Steak frites 18 €')).toBeNull();
  expect(guessLanguageFromScript('')).toBeNull();
});
