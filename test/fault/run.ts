// Runs the fault suite and prints one JSON line per fault, then a one-line summary.
//   npx tsx test/fault/run.ts             (needs `npm run build` first)
//   npx tsx test/fault/run.ts --cluster   (on a 3-master Redis Cluster, with its own faults)
import { runFaultSuite } from './faultSuite';

const results = await runFaultSuite({
  redisCluster: process.argv.includes('--cluster'),
  log: (m) => process.stderr.write(`${m}\n`),
});
for (const result of results) console.log(JSON.stringify(result));
const worstP99 = Math.max(...results.map((r) => r.convergeP99Ms));
const bad = results.filter(
  (r) => r.lost || r.duplicated || r.crashes.length || r.clientsConverged < r.clients,
);
console.log(
  `fault suite: ${results.length} faults, ${results.reduce((n, r) => n + r.opsSent, 0)} ops, ` +
    `lost ${results.reduce((n, r) => n + r.lost, 0)}, duplicated ${results.reduce((n, r) => n + r.duplicated, 0)}, ` +
    `worst convergence p99 ${worstP99} ms, ${bad.length ? `FAILED: ${bad.map((r) => r.fault).join('; ')}` : 'all converged'}`,
);
process.exit(bad.length ? 1 : 0);
