'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useRoomClient } from '@/lib/roomClient/react';

/** The host's actions on one person: make them host (if they have a phone), or remove them. */
export function PersonActions({
  memberId,
  name,
  phoneless,
}: {
  memberId: string;
  name: string;
  phoneless: boolean;
}) {
  const t = useTranslations('PersonActions');
  const client = useRoomClient();
  const [confirming, setConfirming] = useState<'host' | 'remove' | null>(null);
  if (confirming) {
    return (
      <span className="confirm">
        <span>{confirming === 'host' ? t('confirmHost', { name }) : t('confirmRemove', { name })}</span>
        <button
          type="button"
          className={confirming === 'remove' ? 'button small danger' : 'button small primary'}
          data-testid={confirming === 'host' ? 'confirm-make-host' : 'confirm-remove'}
          onClick={() => {
            client.submit(
              confirming === 'host'
                ? { type: 'host.transfer', memberId }
                : { type: 'member.remove', memberId },
            );
            setConfirming(null);
          }}
        >
          {t('yes')}
        </button>
        <button type="button" className="button small" onClick={() => setConfirming(null)}>
          {t('no')}
        </button>
      </span>
    );
  }
  return (
    <span className="row-actions">
      {!phoneless && (
        <button
          type="button"
          className="button small"
          data-testid="make-host"
          onClick={() => setConfirming('host')}
        >
          {t('makeHost')}
        </button>
      )}
      <button
        type="button"
        className="button small"
        data-testid="remove-member"
        onClick={() => setConfirming('remove')}
      >
        {t('remove')}
      </button>
    </span>
  );
}
