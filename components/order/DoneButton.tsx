'use client';
import { useTranslations } from 'next-intl';
import { useRoomClient, useRoomState } from '@/lib/roomClient/react';

/** "I'm done": the table sees who is still choosing; tap again to keep choosing. */
export function DoneButton() {
  const t = useTranslations('Done');
  const client = useRoomClient();
  const done = useRoomState((s) => s.members.find((m) => m.id === s.memberId)?.done ?? false);
  const pending = useRoomState((s) => {
    const change = s.outbox.done?.change;
    return change?.type === 'member.done' ? change.done : undefined;
  });
  const shown = pending ?? done;
  return (
    <button
      type="button"
      className={shown ? 'button done wide' : 'button primary wide'}
      aria-pressed={shown}
      data-testid="done-button"
      onClick={() => client.submit({ type: 'member.done', done: !shown })}
    >
      {shown ? t('doneUndo') : t('done')}
    </button>
  );
}
