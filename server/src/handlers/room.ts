import { z } from 'zod';
import {
  EVENTS,
  type Reply,
  type RoomSnapshot,
  type SyncReply,
  SyncRequestSchema,
  errorReply,
  visitorView,
} from '../../../lib/protocol';
import type { RoomStore } from '../../../lib/storage/roomStore';
import { SharedReads } from '../sharedReads';
import { sendAsJson } from '../strictParser';
import { type HandlerContext, type MenuroomSocket, roomChannel } from '../types';
import { withPayload } from './handle';

type Listener = (payload: unknown, ack: unknown) => void;

/**
 * An event sent with only its acknowledgement reaches a listener as (ack, undefined): hand it on as
 * a missing payload, so the schema refuses it with invalid_payload instead of the call being dropped
 * for want of a callback.
 */
export function withMissingPayload(listener: Listener): Listener {
  return (payloadOrAck, ack) =>
    typeof payloadOrAck === 'function' && ack === undefined
      ? listener(undefined, payloadOrAck)
      : listener(payloadOrAck, ack);
}

type Snapshot = Awaited<ReturnType<RoomStore['getSnapshot']>>;
/** One SharedReads per store: tests run several replicas (and stores) in one process. */
const snapshotReads = new WeakMap<RoomStore, SharedReads<Snapshot>>();

/** The room's snapshot, read once for every phone of this replica that asks at the same time. */
function readSnapshot(store: RoomStore, roomId: string, knownMenuVersion: string | undefined) {
  let reads = snapshotReads.get(store);
  if (!reads) {
    reads = new SharedReads();
    snapshotReads.set(store, reads);
  }
  return reads.read(`${roomId}|${knownMenuVersion ?? ''}`, () =>
    store.getSnapshot(roomId, { knownMenuVersion }),
  );
}

type View = { snapshot: RoomSnapshot; json: string };
/** The views of one read (readSnapshot shares it between the phones asking together), serialised once. */
const viewsOfRead = new WeakMap<RoomSnapshot, Map<string, View>>();

/**
 * What a phone is sent of `room`: a member the whole room, a visitor what the join screen needs
 * (visitorView); either way without the dishes when the phone holds the current menu.
 */
function viewOf(room: RoomSnapshot, member: boolean, menuUnchanged: boolean): View {
  let views = viewsOfRead.get(room);
  if (!views) {
    views = new Map();
    viewsOfRead.set(room, views);
  }
  const key = `${member ? 'member' : 'visitor'}${menuUnchanged ? ' without menu' : ''}`;
  let view = views.get(key);
  if (!view) {
    const seen = member ? room : visitorView(room);
    const snapshot = menuUnchanged ? { ...seen, dishes: [] } : seen;
    view = { snapshot, json: JSON.stringify(snapshot) };
    views.set(key, view);
  }
  return view;
}

const CLIENT_EVENTS: ReadonlySet<unknown> = new Set([EVENTS.roomSync, EVENTS.memberJoin, EVENTS.roomChange]);
/** Refuses whatever payload it is given: the answer to an event nobody handles. */
const NoSuchEvent = z.custom<never>(() => false, 'menuroom has no such event');

export function registerRoomHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  // The snapshot a client (re)builds its view from: on connect, on a version gap, on becoming visible.
  // A member gets the whole room, a visitor what the join screen needs (visitorView); either way a
  // phone that already holds the current menu is not sent it again, and the store does not read it.
  const sync = withPayload(socket, ctx, EVENTS.roomSync, SyncRequestSchema, async ({ menuVersion }) => {
    const room = await readSnapshot(ctx.store, socket.data.roomId, menuVersion);
    if (!room) return errorReply('room_not_found');
    const menuUnchanged = menuVersion !== undefined && menuVersion === room.menuVersion;
    const { snapshot, json } = viewOf(room, Boolean(socket.data.memberId), menuUnchanged);
    const data: SyncReply = {
      snapshot,
      ...(menuUnchanged ? { menuUnchanged: true as const } : {}),
      replicaId: ctx.replicaId,
      protocol: ctx.protocol,
      memberId: socket.data.memberId,
    };
    const { snapshot: _, ...rest } = data;
    // JSON.stringify(reply), with the snapshot's JSON made once for every phone sharing this read.
    const reply: Reply<SyncReply> = { ok: true, data };
    return sendAsJson(reply, `{"ok":true,"data":{"snapshot":${json},${JSON.stringify(rest).slice(1)}}`);
  });
  // `room:sync` with the acknowledgement only is what phones of protocol 4 send, and what newer ones
  // send until they know this replica reads a request: then the menu they hold is the one they
  // named in the handshake.
  socket.on(EVENTS.roomSync, (requestOrAck: unknown, ack?: unknown) => {
    if (typeof requestOrAck !== 'function') return sync(requestOrAck, ack);
    const named = SyncRequestSchema.safeParse(socket.handshake.auth);
    return sync(named.success ? { menuVersion: named.data.menuVersion } : {}, requestOrAck);
  });

  // An event nobody handles (an unknown name, a number) that asks for an answer gets a clear
  // refusal, counted against the sender's budget like any other event; without a callback it is
  // dropped, as a newer client's optional event would be.
  const unknown = withPayload(socket, ctx, 'unknown', NoSuchEvent, async () => errorReply('invalid_payload'));
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (CLIENT_EVENTS.has(event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') unknown(undefined, ack);
  });
}

/**
 * How often each replica tells its clients the current version of their rooms, as a safety net
 * (sent with the presence heartbeat, presence.ts).
 */
export const VERSION_BEACON_MS = 10_000;

/**
 * Broadcasts through Redis pub/sub are at most once: a message published while this replica's
 * subscriber was reconnecting is gone. Telling local clients each room's current version lets any
 * client that missed a change notice it and resync. Only members are in a room's channel. The
 * heartbeat sends it every VERSION_BEACON_MS; this is for right after the subscriber came back.
 */
export async function versionBeacon(ctx: HandlerContext): Promise<void> {
  const roomIds = new Set<string>();
  for (const socket of ctx.io.of('/').sockets.values())
    if (socket.data.memberId) roomIds.add(socket.data.roomId);
  for (const roomId of roomIds) {
    const version = await ctx.store.getVersion(roomId);
    if (version !== null) ctx.io.local.to(roomChannel(roomId)).emit(EVENTS.roomVersion, { version });
  }
}
