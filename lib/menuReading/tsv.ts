// Tesseract's TSV output → words with boxes → text lines with boxes.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface OcrWord extends Box {
  block: number;
  paragraph: number;
  line: number;
  /** 0–100, Tesseract's confidence in the word. */
  confidence: number;
  text: string;
  /**
   * Read by the price pass with a currency sign before it (pricePass.ts drops the sign, which
   * the English model may have guessed wrong, but the number was printed as a price).
   */
  signed?: boolean;
}

export interface OcrLine extends Box {
  block: number;
  words: OcrWord[];
  /** The words joined, with spaces where the script uses them (see joinWords). */
  text: string;
}

/** Reads the word rows (level 5) of Tesseract's TSV; rows for pages, blocks and lines are skipped. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const [, , block, paragraph, line, , left, top, width, height, confidence] = cells.map(Number);
    const text = cells.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({
      block: block ?? 0,
      paragraph: paragraph ?? 0,
      line: line ?? 0,
      left: left ?? 0,
      top: top ?? 0,
      width: width ?? 0,
      height: height ?? 0,
      confidence: confidence ?? 0,
      text,
    });
  }
  return words;
}

export function unionBox(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** Groups words into Tesseract's lines (block, paragraph, line), in reading order. */
export function groupLines(words: readonly OcrWord[]): OcrLine[] {
  const byKey = new Map<string, OcrWord[]>();
  for (const word of words) {
    const key = `${word.block}/${word.paragraph}/${word.line}`;
    const list = byKey.get(key);
    if (list) list.push(word);
    else byKey.set(key, [word]);
  }
  return [...byKey.values()].map((lineWords) => {
    const sorted = [...lineWords].sort((a, b) => a.left - b.left);
    return { ...unionBox(sorted), block: sorted[0]?.block ?? 0, words: sorted, text: joinWords(sorted) };
  });
}

// Tesseract reports each character (Chinese, Japanese, Thai) or syllable (Korean) as a word of its
// own more often than not; the spaces it then puts between them are not on the menu.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}ー々〆]/u;
/** Two syllables, or a number and a Korean price unit ("9 천 원"). */
const KOREAN_PAIR = /^(?:\p{Script=Hangul}\p{Script=Hangul}|\d[천만원]|[천만][\d원])$/u;

/**
 * Joins words with a space, except where the gap between them is narrower than a space in that
 * script: Chinese, Japanese and Thai are written without spaces, so two of their characters closer
 * than a line height (about one character) belong together. Korean separates words with spaces, but Tesseract's
 * syllable boxes are loose: measured on the corpus, false splits reach 0.38 line heights and real
 * spaces start at 0.33 (mostly 0.6), so syllables closer than 0.45 are joined.
 */
export function joinWords(words: readonly OcrWord[]): string {
  let text = '';
  let previous: OcrWord | undefined;
  for (const word of words) {
    if (previous) {
      const gap = word.left - (previous.left + previous.width);
      const height = Math.max(previous.height, word.height);
      const last = previous.text.at(-1) ?? '';
      const first = word.text[0] ?? '';
      const glued =
        (UNSPACED.test(last) && UNSPACED.test(first) && gap < height) ||
        (KOREAN_PAIR.test(last + first) && gap < height * 0.45);
      text += glued ? '' : ' ';
    }
    text += word.text;
    previous = word;
  }
  return text;
}
