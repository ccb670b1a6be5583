'use client';
import { useTranslations } from 'next-intl';
import { useRoomState } from '@/lib/roomClient/react';
import { OfflineBanner } from '../OfflineBanner';

/** What changed for everybody: the order is locked, the room is closed, or this phone was removed. */
export function RoomBanners() {
  const t = useTranslations('RoomBanners');
  const locked = useRoomState((s) => s.locked);
  const closed = useRoomState((s) => s.closed);
  const removed = useRoomState((s) => s.removed);
  const isHost = useRoomState((s) => s.memberId !== null && s.memberId === s.hostMemberId);
  return (
    <>
      <OfflineBanner />
      {removed && (
        <p className="banner" role="status" data-testid="removed-banner">
          {t('removed')}
        </p>
      )}
      {closed ? (
        <p className="banner" role="status" data-testid="closed-banner">
          {t('closed')}
        </p>
      ) : (
        locked && (
          <p className="banner" role="status" data-testid="locked-banner">
            {isHost ? t('lockedHost') : t('locked')}
          </p>
        )
      )}
    </>
  );
}

/** Shared plates this member was asked to join and has not answered. */
export function useOpenInvitations(): number {
  return useRoomState((s) =>
    s.memberId ? s.shares.filter((share) => share.invited.includes(s.memberId ?? '')).length : 0,
  );
}
