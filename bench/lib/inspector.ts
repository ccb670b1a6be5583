// Heap and event-loop delay of a running replica, read over the Node inspector protocol. The
// replicas have no metrics endpoint of their own yet, and heap is not visible from /proc; so the
// benchmark stacks start them with NODE_OPTIONS=--inspect=127.0.0.1:0 (loopback, a free port) and
// ask them from outside. The code that serves phones is the shipped bundle, unchanged.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

/** For the replicas of a benchmark stack (`socketEnv`). */
export const INSPECT_ENV = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };

export interface RuntimeFigures {
  heapUsedBytes: number;
  heapTotalBytes: number;
  rssBytes: number;
  /** Event-loop delay since the previous read, ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** The newest inspector address a node process printed to its log (a restart appends a new one). */
export function inspectorUrlFromLog(logFile: string): string | null {
  const found = [...readFileSync(logFile, 'utf8').matchAll(/Debugger listening on (ws:\/\/\S+)/g)];
  return found.at(-1)?.[1] ?? null;
}

// Runs inside the replica: a histogram of event-loop delay, kept on globalThis between reads.
const INSTALL = `(() => {
  if (!globalThis.__benchLoopDelay) {
    globalThis.__benchLoopDelay = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 });
    globalThis.__benchLoopDelay.enable();
  }
  return true;
})()`;
const READ = `(() => {
  const h = globalThis.__benchLoopDelay;
  const m = process.memoryUsage();
  const figures = { heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal, rssBytes: m.rss,
    loopDelayP50Ms: h.percentile(50) / 1e6, loopDelayP99Ms: h.percentile(99) / 1e6, loopDelayMaxMs: h.max / 1e6 };
  h.reset();
  return JSON.stringify(figures);
})()`;

export class InspectedProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message);
    });
  }

  static async open(url: string): Promise<InspectedProcess> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => {});
    const inspected = new InspectedProcess(socket);
    await inspected.evaluate(INSTALL);
    return inspected;
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`inspector ${method} timed out`));
      }, 30_000);
      this.waiting.set(id, (message) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (message.error) reject(new Error(`inspector ${method}: ${JSON.stringify(message.error)}`));
        else resolve(message.result);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  private async evaluate(expression: string): Promise<unknown> {
    const result = (await this.call('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value: unknown };
      exceptionDetails?: unknown;
    };
    if (result.exceptionDetails)
      throw new Error(`inspector evaluate: ${JSON.stringify(result.exceptionDetails)}`);
    return result.result.value;
  }

  /** Heap, RSS and the event-loop delay since the last read (which this read resets). */
  async read(): Promise<RuntimeFigures> {
    return JSON.parse(String(await this.evaluate(READ))) as RuntimeFigures;
  }

  /** A full garbage collection first, for heap figures that count only what is live. */
  async readAfterGc(): Promise<RuntimeFigures> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    return this.read();
  }

  close(): void {
    this.socket.close();
  }
}
