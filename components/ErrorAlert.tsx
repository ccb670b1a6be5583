'use client';
import { useTranslations } from 'next-intl';
import { ERROR_CODES, type ErrorCode } from '@/lib/protocol';
import { useRoomClient, useRoomState } from '@/lib/roomClient/react';

const isKnown = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The last thing the server refused, in this member's language, until it is dismissed. A change the
 * room refused for good (a pick after the host locked the order) says which change it was: nothing
 * this phone asked for disappears without a word.
 */
export function ErrorAlert() {
  const t = useTranslations('ErrorAlert');
  const reasons = useTranslations('ErrorCodes');
  const client = useRoomClient();
  const lastError = useRoomState((s) => s.lastError);
  const refusal = useRoomState((s) => s.refusals.at(-1));
  const dishes = useRoomState((s) => s.dishes);
  if (!lastError) return null;
  const reason = isKnown(lastError.code) ? reasons(lastError.code) : lastError.message;
  let text = reason;
  if (refusal?.error === lastError) {
    const { change } = refusal;
    const dish =
      change.type === 'pick.set' || change.type === 'pick.setFor'
        ? dishes.find((d) => d.id === change.dishId)
        : undefined;
    const what = dish && 'qty' in change ? t('pick', { name: dish.name, qty: change.qty }) : t('change');
    text = t('notSent', { what, reason });
  }
  return (
    <div className="alert" role="alert" data-testid="room-error" data-code={lastError.code}>
      <p>{text}</p>
      <button
        type="button"
        className="button small"
        onClick={() => client.store.setState({ lastError: null })}
      >
        {t('dismiss')}
      </button>
    </div>
  );
}
