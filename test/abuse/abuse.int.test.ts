// Issue 11, the bad-input and abuse suite: every class of hostile client against the real stack
// through nginx (3 replicas, Redis, Next), over websocket and long-polling, loopback only. Each class
// prints how many cases it tried; after each, the rooms no attacker owns are unchanged, every replica
// serves, nothing crashed and replica memory is back within bounds. Needs `npm run build`.
// `npx tsx test/abuse/run.ts` runs the same outside vitest (see there for the cases awaiting a defence).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isAwaiting } from './awaiting';
import { ABUSE_CLASSES } from './classes';
import { checkAftermath, ClassRun, type ClassResult, printReport, resultOf } from './runner';
import { startWorld, type World } from './world';

let world: World;
const results: ClassResult[] = [];

beforeAll(async () => {
  world = await startWorld('abuse');
}, 120_000);

afterAll(async () => {
  if (world) printReport(world.h, results);
  await world?.stop();
});

for (const [name, abuse] of Object.entries(ABUSE_CLASSES)) {
  it(`abuse class: ${name}`, async () => {
    // Cases still waiting for their defence run in `run.ts --awaiting` (awaiting.ts says which).
    const run = new ClassRun(name, (caseName) => !isAwaiting(caseName));
    try {
      await abuse(world, run);
    } catch (error) {
      run.failures.push(
        `setup of the class failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await checkAftermath(world.h, run, world.bystanders, world.baseline);
    const result = resultOf(run);
    results.push(result);
    console.log(JSON.stringify({ class: result.class, tried: result.tried, failed: result.failed }));
    expect(result.failures, `${name}: ${result.tried} cases tried`).toEqual([]);
  }, 120_000);
}
