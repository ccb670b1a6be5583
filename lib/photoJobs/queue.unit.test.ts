import { describe, expect, it } from 'vitest';
import { PhotoError } from '../menuReading/errors';
import { OcrQueue } from './queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('OcrQueue', () => {
  it('runs at most `concurrency` tasks, first in first out, telling each its place in line', async () => {
    const queue = new OcrQueue({ concurrency: 1, maxWaiting: 10 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const places: number[][] = [[], [], []];
    const runs = gates.map((gate, i) =>
      queue.run(
        async () => {
          started.push(i);
          await gate.promise;
          return i;
        },
        (place) => places[i]?.push(place),
      ),
    );
    await Promise.resolve();
    expect(started).toEqual([0]);
    expect(queue.load).toEqual({ running: 1, waiting: 2 });
    gates[0]?.resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(places[0]).toEqual([0]);
    expect(places[1]?.at(0)).toBe(1);
    expect(places[2]).toContain(2);
    expect(places[2]).toContain(1);
    expect(places[2]?.at(-1)).toBe(0);
  });

  it('refuses new work as busy when the line is full, and keeps going after a failed task', async () => {
    const queue = new OcrQueue({ concurrency: 1, maxWaiting: 1 });
    const gate = deferred();
    const first = queue.run(() => gate.promise.then(() => Promise.reject(new Error('tesseract died'))));
    const second = queue.run(async () => 'second');
    await expect(queue.run(async () => 'third')).rejects.toBeInstanceOf(PhotoError);
    await expect(queue.run(async () => 'third')).rejects.toMatchObject({ code: 'busy' });
    gate.resolve();
    await expect(first).rejects.toThrow('tesseract died');
    expect(await second).toBe('second');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});
