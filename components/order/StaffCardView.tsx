'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type CurrencyCode, formatMoney } from '@/lib/money';
import { type OrderSummary, summarizeOrder } from '@/lib/orderSummary';
import type { Photo, PlacedRound } from '@/lib/protocol';
import type { MenuLanguageCode } from '@/lib/protocolValues';
import { buildStaffCard, type StaffCard } from '@/lib/staffCard/card';
import { BoxCrop } from '../BoxCrop';
import { useWakeLock } from '../useWakeLock';

interface StaffCardViewProps {
  language: MenuLanguageCode;
  currency: CurrencyCode;
  photos: Photo[];
  /** The round being ordered now, with this phone's pending picks laid over it. */
  current: OrderSummary;
  round: number;
  rounds: PlacedRound[];
  onClose: () => void;
}

function summaryOf(round: PlacedRound): OrderSummary {
  return summarizeOrder({
    dishes: round.dishes,
    members: round.members,
    picks: Object.fromEntries(round.picks.map((p) => [`${p.dishId}:${p.memberId}`, p.qty])),
    notes: round.notes,
    shares: round.shares,
  });
}

/**
 * The order held out to the waiter: full screen, large type, in the menu's language, each dish as
 * printed (with the crop of its line on the photo), notes as written, needs as sentences. The screen
 * stays on while it is shown. The only words in the member's language are the buttons.
 */
export function StaffCardView({
  language,
  currency,
  photos,
  current,
  round,
  rounds,
  onClose,
}: StaffCardViewProps) {
  const t = useTranslations('StaffCard');
  const locale = useLocale();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [showAll, setShowAll] = useState(false);
  const [explain, setExplain] = useState(false);
  useWakeLock(true);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const cards = useMemo(() => {
    const now = { round, summary: current };
    const earlier = rounds.map((placed) => ({ round: placed.round, summary: summaryOf(placed) }));
    const shown = showAll ? [...earlier, ...(current.lines.length > 0 ? [now] : [])] : [now];
    return shown.map(({ round: number, summary }) => ({
      card: buildStaffCard(summary, language, { round: number, alongsideOthers: shown.length > 1 }),
      totalMinor: summary.totalMinor,
    }));
  }, [showAll, rounds, round, current, language]);

  return (
    <dialog
      ref={dialogRef}
      className="staff-card"
      aria-label={t('label')}
      data-testid="staff-card"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="staff-tools">
        <button type="button" className="button" onClick={onClose} data-testid="close-staff-card">
          {t('back')}
        </button>
        {rounds.length > 0 && (
          <button
            type="button"
            className="button"
            aria-pressed={showAll}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? t('thisRound') : t('allRounds')}
          </button>
        )}
        <button type="button" className="button" aria-pressed={explain} onClick={() => setExplain(!explain)}>
          {t('whatItSays')}
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long card must be focusable to be scrollable by keyboard (WCAG 2.1.1, axe scrollable-region-focusable). */}
      <div className="staff-body" lang={language} tabIndex={0}>
        {cards.map(({ card, totalMinor }) => (
          <CardSection
            key={card.round?.text ?? 'now'}
            card={card}
            photos={photos}
            explain={explain}
            total={formatMoney(totalMinor, currency, locale)}
          />
        ))}
      </div>
    </dialog>
  );
}

function CardSection({
  card,
  photos,
  explain,
  total,
}: {
  card: StaffCard;
  photos: Photo[];
  explain: boolean;
  total: string;
}) {
  const photoOf = (id: string) => photos.find((p) => p.id === id);
  const back = (text: string) => explain && <span className="staff-back">{text}</span>;
  return (
    <section className="staff-section" data-testid="staff-section">
      <h2 className="staff-title">
        {card.title.text}
        {card.round && <span className="staff-round"> · {card.round.text}</span>}
        {back(card.title.back)}
      </h2>
      {card.allergies.length > 0 && (
        <div className="staff-allergies" data-testid="staff-allergies">
          <p className="staff-allergy-heading">⚠ {card.allergyHeading.text}</p>
          <ul>
            {card.allergies.map((need) => (
              <li key={need.need}>
                {need.text}
                {back(need.back)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {card.lines.length === 0 ? (
        <p className="staff-empty">{card.empty.text}</p>
      ) : (
        <ol className="staff-lines">
          {card.lines.map((line) => {
            const photo = line.box ? photoOf(line.box.photoId) : undefined;
            return (
              <li
                key={line.dishId}
                className="staff-line"
                data-testid="staff-line"
                data-dish-id={line.dishId}
              >
                {line.box && photo && <BoxCrop box={line.box} photo={photo} label={line.name} />}
                <p className="staff-main">
                  <span className="staff-qty" data-testid="staff-qty">
                    {line.quantity}
                  </span>{' '}
                  <span className="staff-name" data-testid="staff-name">
                    {line.name}
                  </span>
                </p>
                {line.shared.map((text) => (
                  <p key={text} className="staff-shared">
                    {text}
                  </p>
                ))}
                {line.notes.map((note) => (
                  <p key={note} className="staff-note" data-testid="staff-note">
                    <span className="staff-label">{card.noteLabel.text}:</span> {note}
                  </p>
                ))}
                {line.needs.map((need) => (
                  <p
                    key={need.need}
                    className={need.allergy ? 'staff-need allergy' : 'staff-need'}
                    data-testid="staff-need"
                  >
                    {need.text}
                    {back(need.back)}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
      )}
      <p className="staff-count">
        {card.count} · {total}
      </p>
    </section>
  );
}
