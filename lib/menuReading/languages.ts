// The menu languages a host can pick, and what each one means for text recognition and prices.
import type { CurrencyCode } from '../money';
import type { MenuLanguageCode } from '../protocol';

export { type MenuLanguageCode, MenuLanguageSchema, MENU_LANGUAGE_CODES } from '../protocol';

export type Script = 'hangul' | 'japanese' | 'han' | 'thai' | 'latin';

interface MenuLanguage {
  /** Shown in the picker, in the language itself. */
  label: string;
  /** Tesseract models, joined with '+'. */
  tesseract: string;
  /** The currency a menu in this language is most likely priced in; symbols on the menu override it. */
  currency: CurrencyCode;
  script: Script;
}

export const MENU_LANGUAGES = {
  ko: { label: '한국어', tesseract: 'kor', currency: 'KRW', script: 'hangul' },
  ja: { label: '日本語', tesseract: 'jpn', currency: 'JPY', script: 'japanese' },
  'zh-Hans': { label: '简体中文', tesseract: 'chi_sim', currency: 'CNY', script: 'han' },
  'zh-Hant': { label: '繁體中文', tesseract: 'chi_tra', currency: 'TWD', script: 'han' },
  th: { label: 'ไทย', tesseract: 'tha', currency: 'THB', script: 'thai' },
  vi: { label: 'Tiếng Việt', tesseract: 'vie', currency: 'VND', script: 'latin' },
  fr: { label: 'Français', tesseract: 'fra', currency: 'EUR', script: 'latin' },
  de: { label: 'Deutsch', tesseract: 'deu', currency: 'EUR', script: 'latin' },
  es: { label: 'Español', tesseract: 'spa', currency: 'EUR', script: 'latin' },
  it: { label: 'Italiano', tesseract: 'ita', currency: 'EUR', script: 'latin' },
  en: { label: 'English', tesseract: 'eng', currency: 'USD', script: 'latin' },
} as const satisfies Record<MenuLanguageCode, MenuLanguage>;

/** The language to preselect for a detected script; Latin script alone cannot tell French from German. */
export const LANGUAGE_FOR_SCRIPT: Record<Script, MenuLanguageCode | null> = {
  hangul: 'ko',
  japanese: 'ja',
  han: 'zh-Hans',
  thai: 'th',
  latin: null,
};
