'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { ERROR_CODES, type ErrorCode, MAX_NAME_LENGTH, type ReplyError } from '@/lib/protocolValues';
import { loadSavedName, saveName } from './savedName';
import { useTextCheck } from './useTextCheck';

interface JoinFormProps {
  title: string;
  /** How many are at the table: all a visitor is told about the members. */
  memberCount: number;
  /** False when the host closed the room to new members. */
  joiningOpen: boolean;
  onJoin: (name: string) => Promise<ReplyError | null>;
}

const isKnown = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The only thing a visitor is asked: the name the table will see next to their picks. */
export function JoinForm({ title, memberCount, joiningOpen, onJoin }: JoinFormProps) {
  const t = useTranslations('JoinForm');
  const reasons = useTranslations('ErrorCodes');
  const checkText = useTextCheck();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [closedNow, setClosedNow] = useState(false);
  const [busy, setBusy] = useState(false);

  // Read after hydration: localStorage does not exist on the server.
  useEffect(() => setName((typed) => typed || loadSavedName()), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('nameMissing'));
      return;
    }
    // The same rules the server applies, before anything is sent.
    const problem = checkText(trimmed, MAX_NAME_LENGTH);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onJoin(trimmed);
    setBusy(false);
    if (!failure) saveName(trimmed);
    // The host closed joining after this page loaded: say so in place of the form.
    else if (failure.code === 'joining_closed') setClosedNow(true);
    else
      setError(
        isKnown(failure.code) && failure.code !== 'invalid_payload' ? reasons(failure.code) : failure.message,
      );
  }

  return (
    <section className="card join-card" aria-labelledby="join-title" data-testid="join-card">
      <h2 id="join-title">{t('title', { title })}</h2>
      <p className="hint" data-testid="member-count" data-count={memberCount}>
        {t('memberCount', { count: memberCount })}
      </p>
      {!joiningOpen || closedNow ? (
        <p className="form-error" role="status" data-testid="joining-closed">
          {t('joiningClosed')}
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <div className="field">
            <label htmlFor="join-name">{t('nameLabel')}</label>
            <input
              id="join-name"
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="nickname"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'join-error' : 'join-hint'}
            />
            <p id="join-hint" className="hint">
              {t('hint')}
            </p>
          </div>
          {error && (
            <p id="join-error" className="form-error" role="alert" data-testid="join-error">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </form>
      )}
    </section>
  );
}
