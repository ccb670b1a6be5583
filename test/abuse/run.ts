// The abuse suite outside vitest: one JSON line per class, then a one-line summary; exit 1 on a failure.
//   npx tsx test/abuse/run.ts             every case but those awaiting a defence (as CI runs it)
//   npx tsx test/abuse/run.ts --awaiting  only the cases awaiting a defence (awaiting.ts)
//   npx tsx test/abuse/run.ts --all       every case
// Needs `npm run build`; run it under `flock /tmp/menuroom-build.lock` like the other stack tests.
import { isAwaiting } from './awaiting';
import { ABUSE_CLASSES } from './classes';
import { type ClassResult, ClassRun, checkAftermath, printReport, resultOf } from './runner';
import { startWorld } from './world';

const mode = process.argv.includes('--all') ? 'all' : process.argv.includes('--awaiting') ? 'awaiting' : 'ci';
const includes = (name: string) => mode === 'all' || (mode === 'awaiting') === isAwaiting(name);

const world = await startWorld('abuse-run');
const results: ClassResult[] = [];
try {
  for (const [name, abuse] of Object.entries(ABUSE_CLASSES)) {
    const run = new ClassRun(name, includes);
    process.stderr.write(`running ${name}\n`);
    try {
      await abuse(world, run);
    } catch (error) {
      run.failures.push(
        `setup of the class failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await checkAftermath(world.h, run, world.bystanders, world.baseline);
    results.push(resultOf(run));
  }
  printReport(world.h, results);
} finally {
  await world.stop();
}
process.exit(results.some((r) => r.failed > 0) ? 1 : 0);
