'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/lib/roomClient/react';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import { formatPickers, usePickerWords } from './formatPickers';
import { useNeedNames } from './order/NeedChips';
import { PersonActions } from './order/PersonActions';
import { useOrderSummary } from './useOrderSummary';

export const GROUP_ORDER_ID = 'group-order';

/** The table's order: what to tell the waiter, and who owes what. */
interface GroupOrderProps {
  currency: CurrencyCode;
  hostMemberId: string;
  /** This member's estimate in their home currency, when they set a rate. */
  home?: (menuMinor: number) => string;
}

export function GroupOrder({ currency, hostMemberId, home }: GroupOrderProps) {
  const t = useTranslations('GroupOrder');
  const common = useTranslations('Common');
  const locale = useLocale();
  const pickerWords = usePickerWords();
  const summary = useOrderSummary();
  const { online, memberId } = useRoomState(useShallow((s) => ({ online: s.online, memberId: s.memberId })));
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const needNames = useNeedNames();
  const isHost = memberId !== null && memberId === hostMemberId;

  return (
    <section className="card group-order" id={GROUP_ORDER_ID} aria-label={t('title')}>
      <h2>{t('title')}</h2>
      {summary.lines.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        <ul className="order-lines">
          {summary.lines.map((line) => (
            <li
              key={line.dish.id}
              className="order-line"
              data-testid="order-line"
              data-dish-id={line.dish.id}
            >
              <p className="order-main">
                <span className="order-qty" data-testid="order-qty">
                  {t('qty', { qty: line.totalQty })}
                </span>{' '}
                <span className="name">{line.dish.name}</span>
                <span className="price">{money(line.totalMinor)}</span>
              </p>
              {line.pickers.length > 0 && (
                <p className="order-pickers">{formatPickers(line.pickers, pickerWords)}</p>
              )}
              {line.shared.map(({ share, names }) => (
                <p key={share.id} className="order-pickers" data-testid="order-shared">
                  {t('sharedPlate', { plates: share.plates, names: names.join(common('listSeparator')) })}
                </p>
              ))}
              {line.notes.map((note) => (
                <p key={note.memberId} className="order-note" data-testid="order-note">
                  {t('note', { name: note.name, note: note.note })}
                </p>
              ))}
              {line.needs.length > 0 && (
                <p className="order-note">{needNames(line.needs.map((n) => n.need))}</p>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('perPerson')}</h3>
      <ul className="people">
        {summary.people.map(({ member, items, subtotalMinor }) => {
          const isOnline = online.includes(member.id);
          return (
            <li
              key={member.id}
              className="person-line"
              data-testid="person-line"
              data-member-id={member.id}
              data-online={isOnline}
            >
              <span className={`dot ${isOnline ? 'on' : 'off'}`} aria-hidden="true" />
              <span className="person-name">
                <span className="name">{member.name}</span>
                {member.id === memberId && ` ${common('you')}`}
                {member.id === hostMemberId && <span className="badge">{t('host')}</span>}
                {member.phoneless && <span className="badge">{t('noPhone')}</span>}
                <span className="person-state">
                  {member.phoneless
                    ? t('items', { count: items })
                    : t(isOnline ? 'personOnline' : 'personOffline', { count: items })}
                  {' · '}
                  <span data-testid="person-done">{member.done ? t('isDone') : t('choosing')}</span>
                  {member.needs.length > 0 && ` · ${needNames(member.needs)}`}
                </span>
                {isHost && member.id !== memberId && (
                  <PersonActions memberId={member.id} name={member.name} phoneless={member.phoneless} />
                )}
              </span>
              <span className="price" data-testid="person-subtotal">
                {money(subtotalMinor)}
                {home && <span className="estimate">{home(subtotalMinor)}</span>}
              </span>
            </li>
          );
        })}
      </ul>

      <p className="group-total-row">
        <span>
          {t('groupTotal')}
          <span className="person-state">{t('items', { count: summary.totalQty })}</span>
        </span>
        <strong data-testid="group-total">{money(summary.totalMinor)}</strong>
      </p>
    </section>
  );
}
