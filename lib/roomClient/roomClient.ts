// The live link between one phone and the socket replicas: the one client core. It keeps its state
// equal to Redis: full snapshot on every (re)connect, on a version gap that does not fill, on an
// unknown change and when the page becomes visible again; changes go through a persisted outbox
// with operation ids, so a change made offline is sent on reconnect and a retried one is applied
// once. No React, no DOM: the browser binding (browser.ts) and the simulated phones of the fault
// suite both hand it a socket factory, a storage and a clock.
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type {
  ChangeReply,
  ChangeRequestInput,
  ClientToServerEvents,
  ConnectErrorData,
  JoinReply,
  RoomSnapshot,
  ServerToClientEvents,
  SyncReply,
} from '../protocol';
import {
  EVENTS,
  ERROR_MESSAGES,
  FINAL_ERRORS,
  PROTOCOL_VERSION,
  type Reply,
  type ReplyError,
  SOCKET_PATH,
} from '../protocolValues';
import { randomId } from './randomId';
import { type CachedMenu, type KeyValueStorage, MemberSession } from './session';
import {
  applyChange,
  applySnapshot,
  type ConnectionStatus,
  markAcked,
  type PendingChange,
  queueChange,
  type RoomStateStore,
  createRoomState,
  refuseChange,
} from './state';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RoomSocketOptions = Partial<ManagerOptions & SocketOptions>;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What tests and benchmarks watch; the app reads the store instead. */
export interface RoomClientObserver {
  sent?(pending: PendingChange): void;
  acked?(pending: PendingChange, reply: ChangeReply): void;
  refused?(pending: PendingChange, error: ReplyError): void;
  /** The server could not take it now (rate limit, Redis hiccup, an older replica): sent again later. */
  retrying?(pending: PendingChange, error: ReplyError): void;
  /** A snapshot replaced the state; `from` is the version the phone had. */
  resynced?(snapshot: RoomSnapshot, from: number): void;
}

export interface RoomClientOptions {
  roomId: string;
  /** Creates the socket.io client: `io(options)` in a browser, `io(url, options)` in Node. */
  connect(options: RoomSocketOptions): RoomSocket;
  storage: KeyValueStorage;
  /** A per-tab key nginx hashes long-polling requests on, so one session stays on one replica. */
  stickyKey?: string;
  clock?: Clock;
  /** Only tests that play an older phone set it. */
  protocol?: number;
  /** Whether the device believes it has a network (navigator.onLine in a browser). */
  isOnline?: () => boolean;
  observer?: RoomClientObserver;
}

/** How long an out-of-order change may wait for the missing version before we resync. */
const GAP_GRACE_MS = 400;
const ACK_TIMEOUT_MS = 8_000;
/** The jittered pause before a change is sent again after no answer or a passing error. */
const RETRY_MIN_MS = 1_000;
const RETRY_JITTER_MS = 1_000;
/** How long `submitAndWait` waits before it says "not yet" (the change stays in the outbox). */
const WAIT_FOR_ANSWER_MS = 10_000;

export class RoomClient {
  readonly store: RoomStateStore = createRoomState();
  readonly socket: RoomSocket;
  private readonly session: MemberSession;
  private readonly clock: Clock;
  /** Slots with an operation on its way to the server: at most one each. */
  private readonly sending = new Set<string>();
  /** Callers of submitAndWait, by operation id. */
  private readonly waiters = new Map<string, (error: ReplyError | null) => void>();
  private gapTimer: unknown = null;
  private catchUpTarget = 0;
  private retryTimer: unknown = null;
  /** A sync the server could not answer (rate limited, busy, no answer) is asked again after this. */
  private resyncTimer: unknown = null;
  private syncing: Promise<void> | null = null;
  /** The last menu the server sent with its version; named in every sync so it is not sent again. */
  private menu: CachedMenu | null;
  /**
   * The replica of this connection answered a sync and speaks protocol 5 or newer: it reads a
   * `room:sync` request. Until then the old form is sent (with the menu named in the handshake).
   */
  private replicaReadsSyncRequests = false;
  private closed = false;
  /** The join being tried, until it is answered for good: its retries name the same request. */
  private pendingJoin: { name: string; requestId: string } | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly options: RoomClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.session = new MemberSession(options.storage, options.roomId);
    const credentials = this.session.loadCredentials();
    this.menu = this.session.loadMenu();
    this.store.setState({
      memberId: credentials?.memberId ?? null,
      outbox: credentials ? this.session.loadOutbox() : {},
    });

