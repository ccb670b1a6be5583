'use client';
import { useTranslations } from 'next-intl';
import type { Member, Share } from '@/lib/protocol';
import { useRoomClient } from '@/lib/roomClient/react';

interface SharedPlatesProps {
  shares: Share[];
  members: Member[];
  memberId: string;
  isHost: boolean;
  /** The order is locked or closed: shares are shown, not changed. */
  readOnly: boolean;
}

/** The shared plates of one dish: who eats from each, who was asked, and what this member can do. */
export function SharedPlates({ shares, members, memberId, isHost, readOnly }: SharedPlatesProps) {
  const t = useTranslations('SharedPlates');
  const common = useTranslations('Common');
  const client = useRoomClient();
  const nameOf = (id: string) =>
    id === memberId ? common('me') : (members.find((m) => m.id === id)?.name ?? '?');
  const names = (ids: string[]) => ids.map(nameOf).join(common('listSeparator'));
  if (shares.length === 0) return null;
  return (
    <ul className="shared-plates">
      {shares.map((share) => {
        const mine = share.members.includes(memberId);
        const asked = share.invited.includes(memberId);
        return (
          <li key={share.id} className="shared-plate" data-testid="shared-plate" data-share-id={share.id}>
            <p>
              {t('plate', { plates: share.plates, names: names(share.members) })}
              {share.invited.length > 0 && (
                <span className="hint"> · {t('asked', { names: names(share.invited) })}</span>
              )}
            </p>
            {!readOnly && (
              <div className="row-actions">
                {asked && (
                  <>
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() =>
                        client.submit({ type: 'share.respond', shareId: share.id, accept: true })
                      }
                    >
                      {t('join')}
                    </button>
                    <button
                      type="button"
                      className="button small"
                      onClick={() =>
                        client.submit({ type: 'share.respond', shareId: share.id, accept: false })
                      }
                    >
                      {t('decline')}
                    </button>
                  </>
                )}
                {mine && share.by !== memberId && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => client.submit({ type: 'share.respond', shareId: share.id, accept: false })}
                  >
                    {t('leave')}
                  </button>
                )}
                {(share.by === memberId || isHost) && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => client.submit({ type: 'share.cancel', shareId: share.id })}
                  >
                    {t('cancel')}
                  </button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
