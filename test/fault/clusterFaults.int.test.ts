// The fault suite on a Redis Cluster of 3 masters and 3 replicas: a master killed, a master hung
// past the node timeout, slots resharded while phones pick. Writes wait for their replica (WAIT 1),
// so an operation a phone saw acknowledged survives the failover.
import { expect, it } from 'vitest';
import { CLUSTER_FAULTS, runFaultSuite } from './faultSuite';

it('loses and doubles no acknowledged operation through a master crash, a hung master and a reshard', async () => {
  const results = await runFaultSuite({ redisCluster: true, log: (message) => console.log(message) });
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
  expect(results).toHaveLength(CLUSTER_FAULTS.length);
}, 400_000);
