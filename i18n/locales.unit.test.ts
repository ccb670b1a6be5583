import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  LOCALE_NAMES,
  LOCALES,
  localeCookie,
  localeForTag,
  matchAcceptLanguage,
  pickLocale,
} from './locales';

describe('supported locales', () => {
  it('are English first, and each is named in its own language', () => {
    expect(LOCALES).toEqual(['en', 'ko', 'ja', 'zh-Hans', 'es', 'fr']);
    expect(DEFAULT_LOCALE).toBe('en');
    expect(LOCALE_NAMES).toEqual({
      en: 'English',
      ko: '한국어',
      ja: '日本語',
      'zh-Hans': '简体中文',
      es: 'Español',
      fr: 'Français',
    });
  });

  it('are told apart from anything else exactly', () => {
    for (const locale of LOCALES) expect(isLocale(locale)).toBe(true);
    for (const other of ['', 'EN', 'de', 'zh', 'zh-hans', 'ko-KR', undefined, null, 3]) {
      expect(isLocale(other)).toBe(false);
    }
  });
});

describe('a language tag maps to a supported locale by its language', () => {
  const cases: [string, string | null][] = [
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['ko', 'ko'],
    ['ko-KR', 'ko'],
    ['ja-JP', 'ja'],
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    // No traditional Chinese interface yet: simplified is closer than English.
    ['zh-TW', 'zh-Hans'],
    ['zh-HK', 'zh-Hans'],
    ['zh-Hant', 'zh-Hans'],
    ['zh-Hant-TW', 'zh-Hans'],
    ['es', 'es'],
    ['es-MX', 'es'],
    ['es-419', 'es'],
    ['fr-CA', 'fr'],
    ['FR-ch', 'fr'],
    ['ko_KR', 'ko'],
    ['de-DE', null],
    ['th', null],
    ['', null],
  ];
  for (const [tag, expected] of cases) {
    it(`${JSON.stringify(tag)} → ${expected}`, () => expect(localeForTag(tag)).toBe(expected));
  }
});

describe('Accept-Language', () => {
  it('takes the first supported language in the order of preference', () => {
    expect(matchAcceptLanguage('ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ko');
    expect(matchAcceptLanguage('de-DE,de;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr');
    expect(matchAcceptLanguage('zh-CN,zh;q=0.9')).toBe('zh-Hans');
    expect(matchAcceptLanguage('zh-TW')).toBe('zh-Hans');
    expect(matchAcceptLanguage('es-MX')).toBe('es');
    expect(matchAcceptLanguage('fr-CA,en;q=0.5')).toBe('fr');
    expect(matchAcceptLanguage('en-US')).toBe('en');
  });

  it('orders by weight, not by position, and keeps the written order between equal weights', () => {
    expect(matchAcceptLanguage('en;q=0.5, ja;q=0.9')).toBe('ja');
    expect(matchAcceptLanguage('es;q=0.8, fr;q=0.8')).toBe('es');
    expect(matchAcceptLanguage('th, ko;q=0.1, ja;q=0.2')).toBe('ja');
  });

  it('skips refused languages, wildcards and nonsense', () => {
    expect(matchAcceptLanguage('ko;q=0, en;q=0.1')).toBe('en');
    expect(matchAcceptLanguage('*')).toBeNull();
    expect(matchAcceptLanguage('de, *;q=0.5')).toBeNull();
    expect(matchAcceptLanguage('ko;q=abc, fr')).toBe('fr');
    expect(matchAcceptLanguage(' , ;q=1')).toBeNull();
  });

  it('gives nothing for no header', () => {
    expect(matchAcceptLanguage(undefined)).toBeNull();
    expect(matchAcceptLanguage(null)).toBeNull();
    expect(matchAcceptLanguage('')).toBeNull();
  });
});

describe('the request locale', () => {
  it('is the cookie when it holds a supported locale', () => {
    expect(pickLocale('ja', 'ko-KR,ko;q=0.9')).toBe('ja');
    expect(pickLocale('zh-Hans', undefined)).toBe('zh-Hans');
  });

  it('is Accept-Language when the cookie is missing or holds something else', () => {
    expect(pickLocale(undefined, 'ko-KR,ko;q=0.9')).toBe('ko');
    expect(pickLocale('de', 'fr-CA')).toBe('fr');
    expect(pickLocale('', 'es-MX')).toBe('es');
  });

  it('is English when nothing matches', () => {
    expect(pickLocale(undefined, undefined)).toBe('en');
    expect(pickLocale('xx', 'de-DE,th;q=0.5')).toBe('en');
  });
});

describe('the cookie written by the language switcher', () => {
  it('is for every page, a year long, and not sent on cross-site requests', () => {
    expect(LOCALE_COOKIE).toBe('menuroom-locale');
    expect(localeCookie('ko')).toBe('menuroom-locale=ko; path=/; max-age=31536000; SameSite=Lax');
    expect(localeCookie('zh-Hans')).toMatch(/^menuroom-locale=zh-Hans;/);
  });
});
