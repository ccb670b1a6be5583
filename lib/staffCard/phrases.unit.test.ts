import { describe, expect, it } from 'vitest';
import {
  ALLERGY_NEEDS,
  CARD_LANGUAGES,
  CARD_WORDS,
  type CardLanguage,
  type CardWord,
  DIETARY_NEEDS,
  fillPhrase,
  PHRASES,
  type Phrase,
} from './phrases';

const COUNTED: readonly CardWord[] = ['quantity', 'ofThese', 'round', 'sharedBy', 'dishes'];
const MAX_CARD_CHARS = 90;

/** The script each non-Latin language must actually be written in. */
const SCRIPT: Partial<Record<CardLanguage, RegExp>> = {
  ko: /\p{Script=Hangul}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  'zh-Hans': /\p{Script=Han}/u,
  'zh-Hant': /\p{Script=Han}/u,
  th: /\p{Script=Thai}/u,
};
const NON_LATIN = Object.keys(SCRIPT) as CardLanguage[];
const LATIN = CARD_LANGUAGES.filter((lang) => !NON_LATIN.includes(lang));

// Simplified characters used in the zh-Hans needs and their traditional forms.
const SIMPLIFIED_TO_TRADITIONAL: Record<string, string> = {
  过: '過',
  请: '請',
  坚: '堅',
  虾: '蝦',
  贝: '貝',
  类: '類',
  蚝: '蠔',
  鱼: '魚',
  鸡: '雞',
  黄: '黃',
  麦: '麥',
  麸: '麩',
  质: '質',
  酱: '醬',
  鲜: '鮮',
  猪: '豬',
  谢: '謝',
  们: '們',
  点: '點',
  这: '這',
  备: '備',
  计: '計',
  还: '還',
  单: '單',
  确: '確',
  认: '認',
  饮: '飲',
  个: '個',
  汤: '湯',
  开: '開',
  纯: '純',
  葱: '蔥',
};
const SIMPLIFIED_ONLY = new RegExp(`[${Object.keys(SIMPLIFIED_TO_TRADITIONAL).join('')}]`, 'u');
const TRADITIONAL_ONLY = new RegExp(`[${Object.values(SIMPLIFIED_TO_TRADITIONAL).join('')}]`, 'u');

function entries(lang: CardLanguage): [string, Phrase][] {
  const { needs, words } = PHRASES[lang];
  return [
    ...DIETARY_NEEDS.map((need): [string, Phrase] => [`needs.${need}`, needs[need]]),
    ...CARD_WORDS.map((word): [string, Phrase] => [`words.${word}`, words[word]]),
  ];
}

describe('staff card phrases: completeness', () => {
  it('has exactly the card languages', () => {
    expect(Object.keys(PHRASES).sort()).toEqual([...CARD_LANGUAGES].sort());
  });

  for (const lang of CARD_LANGUAGES) {
    it(`${lang}: has every need and every word, and nothing else`, () => {
      expect(Object.keys(PHRASES[lang].needs).sort()).toEqual([...DIETARY_NEEDS].sort());
      expect(Object.keys(PHRASES[lang].words).sort()).toEqual([...CARD_WORDS].sort());
    });

    it(`${lang}: no empty or padded text/back`, () => {
      for (const [key, phrase] of entries(lang)) {
        expect(phrase.text.trim(), `${lang} ${key} text`).not.toBe('');
        expect(phrase.back.trim(), `${lang} ${key} back`).not.toBe('');
        expect(phrase.text, `${lang} ${key} text`).toBe(phrase.text.trim());
        expect(phrase.back, `${lang} ${key} back`).toBe(phrase.back.trim());
      }
    });

    it(`${lang}: no two entries share the same text`, () => {
      const texts = entries(lang).map(([, phrase]) => phrase.text);
      expect(new Set(texts).size).toBe(texts.length);
    });
  }

  it('lists the nine allergens as allergies, once each, and no diets', () => {
    expect([...ALLERGY_NEEDS].sort()).toEqual(
      ['peanuts', 'tree_nuts', 'shellfish', 'fish', 'egg', 'milk', 'wheat', 'soy', 'sesame'].sort(),
    );
    expect(new Set(ALLERGY_NEEDS).size).toBe(ALLERGY_NEEDS.length);
  });
});

