// Runs the whole upload-to-dishes path on the corpus, with the functions the upload job calls
// (lib/photoJobs/jobs.ts): preparePhoto, then readMenuPhoto in the host's language ("chosen": the
// truth's language) or left on Detect ("detect": language null). Prints, per language and
// condition: dish recall and precision, price exact-match rate, name CER and time per 12 MP photo;
// in detect mode also how often the language and the currency were right. Photos are read one
// after another, never two at once, so times are those of an idle server.
//   npx tsx bench/ocr/run.ts [--mode chosen|detect|both] [--corpus dir] [--languages ko,ja]
//                            [--psm 11] [--ocr-size 2400] [--verbose] [--out file]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { preparePhoto } from '../../lib/menuReading/image';
import { MENU_LANGUAGE_CODES, type MenuLanguageCode } from '../../lib/menuReading/languages';
import type { ReadDish } from '../../lib/menuReading/menuParser';
import { readMenuPhoto } from '../../lib/menuReading/readMenuPhoto';
import { DEFAULT_CORPUS_DIR, readCorpus, type Truth } from './corpus';
import { type PhotoScore, scorePhoto } from './score';

const MODES = ['chosen', 'detect'] as const;
type Mode = (typeof MODES)[number];

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'chosen' },
    corpus: { type: 'string', default: DEFAULT_CORPUS_DIR },
    languages: { type: 'string' },
    psm: { type: 'string' },
    'ocr-size': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results/ocr-results.json' },
  },
});
if (values.mode !== 'both' && !MODES.includes(values.mode as Mode)) {
  throw new Error(`--mode must be chosen, detect or both, not ${values.mode}`);
}
const modes: Mode[] = values.mode === 'both' ? [...MODES] : [values.mode as Mode];

/** Photos at least this large count as 12 MP (4000×3000) for the times. */
const TWELVE_MP = 11.5;

interface PhotoResult {
  truth: Truth;
  score: PhotoScore;
  /** Bytes in to dishes out. */
  ms: number;
  megapixels: number;
  /** The language the reading used (the chosen one, or the one detected). */
  language: string;
  currency: string;
  error?: string;
}

