'use client';
import { useTranslations } from 'next-intl';
import { useRoomClient, useRoomState } from '@/lib/roomClient/react';

/** The last thing the server refused (e.g. a dropped pick), until the person dismisses it. */
export function ErrorAlert() {
  const t = useTranslations('ErrorAlert');
  const client = useRoomClient();
  const lastError = useRoomState((s) => s.lastError);
  if (!lastError) return null;
  return (
    <div className="alert" role="alert" data-testid="room-error">
      <p>{lastError.message}</p>
      <button
        type="button"
        className="button small"
        onClick={() => client.store.setState({ lastError: null })}
      >
        {t('dismiss')}
      </button>
    </div>
  );
}
