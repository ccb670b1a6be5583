// `bash scripts/stack.sh` ends here: start the stack, print where it is, stop it on Ctrl-C / SIGTERM.
// Environment: PORT (nginx, default 8080), SOCKET_REPLICAS (default 3), STACK_HOST (default 127.0.0.1),
// PUBLIC_ORIGINS (default: computed from STACK_HOST and PORT), REDIS_MAXMEMORY (default 512mb),
// REDIS_CLUSTER=1 (a Redis Cluster of 3 masters and 3 replicas instead of one Redis).
import { startStack } from './index';

const log = (message: string) => console.log(`[stack] ${message}`);
const replicas = Number(process.env.SOCKET_REPLICAS ?? 3);
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(replicas) || replicas < 1)
  throw new Error(`SOCKET_REPLICAS must be >= 1, got ${replicas}`);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port, got ${port}`);

// Signals that arrive while starting are remembered and honoured once stop() is available.
let stopRequested = false;
let stopNow: (() => void) | null = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping`);
    stopRequested = true;
    stopNow?.();
  });

const stack = await startStack({
  name: 'stack',
  replicas,
  port,
  host: process.env.STACK_HOST ?? '127.0.0.1',
  publicOrigins: process.env.PUBLIC_ORIGINS || undefined,
  redisCluster: process.env.REDIS_CLUSTER === '1',
  log,
});
let stopping = false;
stopNow = () => {
  if (stopping) return;
  stopping = true;
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
if (stopRequested) stopNow();

log(`redis   ${stack.redisUrl}  (admin: ${stack.redisAdminUrl})`);
for (const replica of stack.replicas)
  log(`${replica.id} ${replica.url} (pid ${replica.pid}, metrics ${replica.metricsUrl})`);
log(`next    ${stack.webUrl}${stack.webMetricsUrl ? ` (metrics ${stack.webMetricsUrl})` : ''}`);
log(`logs    ${stack.runDir}`);
log(`origins ${stack.publicOrigins}`);
log(`menuroom is up: ${stack.publicOrigins.split(',').join('  ')}  (Ctrl-C stops everything)`);
