import type { Server, Socket } from 'socket.io';
import type { Logger } from '../../lib/log';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import type { RoomStore } from '../../lib/storage/roomStore';
import type { SocketMetrics } from './metrics';
import type { PendingWork } from './pendingWork';
import type { TokenBucket } from './rateLimit';

export interface SocketData {
  roomId: string;
  /** null until a visitor joins with a display name. */
  memberId: string | null;
  /** The protocol version the client announced in its handshake. */
  protocol: number;
  rateLimit: TokenBucket;
}

export type MenuroomServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type MenuroomSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface HandlerContext {
  io: MenuroomServer;
  store: RoomStore;
  replicaId: string;
  /** The protocol this replica speaks (lower in tests that play an older replica). */
  protocol: number;
  log: Logger;
  /** Every store operation runs through this, so a draining replica can wait for them to finish. */
  pendingWork: PendingWork;
  /** Set while shutting down: connections are handed to other replicas, not marked offline. */
  draining: boolean;
  metrics: SocketMetrics;
}

/** The socket.io room that carries one menuroom room's broadcasts. */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}
