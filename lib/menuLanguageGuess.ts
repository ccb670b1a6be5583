// The menu's language guessed from typed dish names, by script: Hangul is Korean, kana Japanese,
// Han without kana Chinese, Thai Thai. Latin script cannot tell French from German, so it is left to
// the host (null). Photos are guessed by the photo reader; this is for typed menus.
import type { MenuLanguageCode } from './protocol';

export function guessLanguageFromScript(text: string): MenuLanguageCode | null {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  const hangul = count(/\p{Script=Hangul}/gu);
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const han = count(/\p{Script=Han}/gu);
  const thai = count(/\p{Script=Thai}/gu);
  const best = Math.max(hangul, kana + han, thai);
  if (best === 0) return null;
  if (best === hangul) return 'ko';
  if (best === thai) return 'th';
  // A few kana among kanji are Japanese (ラーメン, 定食の): Chinese menus have none.
  return kana > 0 ? 'ja' : 'zh-Hans';
}
