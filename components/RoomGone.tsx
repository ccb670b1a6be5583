import Link from 'next/link';

/** Rooms end on their own a while after the meal; say so plainly instead of spinning forever. */
export function RoomGone() {
  return (
    <main className="page gone">
      <h1>This room does not exist or has expired</h1>
      <p>
        Rooms close by themselves a few hours after the last change. Ask the host for a new code, or open a
        room.
      </p>
      <Link className="button primary wide" href="/">
        Go to the start page
      </Link>
    </main>
  );
}
