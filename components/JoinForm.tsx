'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { MAX_NAME_LENGTH, type ReplyError } from '@/lib/protocol';
import { loadSavedName, saveName } from './savedName';

interface JoinFormProps {
  title: string;
  onJoin: (name: string) => Promise<ReplyError | null>;
}

/** The only thing a visitor is asked: the name the table will see next to their picks. */
export function JoinForm({ title, onJoin }: JoinFormProps) {
  const t = useTranslations('JoinForm');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
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
    setBusy(true);
    setError(null);
    const failure = await onJoin(trimmed);
    setBusy(false);
    if (failure) setError(failure.message);
    else saveName(trimmed);
  }

  return (
    <section className="card join-card" aria-labelledby="join-title">
      <h2 id="join-title">{t('title', { title })}</h2>
      <form onSubmit={onSubmit} noValidate className="stack">
        <div className="field">
          <label htmlFor="join-name">{t('nameLabel')}</label>
          <input
            id="join-name"
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="nickname"
            maxLength={MAX_NAME_LENGTH}
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
    </section>
  );
}
