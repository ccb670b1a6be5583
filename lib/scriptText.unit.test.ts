import { describe, expect, it } from 'vitest';
import { composeThaiSaraAm, halfWidthAscii, normaliseRecognised } from './scriptText';

describe('normalising recognised text', () => {
  it('composes Thai SARA AM from NIKHAHIT + SARA AA, with a tone mark before or between them', () => {
    // ต้มยำ as Tesseract writes it: ต ้ ม ย ํ า
    expect(composeThaiSaraAm('ต\u0E49มย\u0E4D\u0E32')).toBe('ต้มยำ');
    // น้ำ with the tone mark between NIKHAHIT and SARA AA, and before both.
    expect(composeThaiSaraAm('น\u0E4D\u0E49\u0E32')).toBe('น้ำ');
    expect(composeThaiSaraAm('น\u0E49\u0E4D\u0E32')).toBe('น้ำ');
    // Already composed text and other scripts pass unchanged.
    expect(composeThaiSaraAm('ต้มยำกุ้ง ramen 라면')).toBe('ต้มยำกุ้ง ramen 라면');
  });

  it('turns full-width ASCII into ASCII and leaves other wide forms as printed', () => {
    expect(halfWidthAscii('Ａセット　１，２００円')).toBe('Aセット 1,200円');
    expect(halfWidthAscii('￥８５０')).toBe('¥850');
    expect(halfWidthAscii('①㈱ｶﾚｰ')).toBe('①㈱ｶﾚｰ');
  });

  it('composes accents (NFC), so a name read as e + combining acute is the printed é', () => {
    expect(normaliseRecognised('Cre\u0300me bru\u0302le\u0301e')).toBe('Crème brûlée');
    expect(normaliseRecognised('Pho\u031B\u0309 bo\u0300')).toBe('Phở bò');
  });
});
