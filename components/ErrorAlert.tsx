'use client';
import { useTranslations } from 'next-intl';
import { ERROR_CODES, type ErrorCode, type ReplyError } from '@/lib/protocolValues';
import { useRoomState, useRoomStore } from '@/lib/roomClient/react';
import type { Refusal } from '@/lib/roomClient/state';

const isKnown = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * What the server refused, in this member's language, until it is dismissed: every change the room
 * refused for good since then (several picks made offline before the host locked the order are
 * several lines), each saying which change it was, and the last other error. Nothing this phone
 * asked for disappears without a word.
 */
export function ErrorAlert() {
  const t = useTranslations('ErrorAlert');
  const reasons = useTranslations('ErrorCodes');
  const store = useRoomStore();
  const lastError = useRoomState((s) => s.lastError);
  const refusals = useRoomState((s) => s.refusals);
  const dishes = useRoomState((s) => s.dishes);
  if (!lastError && refusals.length === 0) return null;

  const reasonOf = (error: ReplyError) => (isKnown(error.code) ? reasons(error.code) : error.message);
  const lineOf = ({ change, error }: Refusal) => {
    const dish =
      change.type === 'pick.set' || change.type === 'pick.setFor'
        ? dishes.find((d) => d.id === change.dishId)
        : undefined;
    const what = dish && 'qty' in change ? t('pick', { name: dish.name, qty: change.qty }) : t('change');
    return t('notSent', { what, reason: reasonOf(error) });
  };
  const lines = refusals.map(lineOf);
  // An error that is not a refused change (a failed join, a removed member) has its own line.
  if (lastError && !refusals.some((refusal) => refusal.error === lastError)) lines.push(reasonOf(lastError));
  const code = lastError?.code ?? refusals.at(-1)?.error.code;

  return (
    <div className="alert" role="alert" data-testid="room-error" data-code={code}>
      {lines.length === 1 ? (
        <p>{lines[0]}</p>
      ) : (
        <ul>
          {lines.map((line, index) => (
            // The lines are a log that only grows until dismissed: the position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button small"
        onClick={() => store.setState({ lastError: null, refusals: [] })}
      >
        {t('dismiss')}
      </button>
    </div>
  );
}
