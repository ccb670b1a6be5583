// The interface languages, and how a request's language is chosen: pure, so it is unit-tested
// without Next. URLs carry no locale (one room link is shared by people with different languages):
// the language is this phone's choice (a cookie), else its browser's, else English.

export const LOCALES = ['en', 'ko', 'ja', 'zh-Hans', 'es', 'fr'] as const;
export type AppLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'en';

/** Set by the language switcher; remembered for a year on this phone. */
export const LOCALE_COOKIE = 'menuroom-locale';
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language named in itself: a person who cannot read the current one still finds theirs. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  en: 'English',
  ko: '한국어',
  ja: '日本語',
  'zh-Hans': '简体中文',
  es: 'Español',
  fr: 'Français',
};

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The supported locale for one BCP 47 tag, by its language: "ko-KR" → ko, "fr-CA" → fr. Every
 * Chinese tag ("zh", "zh-CN", "zh-Hans", "zh-TW", "zh-Hant-HK") goes to zh-Hans for now: it is the
 * only Chinese interface there is.
 */
export function localeForTag(tag: string): AppLocale | null {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (language === 'zh') return 'zh-Hans';
  return LOCALES.find((locale) => locale === language) ?? null;
}

/** The best supported locale of an Accept-Language header ("ko-KR,ko;q=0.9,en;q=0.8"), or null. */
export function matchAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((piece) => piece.trim());
      const qParam = params.find((param) => /^q=/i.test(param));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.tag && range.tag !== '*' && range.q > 0)
    // Highest weight first; equal weights keep the order they were written in.
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    const locale = localeForTag(range.tag);
    if (locale) return locale;
  }
  return null;
}

/** The request's locale: the cookie when it names a supported locale, else Accept-Language, else English. */
export function pickLocale(
  cookieValue: string | null | undefined,
  acceptLanguage: string | null | undefined,
): AppLocale {
  if (isLocale(cookieValue)) return cookieValue;
  return matchAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The `document.cookie` assignment that remembers a choice on this phone for every page. */
export function localeCookie(locale: AppLocale): string {
  return `${LOCALE_COOKIE}=${locale}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}
