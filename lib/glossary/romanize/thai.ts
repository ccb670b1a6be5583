// Royal Thai General System of Transcription (RTGS, Royal Institute, 1999) for names the glossary
// does not know. Thai writes no spaces and leaves many vowels unwritten, so this is an approximation:
// words are split first (a dictionary word breaker), then each syllable is read as initial
// consonant (with its cluster), vowel and final, with the inherent vowel "a" in an open syllable and
// "o" in a closed one. Tone marks are not transcribed, as RTGS does not mark tones. Dish names in the
// glossary carry a reading checked by hand instead.

const INITIAL: Record<string, string> = {
  ก: 'k',
  ข: 'kh',
  ฃ: 'kh',
  ค: 'kh',
  ฅ: 'kh',
  ฆ: 'kh',
  ง: 'ng',
  จ: 'ch',
  ฉ: 'ch',
  ช: 'ch',
  ซ: 's',
  ฌ: 'ch',
  ญ: 'y',
  ฎ: 'd',
  ฏ: 't',
  ฐ: 'th',
  ฑ: 'th',
  ฒ: 'th',
  ณ: 'n',
  ด: 'd',
  ต: 't',
  ถ: 'th',
  ท: 'th',
  ธ: 'th',
  น: 'n',
  บ: 'b',
  ป: 'p',
  ผ: 'ph',
  ฝ: 'f',
  พ: 'ph',
  ฟ: 'f',
  ภ: 'ph',
  ม: 'm',
  ย: 'y',
  ร: 'r',
  ล: 'l',
  ว: 'w',
  ศ: 's',
  ษ: 's',
  ส: 's',
  ห: 'h',
  ฬ: 'l',
  อ: '',
  ฮ: 'h',
};
const FINAL: Record<string, string> = {
  ก: 'k',
  ข: 'k',
  ค: 'k',
  ฆ: 'k',
  ง: 'ng',
  จ: 't',
  ช: 't',
  ซ: 't',
  ฌ: 't',
  ญ: 'n',
  ฎ: 't',
  ฏ: 't',
  ฐ: 't',
  ฑ: 't',
  ฒ: 't',
  ณ: 'n',
  ด: 't',
  ต: 't',
  ถ: 't',
  ท: 't',
  ธ: 't',
  น: 'n',
  บ: 'p',
  ป: 'p',
  พ: 'p',
  ฟ: 'p',
  ภ: 'p',
  ม: 'm',
  ย: 'i',
  ร: 'n',
  ล: 'n',
  ว: 'o',
  ศ: 't',
  ษ: 't',
  ส: 't',
  ฬ: 'n',
};
const LEADING = new Set(['เ', 'แ', 'โ', 'ใ', 'ไ']);
const ABOVE_BELOW = new Set(['ั', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู', '็']);
const TONE = /[\u0E48-\u0E4B]/g;
/** Second consonants that make a cluster with the first (กร, กล, กว, ...). */
const CLUSTER_SECOND = new Set(['ร', 'ล', 'ว']);
const CLUSTER_FIRST = new Set(['ก', 'ข', 'ค', 'ต', 'ป', 'ผ', 'พ', 'บ', 'ด', 'ฟ']);
/** ห and อ in front of a sonorant only give the syllable its tone class (หมู mu, อยาก yak). */
const SILENT_LEADERS = new Set(['ห', 'อ']);
const SONORANTS = new Set(['ง', 'ญ', 'น', 'ม', 'ย', 'ร', 'ล', 'ว']);

const isConsonant = (c: string | undefined) => c !== undefined && c in INITIAL;

/** One word, without spaces. */
function romanizeWord(input: string): string {
  // A consonant under ์ (thanthakhat) is not pronounced.
  const text = input
    .replace(TONE, '')
    .replace(/[\u0E01-\u0E2E]\u0E4C/g, '')
    .replace(/ๆ/g, '');
  const chars = [...text];
  let out = '';
  let i = 0;
  const at = (k: number) => chars[k];
  while (i < chars.length) {
    let lead = '';
    if (LEADING.has(at(i) ?? '')) {
      lead = at(i) ?? '';
      i++;
    }
    const first = at(i);
    if (!isConsonant(first)) {
      out += first ?? '';
      i++;
      continue;
    }
    let initial = INITIAL[first as string] ?? '';
    i++;
    if (
      SILENT_LEADERS.has(first as string) &&
      SONORANTS.has(at(i) ?? '') &&
      (hasVowelMark(chars, i + 1) || (lead !== '' && isConsonant(at(i + 1))))
    ) {
      initial = INITIAL[at(i) as string] ?? '';
      i++;
    } else if (
      CLUSTER_FIRST.has(first as string) &&
      CLUSTER_SECOND.has(at(i) ?? '') &&
      // กล้วย kluai, ครก khrok: the pair starts the syllable when its vowel or final follows.
      (hasVowelMark(chars, i + 1) ||
        (at(i) !== 'ว' && (at(i + 1) === 'ว' || (isConsonant(at(i + 1)) && at(i + 2) === undefined))))
    ) {
      initial += INITIAL[at(i) as string] ?? '';
      i++;
    }
    const { vowel, consumed, allowsFinal } = readVowel(chars, i, lead);
    i += consumed;
    let final = '';
    // ไทย: a ย after ไ is silent.
    if ((lead === 'ไ' || lead === 'ใ') && at(i) === 'ย' && !startsSyllable(chars, i)) i++;
    // A consonant that is not the start of the next syllable closes this one, unless the consonant
    // after it needs it as its own initial (ขนม kha-nom: a vowel-less syllable before two consonants
    // is open).
    const closes =
      isConsonant(at(i)) &&
      !startsSyllable(chars, i) &&
      !(vowel === '' && isConsonant(at(i + 1)) && !startsSyllable(chars, i + 1));
    if (allowsFinal && closes) {
      final = FINAL[at(i) as string] ?? '';
      i++;
    }
    let spoken = vowel;
    if (spoken === '') spoken = final ? 'o' : 'a';
    if (final === 'i' && /[iu]$|ue$/.test(spoken)) final = spoken.endsWith('i') ? '' : 'i';
    out += initial + spoken + final;
  }
  return out;
}

/** Whether a vowel mark comes at `k` (the consonant before it is an initial, with its cluster). */
function hasVowelMark(chars: string[], k: number): boolean {
  const c = chars[k];
  return c !== undefined && (ABOVE_BELOW.has(c) || c === 'า' || c === 'ะ' || c === 'ำ' || c === 'อ');
}

/** Whether a new syllable starts at the consonant at `k` (it carries a vowel of its own). */
function startsSyllable(chars: string[], k: number): boolean {
  const next = chars[k + 1];
  if (next === undefined) return false;
  // A vowel mark after it, or อ as its vowel (ลอย loi).
  return ABOVE_BELOW.has(next) || next === 'า' || next === 'ะ' || next === 'ำ' || next === 'อ';
}

function readVowel(
  chars: string[],
  i: number,
  lead: string,
): { vowel: string; consumed: number; allowsFinal: boolean } {
  const c = (k: number) => chars[i + k] ?? '';
  const rest = chars.slice(i, i + 3).join('');
  if (lead === 'เ') {
    if (rest.startsWith('ือ')) return { vowel: 'uea', consumed: 2, allowsFinal: true };
    if (rest.startsWith('ียะ')) return { vowel: 'ia', consumed: 3, allowsFinal: false };
    if (rest.startsWith('ีย')) return { vowel: 'ia', consumed: 2, allowsFinal: true };
    if (rest.startsWith('าะ')) return { vowel: 'o', consumed: 2, allowsFinal: false };
    if (c(0) === 'า') return { vowel: 'ao', consumed: 1, allowsFinal: false };
    if (c(0) === 'อ') return { vowel: 'oe', consumed: 1, allowsFinal: true };
    if (c(0) === 'ิ') return { vowel: 'oe', consumed: 1, allowsFinal: true };
    if (c(0) === '็') return { vowel: 'e', consumed: 1, allowsFinal: true };
    if (c(0) === 'ะ') return { vowel: 'e', consumed: 1, allowsFinal: false };
    if (c(0) === 'ย') return { vowel: 'oei', consumed: 1, allowsFinal: false };
    return { vowel: 'e', consumed: 0, allowsFinal: true };
  }
  if (lead === 'แ')
    return { vowel: 'ae', consumed: c(0) === 'ะ' || c(0) === '็' ? 1 : 0, allowsFinal: c(0) !== 'ะ' };
  if (lead === 'โ') return { vowel: 'o', consumed: c(0) === 'ะ' ? 1 : 0, allowsFinal: c(0) !== 'ะ' };
  if (lead === 'ใ' || lead === 'ไ') return { vowel: 'ai', consumed: 0, allowsFinal: false };
  if (rest.startsWith('ัว')) return { vowel: 'ua', consumed: 2, allowsFinal: true };
  if (rest.startsWith('ือ')) return { vowel: 'ue', consumed: 2, allowsFinal: true };
  switch (c(0)) {
    case 'ั':
    case 'ะ':
    case 'า':
      return { vowel: 'a', consumed: 1, allowsFinal: c(0) !== 'ะ' };
    case 'ำ':
      return { vowel: 'am', consumed: 1, allowsFinal: false };
    case 'ิ':
    case 'ี':
      return { vowel: 'i', consumed: 1, allowsFinal: true };
    case 'ึ':
    case 'ื':
      return { vowel: 'ue', consumed: 1, allowsFinal: true };
    case 'ุ':
    case 'ู':
      return { vowel: 'u', consumed: 1, allowsFinal: true };
    case 'อ':
      return { vowel: 'o', consumed: 1, allowsFinal: true };
  }
  // ว between two consonants is the vowel "ua" (สวน suan); รร is "an" (ธรรม tham).
  if (c(0) === 'ว' && isConsonant(c(1)) && !startsSyllable(chars, i + 1))
    return { vowel: 'ua', consumed: 1, allowsFinal: true };
  if (c(0) === 'ร' && c(1) === 'ร')
    return isConsonant(c(2))
      ? { vowel: 'a', consumed: 2, allowsFinal: true }
      : { vowel: 'an', consumed: 2, allowsFinal: false };
  return { vowel: '', consumed: 0, allowsFinal: true };
}

/**
 * Romanizes Thai in `text`. `words` splits a run of Thai into words (a dictionary word breaker);
 * the words are joined with spaces, as RTGS writes them.
 */
export function romanizeThai(text: string, words: (run: string) => string[] = (run) => [run]): string {
  return text
    .replace(/[\u0E00-\u0E7F]+/g, (run) => ` ${words(run).map(romanizeWord).filter(Boolean).join(' ')} `)
    .replace(/\s+/g, ' ')
    .trim();
}
