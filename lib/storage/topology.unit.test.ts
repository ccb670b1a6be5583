import { describe, expect, it } from 'vitest';
import { describeTopology, readRedisTopology, replicasToWaitFor } from './topology';

describe('the Redis topology', () => {
  it('is one Redis from REDIS_URL, with a default', () => {
    expect(readRedisTopology({ REDIS_URL: 'redis://menuroom:pw@10.0.0.5:6380' })).toEqual({
      kind: 'single',
      url: 'redis://menuroom:pw@10.0.0.5:6380',
    });
    expect(readRedisTopology({})).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
  });

  it('is a cluster from REDIS_CLUSTER_NODES, with the credentials of its URLs for every node', () => {
    const topology = readRedisTopology({
      REDIS_CLUSTER_NODES: 'redis://menuroom:p%40ss@10.0.0.1:7000, redis://menuroom:p%40ss@10.0.0.2:7000,',
    });
    expect(topology).toEqual({
      kind: 'cluster',
      nodes: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'],
      username: 'menuroom',
      password: 'p@ss',
    });
    expect(describeTopology(topology)).toBe('cluster of redis://10.0.0.1:7000,redis://10.0.0.2:7000');
    expect(describeTopology(readRedisTopology({ REDIS_URL: 'redis://u:secret@h:1' }))).toBe('single h:1');
  });

  it('refuses both settings at once, bad URLs and mixed credentials, naming the variable', () => {
    expect(() => readRedisTopology({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'redis://b:1' })).toThrow(
      /REDIS_URL .* or REDIS_CLUSTER_NODES .* not both/,
    );
    expect(() => readRedisTopology({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(() => readRedisTopology({ REDIS_CLUSTER_NODES: 'http://h:1' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => readRedisTopology({ REDIS_CLUSTER_NODES: 'redis://h' })).toThrow(/host and a port/);
    expect(() => readRedisTopology({ REDIS_CLUSTER_NODES: ' , ' })).toThrow(/no node/);
    expect(() => readRedisTopology({ REDIS_CLUSTER_NODES: 'redis://u:a@h1:1,redis://u:b@h2:1' })).toThrow(
      /same for all/,
    );
  });

  it('waits for one replica on a cluster and none on one Redis, unless REDIS_WAIT_REPLICAS says', () => {
    const cluster = readRedisTopology({ REDIS_CLUSTER_NODES: 'redis://h:1' });
    const single = readRedisTopology({});
    expect(replicasToWaitFor(cluster, {})).toBe(1);
    expect(replicasToWaitFor(single, {})).toBe(0);
    expect(replicasToWaitFor(cluster, { REDIS_WAIT_REPLICAS: '0' })).toBe(0);
    expect(() => replicasToWaitFor(cluster, { REDIS_WAIT_REPLICAS: 'one' })).toThrow(/REDIS_WAIT_REPLICAS/);
  });
});
