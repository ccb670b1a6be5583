import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';
import type { InFlight } from './inFlight';
import type { TokenBucket } from './rateLimit';
import type { RoomStore } from './store/roomStore';

export interface SocketData {
  roomId: string;
  /** null until a visitor joins with a display name. */
  memberId: string | null;
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
  log: (message: string, extra?: Record<string, unknown>) => void;
  /** Every store operation runs through this, so a draining replica can wait for them to finish. */
  inFlight: InFlight;
  /** Set while shutting down: connections are handed to other replicas, not marked offline. */
  draining: boolean;
}

/** The socket.io room that carries one menuroom room's broadcasts. */
export function channelOf(roomId: string): string {
  return `room:${roomId}`;
}