async function runOne(truth: Truth, mode: Mode): Promise<PhotoResult> {
  if (!MENU_LANGUAGE_CODES.includes(truth.language as MenuLanguageCode)) {
    throw new Error(`${truth.image}: ${truth.language} is not a menu language`);
  }
  const bytes = readFileSync(join(values.corpus, truth.image));
  const started = performance.now();
  let dishes: ReadDish[] = [];
  let language = '';
  let currency = '';
  let megapixels = 0;
  let error: string | undefined;
  try {
    const prepared = await preparePhoto(
      bytes,
      truth.image,
      values['ocr-size'] ? { ocrLongSide: Number(values['ocr-size']) } : {},
    );
    megapixels = (prepared.width * prepared.height) / 1e6;
    const reading = await readMenuPhoto(prepared.ocr, {
      language: mode === 'chosen' ? (truth.language as MenuLanguageCode) : null,
      ...(values.psm ? { psm: Number(values.psm) } : {}),
    });
    ({ dishes, language, currency } = reading);
  } catch (cause) {
    // A photo the pipeline refuses or times out on reads as no dishes; the run goes on.
    error = cause instanceof Error ? cause.message : String(cause);
    megapixels = (truth.width * truth.height) / 1e6;
  }
  const ms = performance.now() - started;
  return {
    truth,
    score: scorePhoto(truth, dishes),
    ms,
    megapixels,
    language,
    currency,
    ...(error ? { error } : {}),
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
/** A rate over the dishes found or read: none when there were none (not a perfect or a zero score). */
const rate = (a: number, b: number) => (b === 0 ? null : ratio(a, b));

function summarise(results: PhotoResult[], mode: Mode) {
  const truthCount = results.reduce((n, r) => n + r.score.truthCount, 0);
  const readCount = results.reduce((n, r) => n + r.score.readCount, 0);
  const matched = results.flatMap((r) => r.score.matched);
  const times = results.filter((r) => r.megapixels >= TWELVE_MP).map((r) => r.ms);
  return {
    photos: results.length,
    dishes: truthCount,
    recall: ratio(matched.length, truthCount),
    precision: rate(matched.length, readCount),
    /** Of the dishes found, the share whose price is exactly right. */
    priceExact: rate(matched.filter((m) => m.priceOk).length, matched.length),
    /** Of all true dishes, the share found with exactly the right price. */
    priceExactOfAll: ratio(matched.filter((m) => m.priceOk).length, truthCount),
    /** Mean character error rate of the names found. */
    nameCer: rate(
      matched.reduce((sum, m) => sum + m.cer, 0),
      matched.length,
    ),
    /** Of the dishes found, the share whose box shows the right line (see boxHit in score.ts). */
    boxHit: rate(matched.filter((m) => m.boxHit).length, matched.length),
    /** Photos whose reading used the truth's language (always all of them when it was chosen). */
    ...(mode === 'detect'
      ? {
          languageRight: ratio(results.filter((r) => r.language === r.truth.language).length, results.length),
        }
      : {}),
    /** Photos whose reading picked the menu's currency. */
    currencyRight: ratio(results.filter((r) => r.currency === r.truth.currency).length, results.length),
    /** Time per photo, bytes in to dishes out, over the 12 MP photos only (timedPhotos of them). */
    timedPhotos: times.length,
    msP50: times.length ? Math.round(percentile(times, 50)) : null,
    msP95: times.length ? Math.round(percentile(times, 95)) : null,
    ...(results.some((r) => r.error) ? { errors: results.filter((r) => r.error).length } : {}),
  };
}
type Summary = ReturnType<typeof summarise>;

/** How the figures of one mode break down: by language and condition, layout, effect, font. */
function report(results: PhotoResult[], mode: Mode) {
  const group = <K extends string>(subset: PhotoResult[], keyOf: (r: PhotoResult) => K[]) => {
    const groups = new Map<K, PhotoResult[]>();
    for (const r of subset) for (const key of keyOf(r)) groups.set(key, [...(groups.get(key) ?? []), r]);
    return Object.fromEntries([...groups].map(([key, rs]) => [key, summarise(rs, mode)]));
  };
  const clean = results.filter((r) => r.truth.condition === 'clean');
  const distorted = results.filter((r) => r.truth.condition === 'distorted');
  const byLanguage: Record<string, Record<string, unknown>> = {};
  for (const language of [...new Set(results.map((r) => r.truth.language))]) {
    const ofLanguage = results.filter((r) => r.truth.language === language);
    const entry: Record<string, unknown> = {};
    for (const condition of ['clean', 'distorted'] as const) {
      const subset = ofLanguage.filter((r) => r.truth.condition === condition);
      if (subset.length > 0) entry[condition] = summarise(subset, mode);
    }
    if (mode === 'detect') {
      entry.languageRight = ratio(
        ofLanguage.filter((r) => r.language === language).length,
        ofLanguage.length,
      );
      entry.detectedAs = Object.fromEntries(
        [...new Set(ofLanguage.map((r) => r.language))].map((l) => [
          l || 'error',
          ofLanguage.filter((r) => r.language === l).length,
        ]),
      );
    }
    entry.currencyRight = ratio(
      ofLanguage.filter((r) => r.currency === r.truth.currency).length,
      ofLanguage.length,
    );
    byLanguage[language] = entry;
  }
  const twelveMp = results.filter((r) => r.megapixels >= TWELVE_MP).map((r) => r.ms);
  return {
    byLanguage,
    clean: summarise(clean, mode),
    distorted: summarise(distorted, mode),
    twelveMegapixel: {
      photos: twelveMp.length,
      msP50: Math.round(percentile(twelveMp, 50)),
      msP95: Math.round(percentile(twelveMp, 95)),
    },
    /** Both conditions together, per layout. */
    byLayout: group(results, (r) => [r.truth.layout]),
    /** Distorted photos with each of the stronger effects, and those with none of them. */
    byEffect: group(distorted, (r) => (r.truth.effects?.length ? r.truth.effects : ['none'])),
    /** Clean photos per body font stack. */
    byFont: group(clean, (r) => [r.truth.fonts?.body ?? 'unknown']),
  };
}

const corpus = readCorpus(values.corpus).filter(
  (truth) => !values.languages || values.languages.split(',').includes(truth.language),
);
const results: Record<Mode, PhotoResult[]> = { chosen: [], detect: [] };
for (const truth of corpus) {
  for (const mode of modes) {
    const result = await runOne(truth, mode);
    results[mode].push(result);
    const s = result.score;
    console.error(
      `${mode.padEnd(6)} ${truth.image.padEnd(26)} ${truth.layout.padEnd(13)} found ${s.matched.length}/${s.truthCount}, extra ${s.extra.length}, price ok ${s.matched.filter((m) => m.priceOk).length}, ${Math.round(result.ms)} ms, ${result.language || '-'} ${result.currency || '-'}${result.error ? `, error: ${result.error}` : ''}`,
    );
    if (values.verbose) {
      for (const m of s.matched.filter((m) => m.cer > 0 || !m.priceOk)) {
        console.error(`    ~ ${m.truth} → ${m.read}${m.priceOk ? '' : ' (price wrong)'}`);
      }
      for (const m of s.matched.filter((m) => !m.boxHit)) {
        console.error(`    □ ${m.truth}: box off (IoU ${m.boxIou.toFixed(2)})`);
      }
      for (const missed of s.missed) console.error(`    - ${missed}`);
      for (const extra of s.extra) console.error(`    + ${extra}`);
    }
  }
}

const reports = Object.fromEntries(modes.map((mode) => [mode, report(results[mode], mode)])) as Partial<
  Record<Mode, ReturnType<typeof report>>
>;
const config = {
  corpus: values.corpus,
  mode: values.mode,
  psm: values.psm ?? 'default',
  ocrSize: values['ocr-size'] ?? 'default',
};
writeFileSync(
  values.out,
  `${JSON.stringify(
    {
      config,
      ...reports,
      photos: Object.fromEntries(
        modes.map((mode) => [
          mode,
          results[mode].map((r) => ({
            image: r.truth.image,
            ms: Math.round(r.ms),
            language: r.language,
            currency: r.currency,
            ...(r.error ? { error: r.error } : {}),
            ...r.score,
          })),
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);

/** The README's table, one row per language: clean / distorted side by side (to stderr). */
function table(mode: Mode, r: ReturnType<typeof report>): string {
  const pair = (clean: Summary | undefined, distorted: Summary | undefined, key: keyof Summary) =>
    `${clean?.[key] ?? '–'} / ${distorted?.[key] ?? '–'}`;
  const header = [
    'language',
    'dishes per condition',
    'recall clean / distorted',
    'precision clean / distorted',
    'price exact clean / distorted',
    'name CER clean / distorted',
    '12 MP p50 / p95 ms clean',
    '12 MP p50 / p95 ms distorted',
    ...(mode === 'detect' ? ['language right', 'currency right'] : []),
  ];
  const row = (name: string, clean: Summary | undefined, distorted: Summary | undefined, extra: unknown[]) =>
    `| ${[
      name,
      clean?.dishes ?? distorted?.dishes,
      pair(clean, distorted, 'recall'),
      pair(clean, distorted, 'precision'),
      pair(clean, distorted, 'priceExact'),
      pair(clean, distorted, 'nameCer'),
      `${clean?.msP50 ?? '–'} / ${clean?.msP95 ?? '–'}`,
      `${distorted?.msP50 ?? '–'} / ${distorted?.msP95 ?? '–'}`,
      ...(mode === 'detect' ? extra : []),
    ].join(' | ')} |`;
  const all = results[mode];
  return [
    `${mode}:`,
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...Object.entries(r.byLanguage).map(([language, entry]) =>
      row(language, entry.clean as Summary | undefined, entry.distorted as Summary | undefined, [
        entry.languageRight,
        entry.currencyRight,
      ]),
    ),
    row('**all**', r.clean, r.distorted, [
      ratio(all.filter((x) => x.language === x.truth.language).length, all.length),
      ratio(all.filter((x) => x.currency === x.truth.currency).length, all.length),
    ]),
  ].join('\n');
}
for (const mode of modes) console.error(`\n${table(mode, reports[mode] as ReturnType<typeof report>)}`);

console.log(JSON.stringify({ config, ...reports }, null, 2));
const line = (mode: Mode) => {
  const { clean, distorted, twelveMegapixel } = reports[mode] as ReturnType<typeof report>;
  const figures = (s: Summary) =>
    `recall ${s.recall}, precision ${s.precision}, price ${s.priceExact}, CER ${s.nameCer}, box ${s.boxHit}`;
  const all = results[mode];
  const guessed =
    mode === 'detect'
      ? ` | language right ${ratio(all.filter((r) => r.language === r.truth.language).length, all.length)}, currency right ${ratio(all.filter((r) => r.currency === r.truth.currency).length, all.length)}`
      : '';
  return `${mode} clean: ${figures(clean)} | distorted: ${figures(distorted)}${guessed} | 12 MP p50 ${twelveMegapixel.msP50} ms, p95 ${twelveMegapixel.msP95} ms`;
};
console.log(`SUMMARY ${modes.map(line).join(' || ')}`);
