// A driver process of simulated phones (forked by bench/fanout/run.ts and bench/capacity/run.ts):
// it holds whole rooms, so a pick and its arrival at every peer are timed on one clock. Told by
// IPC messages what to do: open its phones, pick at an open-loop rate, report status.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { slotOf } from '../../lib/protocol';
import { randomId } from '../../lib/roomClient/randomId';
import { BenchPhone, type OpRecord, type PhoneSpec } from './phone';
import { sleep } from './stats';

export type WorkerRequest =
  | { type: 'open'; url: string; phones: PhoneSpec[]; dishIds: string[]; connectPerSecond: number }
  | { type: 'step'; rate: number; durationMs: number; drainMs: number }
  | { type: 'status' }
  | { type: 'mark' }
  | { type: 'back'; replicaId: string }
  | { type: 'close' };

export interface StatusReply {
  phones: number;
  connected: number;
  synced: number;
  byReplica: Record<string, number>;
  heapUsedBytes: number;
  rssBytes: number;
}

export interface StepReply {
  asked: number;
  submitted: number;
  /** How long making the taps took (longer than asked: the driver could not keep the rate). */
  generationMs: number;
  /** Replaced in the outbox by a newer tap on the same dish before they were sent (never sent). */
  replaced: number;
  acked: number;
  refused: Record<string, number>;
  /** Neither acknowledged, refused nor replaced by the end of the drain. */
  unacked: number;
  /** Per acknowledged operation whose every peer received it: tap → the last peer's arrival, ms. */
  everyPeerMs: number[];
  /** Tap → acknowledgement, ms. */
  ackMs: number[];
  deliveries: number;
  expectedDeliveries: number;
  duplicates: number;
  resyncs: number;
  retries: number;
  /** This driver process's own event-loop delay during the step: high means the driver lagged. */
  driverLoopDelayP99Ms: number;
}

export interface BackReply {
  /** Phones that were on the replica at `mark`. */
  were: number;
  /** Of those, connected again and resynced since `mark`. */
  back: number;
  /** Date.now() of the last of those resyncs. */
  lastResyncAt: number;
}

const phones: BenchPhone[] = [];
const rooms = new Map<number, BenchPhone[]>();
const ops = new Map<string, OpRecord>();
let dishIds: string[] = [];
let marked = new Map<BenchPhone, { resyncs: number; replicaId: string | null }>();

function reply(message: unknown): void {
  process.send?.(message);
}

async function open(request: Extract<WorkerRequest, { type: 'open' }>): Promise<void> {
  dishIds = request.dishIds;
  const started = performance.now();
  const gapMs = 1000 / request.connectPerSecond;
  for (const [i, spec] of request.phones.entries()) {
    const phone = new BenchPhone(spec, request.url, ops);
    phones.push(phone);
    const room = rooms.get(spec.roomIndex) ?? [];
    room.push(phone);
    rooms.set(spec.roomIndex, room);
    const due = started + (i + 1) * gapMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
  }
  const deadline = Date.now() + 60_000 + phones.length * 10;
  while (Date.now() < deadline && !phones.every((p) => p.connected && p.resyncs > 0)) await sleep(100);
  reply({ type: 'opened', openMs: Math.round(performance.now() - started), ...status() });
}

function status(): StatusReply {
  const byReplica: Record<string, number> = {};
  for (const phone of phones) {
    const id = phone.connected ? (phone.replicaId ?? 'unsynced') : 'disconnected';
    byReplica[id] = (byReplica[id] ?? 0) + 1;
  }
  const memory = process.memoryUsage();
  return {
    phones: phones.length,
    connected: phones.filter((p) => p.connected).length,
    synced: phones.filter((p) => p.connected && p.resyncs > 0).length,
    byReplica,
    heapUsedBytes: memory.heapUsed,
    rssBytes: memory.rss,
  };
}

/** One tap on a random phone: the next dish, a quantity other than its last (1..4). */
function tap(): void {
  const phone = phones[Math.floor(Math.random() * phones.length)];
  if (!phone) return;
  const dish = phone.nextDish;
  phone.nextDish = (dish + 1) % dishIds.length;
  const qty = ((phone.qty[dish] ?? 0) % 4) + 1;
  phone.qty[dish] = qty;
  const change = { type: 'pick.set' as const, dishId: dishIds[dish] ?? '', qty };
  const submittedAt = performance.now();
  // Recorded before the client may send it: submit flushes at once.
  const opId = randomId();
  ops.set(opId, { phone, opId, slot: slotOf(change), submittedAt });
  phone.client.submit(change, opId);
}

