import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { RoomGone } from '@/components/RoomGone';
import { RoomView } from '@/components/RoomView';
import { RoomIdSchema, visitorView } from '@/lib/protocol';
import { MEMBER_PAGE_COOKIE } from '@/lib/roomClient/session';
import type { LastKnownRoom } from '@/lib/roomClient/state';
import { webLog, webRoomStore } from '@/lib/server/webRedis';

// Room links are private to the table: keep them out of search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * The room as a visitor sees it, read from Redis with the store's snapshot read and cut by the same
 * rule as the socket server's (visitorView: title, menu, photos, how many are at the table; no code,
 * no member, nothing picked): the page's HTML paints the join screen and the menu instead of waiting
 * for the socket's first answer. Only the link is needed for it, as for the socket's visitor view.
 * `gone`: the room is not in Redis. null when Redis cannot answer: the page connects as before.
 */
async function readVisitorView(roomId: string): Promise<LastKnownRoom | 'gone' | null> {
  try {
    const room = await (await webRoomStore()).getSnapshot(roomId);
    if (!room) return 'gone';
    return { savedAt: Date.now(), snapshot: visitorView(room) };
  } catch (err) {
    webLog.warn({ err, roomId }, 'room page rendered without the room: Redis did not answer');
    return null;
  }
}

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  // A malformed id can never be a room: answer now rather than let the socket retry forever.
  if (!RoomIdSchema.safeParse(roomId).success) return <RoomGone />;
  const fromServer = await readVisitorView(roomId);
  if (fromServer === 'gone') return <RoomGone />;
  // A phone that says it is a member gets a member's layout (still only the visitor's view in it):
  // its page does not turn from the join screen into the room once its script runs.
  const member = (await cookies()).get(MEMBER_PAGE_COOKIE)?.value === '1';
  return <RoomView roomId={roomId} fromServer={fromServer} member={member} />;
}
