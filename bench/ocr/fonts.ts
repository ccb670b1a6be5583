// The typefaces menus are set in, per kind of menu, and the Debian packages that bring them. The
// generator refuses to run when one is missing or lacks a glyph of its text: Chromium would quietly
// set that text in another font, and the corpus would not be the one this file describes.
import { execFileSync } from 'node:child_process';
import type { MenuKindId } from './vocab';

/** Latin menus: sans, serif and narrow faces, and the Latin of a CJK face (menus printed in Asia). */
const LATIN = [
  'DejaVu Sans',
  'DejaVu Serif',
  'Liberation Sans',
  'Liberation Serif',
  'Noto Sans',
  'Noto Serif',
];

/**
 * Font stacks ("first, fallback"), as CSS font-family lists: a later family sets only what the
 * first lacks.
 */
export const FONTS: Record<MenuKindId, string[]> = {
  // Sans, serif (명조/바탕), rounded (NanumSquareRound) and the Baemin display faces of shop menus.
  ko: [
    'Noto Sans CJK KR',
    'Noto Serif CJK KR',
    'NanumGothic',
    'NanumMyeongjo',
    'NanumSquareRound',
    'NanumBarunGothic',
    'UnBatang',
    'UnDotum',
    'BM JUA_TTF',
    'BM HANNA Pro',
  ],
  // Gothic, mincho and rounded (maru) faces.
  ja: ['Noto Sans CJK JP', 'Noto Serif CJK JP', 'IPAexMincho', 'MotoyaLMaru, Noto Sans CJK JP', 'Konatu'],
  // Hei, Song/Ming and Kai faces.
  'zh-Hans': [
    'Noto Sans CJK SC',
    'Noto Serif CJK SC',
    'AR PL UMing CN',
    'AR PL UKai CN',
    'WenQuanYi Zen Hei',
    'LXGW WenKai',
  ],
  // Hei, Ming, Kai and rounded (圓體) faces, with the glyph forms of Taiwan and of Hong Kong.
  'zh-Hant': ['Noto Sans CJK TC', 'Noto Serif CJK TC', 'AR PL UMing TW', 'AR PL UKai TW', 'cwTeXYen'],
  'zh-Hant-HK': ['Noto Sans CJK HK', 'Noto Serif CJK HK', 'AR PL UMing HK', 'AR PL UKai HK', 'cwTeXYen'],
  // TLWG's looped sans and serif faces; Noto Sans Thai is loopless, as modern signs and menus are.
  th: [
    'Loma',
    'Garuda',
    'Norasi',
    'Kinnari',
    'Waree',
    'Sawasdee',
    'Umpush',
    'Laksaman',
    // Noto's Thai faces have no digits: as on the web, the Latin Noto face sets them.
    'Noto Sans Thai, Noto Sans',
    'Noto Serif Thai, Noto Serif',
    'Noto Looped Thai, Noto Sans',
  ],
  // Liberation has no Vietnamese letters; DejaVu Serif no ₫.
  vi: ['DejaVu Sans', 'DejaVu Serif, DejaVu Sans', 'Noto Sans', 'Noto Serif'],
  fr: [...LATIN, 'Noto Sans CJK JP'],
  de: [...LATIN, 'Liberation Sans Narrow', 'Noto Serif CJK JP'],
  es: [...LATIN, 'Liberation Sans Narrow'],
  it: [...LATIN, 'Noto Serif CJK JP'],
  en: [...LATIN, 'Noto Sans CJK JP'],
};

/** Debian packages that bring each family (for the message when one is missing). */
const PACKAGES: [RegExp, string][] = [
  [/^DejaVu/, 'fonts-dejavu-core fonts-dejavu-extra'],
  [/^Liberation/, 'fonts-liberation'],
  [/^Noto (Sans|Serif) CJK/, 'fonts-noto-cjk'],
  [/^Noto /, 'fonts-noto-core'],
  [/^Nanum/, 'fonts-nanum'],
  [/^Un/, 'fonts-unfonts-core'],
  [/^BM /, 'fonts-woowa-bm'],
  [/^IPAex/, 'fonts-ipaexfont-mincho'],
  [/^MotoyaLMaru/, 'fonts-motoya-l-maruberi'],
  [/^Konatu/, 'fonts-konatu'],
  [/^AR PL UMing/, 'fonts-arphic-uming'],
  [/^AR PL UKai/, 'fonts-arphic-ukai'],
  [/^WenQuanYi Zen Hei/, 'fonts-wqy-zenhei'],
  [/^LXGW WenKai/, 'fonts-lxgw-wenkai'],
  [/^cwTeXYen/, 'fonts-cwtex-yen'],
  [/./, 'fonts-thai-tlwg'],
];

/** Every Debian package the corpus needs. */
export const FONT_PACKAGES = [...new Set(PACKAGES.flatMap(([, p]) => p.split(' ')))].sort();

const packageOf = (family: string) => PACKAGES.find(([pattern]) => pattern.test(family))?.[1] ?? '?';

/** The families of a stack. */
export const familiesOf = (stack: string) => stack.split(',').map((family) => family.trim());

/** A stack as a CSS font-family value. */
export const cssFontFamily = (stack: string) =>
  familiesOf(stack)
    .map((family) => `'${family}'`)
    .join(', ');

/** Code points each installed family covers (the union over its faces), from fontconfig. */
function installedCharsets(): Map<string, { ranges: [number, number][] }[]> {
  const out = execFileSync('fc-list', ['--format', '%{family}\t%{charset}\n'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const fonts = new Map<string, { ranges: [number, number][] }[]>();
  for (const line of out.split('\n')) {
    const [families, charset] = line.split('\t');
    if (!families || charset === undefined) continue;
    const ranges = charset
      .split(' ')
      .filter(Boolean)
      .map((range): [number, number] => {
        const [from, to] = range.split('-').map((hex) => Number.parseInt(hex, 16)) as [number, number?];
        return [from, to ?? from];
      });
    for (const family of families.split(',')) {
      fonts.set(family, [...(fonts.get(family) ?? []), { ranges }]);
    }
  }
  return fonts;
}

const covers = (faces: { ranges: [number, number][] }[], codePoint: number) =>
  faces.some(({ ranges }) => ranges.some(([from, to]) => codePoint >= from && codePoint <= to));

/**
 * Throws unless every family of the given kinds is installed and has a glyph for every character
 * of `textOf(kind)` (spaces and punctuation that any face has are not checked).
 */
export function checkFonts(kinds: MenuKindId[], textOf: (kind: MenuKindId) => string): void {
  const installed = installedCharsets();
  const problems: string[] = [];
  for (const kind of kinds) {
    const characters = [...new Set(textOf(kind))].filter((c) => /[\p{L}\p{M}\p{N}\p{Sc}]/u.test(c));
    for (const stack of FONTS[kind]) {
      const families = familiesOf(stack);
      const absent = families.filter((family) => !installed.has(family));
      for (const family of absent) problems.push(`${family} is not installed (Debian: ${packageOf(family)})`);
      if (absent.length > 0) continue;
      const faces = families.map((family) => installed.get(family) ?? []);
      const missing = characters.filter((c) => !faces.some((f) => covers(f, c.codePointAt(0) as number)));
      if (missing.length > 0) problems.push(`${stack} (${kind}) has no glyph for ${missing.join(' ')}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Fonts for the corpus:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
}
