// The dish-explanation benchmark: the held-apart menus (bench/gloss/heldout/*.json, written without
// looking at the glossary) explained by the code that ships (lib/glossary/explain.ts), per menu
// language: how many dishes get an explanation (a known dish, or a literal reading), how many
// non-Latin names get a reading, and how many explanations name what a correct one must (the
// list's `mustMention` words, looked for in the English explanation; a person checks the rest from
// the JSON this prints). Then the cost: explaining a 100-dish menu after start-up, and the memory the
// dictionaries take.
//   npx tsx bench/gloss/run.ts            → JSON on stdout, a summary line last
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { explainDish, explainMenu } from '../../lib/glossary/explain';
import { INTERFACE_LANGUAGES, type MenuLanguageCode } from '../../lib/protocol';

interface HeldOutDish {
  name: string;
  reading?: string;
  meaning: string;
  mustMention: string[];
}

/**
 * heldout/: the first held-apart lists; heldout2/: a second English list, written after the English
 * glossary's first extension; heldout3/: a third, written after its second extension (see en.ts);
 * heldout4/: a fourth, written blind on 2026-12-02 while the fourth extension was being written
 * (neither side saw the other). The README says which lists later tuning has seen.
 */
const LISTS = ['heldout', 'heldout2', 'heldout3', 'heldout4'];
const listFiles = LISTS.flatMap((list) =>
  readdirSync(join(import.meta.dirname, list))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ list, path: join(import.meta.dirname, list, file) })),
);
const NON_LATIN = new Set(['ko', 'ja', 'zh-Hans', 'zh-Hant', 'th']);
/** Words a correct English explanation may use instead of the list's keyword. */
const SYNONYMS: Record<string, string[]> = {
  shrimp: ['prawn'],
  prawn: ['shrimp'],
  noodle: ['ramen', 'udon', 'soba', 'pasta', 'spaghetti', 'vermicelli'],
  soup: ['broth', 'stew'],
  stew: ['soup', 'braise', 'casserole'],
  dumpling: ['gyoza', 'ravioli', 'mandu'],
  liquor: ['spirit', 'soju', 'baijiu', 'shochu'],
  beef: ['steak', 'veal'],
  pork: ['ham', 'bacon', 'sausage'],
  rice: ['risotto', 'paella'],
  omelet: ['omelette'],
  pancake: ['crepe', 'crêpe'],
};

function mentions(gloss: string, words: string[]): boolean {
  const text = gloss.toLowerCase();
  return words.some((word) => [word, ...(SYNONYMS[word] ?? [])].some((w) => text.includes(w)));
}

const rssBefore = process.memoryUsage().rss;
const results: Record<string, unknown>[] = [];
const dishes: Record<string, unknown>[] = [];
for (const { list: listName, path } of listFiles) {
  const list = JSON.parse(readFileSync(path, 'utf8')) as {
    language: MenuLanguageCode;
    dishes: HeldOutDish[];
  };
  let explained = 0;
  let known = 0;
  let literal = 0;
  let read = 0;
  let mentioned = 0;
  let everyLanguage = 0;
  for (const dish of list.dishes) {
    const explanation = await explainDish(dish.name, list.language);
    const gloss = explanation?.gloss.en;
    if (gloss) explained++;
    // Dictionary readings are English only; a member reading in another language sees them marked so.
    if (INTERFACE_LANGUAGES.every((language) => explanation?.gloss[language])) everyLanguage++;
    if (gloss && explanation?.kind === 'dish') known++;
    if (gloss && explanation?.kind === 'literal') literal++;
    if (explanation?.reading) read++;
    if (gloss && mentions(gloss, dish.mustMention)) mentioned++;
    dishes.push({
      list: listName,
      language: list.language,
      name: dish.name,
      expected: dish.meaning,
      kind: explanation?.kind ?? null,
      reading: explanation?.reading ?? null,
      expectedReading: dish.reading ?? null,
      gloss: gloss ?? null,
      mentions: gloss ? mentions(gloss, dish.mustMention) : false,
    });
  }
  const n = list.dishes.length;
  results.push({
    list: listName,
    language: list.language,
    dishes: n,
    explained: +(explained / n).toFixed(3),
    explainedInEveryInterfaceLanguage: +(everyLanguage / n).toFixed(3),
    knownDish: +(known / n).toFixed(3),
    literal: +(literal / n).toFixed(3),
    reading: NON_LATIN.has(list.language) ? +(read / n).toFixed(3) : null,
    namesWhatItIs: +(mentioned / Math.max(1, explained)).toFixed(3),
  });
}
const rssAfter = process.memoryUsage().rss;

// The cost of one 100-dish menu per language, after start-up (dictionaries loaded above).
const timings: Record<string, number> = {};
for (const { path } of listFiles.filter(({ list }) => list === 'heldout')) {
  const list = JSON.parse(readFileSync(path, 'utf8')) as {
    language: MenuLanguageCode;
    dishes: HeldOutDish[];
  };
  const names = Array.from(
    { length: 100 },
    (_, i) => `${list.dishes[i % list.dishes.length]?.name ?? ''}${i >= list.dishes.length ? ` ${i}` : ''}`,
  );
  const started = performance.now();
  await explainMenu(names, list.language);
  timings[list.language] = Math.round(performance.now() - started);
}

const worstMs = Math.max(...Object.values(timings));
const memoryMb = Math.round((rssAfter - rssBefore) / 1024 / 1024);
console.log(
  JSON.stringify({ results, timingsMsPer100Dishes: timings, dictionaryMemoryMb: memoryMb, dishes }, null, 1),
);
const pct = (key: string) =>
  results
    .map(
      (r) =>
        `${r.list === 'heldout' ? '' : `${r.list}/`}${r.language} ${Math.round(Number(r[key] ?? 0) * 100)}%`,
    )
    .join(', ');
console.log(
  `gloss: explained ${pct('explained')}; readings ${results
    .filter((r) => r.reading !== null)
    .map((r) => `${r.language} ${Math.round(Number(r.reading) * 100)}%`)
    .join(
      ', ',
    )}; in all ${INTERFACE_LANGUAGES.length} interface languages ${pct('explainedInEveryInterfaceLanguage')}; 100 dishes ≤ ${worstMs} ms; dictionaries +${memoryMb} MB RSS`,
);
