// What every process of a running stack costs, sampled around a measured window: CPU and RSS from
// /proc (nginx with its workers), and for node processes started with INSPECT_ENV their heap and
// event-loop delay over the inspector.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InspectedProcess, inspectorUrlFromLog, type RuntimeFigures } from './inspector';
import { cpuPercent, type ProcSample, sampleProcess } from './proc';
import { round } from './stats';

export interface ProbeTarget {
  name: string;
  /** Read at every sample: a restarted replica has a new pid. */
  pid: () => number;
  withChildren?: boolean;
  /** A node process started with INSPECT_ENV: its log names the inspector's address. */
  logFile?: string;
}

export interface ProcessFigures {
  cpuPercent: number;
  rssMB: number;
  fds: number;
  heapUsedMB?: number;
  loopDelayP99Ms?: number;
  loopDelayMaxMs?: number;
}

interface Sample {
  at: number;
  procs: Map<string, ProcSample | null>;
}

/** The pid of a process of a stack's run directory by name (`redis`, `nginx`, `socket-1`, …). */
export function pidFromRunDir(runDir: string, name: string): number {
  const file = JSON.parse(readFileSync(join(runDir, 'pids.json'), 'utf8')) as {
    processes: { name: string; pid: number }[];
  };
  return file.processes.find((p) => p.name === name)?.pid ?? 0;
}

export class Probe {
  private readonly inspectors = new Map<string, { pid: number; inspected: InspectedProcess }>();

  constructor(private readonly targets: ProbeTarget[]) {}

  private async inspector(target: ProbeTarget): Promise<InspectedProcess | null> {
    if (!target.logFile) return null;
    const pid = target.pid();
    const known = this.inspectors.get(target.name);
    if (known && known.pid === pid) return known.inspected;
    known?.inspected.close();
    this.inspectors.delete(target.name);
    const url = inspectorUrlFromLog(target.logFile);
    if (!url || pid === 0) return null;
    try {
      const inspected = await InspectedProcess.open(url);
      this.inspectors.set(target.name, { pid, inspected });
      return inspected;
    } catch {
      return null;
    }
  }

  /** Starts a window: CPU counters now, and the event-loop histograms are reset. */
  async begin(): Promise<Sample> {
    await Promise.all(this.targets.map(async (t) => (await this.inspector(t))?.read()));
    return this.sample();
  }

  private sample(): Sample {
    return {
      at: Date.now(),
      procs: new Map(
        this.targets.map((t) => [t.name, t.pid() ? sampleProcess(t.pid(), t.withChildren) : null]),
      ),
    };
  }

  /** Ends a window begun with begin(). */
  async end(begun: Sample, options: { gc?: boolean } = {}): Promise<Record<string, ProcessFigures>> {
    const runtime = new Map<string, RuntimeFigures>();
    await Promise.all(
      this.targets.map(async (t) => {
        const inspected = await this.inspector(t);
        if (!inspected) return;
        try {
          runtime.set(t.name, await (options.gc ? inspected.readAfterGc() : inspected.read()));
        } catch {}
      }),
    );
    const ended = this.sample();
    const figures: Record<string, ProcessFigures> = {};
    for (const t of this.targets) {
      const after = ended.procs.get(t.name) ?? null;
      const live = runtime.get(t.name);
      figures[t.name] = {
        cpuPercent: cpuPercent(begun.procs.get(t.name) ?? null, after, ended.at - begun.at),
        rssMB: round((after?.rssBytes ?? 0) / 2 ** 20),
        fds: after?.fds ?? 0,
        ...(live
          ? {
              heapUsedMB: round(live.heapUsedBytes / 2 ** 20),
              loopDelayP99Ms: round(live.loopDelayP99Ms),
              loopDelayMaxMs: round(live.loopDelayMaxMs),
            }
          : {}),
      };
    }
    return figures;
  }

  /** Heap right after a full collection (live objects only), for memory per connection. */
  async liveHeap(name: string): Promise<RuntimeFigures | null> {
    const target = this.targets.find((t) => t.name === name);
    const inspected = target ? await this.inspector(target) : null;
    return inspected ? inspected.readAfterGc() : null;
  }

  close(): void {
    for (const { inspected } of this.inspectors.values()) inspected.close();
    this.inspectors.clear();
  }
}