describe('staff card phrases: placeholders', () => {
  for (const lang of CARD_LANGUAGES) {
    it(`${lang}: counted words contain {n}; nothing else has braces`, () => {
      for (const word of CARD_WORDS) {
        const { text } = PHRASES[lang].words[word];
        if (COUNTED.includes(word)) {
          expect(text, `${lang} ${word}`).toContain('{n}');
          expect(text.replaceAll('{n}', ''), `${lang} ${word}`).not.toMatch(/[{}]/);
        } else {
          expect(text, `${lang} ${word}`).not.toMatch(/[{}]/);
        }
      }
      for (const need of DIETARY_NEEDS) {
        expect(PHRASES[lang].needs[need].text, `${lang} ${need}`).not.toMatch(/[{}]/);
      }
    });

    it(`${lang}: the back of a counted word shows where the number goes`, () => {
      for (const word of COUNTED) expect(PHRASES[lang].words[word].back, `${lang} ${word}`).toContain('{n}');
    });

    it(`${lang}: counted words fill to text without braces`, () => {
      for (const word of COUNTED) {
        const filled = fillPhrase(PHRASES[lang].words[word].text, { n: 3 });
        expect(filled, `${lang} ${word}`).toContain('3');
        expect(filled, `${lang} ${word}`).not.toMatch(/[{}]/);
      }
    });
  }
});

describe('fillPhrase', () => {
  it('fills {n} with a number', () => {
    expect(fillPhrase('{n}개', { n: 2 })).toBe('2개');
    expect(fillPhrase('Order {n}', { n: 10 })).toBe('Order 10');
  });

  it('fills {name} and every occurrence of a placeholder', () => {
    expect(fillPhrase('{name}: {n} of {n}', { name: 'Hana', n: 1 })).toBe('Hana: 1 of 1');
  });

  it('leaves unknown placeholders and plain text alone', () => {
    expect(fillPhrase('{n} × {other}', { n: 4 })).toBe('4 × {other}');
    expect(fillPhrase('Total', { n: 4 })).toBe('Total');
    expect(fillPhrase('{constructor}', {})).toBe('{constructor}');
  });

  it('fills strings as given', () => {
    expect(fillPhrase('shared by {n}', { n: '2–3' })).toBe('shared by 2–3');
  });
});

