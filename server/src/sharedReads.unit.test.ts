import { describe, expect, it } from 'vitest';
import { SharedReads } from './sharedReads';

/** A load whose answer the test gives when it wants, counting how often it was started. */
function controlledLoads() {
  const started: ((value: number) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  const load = () =>
    new Promise<number>((resolve, reject) => {
      started.push(resolve);
      failures.push(reject);
    });
  return { load, started, failures };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads', () => {
  it('gives callers who ask while a read is in flight one read started after they asked', async () => {
    const reads = new SharedReads<number>();
    const { load, started } = controlledLoads();
    const first = reads.read('room', load);
    const laterCallers = Array.from({ length: 50 }, () => reads.read('room', load));
    expect(started).toHaveLength(1);

    started[0]?.(1);
    expect(await first).toBe(1);
    await tick();
    // The fifty waited for a read of their own, not the one that was already running when they asked.
    expect(started).toHaveLength(2);
    started[1]?.(2);
    expect(await Promise.all(laterCallers)).toEqual(Array(50).fill(2));
    await tick();
    expect(reads.size).toBe(0);
  });

  it('keeps keys apart and starts afresh once nothing is in flight', async () => {
    const reads = new SharedReads<number>();
    const { load, started } = controlledLoads();
    const a = reads.read('a', load);
    const b = reads.read('b', load);
    expect(started).toHaveLength(2);
    started[0]?.(10);
    started[1]?.(20);
    expect([await a, await b]).toEqual([10, 20]);
    await tick();
    const again = reads.read('a', load);
    expect(started).toHaveLength(3);
    started[2]?.(30);
    expect(await again).toBe(30);
  });

  it('passes a failed read on to its callers only, and the next caller reads again', async () => {
    const reads = new SharedReads<number>();
    const { load, started, failures } = controlledLoads();
    const failing = reads.read('room', load);
    const queued = reads.read('room', load);
    failures[0]?.(new Error('redis down'));
    await expect(failing).rejects.toThrow('redis down');
    await tick();
    started[1]?.(5);
    expect(await queued).toBe(5);
    await tick();
    expect(reads.size).toBe(0);
  });
});
