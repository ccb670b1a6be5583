import type { CurrencyCode } from '../../../lib/money';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { ja } from './ja';
import { ko } from './ko';
import { th } from './th';
import type { Vocabulary } from './types';
import { vi } from './vi';
import { zhHans } from './zh-Hans';
import { zhHantHk, zhHantTw } from './zh-Hant';

export type { Vocabulary } from './types';

/** Benchmark languages: every menu language a host can pick (lib/menuReading/languages.ts). */
export const VOCABULARIES = {
  ko,
  ja,
  'zh-Hans': zhHans,
  'zh-Hant': zhHantTw,
  th,
  vi,
  fr,
  de,
  es,
  it,
  en,
} satisfies Record<string, Vocabulary>;
export type CorpusLanguage = keyof typeof VOCABULARIES;
export type MenuKindId = CorpusLanguage | 'zh-Hant-HK';

/**
 * Where a menu is printed: its dishes, currency, price styles and fonts. One kind per language,
 * except traditional Chinese: Taiwan (TWD) and Hong Kong (HKD) menus differ in dishes and money.
 */
export interface MenuKind {
  /** Key of PRICE_STYLES and FONTS. */
  id: MenuKindId;
  language: CorpusLanguage;
  currency: CurrencyCode;
  vocabulary: Vocabulary;
}

const single = (language: CorpusLanguage, currency: CurrencyCode): MenuKind[] => [
  { id: language, language, currency, vocabulary: VOCABULARIES[language] },
];
const taiwan: MenuKind = { id: 'zh-Hant', language: 'zh-Hant', currency: 'TWD', vocabulary: zhHantTw };
const hongKong: MenuKind = { id: 'zh-Hant-HK', language: 'zh-Hant', currency: 'HKD', vocabulary: zhHantHk };

/** The kinds of each language, in the order menus rotate through them (Taiwan twice as often). */
export const MENU_KINDS: Record<CorpusLanguage, MenuKind[]> = {
  ko: single('ko', 'KRW'),
  ja: single('ja', 'JPY'),
  'zh-Hans': single('zh-Hans', 'CNY'),
  'zh-Hant': [taiwan, taiwan, hongKong],
  th: single('th', 'THB'),
  vi: single('vi', 'VND'),
  fr: single('fr', 'EUR'),
  de: single('de', 'EUR'),
  es: single('es', 'EUR'),
  it: single('it', 'EUR'),
  en: single('en', 'USD'),
};