    this.socket = options.connect({
      path: SOCKET_PATH,
      auth: (cb) =>
        cb({
          roomId: options.roomId,
          memberToken: this.session.loadCredentials()?.memberToken,
          protocol: options.protocol ?? PROTOCOL_VERSION,
          ...(this.menu && this.speaksMenuVersions ? { menuVersion: this.menu.menuVersion } : {}),
        }),
      // `k` keeps this client's polling session on one replica; with MENUROOM_SOCKET_ROUTING=room
      // nginx hashes `room` instead, every phone of a room on one replica
      // (nginx/menuroom.conf.template).
      query: { room: options.roomId, k: options.stickyKey ?? randomId() },
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
      this.setStatus('connected');
      void this.resync();
    });
    this.socket.on('disconnect', (reason) => {
      this.sending.clear();
      // The next connection may reach another replica, maybe an older one.
      this.replicaReadsSyncRequests = false;
      if (reason === 'io client disconnect') {
        this.setStatus('offline');
        return;
      }
      this.setStatus('reconnecting');
      // socket.io does not reconnect by itself after a server-side disconnect; a restarting
      // replica is not a reason to leave the room, so come back after a jittered pause.
      if (reason === 'io server disconnect') this.reconnectSoon(300, 1_000);
    });
    this.socket.on('connect_error', (error) =>
      this.onConnectError(error as Error & { data?: ConnectErrorData }),
    );
    this.socket.on(EVENTS.roomChanged, (event) => {
      const result = applyChange(this.store, event, options.protocol);
      if (result === 'gap') this.catchUpTo(event.version);
      else if (result === 'unknown') void this.resync();
    });
    this.socket.on(EVENTS.roomVersion, ({ version }) => {
      if (version > this.store.getState().version) this.catchUpTo(version);
    });
    this.socket.on(EVENTS.presenceChanged, ({ online }) => this.store.setState({ online }));

