'use client';
import { useRoomState } from '@/lib/roomClient/react';
import type { ConnectionStatus as Status } from '@/lib/roomClient/state';
import { usePendingCount } from './useOrderSummary';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  expired: 'Closed',
  outdated: 'Reload needed',
};

/** Says honestly whether what is on screen is live, and how many of my taps are still on their way. */
export function ConnectionStatus() {
  const status = useRoomState((s) => s.status);
  const replicaId = useRoomState((s) => s.replicaId);
  const pending = usePendingCount();
  return <StatusPill status={status} replicaId={replicaId} pending={pending} />;
}

/** The pill itself; before the room's connection exists (first paint) it says "Connecting…". */
export function StatusPill({
  status,
  replicaId = null,
  pending = 0,
}: {
  status: Status;
  replicaId?: string | null;
  pending?: number;
}) {
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
