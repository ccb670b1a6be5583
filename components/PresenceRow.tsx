'use client';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/lib/roomClient/react';

/** Who is at the table right now: online people first, then those whose phone is away. */
export function PresenceRow() {
  const t = useTranslations('PresenceRow');
  const common = useTranslations('Common');
  const { members, online, memberId } = useRoomState(
    useShallow((s) => ({ members: s.members, online: s.online, memberId: s.memberId })),
  );
  const people = useMemo(() => {
    const here = new Set(online);
    return members
      .map((member) => ({ ...member, online: here.has(member.id) }))
      .sort((a, b) => Number(b.online) - Number(a.online));
  }, [members, online]);
  if (people.length === 0) return null;
  const onlineCount = people.filter((p) => p.online).length;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a sideways-scrolling list must be focusable to be scrollable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable).
    <section className="presence" aria-label={t('label')} data-testid="presence" tabIndex={0}>
      <p className="presence-count">{t('onlineCount', { count: onlineCount })}</p>
      <ul className="presence-list">
        {people.map((person) => (
          <li key={person.id} className="presence-person" data-online={person.online}>
            <span className={`dot ${person.online ? 'on' : 'off'}`} aria-hidden="true" />
            <span className="name">{person.name}</span>
            {person.id === memberId && ` ${common('you')}`}
            <span className="visually-hidden">{t(person.online ? 'online' : 'offline')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
