'use client';
import { type ConnectionStatus as Status, useRoomStore } from '@/lib/client/roomStore';
import { usePendingCount } from './useOrderSummary';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  expired: 'Closed',
};

/** Says honestly whether what is on screen is live, and how many of my taps are still on their way. */
export function ConnectionStatus() {
  const status = useRoomStore((s) => s.status);
  const replicaId = useRoomStore((s) => s.replicaId);
  const pending = usePendingCount();
  return (
    <p
      className={`status-pill status-${status}`}
      data-testid="connection-status"
      data-status={status}
      data-replica={replicaId ?? ''}
      data-pending={pending}
      role="status"
    >
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
      {pending > 0 && (
        <span className="pending-count">
          {' '}
          · {pending} {status === 'connected' ? 'sending' : 'not sent yet'}
        </span>
      )}
    </p>
  );
}
