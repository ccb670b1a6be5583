import type { Metadata } from 'next';
import { RoomGone } from '@/components/RoomGone';
import { RoomView } from '@/components/RoomView';
import { RoomIdSchema } from '@/lib/protocol';

// Room links are private to the table: keep them out of search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const { roomId } = await params;
  // A malformed id can never be a room: answer now rather than let the socket retry forever.
  if (!RoomIdSchema.safeParse(roomId).success) return <RoomGone />;
  return <RoomView roomId={roomId} />;
}
