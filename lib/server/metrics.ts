import 'server-only';
// Prometheus metrics of one web process (prom-client): Node's own figures and the menu-photo queue.
// They are served by a listener of their own on WEB_METRICS_PORT, never by Next: nginx proxies only
// Next's port, so nothing of this is reachable from outside the private network. One registry per
// process, kept on globalThis: the instrumentation hook and the route handlers are separate
// bundles that would otherwise each build their own.
import { createServer } from 'node:http';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { z } from 'zod';
import type { PhotoJobObserver } from '@/lib/photoJobs/jobs';
import { webLog } from './webRedis';

/** Seconds: a clean 12 MP photo reads in ~1.3 s, a distorted one in Detect up to ~5 s, the limit is 30 s. */
const READING_BUCKETS = [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60];
/** Seconds a job waited in line for a reading slot. */
const WAIT_BUCKETS = [0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120];

interface WebMetrics {
  registry: Registry;
  observer: PhotoJobObserver;
  /** The photo queue's current load, once the queue exists (lib/server/photoJobs.ts). */
  photoQueue: { readonly load: { running: number; waiting: number } } | null;
}

const globalForMetrics = globalThis as unknown as {
  menuroomWebMetrics?: WebMetrics;
  menuroomWebMetricsListener?: boolean;
};

function createWebMetrics(): WebMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: WebMetrics = {
    registry,
    photoQueue: null,
    observer: { waited: () => {}, read: () => {} },
  };
  new Gauge({
    name: 'menuroom_photo_queue_jobs',
    help: 'Menu photo jobs of this web process, waiting in line or being read.',
    labelNames: ['state'],
    registers,
    collect() {
      const load = metrics.photoQueue?.load ?? { running: 0, waiting: 0 };
      this.set({ state: 'waiting' }, load.waiting);
      this.set({ state: 'running' }, load.running);
    },
  });
  const waitSeconds = new Histogram({
    name: 'menuroom_photo_wait_seconds',
    help: 'Time a menu photo job waited in line before its reading started.',
    buckets: WAIT_BUCKETS,
    registers,
  });
  const readingSeconds = new Histogram({
    name: 'menuroom_photo_reading_seconds',
    help: 'Time from the start of a photo job’s reading to its result, by outcome (done or the error code).',
    labelNames: ['outcome'],
    buckets: READING_BUCKETS,
    registers,
  });
  metrics.observer = {
    waited: (seconds) => waitSeconds.observe(seconds),
    read: (seconds, outcome) => readingSeconds.observe({ outcome }, seconds),
  };
  return metrics;
}

export function webMetrics(): WebMetrics {
  globalForMetrics.menuroomWebMetrics ??= createWebMetrics();
  return globalForMetrics.menuroomWebMetrics;
}

const ListenerSchema = z.object({
  /** Unset: no metrics listener. */
  WEB_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The same address Next listens on (HOSTNAME): loopback natively, the private network in compose. */
  HOSTNAME: z.string().min(1).default('127.0.0.1'),
});

/**
 * Starts the metrics listener once per process (GET /metrics on WEB_METRICS_PORT). A bad variable or
 * a port in use is logged and leaves the web tier serving phones without metrics.
 */
export function startWebMetricsListener(env: NodeJS.ProcessEnv = process.env): void {
  if (globalForMetrics.menuroomWebMetricsListener) return;
  const parsed = ListenerSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    webLog.error(`invalid metrics configuration, no metrics listener: ${problems}`);
    return;
  }
  const { WEB_METRICS_PORT: port, HOSTNAME: host } = parsed.data;
  if (port === undefined) return;
  globalForMetrics.menuroomWebMetricsListener = true;
  const { registry } = webMetrics();
  const server = createServer((req, res) => {
    if (req.url !== '/metrics' || req.method !== 'GET') return void res.writeHead(404).end();
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => {
        webLog.error({ err }, 'metrics failed');
        res.writeHead(500).end();
      },
    );
  });
  server.on('error', (err) => webLog.error({ err, host, port }, 'metrics listener failed'));
  // Never what keeps the process alive: Next's own server does.
  server.listen(port, host, () => webLog.info({ host, port }, 'metrics listening')).unref();
}
