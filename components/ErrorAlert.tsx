'use client';
import { useRoomStore } from '@/lib/client/roomStore';

/** The last thing the server refused (e.g. a dropped pick), until the person dismisses it. */
export function ErrorAlert() {
  const lastError = useRoomStore((s) => s.lastError);
  const setError = useRoomStore((s) => s.setError);
  if (!lastError) return null;
  return (
    <div className="alert" role="alert" data-testid="room-error">
      <p>{lastError}</p>
      <button type="button" className="button small" onClick={() => setError(null)}>
        Dismiss
      </button>
    </div>
  );
}
