// Runs abuse classes against one stack: counts the cases each tried, collects every case that did
// not hold (with what was seen), then checks what must hold after any attack: rooms the attacker does
// not own unchanged, every replica serving, no process crashed, replica memory back within bounds.
// Prints one JSON line per class and a one-line summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Client,
  change,
  describeReply,
  type Harness,
  http,
  isAlive,
  MiB,
  roomState,
  rssOf,
  sleep,
  stackPid,
} from './harness';

/** How far above its settled size a replica may stay once an attack is over. */
export const REPLICA_RSS_HEADROOM_BYTES = 64 * MiB;
/** How long a replica gets to come back within that headroom (GC, closed buffers). */
const RSS_SETTLE_MS = 8_000;
/** The longest one case may take: a hung case is a failure, never a hung suite. */
const CASE_TIMEOUT_MS = 30_000;

export class CaseFailure extends Error {}

/** Fails the current case with what was seen. */
export function must(condition: unknown, seen: string): asserts condition {
  if (!condition) throw new CaseFailure(seen);
}

export class ClassRun {
  tried = 0;
  readonly failures: string[] = [];
  readonly notes: string[] = [];

  /** `includes`: which cases of the class this run tries (see awaiting.ts); the aftermath always runs. */
  constructor(
    readonly name: string,
    private readonly includes: (caseName: string) => boolean = () => true,
  ) {}

  /** One case, or `count` attempts of one kind (500 guesses count as 500 tried). */
  async case(name: string, body: () => Promise<void>, count = 1): Promise<void> {
    if (!name.startsWith('aftermath:') && !this.includes(name)) return;
    this.tried += count;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        body(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new CaseFailure(`no outcome within ${CASE_TIMEOUT_MS} ms`)),
            CASE_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  note(text: string): void {
    this.notes.push(text);
  }
}

/** The rooms no attacker owns, and a member of a quiet room whose picks prove the service works. */
export interface Bystanders {
  /** Room id → its state before any attack (harness.roomState). */
  untouchedRooms: Map<string, string>;
  /** A member socket of a room nobody attacks; a pick must round-trip after every class. */
  quietMember: Client;
  quietDishId: string;
}

export interface Baseline {
  replicaPids: Map<string, number>;
  replicaRss: Map<string, number>;
  webPid: number;
}

export function takeBaseline(h: Harness): Baseline {
  const replicaPids = new Map(h.stack.replicas.map((r) => [r.id, r.pid]));
  const replicaRss = new Map(h.stack.replicas.map((r) => [r.id, rssOf(r.pid)]));
  return { replicaPids, replicaRss, webPid: stackPid(h.stack, 'web') };
}

let quietQty = 0;

/** What must hold after every class; failures are added to the class's. */
export async function checkAftermath(h: Harness, run: ClassRun, bystanders: Bystanders, baseline: Baseline) {
  await run.case('aftermath: no process crashed or restarted', async () => {
    for (const replica of h.stack.replicas) {
      must(replica.pid === baseline.replicaPids.get(replica.id), `${replica.id} restarted`);
      must(isAlive(replica.pid), `${replica.id} (pid ${replica.pid}) is not running`);
    }
    must(isAlive(baseline.webPid), 'the web tier is not running');
  });
  await run.case('aftermath: every replica serves', async () => {
    for (const replica of h.stack.replicas) {
      // With the public host, as nginx forwards it: the replicas answer no other.
      const ready = await http(`${replica.url}/readyz`, {
        from: '127.0.0.1',
        headers: { host: new URL(h.stack.url).host },
        timeoutMs: 5_000,
      });
      must(ready.status === 200, `${replica.id} /readyz answered ${ready.status} ${ready.text.slice(0, 80)}`);
    }
    const health = await http(`${h.stack.url}/api/health`, { from: '127.0.0.1', timeoutMs: 5_000 });
    must(health.status === 200, `/api/health through nginx answered ${health.status}`);
    quietQty = (quietQty % 5) + 1;
    const reply = await change(bystanders.quietMember, 'pick.set', {
      dishId: bystanders.quietDishId,
      qty: quietQty,
    });
    must(reply.ok, `a pick in the quiet room: ${describeReply(reply)}`);
  });
  await run.case('aftermath: rooms the attacker does not own are unchanged', async () => {
    for (const [roomId, before] of bystanders.untouchedRooms) {
      const after = await roomState(h, roomId);
      must(
        after === before,
        `room ${roomId} changed:\n  before ${before.slice(0, 300)}\n  after  ${after.slice(0, 300)}`,
      );
    }
  });
  await run.case('aftermath: replica memory back within bounds', async () => {
    const deadline = Date.now() + RSS_SETTLE_MS;
    let over: string[] = [];
    do {
      over = h.stack.replicas
        .map((r) => ({ id: r.id, rss: rssOf(r.pid), base: baseline.replicaRss.get(r.id) ?? 0 }))
        .filter((r) => r.rss > r.base + REPLICA_RSS_HEADROOM_BYTES)
        .map((r) => `${r.id} RSS ${(r.rss / MiB).toFixed(0)} MiB (settled ${(r.base / MiB).toFixed(0)} MiB)`);
      if (over.length === 0) return;
      await sleep(250);
    } while (Date.now() < deadline);
    must(
      false,
      `more than ${REPLICA_RSS_HEADROOM_BYTES / MiB} MiB above settled after ${RSS_SETTLE_MS} ms: ${over.join(', ')}`,
    );
  });
}

export interface ClassResult {
  class: string;
  tried: number;
  failed: number;
  failures: string[];
  notes: string[];
}

export function resultOf(run: ClassRun): ClassResult {
  return {
    class: run.name,
    tried: run.tried,
    failed: run.failures.length,
    failures: run.failures,
    notes: run.notes,
  };
}

/** One JSON line per class, then the summary; also written to the run directory for the report. */
export function printReport(h: Harness, results: ClassResult[]): string {
  const lines = results.map((r) => JSON.stringify(r));
  const tried = results.reduce((n, r) => n + r.tried, 0);
  const failedClasses = results.filter((r) => r.failed > 0);
  const summary =
    `abuse suite: ${results.length} classes, ${tried} cases tried, ` +
    (failedClasses.length
      ? `FAILED in ${failedClasses.map((r) => `${r.class} (${r.failed})`).join(', ')}`
      : 'every refusal clear, bystanders untouched, replicas serving and within memory bounds');
  const text = `${lines.join('\n')}\n${summary}\n`;
  mkdirSync(h.stack.runDir, { recursive: true });
  writeFileSync(join(h.stack.runDir, 'abuse-report.jsonl'), text);
  console.log(text);
  return summary;
}
