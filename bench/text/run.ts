// What checking a menu's text costs a replica (lib/protocolValues.ts textProblem, run on every
// dish's name, description and gloss of a menu.replace): a 300-dish menu in plain ASCII, which takes
// the fast path, and one in Korean, which takes the general one (Unicode classes and the grapheme
// segmenter). anyTextProblem is the general path alone, for the comparison.
//
//   npx tsx bench/text/run.ts [--rounds 200]
// Prints JSON on stdout, then a one-line summary.
import { parseArgs } from 'node:util';
import { anyTextProblem, textProblem } from '../../lib/protocolValues';
import { round } from '../lib/stats';

const { values: argv } = parseArgs({ options: { rounds: { type: 'string' } } });
const rounds = Number(argv.rounds ?? 200);
const DISHES = 300;

const menus = {
  ascii: Array.from({ length: DISHES }, (_, i) => [
    `Grilled chicken skewers ${i}`,
    `Tender pieces of chicken with a sweet soy glaze, served with rice ${i}`,
    `yakitori ${i}`,
  ]).flat(),
  korean: Array.from({ length: DISHES }, (_, i) => [
    `김치찌개 ${i}`,
    `돼지고기와 두부를 넣고 끓인 매콤한 김치 찌개, 밥과 함께 ${i}`,
    `kimchi-jjigae ${i}`,
  ]).flat(),
};

function msPerMenu(check: typeof textProblem, texts: string[]): number {
  for (const text of texts) check(text, 200); // warm up
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const text of texts) check(text, 200);
  return round((performance.now() - started) / rounds, 3);
}

const figures = (texts: string[]) => ({
  textProblem: msPerMenu(textProblem, texts),
  generalPath: msPerMenu(anyTextProblem, texts),
});
const result = {
  rounds,
  dishes: DISHES,
  msPerMenu: { ascii: figures(menus.ascii), korean: figures(menus.korean) },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
const { ascii, korean } = result.msPerMenu;
process.stdout.write(
  `SUMMARY checking a 300-dish menu's text: ASCII ${ascii.textProblem} ms (general path ${ascii.generalPath} ms), Korean ${korean.textProblem} ms\n`,
);
