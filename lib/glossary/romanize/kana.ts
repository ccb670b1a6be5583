// Modified Hepburn romanisation of kana (as in Kenkyūsha's dictionaries, with macrons): the reading
// of a Japanese name, once a morphological analyser has turned its kanji into kana. Long vowels are
// written with a macron (ō, ū, ā from ー), っ doubles the next consonant (tch before ch), and ん is n
// (n' before a vowel or y).

const BASE: Record<string, string> = {
  あ: 'a',
  い: 'i',
  う: 'u',
  え: 'e',
  お: 'o',
  か: 'ka',
  き: 'ki',
  く: 'ku',
  け: 'ke',
  こ: 'ko',
  が: 'ga',
  ぎ: 'gi',
  ぐ: 'gu',
  げ: 'ge',
  ご: 'go',
  さ: 'sa',
  し: 'shi',
  す: 'su',
  せ: 'se',
  そ: 'so',
  ざ: 'za',
  じ: 'ji',
  ず: 'zu',
  ぜ: 'ze',
  ぞ: 'zo',
  た: 'ta',
  ち: 'chi',
  つ: 'tsu',
  て: 'te',
  と: 'to',
  だ: 'da',
  ぢ: 'ji',
  づ: 'zu',
  で: 'de',
  ど: 'do',
  な: 'na',
  に: 'ni',
  ぬ: 'nu',
  ね: 'ne',
  の: 'no',
  は: 'ha',
  ひ: 'hi',
  ふ: 'fu',
  へ: 'he',
  ほ: 'ho',
  ば: 'ba',
  び: 'bi',
  ぶ: 'bu',
  べ: 'be',
  ぼ: 'bo',
  ぱ: 'pa',
  ぴ: 'pi',
  ぷ: 'pu',
  ぺ: 'pe',
  ぽ: 'po',
  ま: 'ma',
  み: 'mi',
  む: 'mu',
  め: 'me',
  も: 'mo',
  や: 'ya',
  ゆ: 'yu',
  よ: 'yo',
  ら: 'ra',
  り: 'ri',
  る: 'ru',
  れ: 're',
  ろ: 'ro',
  わ: 'wa',
  ゐ: 'i',
  ゑ: 'e',
  を: 'o',
  ん: 'n',
  ぁ: 'a',
  ぃ: 'i',
  ぅ: 'u',
  ぇ: 'e',
  ぉ: 'o',
  ゔ: 'vu',
};
const SMALL_Y: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };
// Katakana-only sounds of loanwords: ファ fa, ティ ti, ウィ wi, シェ she, チェ che, ジェ je...
const DIGRAPHS: Record<string, string> = {
  ふぁ: 'fa',
  ふぃ: 'fi',
  ふぇ: 'fe',
  ふぉ: 'fo',
  てぃ: 'ti',
  でぃ: 'di',
  とぅ: 'tu',
  どぅ: 'du',
  うぃ: 'wi',
  うぇ: 'we',
  うぉ: 'wo',
  しぇ: 'she',
  ちぇ: 'che',
  じぇ: 'je',
  つぁ: 'tsa',
  つぇ: 'tse',
  いぇ: 'ye',
  ゔぁ: 'va',
  ゔぃ: 'vi',
  ゔぇ: 've',
  ゔぉ: 'vo',
};
const MACRON: Record<string, string> = { a: 'ā', i: 'ī', u: 'ū', e: 'ē', o: 'ō' };

/** Katakana to hiragana (the prolonged sound mark ー is kept). */
export function toHiragana(text: string): string {
  return text.replace(/[\u30A1-\u30F6]/g, (c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - 0x60));
}

export function kanaToHepburn(kana: string): string {
  const text = toHiragana(kana);
  let out = '';
  let doubleNext = false;
  let afterN = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const pair = char + (text[i + 1] ?? '');
    let syllable: string | undefined;
    if (DIGRAPHS[pair]) {
      syllable = DIGRAPHS[pair];
      i++;
    } else if (SMALL_Y[text[i + 1] ?? ''] && BASE[char]?.endsWith('i') && char !== 'い') {
      // きゃ kya, しゃ sha, ちゃ cha, じゃ ja.
      const stem = (BASE[char] ?? '').slice(0, -1);
      const vowel = SMALL_Y[text[i + 1] ?? ''] ?? '';
      syllable = /^(sh|ch|j)$/.test(stem) ? stem + vowel : `${stem}y${vowel}`;
      i++;
    } else if (char === 'っ') {
      doubleNext = true;
      continue;
    } else if (char === 'ー') {
      const last = out.at(-1) ?? '';
      if (MACRON[last]) out = out.slice(0, -1) + MACRON[last];
      continue;
    } else {
      syllable = BASE[char];
    }
    if (syllable === undefined) {
      out += char;
      doubleNext = false;
      afterN = false;
      continue;
    }
    if (doubleNext) {
      out += syllable.startsWith('ch') ? 't' : syllable[0];
      doubleNext = false;
    }
    // きんえん kin'en, not ki-nen.
    if (afterN && /^[aiueoy]/.test(syllable)) out += "'";
    out += syllable;
    afterN = char === 'ん';
  }
  // Long vowels: おう and おお are ō, うう is ū (えい and いい stay as written, as in Hepburn).
  return out.replace(/ou/g, 'ō').replace(/oo/g, 'ō').replace(/uu/g, 'ū');
}
