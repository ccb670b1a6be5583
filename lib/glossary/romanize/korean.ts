// Revised Romanization of Korean (National Institute of Korean Language, 2000) for names the
// glossary does not know: syllables are split into their letters, and the sound changes the rules
// write (a final consonant carried over to a following vowel, nasalisation, ㄹ after ㄴ or ㄹ) are
// applied across syllables. Tensing is not written, as the rules say. Dish names in the glossary
// carry a reading checked by hand instead.

const INITIALS = [
  'g',
  'kk',
  'n',
  'd',
  'tt',
  'r',
  'm',
  'b',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'k',
  't',
  'p',
  'h',
];
const MEDIALS = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
// Each final as [sound before a consonant or at the end, letters carried to a following vowel].
const FINALS: [string, string][] = [
  ['', ''],
  ['k', 'g'],
  ['k', 'kk'],
  ['k', 'gs'],
  ['n', 'n'],
  ['n', 'nj'],
  ['n', 'nh'],
  ['t', 'd'],
  ['l', 'r'],
  ['k', 'lg'],
  ['m', 'lm'],
  ['l', 'lb'],
  ['l', 'ls'],
  ['l', 'lt'],
  ['p', 'lp'],
  ['l', 'lh'],
  ['m', 'm'],
  ['p', 'b'],
  ['p', 'bs'],
  ['t', 's'],
  ['t', 'ss'],
  ['ng', 'ng'],
  ['t', 'j'],
  ['t', 'ch'],
  ['k', 'k'],
  ['t', 't'],
  ['p', 'p'],
  ['t', 'h'],
];

interface Syllable {
  initial: number;
  medial: number;
  final: number;
}

function decompose(char: string): Syllable | null {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0xac00 || code > 0xd7a3) return null;
  const index = code - 0xac00;
  return { initial: Math.floor(index / 588), medial: Math.floor((index % 588) / 28), final: index % 28 };
}

const NASAL_BEFORE: Record<string, string> = { k: 'ng', t: 'n', p: 'm' };

/** The romanisation of one run of Hangul syllables (one word). */
function romanizeWord(syllables: Syllable[]): string {
  let out = '';
  for (let i = 0; i < syllables.length; i++) {
    const syllable = syllables[i] as Syllable;
    const next = syllables[i + 1];
    let initial = INITIALS[syllable.initial] ?? '';
    // The first syllable's initial was handled by the previous syllable's final when it carried over.
    if (i > 0) {
      const before = syllables[i - 1] as Syllable;
      if (syllable.initial === 11 && before.final !== 0 && before.final !== 21) initial = '';
      else if (syllable.initial === 5 && (before.final === 8 || before.final === 4)) initial = 'l';
      else if (syllable.initial === 5 && before.final !== 0) initial = 'n';
    }
    out += initial + (MEDIALS[syllable.medial] ?? '');
    const [sound, carried] = FINALS[syllable.final] ?? ['', ''];
    if (!next) {
      out += sound;
    } else if (next.initial === 11 && syllable.final !== 21) {
      // 밥이 → babi: the final is said as the next syllable's first letter (ㅎ falls silent).
      out += carried.replace(/h$/, '');
    } else if (next.initial === 2 || next.initial === 6) {
      // 국물 → gungmul, 밥맛 → bammat: k t p before n or m become ng n m; ㄹ before ㄴ is ll.
      out += syllable.final === 8 ? 'l' : (NASAL_BEFORE[sound] ?? sound);
    } else if (next.initial === 5) {
      // 신라 → silla, 종로 → jongno, 독립 → dongnip.
      out += syllable.final === 4 ? 'l' : syllable.final === 8 ? 'l' : (NASAL_BEFORE[sound] ?? sound);
    } else {
      out += sound;
    }
  }
  return out;
}

/** Romanizes Hangul in `text`; other characters (digits, Latin letters) are kept as they are. */
export function romanizeKorean(text: string): string {
  let out = '';
  let run: Syllable[] = [];
  const flush = () => {
    if (run.length) out += romanizeWord(run);
    run = [];
  };
  for (const char of text) {
    const syllable = decompose(char);
    if (syllable) run.push(syllable);
    else {
      flush();
      out += char;
    }
  }
  flush();
  return out.replace(/\s+/g, ' ').trim().toLowerCase();
}
