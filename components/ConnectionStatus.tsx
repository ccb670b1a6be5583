'use client';
import { useTranslations } from 'next-intl';
import { useRoomState } from '@/lib/roomClient/react';
import type { ConnectionStatus as Status } from '@/lib/roomClient/state';
import { usePendingCount } from './useOrderSummary';

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
  const t = useTranslations('ConnectionStatus');
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
      {t(status)}
      {pending > 0 && (
        <span className="pending-count">
          {' '}
          {t(status === 'connected' ? 'sending' : 'notSent', { count: pending })}
        </span>
      )}
    </p>
  );
}
