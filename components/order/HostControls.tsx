'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { MAX_NAME_LENGTH, normaliseText, textProblem } from '@/lib/protocolValues';
import { randomId } from '@/lib/roomClient/randomId';
import { useRoomClient, useRoomState } from '@/lib/roomClient/react';
import { useTextCheck } from '../useTextCheck';

/**
 * The host's controls: lock and reopen the order, mark the round as ordered (the next one starts),
 * close the room to new members and open it again, add someone without a phone, close the room. Removing a member and handing over the host role
 * are next to each person in the group order.
 */
export function HostControls({ hasItems }: { hasItems: boolean }) {
  const t = useTranslations('HostControls');
  const client = useRoomClient();
  const locked = useRoomState((s) => s.locked);
  const closed = useRoomState((s) => s.closed);
  const round = useRoomState((s) => s.round);
  const members = useRoomState((s) => s.members);
  // null: the server has no such switch yet (an older replica or store), so none is offered.
  const joining = useRoomState((s) => s.joining);
  const checkText = useTextCheck();
  const [confirming, setConfirming] = useState<'placed' | 'close' | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const everyoneDone = members.filter((m) => !m.phoneless).every((m) => m.done);
  if (closed) return null;

  function addPerson(event: FormEvent) {
    event.preventDefault();
    // The rules of the protocol's DisplayNameSchema, which the replica applies again.
    if (textProblem(name, MAX_NAME_LENGTH)) {
      setNameError(name.trim() ? checkText(name, MAX_NAME_LENGTH) : t('nameNeeded'));
      return;
    }
    client.submit({ type: 'member.add', memberId: randomId(8), name: normaliseText(name) });
    setName('');
    setNameError(null);
  }

  return (
    <section className="card host-controls" aria-labelledby="host-controls-title" data-testid="host-controls">
      <h2 id="host-controls-title">{t('title')}</h2>
      {everyoneDone && (
        <p className="ok-note" data-testid="everyone-done">
          {t('everyoneDone')}
        </p>
      )}
      <div className="host-actions">
        <button
          type="button"
          className={locked ? 'button' : 'button primary'}
          data-testid="lock-order"
          onClick={() => client.submit({ type: 'order.lock', locked: !locked })}
        >
          {locked ? t('reopen') : t('lock')}
        </button>
        {confirming === 'placed' ? (
          <span className="confirm">
            <span>{t('confirmPlaced', { round })}</span>
            <button
              type="button"
              className="button primary"
              data-testid="confirm-placed"
              onClick={() => {
                client.submit({ type: 'order.placed', round });
                setConfirming(null);
              }}
            >
              {t('yes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('no')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="button"
            data-testid="mark-ordered"
            disabled={!hasItems}
            onClick={() => setConfirming('placed')}
          >
            {t('markOrdered', { round })}
          </button>
        )}
        {joining !== null && (
          <button
            type="button"
            className="button"
            data-testid="toggle-joining"
            aria-pressed={!joining}
            onClick={() => client.submit({ type: 'room.joining', open: !joining })}
          >
            {joining ? t('closeJoining') : t('openJoining')}
          </button>
        )}
      </div>
      {joining === false && (
        <p className="hint" data-testid="joining-closed-note">
          {t('joiningClosedNote')}
        </p>
      )}
      <details className="host-more">
        <summary>{t('more')}</summary>
        <form className="add-person" onSubmit={addPerson}>
          <label className="field">
            <span>{t('addPerson')}</span>
            <input
              value={name}
              placeholder={t('addPersonPlaceholder')}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={nameError !== null}
            />
          </label>
          {nameError && <p className="field-error">{nameError}</p>}
          <button type="submit" className="button" data-testid="add-person">
            {t('add')}
          </button>
        </form>
        {confirming === 'close' ? (
          <p className="confirm">
            <span>{t('confirmClose')}</span>
            <button
              type="button"
              className="button danger"
              data-testid="confirm-close"
              onClick={() => {
                client.submit({ type: 'room.close', confirm: true });
                setConfirming(null);
              }}
            >
              {t('yes')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(null)}>
              {t('no')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button subtle"
            data-testid="close-room"
            onClick={() => setConfirming('close')}
          >
            {t('closeRoom')}
          </button>
        )}
      </details>
    </section>
  );
}
