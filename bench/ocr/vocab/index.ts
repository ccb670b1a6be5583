import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import { ja } from './ja';
import { ko } from './ko';
import { th } from './th';
import type { Vocabulary } from './types';
import { vi } from './vi';
import { zhHans } from './zh-Hans';

export type { Vocabulary } from './types';

/** Benchmark languages: the scripts tourists meet most, plus two Latin-script languages and English. */
export const VOCABULARIES = { ko, ja, 'zh-Hans': zhHans, th, vi, fr, de, en } satisfies Record<
  string,
  Vocabulary
>;
export type CorpusLanguage = keyof typeof VOCABULARIES;
