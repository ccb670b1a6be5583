'use client';
// The live link between one open room page and the socket replicas. It keeps the store equal to
// Redis: full snapshot on every (re)connect, on a version gap that does not fill, and when the page
// becomes visible again; picks go through a persisted outbox with operation ids, so a pick made
// offline is sent on reconnect and a retried pick is applied once.
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  type ConnectErrorData,
  EVENTS,
  type JoinReply,
  type Reply,
  type ReplyError,
  SOCKET_PATH,
  type ServerToClientEvents,
  type SyncReply,
  type UpdateMenuRequest,
} from '@/lib/protocol';
import { loadCredentials, loadOutbox, saveCredentials, saveOutbox, stickyKey } from './memberSession';
import { newOpId, useRoomStore } from './roomStore';

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long an out-of-order change may wait for the missing version before we resync. */
const GAP_GRACE_MS = 400;
const ACK_TIMEOUT_MS = 8_000;
/** Errors after which retrying the same pick cannot help: drop it and say why. */
const FINAL_ERRORS = new Set(['invalid_payload', 'unknown_dish', 'not_a_member', 'room_not_found']);

export class RoomConnection {
  private readonly socket: RoomSocket;
  private readonly inFlight = new Set<string>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private catchUpTarget = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private syncing: Promise<void> | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly roomId: string) {
    const store = useRoomStore.getState();
    store.reset();
    const credentials = loadCredentials(roomId);
    store.setMember(credentials?.memberId ?? null);
    store.setOutbox(credentials ? loadOutbox(roomId) : {});

    this.socket = io({
      path: SOCKET_PATH,
      auth: (cb) => cb({ roomId, memberToken: loadCredentials(roomId)?.memberToken }),
      query: { k: stickyKey() },
      // WebSocket first (one round trip less on a slow link), long-polling when a network blocks it.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // Jittered backoff: when a replica dies its clients do not all come back in the same instant.
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
      // Give up on a connection attempt that hangs (half-open network) sooner than the 20 s default.
      timeout: 10_000,
    });
    this.socket.on('connect', () => {
      useRoomStore.getState().setStatus('connected');
      void this.resync();
    });
    this.socket.on('disconnect', (reason) => {
      this.inFlight.clear();
      if (reason === 'io client disconnect') {
        useRoomStore.getState().setStatus('offline');
        return;
      }
      useRoomStore.getState().setStatus('reconnecting');
      // socket.io does not reconnect by itself after a server-side disconnect; a restarting
      // replica is not a reason to leave the room, so come back after a jittered pause.
      if (reason === 'io server disconnect')
        setTimeout(() => this.socket.connect(), 300 + Math.random() * 1_000);
    });
    this.socket.on('connect_error', (error) =>
      this.onConnectError(error as Error & { data?: ConnectErrorData }),
    );
    this.socket.on(EVENTS.roomChanged, (event) => {
      const result = useRoomStore.getState().applyChange(event);
      if (result === 'gap') this.catchUpTo(event.version);
    });
    this.socket.on(EVENTS.roomVersion, ({ version }) => {
      if (version > useRoomStore.getState().version) this.catchUpTo(version);
    });
    this.socket.on(EVENTS.presenceChanged, ({ online }) => useRoomStore.getState().setOnline(online));

    // Persist every outbox change so picks made offline survive a reload.
    this.unsubscribe = useRoomStore.subscribe((state, previous) => {
      if (state.outbox !== previous.outbox) saveOutbox(roomId, state.outbox);
    });
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  close(): void {
    this.unsubscribe();
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    for (const timer of [this.gapTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.socket.close();
  }

  /** Joins as a new member with a display name; the token is kept so this phone stays that member. */
  async join(name: string): Promise<ReplyError | null> {
    const reply = await this.request<JoinReply>((ack) =>
      this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.memberJoin, { name }, ack),
    );
    if (!reply.ok) return reply.error;
    const { version: _version, ...credentials } = reply.data;
    saveCredentials(credentials, this.roomId);
    // The server now treats this socket as the member; later handshakes send the saved token.
    useRoomStore.getState().setMember(credentials.memberId);
    this.flush();
    return null;
  }

  /**
   * Host only: replaces the menu (kept ids keep their picks). Resolves with an error or null.
   * Pass the same `opId` when retrying a save whose answer never came, so it is applied once.
   */
  async updateMenu(dishes: UpdateMenuRequest['dishes'], opId = newOpId()): Promise<ReplyError | null> {
    const reply = await this.request<{ version: number }>((ack) =>
      this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.menuUpdate, { opId, dishes }, ack),
    );
    if (!reply.ok) {
      // The menu changed under the editor (another save, a resync missed): fetch the current one.
      if (reply.error.code === 'unknown_dish') void this.resync();
      return reply.error;
    }
    if (reply.data.version > useRoomStore.getState().version) this.catchUpTo(reply.data.version);
    return null;
  }

  /** Sets this member's quantity of a dish. Shown at once, confirmed when Redis has it. */
  setQty(dishId: string, qty: number): void {
    useRoomStore.getState().queuePick(dishId, qty);
    this.flush();
  }

  /** Sends every unsent pick, at most one in flight per dish so an older one never lands last. */
  private flush(): void {
    if (!this.socket.connected) return;
    const { outbox, memberId } = useRoomStore.getState();
    if (!memberId) return;
    for (const [dishId, pick] of Object.entries(outbox)) {
      if (pick.ackedVersion !== undefined || this.inFlight.has(dishId)) continue;
      this.inFlight.add(dishId);
      const request = { opId: pick.opId, dishId, qty: pick.qty };
      this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.pickSet, request, (timeoutError, reply) => {
        this.inFlight.delete(dishId);
        const store = useRoomStore.getState();
        if (timeoutError || !reply) {
          this.scheduleRetry();
          return;
        }
        if (reply.ok) {
          store.markAcked(dishId, pick.opId, reply.data.version);
          if (reply.data.version > useRoomStore.getState().version) this.catchUpTo(reply.data.version);
        } else if (FINAL_ERRORS.has(reply.error.code)) {
          store.dropPick(dishId, pick.opId);
          store.setError(reply.error.message);
        } else {
          this.scheduleRetry();
        }
        this.flush();
      });
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.flush();
      },
      1_000 + Math.random() * 1_000,
    );
  }

  /**
   * The room has reached `version` and this phone has not. The missing broadcasts usually arrive
   * within moments (they can overtake each other across replicas); if not, resync from the snapshot.
   */
  private catchUpTo(version: number): void {
    this.catchUpTarget = Math.max(this.catchUpTarget, version);
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (useRoomStore.getState().version < this.catchUpTarget) void this.resync();
    }, GAP_GRACE_MS);
  }

  /** Replaces local state with the server's snapshot, then sends what is still pending. */
  resync(): Promise<void> {
    if (!this.syncing) {
      const requestedAt = useRoomStore.getState().version;
      this.syncing = this.request<SyncReply>((ack) =>
        this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.roomSync, ack),
      )
        .then((reply) => {
          const store = useRoomStore.getState();
          if (!reply.ok) {
            if (reply.error.code === 'room_not_found') store.setStatus('expired');
            return;
          }
          store.applySnapshot(reply.data.snapshot, requestedAt);
          store.setReplica(reply.data.replicaId);
          this.flush();
        })
        .finally(() => {
          this.syncing = null;
        });
    }
    return this.syncing;
  }

  private request<T>(send: (ack: (err: Error | null, reply: Reply<T>) => void) => void): Promise<Reply<T>> {
    return new Promise((resolve) => {
      send((err, reply) =>
        resolve(
          err ? { ok: false, error: { code: 'unavailable', message: 'No answer from the server.' } } : reply,
        ),
      );
    });
  }

  private onConnectError(error: Error & { data?: ConnectErrorData }): void {
    const store = useRoomStore.getState();
    const code = error.data?.code;
    if (code === 'room_not_found') {
      store.setStatus('expired');
      this.socket.disconnect();
    } else if (code === 'unauthorised') {
      // The saved token is not valid here (e.g. the room was recreated): continue as a visitor.
      saveCredentials(null, this.roomId);
      store.setMember(null);
      store.setOutbox({});
      this.socket.connect();
    } else {
      store.setStatus(navigator.onLine ? 'reconnecting' : 'offline');
      // A refusal by the server (a replica shutting down, Redis briefly unreachable) stops
      // socket.io's own reconnection; network errors do not. Come back after a jittered pause.
      if (error.data) setTimeout(() => this.socket.connect(), 500 + Math.random() * 1_500);
    }
  }

  private readonly onVisible = () => {
    if (document.visibilityState !== 'visible') return;
    if (this.socket.connected) void this.resync();
    else this.socket.connect();
  };

  private readonly onOnline = () => {
    if (this.socket.connected) {
      useRoomStore.getState().setStatus('connected');
      void this.resync();
    } else {
      this.socket.connect();
    }
  };

  /**
   * The browser knows the network is gone: stop pretending. A websocket can linger half-open for
   * a long time; closing it now keeps new picks in the outbox (shown as not sent) until `online`.
   */
  private readonly onOffline = () => {
    useRoomStore.getState().setStatus('offline');
    this.socket.disconnect();
  };
}
