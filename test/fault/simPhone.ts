// A phone as the fault suite (and the load benchmark) drives it: the shipped client core
// (lib/roomClient) over a real socket.io client through nginx, with a storage of its own. This file
// only decides what the person taps and records what happened; the syncing is the app's own code.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { ChangeRequestInput } from '../../lib/protocol';
import { RoomClient } from '../../lib/roomClient/roomClient';
import { memoryStorage, MemberSession } from '../../lib/roomClient/session';

/** An operation this phone sent, and the version the server acknowledged for it (if it did). */
export interface SentOp {
  opId: string;
  change: ChangeRequestInput;
  ackedVersion?: number;
}

export interface SimPhoneOptions {
  url: string;
  roomId: string;
  memberId: string;
  memberToken: string;
  dishIds: string[];
  /** Long-polling only exercises nginx's sticky hash; websocket-first exercises least_conn. */
  transport: 'websocket-first' | 'polling';
  /** Only to play an older (or newer) phone. */
  protocol?: number;
}

export class SimPhone {
  readonly client: RoomClient;
  /** Every operation this phone made, by operation id. */
  readonly ops = new Map<string, SentOp>();
  /** Set if a snapshot ever took this phone to a lower version than it had. */
  wentBackwards = false;
  resyncs = 0;

  constructor(private readonly options: SimPhoneOptions) {
    const storage = memoryStorage();
    // As after opening the room's link with a saved member token.
    new MemberSession(storage, options.roomId).saveCredentials({
      roomId: options.roomId,
      memberId: options.memberId,
      memberToken: options.memberToken,
    });
    this.client = new RoomClient({
      roomId: options.roomId,
      storage,
      stickyKey: randomUUID(),
      protocol: options.protocol,
      connect: (socketOptions) =>
        io(options.url, {
          ...socketOptions,
          transports: options.transport === 'polling' ? ['polling'] : socketOptions.transports,
          forceNew: true,
        }),
      observer: {
        acked: (pending, reply) => {
          const op = this.ops.get(pending.opId);
          if (op) op.ackedVersion = reply.version;
        },
        resynced: (snapshot, from) => {
          this.resyncs++;
          if (snapshot.version < from) this.wentBackwards = true;
        },
      },
    });
  }

  get memberId(): string {
    return this.options.memberId;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  get version(): number {
    return this.client.store.getState().version;
  }

  /** Confirmed picks as this phone shows them: `${dishId}:${memberId}` → quantity. */
  get picks(): Record<string, number> {
    return this.client.store.getState().picks;
  }

  /** Nothing left to send and nothing waiting for an answer. */
  get settled(): boolean {
    return this.client.settled;
  }

  /** Sends a change as the app does, and remembers it for the oracle. */
  submit(change: ChangeRequestInput): void {
    const pending = this.client.submit(change);
    this.ops.set(pending.opId, { opId: pending.opId, change });
  }

  /** A random pick, as a person tapping + and − would make. */
  pickRandomly(): void {
    const dishId = this.options.dishIds[Math.floor(Math.random() * this.options.dishIds.length)] ?? '';
    this.submit({ type: 'pick.set', dishId, qty: Math.floor(Math.random() * 5) });
  }

  close(): void {
    this.client.close();
  }
}
