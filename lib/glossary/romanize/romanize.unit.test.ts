import { describe, expect, it } from 'vitest';
import { kanaToHepburn } from './kana';
import { romanizeKorean } from './korean';
import { romanizeThai } from './thai';

describe('Korean Revised Romanization', () => {
  it('romanizes dish names with the sound changes the rules write', () => {
    const cases: [string, string][] = [
      ['비빔밥', 'bibimbap'],
      ['떡볶이', 'tteokbokki'],
      ['삼겹살', 'samgyeopsal'],
      ['냉면', 'naengmyeon'],
      ['국물', 'gungmul'], // ㄱ before ㅁ is said ng
      ['신라면', 'sillamyeon'], // ㄴ before ㄹ is ll
      ['닭갈비', 'dakgalbi'],
      ['막걸리', 'makgeolli'],
      ['설렁탕', 'seolleongtang'],
      ['순두부찌개', 'sundubujjigae'],
    ];
    for (const [hangul, reading] of cases) expect(romanizeKorean(hangul), hangul).toBe(reading);
  });

  it('keeps digits and Latin letters and separates words', () => {
    expect(romanizeKorean('김치 찌개 2인분')).toBe('gimchi jjigae 2inbun');
  });
});

describe('Japanese modified Hepburn from kana', () => {
  it('writes long vowels with macrons, doubled consonants and syllabic n', () => {
    const cases: [string, string][] = [
      ['ラーメン', 'rāmen'],
      ['ぎゅうどん', 'gyūdon'],
      ['しょうゆ', 'shōyu'],
      ['まっちゃ', 'matcha'],
      ['きんえん', "kin'en"],
      ['ぎょうざ', 'gyōza'],
      ['しゃぶしゃぶ', 'shabushabu'],
      ['ティラミス', 'tiramisu'],
      ['おおもり', 'ōmori'],
    ];
    for (const [kana, reading] of cases) expect(kanaToHepburn(kana), kana).toBe(reading);
  });
});

describe('Thai RTGS', () => {
  const words = (run: string) => run.split('|');
  it('reads consonant, vowel and final, with the unwritten vowels', () => {
    const cases: [string, string][] = [
      ['ต้ม|ยำ|กุ้ง', 'tom yam kung'],
      ['ผัด|ไทย', 'phat thai'],
      ['ส้ม|ตำ', 'som tam'],
      ['ข้าว|ผัด', 'khao phat'],
      ['ขนม', 'khanom'], // an open syllable before two consonants: kha-nom
      ['กล้วย', 'kluai'],
      ['เส้น', 'sen'],
      ['แกง', 'kaeng'],
    ];
    for (const [thai, reading] of cases)
      expect(
        romanizeThai(thai.replace(/\|/g, ''), () => words(thai)),
        thai,
      ).toBe(reading);
  });
});
