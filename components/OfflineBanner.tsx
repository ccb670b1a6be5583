'use client';
import { useTranslations } from 'next-intl';
import { useRoomState } from '@/lib/roomClient/react';

/**
 * Says that the room on screen is the last one this phone saw, not the live one: the device is
 * offline, or the page was reopened from what it saved and the server has not answered yet.
 */
export function OfflineBanner() {
  const t = useTranslations('OfflineBanner');
  const shown = useRoomState(
    (s) => s.status === 'offline' || (s.lastKnownAt !== null && s.status === 'reconnecting'),
  );
  const isMember = useRoomState((s) => s.memberId !== null);
  if (!shown) return null;
  return (
    <p className="banner" role="status" data-testid="offline-banner">
      {t('lastKnown')}
      {isMember && (
        <>
          <br />
          {/* The news in bold, the reassurance under it in the body weight. */}
          <span style={{ fontWeight: 'normal' }}>{t('queued')}</span>
        </>
      )}
    </p>
  );
}
