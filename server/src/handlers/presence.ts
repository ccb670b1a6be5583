import { EVENTS } from '../../../lib/protocol';
import { type HandlerContext, type MenuroomSocket, roomChannel } from '../types';
import { VERSION_BEACON_MS } from './room';

/** Replicas vouch for their live connections this often; entries expire after PRESENCE_TTL_MS. */
export const PRESENCE_HEARTBEAT_MS = 5_000;

function entryOf(socket: MenuroomSocket) {
  return { memberId: socket.data.memberId ?? '', connectionId: socket.id };
}

export async function trackPresence(socket: MenuroomSocket, ctx: HandlerContext): Promise<void> {
  if (socket.data.memberId) await ctx.store.touchPresence(socket.data.roomId, [entryOf(socket)]);
}

export async function announcePresence(ctx: HandlerContext, roomId: string): Promise<void> {
  const { online } = await ctx.store.onlineMembers(roomId);
  ctx.io.to(roomChannel(roomId)).emit(EVENTS.presenceChanged, { online });
}

export function registerPresenceHandlers(socket: MenuroomSocket, ctx: HandlerContext): void {
  const report = (err: unknown) => ctx.log.warn({ err, room: socket.data.roomId }, 'presence update failed');
  // A visitor is nobody the table knows: it is not shown online and its coming and going costs the
  // room nothing (member:join announces it once it joins).
  if (socket.data.memberId) {
    ctx.pendingWork
      .track(async () => {
        await trackPresence(socket, ctx);
        await announcePresence(ctx, socket.data.roomId);
      })
      .catch(report);
  }
  socket.on('disconnect', () => {
    // A draining replica hands its connections to the others: they come back within a second,
    // so marking them offline would only make everyone's presence flicker.
    if (!socket.data.memberId || ctx.draining) return;
    ctx.pendingWork
      .track(async () => {
        await ctx.store.removePresence(socket.data.roomId, entryOf(socket));
        await announcePresence(ctx, socket.data.roomId);
      })
      .catch(report);
  });
}

/**
 * Every heartbeat this replica renews the presence of its own connections and drops expired ones
 * in the rooms it serves, so the connections of a crashed replica vanish within PRESENCE_TTL_MS;
 * every VERSION_BEACON_MS it also tells its members their room's version (versionBeacon), from the
 * same call. One Redis call per room and heartbeat: at lunch time this runs for every room.
 */
export function startPresenceHeartbeat(ctx: HandlerContext): { beat(): Promise<void> } {
  let lastBeacon = Date.now();
  return {
    async beat() {
      const beacon = Date.now() - lastBeacon >= VERSION_BEACON_MS - PRESENCE_HEARTBEAT_MS / 2;
      if (beacon) lastBeacon = Date.now();
      const byRoom = new Map<string, MenuroomSocket[]>();
      for (const socket of ctx.io.of('/').sockets.values()) {
        if (!socket.data.memberId) continue;
        const list = byRoom.get(socket.data.roomId) ?? [];
        list.push(socket);
        byRoom.set(socket.data.roomId, list);
      }
      for (const [roomId, sockets] of byRoom) {
        const { online, expired, version } = await ctx.store.heartbeat(roomId, sockets.map(entryOf));
        if (expired > 0) ctx.io.to(roomChannel(roomId)).emit(EVENTS.presenceChanged, { online });
        if (beacon && version !== null)
          ctx.io.local.to(roomChannel(roomId)).emit(EVENTS.roomVersion, { version });
      }
    },
  };
}
