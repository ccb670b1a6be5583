// Issue "Nothing lost": the fault suite as part of the test command. Each fault is bounded in time;
// the figures are printed (one JSON line per fault) and the targets asserted.
import { expect, it } from 'vitest';
import { runFaultSuite } from './faultSuite';

it('converges through replica crashes, rolling restarts and Redis faults without losing or doubling a pick', async () => {
  const results = await runFaultSuite({ log: (message) => console.log(message) });
  for (const result of results) {
    console.log(JSON.stringify(result));
    expect.soft(result.crashes, result.fault).toEqual([]);
    expect.soft(result.lost, result.fault).toBe(0);
    expect.soft(result.duplicated, result.fault).toBe(0);
    expect.soft(result.versionsWentBackwards, result.fault).toBe(0);
    expect.soft(result.clientsConverged, result.fault).toBe(result.clients);
    expect.soft(result.convergeP99Ms, result.fault).toBeLessThanOrEqual(5_000);
    expect.soft(result.acknowledged, result.fault).toBeGreaterThan(0);
  }
  expect(results).toHaveLength(5);
}, 400_000);
