// Runs the whole upload-to-dishes path (preparePhoto → Tesseract → menu parser) on the corpus and
// prints, per language and condition: dish recall and precision, price exact-match rate, name CER,
// and time per photo. Photos are read one after another, so times are those of an idle server.
//   npx tsx bench/ocr/run.ts [--corpus dir] [--languages ko,ja] [--psm 11] [--ocr-size 2400] [--guess] [--verbose]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { preparePhoto } from '../../lib/menuReading/image';
import type { MenuLanguageCode } from '../../lib/menuReading/languages';
import { readPhoto } from '../../lib/menuReading/readPhoto';
import { detectScript } from '../../lib/menuReading/tesseract';
import { DEFAULT_CORPUS_DIR, readCorpus, type Truth } from './corpus';
import { type PhotoScore, scorePhoto } from './score';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: DEFAULT_CORPUS_DIR },
    languages: { type: 'string' },
    psm: { type: 'string' },
    'ocr-size': { type: 'string' },
    guess: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-results/ocr-results.json' },
  },
});

interface PhotoResult {
  truth: Truth;
  score: PhotoScore;
  ms: number;
  megapixels: number;
  scriptGuess?: string | null;
}

async function runOne(truth: Truth): Promise<PhotoResult> {
  const bytes = readFileSync(join(values.corpus, truth.image));
  const started = performance.now();
  const prepared = await preparePhoto(
    bytes,
    truth.image,
    values['ocr-size'] ? { ocrLongSide: Number(values['ocr-size']) } : {},
  );
  const guess = values.guess ? await detectScript(prepared.ocr.pgm) : undefined;
  const reading = await readPhoto(prepared.ocr, {
    language: truth.language as MenuLanguageCode,
    ...(values.psm ? { psm: Number(values.psm) } : {}),
  });
  const ms = performance.now() - started;
  return {
    truth,
    score: scorePhoto(truth, reading.dishes),
    ms,
    megapixels: (prepared.width * prepared.height) / 1e6,
    ...(guess ? { scriptGuess: guess.language ?? guess.script } : {}),
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

function summarise(results: PhotoResult[]) {
  const truthCount = results.reduce((n, r) => n + r.score.truthCount, 0);
  const readCount = results.reduce((n, r) => n + r.score.readCount, 0);
  const matched = results.flatMap((r) => r.score.matched);
  const times = results.map((r) => r.ms);
  return {
    photos: results.length,
    dishes: truthCount,
    recall: ratio(matched.length, truthCount),
    precision: ratio(matched.length, readCount),
    /** Of the dishes found, the share whose price is exactly right. */
    priceExact: ratio(matched.filter((m) => m.priceOk).length, matched.length),
    /** Of all true dishes, the share found with exactly the right price. */
    priceExactOfAll: ratio(matched.filter((m) => m.priceOk).length, truthCount),
    /** Mean character error rate of the names found. */
    nameCer: ratio(
      matched.reduce((sum, m) => sum + m.cer, 0),
      matched.length,
    ),
    /** Of the dishes found, the share whose box shows the right line (see boxHit in score.ts). */
    boxHit: ratio(matched.filter((m) => m.boxHit).length, matched.length),
    msP50: Math.round(percentile(times, 50)),
    msP95: Math.round(percentile(times, 95)),
  };
}

const corpus = readCorpus(values.corpus).filter(
  (truth) => !values.languages || values.languages.split(',').includes(truth.language),
);
const results: PhotoResult[] = [];
for (const truth of corpus) {
  const result = await runOne(truth);
  results.push(result);
  const s = result.score;
  console.error(
    `${truth.image.padEnd(26)} ${truth.layout.padEnd(12)} found ${s.matched.length}/${s.truthCount}, extra ${s.extra.length}, price ok ${s.matched.filter((m) => m.priceOk).length}, ${Math.round(result.ms)} ms${result.scriptGuess !== undefined ? `, guess ${result.scriptGuess}` : ''}`,
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

const byLanguage: Record<string, Record<string, ReturnType<typeof summarise>>> = {};
for (const language of [...new Set(results.map((r) => r.truth.language))]) {
  byLanguage[language] = {};
  for (const condition of ['clean', 'distorted'] as const) {
    const subset = results.filter((r) => r.truth.language === language && r.truth.condition === condition);
    if (subset.length > 0) (byLanguage[language] as Record<string, unknown>)[condition] = summarise(subset);
  }
}
const clean = summarise(results.filter((r) => r.truth.condition === 'clean'));
const distorted = summarise(results.filter((r) => r.truth.condition === 'distorted'));
const twelveMp = results.filter((r) => r.megapixels >= 11.5).map((r) => r.ms);
const guessed = results.filter((r) => r.scriptGuess !== undefined);
const report = {
  config: {
    corpus: values.corpus,
    psm: values.psm ?? 'default',
    ocrSize: values['ocr-size'] ?? 'default',
    guess: values.guess,
  },
  byLanguage,
  clean,
  distorted,
  twelveMegapixel: {
    photos: twelveMp.length,
    msP50: Math.round(percentile(twelveMp, 50)),
    msP95: Math.round(percentile(twelveMp, 95)),
  },
  ...(guessed.length
    ? {
        scriptGuessRight: ratio(
          guessed.filter(
            (r) =>
              r.scriptGuess === r.truth.language ||
              (r.scriptGuess === 'latin' && ['vi', 'fr', 'de', 'en'].includes(r.truth.language)),
          ).length,
          guessed.length,
        ),
      }
    : {}),
};
writeFileSync(
  values.out,
  `${JSON.stringify({ ...report, photos: results.map((r) => ({ image: r.truth.image, ms: Math.round(r.ms), ...r.score })) }, null, 2)}\n`,
);
console.log(JSON.stringify(report, null, 2));
console.log(
  `SUMMARY clean: recall ${clean.recall}, precision ${clean.precision}, price ${clean.priceExact}, CER ${clean.nameCer}, box ${clean.boxHit} | distorted: recall ${distorted.recall}, precision ${distorted.precision}, price ${distorted.priceExact}, CER ${distorted.nameCer}, box ${distorted.boxHit} | 12 MP p50 ${report.twelveMegapixel.msP50} ms, p95 ${report.twelveMegapixel.msP95} ms`,
);
