// A benchmark phone: the shipped client core (lib/roomClient: RoomClient with its outbox, versions
// and resync) over a real socket.io client, from a loopback address of its own, as the fault
// suite's SimPhone (test/fault/simPhone.ts) builds it. This file adds only what a benchmark watches:
// when each operation was sent and acknowledged, and when each room version reached this phone.
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { EVENTS } from '../../lib/protocol';
import { RoomClient } from '../../lib/roomClient/roomClient';
import { MemberSession, memoryStorage } from '../../lib/roomClient/session';

export interface PhoneSpec {
  roomIndex: number;
  roomId: string;
  memberId: string;
  memberToken: string;
  /** Loopback source address (bench/lib/addresses.ts). */
  from: string;
}

export interface OpRecord {
  phone: BenchPhone;
  opId: string;
  slot: string;
  /** performance.now() when the person tapped (submit). */
  submittedAt: number;
  sentAt?: number;
  ackedAt?: number;
  version?: number;
  refused?: string;
}

export class BenchPhone {
  readonly client: RoomClient;
  /** First arrival of each room version as a broadcast (performance.now()). */
  readonly arrivals = new Map<number, number>();
  /** Broadcasts of a version this phone had already received. */
  duplicates = 0;
  resyncs = 0;
  /** Date.now() of the last snapshot applied. */
  lastResyncAt = 0;
  retries = 0;
  /** Next dish (index) and quantity per dish this phone picks: every pick changes something. */
  nextDish = 0;
  readonly qty: number[] = [];

  constructor(
    readonly spec: PhoneSpec,
    url: string,
    ops: Map<string, OpRecord>,
  ) {
    const storage = memoryStorage();
    new MemberSession(storage, spec.roomId).saveCredentials({
      roomId: spec.roomId,
      memberId: spec.memberId,
      memberToken: spec.memberToken,
    });
    this.client = new RoomClient({
      roomId: spec.roomId,
      storage,
      stickyKey: `${spec.memberId}-${spec.from}`,
      connect: (socketOptions) =>
        io(url, {
          ...socketOptions,
          forceNew: true,
          agent: new Agent({ localAddress: spec.from }) as unknown as string,
          localAddress: spec.from,
        } as Parameters<typeof io>[1]),
      observer: {
        sent: (pending) => {
          const op = ops.get(pending.opId);
          if (op && op.sentAt === undefined) op.sentAt = performance.now();
        },
        acked: (pending, reply) => {
          const op = ops.get(pending.opId);
          if (op && op.ackedAt === undefined) {
            op.ackedAt = performance.now();
            op.version = reply.version;
          }
        },
        refused: (pending, error) => {
          const op = ops.get(pending.opId);
          if (op) op.refused = error.code;
        },
        retrying: () => {
          this.retries++;
        },
        resynced: () => {
          this.resyncs++;
          this.lastResyncAt = Date.now();
        },
      },
    });
    this.client.socket.on(EVENTS.roomChanged, (event) => {
      if (this.arrivals.has(event.version)) this.duplicates++;
      else this.arrivals.set(event.version, performance.now());
    });
  }

  get connected(): boolean {
    return this.client.connected;
  }

  get replicaId(): string | null {
    return this.client.store.getState().replicaId;
  }

  /** The operation id the outbox holds for a slot now (a newer tap replaces an unsent one). */
  pendingOpId(slot: string): string | undefined {
    return this.client.store.getState().outbox[slot]?.opId;
  }

  close(): void {
    this.client.close();
  }
}