async function step(request: Extract<WorkerRequest, { type: 'step' }>): Promise<StepReply> {
  ops.clear();
  for (const phone of phones) {
    phone.arrivals.clear();
    phone.duplicates = 0;
  }
  const resyncsBefore = phones.reduce((sum, p) => sum + p.resyncs, 0);
  const retriesBefore = phones.reduce((sum, p) => sum + p.retries, 0);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();

  // Open loop: the taps due by now are made, however late the answers to earlier ones are.
  const started = performance.now();
  const asked = Math.round((request.rate * request.durationMs) / 1000);
  let made = 0;
  while (made < asked) {
    const due = Math.min(asked, Math.floor(((performance.now() - started) * request.rate) / 1000));
    while (made < due) {
      tap();
      made++;
    }
    await sleep(2);
  }
  loop.disable();
  const generationMs = performance.now() - started;

  const recorded = [...ops.values()];
  const isOpen = (op: OpRecord) =>
    op.ackedAt === undefined && op.refused === undefined && op.phone.pendingOpId(op.slot) === op.opId;
  const peersOf = (op: OpRecord) => (rooms.get(op.phone.spec.roomIndex) ?? []).filter((p) => p !== op.phone);
  const allArrived = (op: OpRecord) =>
    op.version === undefined || peersOf(op).every((p) => p.arrivals.has(op.version as number));
  const drainUntil = performance.now() + request.drainMs;
  while (performance.now() < drainUntil && recorded.some((op) => isOpen(op) || !allArrived(op)))
    await sleep(50);

  const result: StepReply = {
    asked,
    submitted: recorded.length,
    generationMs: Math.round(generationMs),
    replaced: 0,
    acked: 0,
    refused: {},
    unacked: 0,
    everyPeerMs: [],
    ackMs: [],
    deliveries: 0,
    expectedDeliveries: 0,
    duplicates: phones.reduce((sum, p) => sum + p.duplicates, 0),
    resyncs: phones.reduce((sum, p) => sum + p.resyncs, 0) - resyncsBefore,
    retries: phones.reduce((sum, p) => sum + p.retries, 0) - retriesBefore,
    driverLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
  };
  for (const op of recorded) {
    if (op.refused) {
      result.refused[op.refused] = (result.refused[op.refused] ?? 0) + 1;
      continue;
    }
    if (op.ackedAt === undefined || op.version === undefined) {
      if (op.sentAt === undefined && op.phone.pendingOpId(op.slot) !== op.opId) result.replaced++;
      else result.unacked++;
      continue;
    }
    result.acked++;
    result.ackMs.push(op.ackedAt - op.submittedAt);
    let last = 0;
    let all = true;
    for (const peer of peersOf(op)) {
      result.expectedDeliveries++;
      const at = peer.arrivals.get(op.version);
      if (at === undefined) all = false;
      else {
        result.deliveries++;
        last = Math.max(last, at - op.submittedAt);
      }
    }
    if (all) result.everyPeerMs.push(last);
  }
  return result;
}

function back(replicaId: string): BackReply {
  const result: BackReply = { were: 0, back: 0, lastResyncAt: 0 };
  for (const [phone, at] of marked) {
    if (at.replicaId !== replicaId) continue;
    result.were++;
    if (phone.connected && phone.resyncs > at.resyncs) {
      result.back++;
      result.lastResyncAt = Math.max(result.lastResyncAt, phone.lastResyncAt);
    }
  }
  return result;
}

process.on('message', (message: WorkerRequest) => {
  const run = async () => {
    switch (message.type) {
      case 'open':
        return open(message);
      case 'step':
        return reply({ type: 'stepDone', ...(await step(message)) });
      case 'status':
        return reply({ type: 'status', ...status() });
      case 'mark':
        marked = new Map(phones.map((p) => [p, { resyncs: p.resyncs, replicaId: p.replicaId }]));
        return reply({ type: 'marked' });
      case 'back':
        return reply({ type: 'back', ...back(message.replicaId) });
      case 'close':
        for (const phone of phones) phone.close();
        reply({ type: 'closed' });
        setTimeout(() => process.exit(0), 100);
    }
  };
  run().catch((error: unknown) => {
    reply({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  });
});