describe('staff card phrases: text quality', () => {
  for (const lang of CARD_LANGUAGES) {
    it(`${lang}: text and back are NFC-normalised`, () => {
      for (const [key, phrase] of entries(lang)) {
        expect(phrase.text, `${lang} ${key}`).toBe(phrase.text.normalize('NFC'));
        expect(phrase.back, `${lang} ${key}`).toBe(phrase.back.normalize('NFC'));
      }
    });

    it(`${lang}: every text fits the card (≤ ${MAX_CARD_CHARS} characters)`, () => {
      for (const [key, phrase] of entries(lang)) {
        expect([...phrase.text].length, `${lang} ${key}: ${phrase.text}`).toBeLessThanOrEqual(MAX_CARD_CHARS);
      }
    });

    it(`${lang}: no control characters or ASCII straight quotes in text`, () => {
      for (const [key, phrase] of entries(lang)) {
        expect(phrase.text, `${lang} ${key}`).not.toMatch(/[\p{Cc}"]/u);
      }
    });
  }

  for (const lang of NON_LATIN) {
    const script = SCRIPT[lang] as RegExp;
    it(`${lang}: text is written in its own script, with no Latin letters`, () => {
      for (const [key, phrase] of entries(lang)) {
        const letters = phrase.text.replaceAll('{n}', '');
        // "×{n}" (ja quantity) has no letters at all, so there is no script to check.
        if (/\p{L}/u.test(letters)) expect(letters, `${lang} ${key}`).toMatch(script);
        expect(letters, `${lang} ${key}`).not.toMatch(/[A-Za-z]/);
      }
    });

    it(`${lang}: back is "romanisation — English"`, () => {
      for (const [key, phrase] of entries(lang)) {
        const [romanised, english, ...rest] = phrase.back.split(' — ');
        expect(rest, `${lang} ${key}`).toEqual([]);
        expect(romanised, `${lang} ${key}`).toMatch(/[A-Za-z]/);
        expect(english, `${lang} ${key}`).toMatch(/[A-Za-z]/);
        expect(romanised, `${lang} ${key}`).not.toMatch(/[\p{Script=Hangul}\p{Script=Thai}]/u);
      }
    });
  }

  for (const lang of LATIN) {
    it(`${lang}: text and back use no CJK, Hangul or Thai`, () => {
      for (const [key, phrase] of entries(lang)) {
        expect(phrase.text + phrase.back, `${lang} ${key}`).not.toMatch(
          /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u,
        );
      }
    });

    if (lang !== 'en') {
      it(`${lang}: needs are translated, not left in English`, () => {
        for (const need of DIETARY_NEEDS) {
          expect(PHRASES[lang].needs[need].text, `${lang} ${need}`).not.toBe(PHRASES.en.needs[need].text);
        }
      });
    }
  }

  it('ko: needs are in the polite -요 style', () => {
    for (const need of DIETARY_NEEDS) expect(PHRASES.ko.needs[need].text, need).toMatch(/요\.$/);
  });

  it('ja: needs are in the polite です/ます/ください style', () => {
    for (const need of DIETARY_NEEDS) {
      expect(PHRASES.ja.needs[need].text, need).toMatch(/(です|ます|ください)。$/);
    }
  });

  it('th: no gendered polite particles (ครับ / ค่ะ / คะ)', () => {
    for (const [key, phrase] of entries('th')) expect(phrase.text, key).not.toMatch(/ครับ|ค่ะ|คะ/);
  });

  it('fr: a no-break space, not a plain space, before : and !', () => {
    for (const [key, phrase] of entries('fr')) expect(phrase.text, key).not.toMatch(/ [:!?;]/);
  });
});

describe('staff card phrases: zh-Hans vs zh-Hant', () => {
  it('zh-Hant needs differ from zh-Hans wherever a character has a distinct traditional form', () => {
    let checked = 0;
    for (const need of DIETARY_NEEDS) {
      const hans = PHRASES['zh-Hans'].needs[need].text;
      if (!SIMPLIFIED_ONLY.test(hans)) continue;
      checked++;
      expect(PHRASES['zh-Hant'].needs[need].text, need).not.toBe(hans);
    }
    // Every need has 过/请/猪/谢 or similar; make sure the check really ran.
    expect(checked).toBe(DIETARY_NEEDS.length);
    expect(PHRASES['zh-Hant'].needs.peanuts.text).toContain('過敏');
    expect(PHRASES['zh-Hans'].needs.peanuts.text).toContain('过敏');
  });

  it('zh-Hant uses no simplified forms and zh-Hans no traditional forms', () => {
    for (const [key, phrase] of entries('zh-Hant')) expect(phrase.text, key).not.toMatch(SIMPLIFIED_ONLY);
    for (const [key, phrase] of entries('zh-Hans')) expect(phrase.text, key).not.toMatch(TRADITIONAL_ONLY);
  });
});

describe('staff card phrases: rules from the second review', () => {
  /** How each language would say "a portion for {n}" — which "shared by {n}" must never look like. */
  const PORTION_FOR_N: Record<CardLanguage, RegExp> = {
    ko: /인분|용$/,
    ja: /人前|人分|人用/,
    'zh-Hans': /人份|\{n\}人分/,
    'zh-Hant': /人份|\{n\}人分/,
    th: /สำหรับ|ที่$/,
    vi: /cho \{n\}|phần/,
    es: /para|ración/,
    fr: /pour|à partager/,
    it: /per |da dividere|porzion/,
    de: /für|Portion/,
    en: /\bfor\b|portion|serves/,
  };

  for (const lang of CARD_LANGUAGES) {
    it(`${lang}: "shared by {n}" is not worded as a portion size for {n}`, () => {
      expect(PHRASES[lang].words.sharedBy.text).not.toMatch(PORTION_FOR_N[lang]);
    });
  }

  it('ja: no counted word uses the native counter つ (wrong from 10 on)', () => {
    for (const word of COUNTED) expect(PHRASES.ja.words[word].text, word).not.toContain('つ');
  });

  it('ja and ko: the wheat line names the soy sauce (and gochujang) that usually contains wheat', () => {
    expect(PHRASES.ja.needs.wheat.text).toContain('醤油');
    expect(PHRASES.ko.needs.wheat.text).toContain('간장');
    expect(PHRASES.ko.needs.wheat.text).toContain('고추장');
  });

  it('zh: almond is not the ambiguous bare 杏仁 (also apricot kernel)', () => {
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      const { text } = PHRASES[lang].needs.tree_nuts;
      expect(text, lang).not.toMatch(/杏仁(?!果)/);
      expect(text, lang).toContain('扁桃仁');
    }
  });

  it('zh: vegetarian and vegan say garlic and spring onion are fine (not Buddhist 素), and avoid 全素', () => {
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      for (const need of ['vegetarian', 'vegan'] as const) {
        const { text } = PHRASES[lang].needs[need];
        expect(text, `${lang} ${need}`).toMatch(/[葱蔥]蒜可以/);
        expect(text, `${lang} ${need}`).not.toContain('全素');
      }
    }
  });

  it('th: one register (รบกวน / ขอ, never กรุณา), and vegan is not เจ (which also excludes garlic)', () => {
    for (const [key, phrase] of entries('th')) expect(phrase.text, key).not.toContain('กรุณา');
    expect(PHRASES.th.needs.vegan.text).not.toMatch(/เจ/);
  });

  it('vi: no pleading "xin đừng"', () => {
    for (const [key, phrase] of entries('vi')) expect(phrase.text, key).not.toMatch(/xin đừng/i);
  });
});
