'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import type { ResolveCodeResponse } from '@/lib/protocol';
import { JOIN_CODE_LENGTH, JOIN_CODE_PATTERN, normaliseJoinCode } from '@/lib/protocolValues';
import { useApiErrorReader } from './apiError';

/** "Join a table": turns the code read off the host's phone into the room page. */
export function JoinByCode() {
  const t = useTranslations('JoinByCode');
  const errors = useTranslations('Errors');
  const readApiError = useApiErrorReader();
  const router = useRouter();
  const inputId = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Accepts "k7m xpq" or "K7M-XPQ": people copy the grouping they were shown.
    const typed = normaliseJoinCode(code);
    if (!JOIN_CODE_PATTERN.test(typed)) {
      setError(t('badCode', { length: JOIN_CODE_LENGTH }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/codes/${encodeURIComponent(typed)}`);
      if (!response.ok) {
        setError(await readApiError(response));
        setBusy(false);
        return;
      }
      const { roomId } = (await response.json()) as ResolveCodeResponse;
      // Stays busy while the room page loads so a second tap does not navigate twice.
      router.push(`/r/${roomId}`);
    } catch {
      setError(errors('unreachable'));
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('title')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor={inputId}>{t('codeLabel', { length: JOIN_CODE_LENGTH })}</label>
        <div className="code-row">
          <input
            id={inputId}
            className="code-input"
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value.toUpperCase())}
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={JOIN_CODE_LENGTH + 3}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </div>
        {error && (
          <p id={`${inputId}-error`} className="field-error" role="alert" data-testid="code-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
