// Static checks of the compose cluster profile (scripts/compose/cluster.yml, no Docker needed), and
// the node start script run for real with a command that only prints: the files it writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRedisTopology } from '../../lib/storage/topology';
import { CLUSTER_NODE_TIMEOUT_MS } from '../stack/cluster';

interface Service {
  image?: string;
  profiles?: string[];
  ports?: unknown[];
  networks?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}
const ROOT = join(import.meta.dirname, '../..');
const file = parse(readFileSync(join(ROOT, 'scripts/compose/cluster.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const nodes = [1, 2, 3, 4, 5, 6].map((n) => `redis-node-${n}`);
const service = (name: string): Service => {
  const found = file.services[name];
  if (!found) throw new Error(`cluster.yml has no service ${name}`);
  return found;
};
const START = join(ROOT, 'scripts/compose/redis-start.sh');

describe('the compose cluster profile', () => {
  it('has six Redis nodes and a one-shot that makes them a cluster, all in the cluster profile', () => {
    for (const name of [...nodes, 'redis-cluster-create']) {
      expect(service(name).profiles, name).toEqual(['cluster']);
      expect(service(name).networks, name).toEqual(['backend']);
      expect(service(name).ports, name).toBeUndefined();
    }
    const create = service('redis-cluster-create').command?.join(' ') ?? '';
    expect(create).toContain('--cluster create');
    expect(create).toContain('--cluster-replicas 1');
    for (const name of nodes) {
      expect(service('redis-cluster-create').depends_on?.[name]?.condition).toBe('service_healthy');
      expect(service(name).volumes).toContain(`${name}:/data`);
      expect(file.volumes).toHaveProperty(name);
    }
  });

  it('runs every node as the single Redis runs, plus the native cluster settings', () => {
    for (const name of nodes) {
      const command = service(name).command ?? [];
      const option = (flag: string) => command[command.indexOf(flag) + 1];
      expect(command.slice(0, 5)).toEqual([
        'sh',
        '/usr/local/lib/menuroom/redis-start.sh',
        'docker-entrypoint.sh',
        'redis-server',
        '/run/menuroom-redis/cluster.conf',
      ]);
      expect(option('--cluster-enabled')).toBe('yes');
      expect(option('--cluster-node-timeout')).toBe(String(CLUSTER_NODE_TIMEOUT_MS));
      expect(option('--cluster-require-full-coverage')).toBe('no');
      expect(option('--cluster-preferred-endpoint-type')).toBe('hostname');
      expect(option('--maxmemory-policy')).toBe('noeviction');
      expect(option('--appendonly')).toBe('yes');
      expect(option('--aclfile')).toBe('/run/menuroom-redis/users.acl');
      expect(service(name).healthcheck?.test?.join(' ')).toContain('--user menuroom');
      // No password on a command line.
      expect(command.join(' ')).not.toMatch(/PASSWORD|masterauth/);
    }
  });

  it('gives web and socket the cluster, not the single Redis, once it is made', () => {
    for (const name of ['web', 'socket']) {
      const environment = service(name).environment ?? {};
      expect(environment.REDIS_URL, name).toBe('');
      const nodesUrl = (environment.REDIS_CLUSTER_NODES ?? '').replaceAll(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
        '${REDIS_PASSWORD:?set REDIS_PASSWORD (see the top of docker-compose.yml)}',
        'a-password-of-16-chars',
      );
      expect(readRedisTopology({ REDIS_URL: environment.REDIS_URL, REDIS_CLUSTER_NODES: nodesUrl })).toEqual({
        kind: 'cluster',
        nodes: ['redis://redis-node-1:6379', 'redis://redis-node-2:6379', 'redis://redis-node-3:6379'],
        username: 'menuroom',
        password: 'a-password-of-16-chars',
      });
      expect(service(name).depends_on?.['redis-cluster-create']?.condition).toBe(
        'service_completed_successfully',
      );
    }
  });

  it('writes the admin user and the replication login of a node, and refuses a weak admin password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'menuroom-compose-'));
    try {
      const run = (env: Record<string, string>) =>
        spawnSync(
          'sh',
          [START, 'echo', 'redis-server', join(dir, 'cluster.conf'), '--aclfile', join(dir, 'users.acl')],
          // The passwords only as each case gives them.
          {
            env: { ...process.env, REDIS_PASSWORD: undefined, REDIS_ADMIN_PASSWORD: undefined, ...env },
            encoding: 'utf8',
          },
        );
      const ok = run({
        REDIS_PASSWORD: 'app-password-0123456789',
        REDIS_ADMIN_PASSWORD: 'admin-password-0123456789',
      });
      expect(ok.status, ok.stderr).toBe(0);
      const acl = readFileSync(join(dir, 'users.acl'), 'utf8');
      expect(acl).toMatch(
        /^user default off\nuser menuroom on #[0-9a-f]{64} .*\nuser admin on #[0-9a-f]{64} ~\* &\* \+@all\n$/,
      );
      expect(acl).not.toContain('admin-password');
      const conf = readFileSync(join(dir, 'cluster.conf'), 'utf8');
      expect(conf).toMatch(
        /^masteruser admin\nmasterauth admin-password-0123456789\ncluster-announce-hostname \S+\n$/,
      );
      const same = run({
        REDIS_PASSWORD: 'app-password-0123456789',
        REDIS_ADMIN_PASSWORD: 'app-password-0123456789',
      });
      expect(same.status).not.toBe(0);
      expect(same.stderr).toMatch(/differ from REDIS_PASSWORD/);
      const missing = run({ REDIS_PASSWORD: 'app-password-0123456789' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/REDIS_ADMIN_PASSWORD/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
