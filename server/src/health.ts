import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RedisHealth } from './redisWatchdog';
import type { MenuroomRedis } from '../../lib/storage/redis';

export interface HealthSources {
  replicaId: string;
  pub: MenuroomRedis;
  sub: MenuroomRedis;
  redis: RedisHealth;
  isDraining: () => boolean;
  /** The Prometheus exposition of this replica (metrics.ts). */
  metrics: () => Promise<{ contentType: string; body: string }>;
}

/**
 * Liveness (/healthz): the process answers. Readiness (/readyz): it can serve rooms: both Redis
 * connections are up, broadcasts come back through the subscriber, and it is not draining.
 * Metrics (/metrics): for Prometheus on the private network; nginx sends only /ws/ to replicas, and
 * the path is compared as sent (never normalised), so nothing under /ws/ can name it.
 */
export function healthHandler(sources: HealthSources) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: object) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/healthz') return send(200, { replicaId: sources.replicaId });
    if (req.url === '/readyz') {
      const checks = {
        redis: sources.pub.isReady,
        subscriber: sources.sub.isReady && sources.redis.subscriberHealthy,
        draining: sources.isDraining(),
      };
      const ready = checks.redis && checks.subscriber && !checks.draining;
      return send(ready ? 200 : 503, { ready, ...checks, redisDataLostAt: sources.redis.dataLostAt });
    }
    if (req.url === '/metrics' && req.method === 'GET') {
      sources.metrics().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  };
}
