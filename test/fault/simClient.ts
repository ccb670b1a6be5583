// A phone as the fault suite drives it: a real socket.io client through nginx that speaks the same
// protocol as the browser client (operation ids, one pick in flight per dish, an outbox kept across
// reconnects, versioned changes, snapshot resync on reconnect, gap and version beacon).
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  EVENTS,
  type Reply,
  type RoomChanged,
  SOCKET_PATH,
  type ServerToClientEvents,
  type SetPickReply,
  type SyncReply,
} from '../../lib/protocol';

export interface SentOp {
  opId: string;
  dishId: string;
  qty: number;
  /** The version the server acknowledged for this operation (the original one for a retry). */
  ackedVersion?: number;
}

export interface SimClientOptions {
  url: string;
  roomId: string;
  memberId: string;
  memberToken: string;
  dishIds: string[];
  /** Long-polling only exercises nginx's sticky hash; websocket-first exercises least_conn. */
  transport: 'websocket-first' | 'polling';
}

const GAP_GRACE_MS = 400;
const ACK_TIMEOUT_MS = 4_000;

export class SimClient {
  readonly ops = new Map<string, SentOp>();
  version = 0;
  picks = new Map<string, number>();
  /** Set if a snapshot or change ever took this client to a lower version than it had. */
  wentBackwards = false;
  resyncs = 0;
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly outbox = new Map<string, SentOp>();
  private readonly inFlight = new Set<string>();
  private readonly ahead = new Map<number, RoomChanged>();
  private catchUpTarget = 0;
  private gapTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private syncing = false;
  private counter = 0;

  constructor(private readonly options: SimClientOptions) {
    this.socket = io(options.url, {
      path: SOCKET_PATH,
      auth: { roomId: options.roomId, memberToken: options.memberToken },
      query: { k: randomUUID() },
      transports: options.transport === 'polling' ? ['polling'] : ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
      forceNew: true,
    });
    this.socket.on('connect', () => void this.resync());
    this.socket.on('disconnect', (reason) => {
      this.inFlight.clear();
      if (reason === 'io server disconnect')
        setTimeout(() => this.socket.connect(), 300 + Math.random() * 1_000);
    });
    // A refusal by the server (replica draining) stops socket.io's reconnection, as in the browser.
    this.socket.on('connect_error', (error: Error & { data?: unknown }) => {
      if (error.data) setTimeout(() => this.socket.connect(), 500 + Math.random() * 1_500);
    });
    this.socket.on(EVENTS.roomChanged, (event) => this.onChange(event));
    this.socket.on(EVENTS.roomVersion, ({ version }) => {
      if (version > this.version) this.catchUpTo(version);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  get memberId(): string {
    return this.options.memberId;
  }

  /** Nothing left to send and nothing waiting for an answer. */
  get settled(): boolean {
    return this.outbox.size === 0 && this.inFlight.size === 0;
  }

  /** A random pick, as a person tapping + and − would make. */
  pickRandomly(): void {
    const dishId = this.options.dishIds[Math.floor(Math.random() * this.options.dishIds.length)] ?? '';
    const op: SentOp = {
      opId: `op-${this.memberId}-${++this.counter}-${randomUUID().slice(0, 8)}`,
      dishId,
      qty: Math.floor(Math.random() * 5),
    };
    this.ops.set(op.opId, op);
    this.outbox.set(dishId, op);
    this.flush();
  }

  close(): void {
    for (const timer of [this.gapTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.socket.close();
  }

  private flush(): void {
    if (!this.socket.connected) return;
    for (const [dishId, op] of this.outbox) {
      if (this.inFlight.has(dishId)) continue;
      this.inFlight.add(dishId);
      this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emit(
          EVENTS.pickSet,
          { opId: op.opId, dishId, qty: op.qty },
          (error: Error | null, reply: Reply<SetPickReply>) => {
            this.inFlight.delete(dishId);
            if (error || !reply?.ok) {
              this.scheduleRetry();
              return;
            }
            op.ackedVersion = reply.data.version;
            if (this.outbox.get(dishId) === op) this.outbox.delete(dishId);
            if (reply.data.version > this.version) this.catchUpTo(reply.data.version);
            this.flush();
          },
        );
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.flush();
      },
      500 + Math.random() * 1_000,
    );
  }

  private onChange(event: RoomChanged): void {
    if (event.version <= this.version) return;
    this.ahead.set(event.version, event);
    let next = this.ahead.get(this.version + 1);
    while (next) {
      this.ahead.delete(next.version);
      if (next.change.type === 'pick') {
        const key = `${next.change.dishId}:${next.change.memberId}`;
        if (next.change.qty === 0) this.picks.delete(key);
        else this.picks.set(key, next.change.qty);
      }
      this.version = next.version;
      next = this.ahead.get(this.version + 1);
    }
    if (this.ahead.size > 0) this.catchUpTo(Math.max(...this.ahead.keys()));
  }

  private catchUpTo(version: number): void {
    this.catchUpTarget = Math.max(this.catchUpTarget, version);
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.version < this.catchUpTarget) void this.resync();
    }, GAP_GRACE_MS);
  }

  async resync(): Promise<void> {
    if (this.syncing || !this.socket.connected) return;
    this.syncing = true;
    const versionBefore = this.version;
    try {
      const reply = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(EVENTS.roomSync)) as Reply<SyncReply>;
      if (!reply.ok) return;
      const { snapshot } = reply.data;
      this.resyncs++;
      // Changes that arrived while the snapshot was on its way can make it older than our state.
      if (snapshot.version < this.version && snapshot.version >= versionBefore) return;
      if (snapshot.version < versionBefore) this.wentBackwards = true;
      this.version = snapshot.version;
      this.picks = new Map(snapshot.picks.map((p) => [`${p.dishId}:${p.memberId}`, p.qty]));
      for (const v of [...this.ahead.keys()]) if (v <= this.version) this.ahead.delete(v);
      this.flush();
    } catch {
      // No answer (the replica died or Redis hangs): the next connect, beacon or retry tries again.
    } finally {
      this.syncing = false;
    }
  }
}
