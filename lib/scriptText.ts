// Text as a recogniser or a keyboard produces it → the one form the product compares and shows.
// Shared by menu reading (names read from photos) and the glossaries (names looked up).

/**
 * Thai SARA AM (ำ) composed: Tesseract and some keyboards write it as NIKHAHIT + SARA AA (ํ + า),
 * with any tone mark before or between them (ต้มยำ comes out as ต้มยํา). Unicode normalisation
 * does not compose these, so matching and display do it here.
 */
export function composeThaiSaraAm(text: string): string {
  return text
    .replace(/\u0E4D([\u0E48-\u0E4B]?)\u0E32/g, '$1\u0E33')
    .replace(/([\u0E48-\u0E4B])\u0E4D\u0E32/g, '$1\u0E33');
}

/**
 * Full-width ASCII (ＡＢＣ１２３￥＄, common on Chinese and Japanese menus) as ordinary ASCII, and
 * the ideographic space as a space. Unlike NFKC, leaves everything else as printed (㈱, ①, ｶﾅ stay).
 */
export function halfWidthAscii(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\uFFE5/g, '¥')
    .replace(/\uFFE6/g, '₩');
}

/** A recognised name in the form shown and stored: NFC, ASCII for full-width ASCII, Thai composed. */
export function normaliseRecognised(text: string): string {
  return composeThaiSaraAm(halfWidthAscii(text.normalize('NFC')));
}