    // Persist every outbox change so changes made offline survive a reload; forget the member's
    // token once the host removed them.
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.outbox !== previous.outbox) this.session.saveOutbox(state.outbox);
      if (state.removed && !previous.removed) this.session.saveCredentials(null);
    });
  }

  get roomId(): string {
    return this.options.roomId;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Nothing waits to be sent and nothing waits for an answer. */
  get settled(): boolean {
    const { outbox } = this.store.getState();
    return this.sending.size === 0 && Object.values(outbox).every((p) => p.ackedVersion !== undefined);
  }

  /** Runs `cleanup` when the client closes (the browser binding removes its listeners). */
  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of [this.gapTimer, this.retryTimer, this.resyncTimer])
      if (timer) this.clock.clearTimeout(timer);
    for (const wake of this.waiters.values()) wake({ code: 'unavailable', message: 'The room was closed.' });
    this.waiters.clear();
    this.socket.close();
  }

  /**
   * Joins as a new member with a display name; the token is kept so this phone stays that member.
   * Tried again after no answer or a retryable refusal, with the same name, it names the same
   * request: if the first attempt reached Redis, this phone becomes that member, not a second one.
   */
  async join(name: string): Promise<ReplyError | null> {
    if (this.pendingJoin?.name !== name) this.pendingJoin = { name, requestId: randomId() };
    const { requestId } = this.pendingJoin;
    const reply = await this.request<JoinReply>((ack) =>
      this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.memberJoin, { name, requestId }, ack),
    );
    if (!reply.ok) {
      // Only a join without an answer, or not confirmed on a replica, may have made a member.
      if (reply.error.code !== 'unavailable') this.pendingJoin = null;
      this.store.setState({ lastError: reply.error });
      return reply.error;
    }
    this.pendingJoin = null;
    const { version: _version, ...credentials } = reply.data;
    this.session.saveCredentials(credentials);
    // The server now treats this socket as the member; later handshakes send the saved token. A
    // visitor saw only the join screen's view: the room as a member sees it comes with a resync.
    this.store.setState({ memberId: credentials.memberId, lastError: null });
    // A sync already on its way was asked as a visitor: let it land, then ask as the member.
    if (this.syncing) await this.syncing;
    await this.resync();
    this.flush();
    return null;
  }

  /** Asks for a change: shown at once where the UI overlays it, sent now or when back online. */
  submit(change: ChangeRequestInput, opId = randomId()): PendingChange {
    const pending = queueChange(this.store, change, opId);
    this.flush();
    return pending;
  }

  /**
   * Submits and resolves with the server's refusal, or null once it is applied. After a while
   * without an answer it resolves with `unavailable` but the change stays in the outbox: pass the
   * same `opId` when the person tries again, so it is applied once.
   */
  submitAndWait(change: ChangeRequestInput, opId = randomId()): Promise<ReplyError | null> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.waiters.delete(opId);
        resolve({ code: 'unavailable', message: ERROR_MESSAGES.unavailable });
      }, WAIT_FOR_ANSWER_MS);
      this.waiters.set(opId, (error) => {
        this.clock.clearTimeout(timer);
        this.waiters.delete(opId);
        resolve(error);
      });
      this.submit(change, opId);
    });
  }

  /** Sets this member's quantity of a dish. */
  setQty(dishId: string, qty: number): PendingChange {
    return this.submit({ type: 'pick.set', dishId, qty });
  }

  /** The page became visible again: the phone may have slept through any number of changes. */
  wake(): void {
    if (this.socket.connected) void this.resync();
    else if (!this.closed) this.socket.connect();
  }

  /** The device has a network again. */
  networkOnline(): void {
    if (this.socket.connected) {
      this.setStatus('connected');
      void this.resync();
    } else if (!this.closed) {
      this.socket.connect();
    }
  }

  /**
   * The device knows the network is gone: stop pretending. A websocket can linger half-open for a
   * long time; closing it now keeps new changes in the outbox (shown as not sent) until it is back.
   */
  networkOffline(): void {
    this.setStatus('offline');
    this.socket.disconnect();
  }

  /** Replaces local state with the server's snapshot, then sends what is still pending. */
  resync(): Promise<void> {
    if (!this.syncing) {
      this.syncing = this.syncOnce(this.menu)
        .then((again) => (again ? this.syncOnce(null) : false))
        .then(() => undefined)
        .finally(() => {
          this.syncing = null;
        });
    }
    return this.syncing;
  }

  /** Phones that play protocol 4 in tests send neither a request nor a menu version. */
  private get speaksMenuVersions(): boolean {
    return (this.options.protocol ?? PROTOCOL_VERSION) >= 5;
  }

  /** One `room:sync`; true when it must be asked again without naming a menu. */
  private async syncOnce(held: CachedMenu | null): Promise<boolean> {
    const requestedAt = this.store.getState().version;
    const reply = await this.request<SyncReply>((ack) => {
      const socket = this.socket.timeout(ACK_TIMEOUT_MS);
      if (this.replicaReadsSyncRequests)
        socket.emit(EVENTS.roomSync, { menuVersion: held?.menuVersion }, ack);
      // The old form: a replica of protocol 4 takes its first argument as the acknowledgement.
      else (socket.emit as (event: string, ack: unknown) => void)(EVENTS.roomSync, ack);
    });
    if (!reply.ok) {
      if (reply.error.code === 'room_not_found') this.setStatus('expired');
      // Without the snapshot the phone would stay behind until the next version beacon.
      else if (!FINAL_ERRORS.has(reply.error.code)) this.resyncSoon();
      return false;
    }
    const { replicaId, protocol, menuUnchanged } = reply.data;
    if (this.speaksMenuVersions && protocol >= 5) this.replicaReadsSyncRequests = true;
    let { snapshot } = reply.data;
    if (menuUnchanged) {
      // Named in the handshake by an earlier page or connection and since replaced: ask in full.
      if (!this.menu || this.menu.menuVersion !== snapshot.menuVersion) return true;
      snapshot = { ...snapshot, dishes: this.menu.dishes };
    } else if (snapshot.menuVersion && this.speaksMenuVersions) {
      this.menu = { menuVersion: snapshot.menuVersion, dishes: snapshot.dishes };
      this.session.saveMenu(this.menu);
    }
    const result = applySnapshot(this.store, snapshot, requestedAt);
    this.store.setState({ replicaId });
    if (result === 'applied') this.options.observer?.resynced?.(snapshot, requestedAt);
    this.flush();
    return false;
  }

  /** Sends every unsent change, at most one in flight per slot so an older one never lands last. */
  private flush(): void {
    if (!this.socket.connected) return;
    const { outbox, memberId } = this.store.getState();
    if (!memberId) return;
    for (const [slot, pending] of Object.entries(outbox)) {
      if (pending.ackedVersion !== undefined || this.sending.has(slot)) continue;
      this.sending.add(slot);
      this.options.observer?.sent?.(pending);
      const envelope = { opId: pending.opId, change: pending.change };
      this.socket.timeout(ACK_TIMEOUT_MS).emit(EVENTS.roomChange, envelope, (timeoutError, reply) => {
        this.sending.delete(slot);
        if (timeoutError || !reply) {
          this.scheduleRetry();
        } else if (reply.ok) {
          markAcked(this.store, slot, pending.opId, reply.data.version);
          this.options.observer?.acked?.(pending, reply.data);
          this.waiters.get(pending.opId)?.(null);
          if (reply.data.version > this.store.getState().version) this.catchUpTo(reply.data.version);
        } else if (FINAL_ERRORS.has(reply.error.code)) {
          refuseChange(this.store, slot, pending.opId, reply.error);
          this.options.observer?.refused?.(pending, reply.error);
          this.waiters.get(pending.opId)?.(reply.error);
          // The menu changed under this phone (a dish it knew is gone): fetch the current one.
          if (reply.error.code === 'unknown_dish') void this.resync();
        } else {
          // Passing trouble (rate limit, Redis hiccup, an older replica that does not know this
          // change yet): the same operation goes again later.
          this.options.observer?.retrying?.(pending, reply.error);
          this.scheduleRetry();
        }
        this.flush();
      });
    }
  }

  private resyncSoon(): void {
    if (this.resyncTimer || this.closed) return;
    this.resyncTimer = this.clock.setTimeout(
      () => {
        this.resyncTimer = null;
        if (this.socket.connected) void this.resync();
      },
      RETRY_MIN_MS + Math.random() * RETRY_JITTER_MS,
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = this.clock.setTimeout(
      () => {
        this.retryTimer = null;
        this.flush();
      },
      RETRY_MIN_MS + Math.random() * RETRY_JITTER_MS,
    );
  }

  /**
   * The room has reached `version` and this phone has not. The missing broadcasts usually arrive
   * within moments (they can overtake each other across replicas); if not, resync from the snapshot.
   */
  private catchUpTo(version: number): void {
    this.catchUpTarget = Math.max(this.catchUpTarget, version);
    if (this.gapTimer) return;
    this.gapTimer = this.clock.setTimeout(() => {
      this.gapTimer = null;
      if (this.store.getState().version < this.catchUpTarget) void this.resync();
    }, GAP_GRACE_MS);
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

  private setStatus(status: ConnectionStatus): void {
    // A room that is gone or a page that must be reloaded stays so; the network cannot change that.
    const current = this.store.getState().status;
    if (current === 'expired' || current === 'outdated') return;
    this.store.setState({ status });
  }

  private reconnectSoon(minMs: number, jitterMs: number): void {
    this.clock.setTimeout(
      () => {
        if (!this.closed && !this.socket.connected) this.socket.connect();
      },
      minMs + Math.random() * jitterMs,
    );
  }

  private onConnectError(error: Error & { data?: ConnectErrorData }): void {
    const code = error.data?.code;
    if (code === 'room_not_found') {
      this.setStatus('expired');
      this.socket.disconnect();
    } else if (code === 'protocol_mismatch') {
      // Picks stay in the outbox (saved): the reloaded page sends them.
      this.setStatus('outdated');
      this.socket.disconnect();
    } else if (code === 'unauthorised' || code === 'member_removed') {
      // The saved token is not valid here (the room was recreated, or the host removed this
      // member): continue as a visitor, and say why when it was the host.
      this.session.saveCredentials(null);
      this.store.setState({
        memberId: null,
        outbox: {},
        ...(code === 'member_removed'
          ? { removed: true, lastError: { code, message: ERROR_MESSAGES.member_removed } }
          : {}),
      });
      this.socket.connect();
    } else {
      this.setStatus(this.options.isOnline?.() === false ? 'offline' : 'reconnecting');
      // A refusal by the server (a replica shutting down, Redis briefly unreachable) stops
      // socket.io's own reconnection; network errors do not. Come back after a jittered pause.
      if (error.data) this.reconnectSoon(500, 1_500);
    }
  }
}
