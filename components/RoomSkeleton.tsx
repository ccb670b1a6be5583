import { useTranslations } from 'next-intl';
import { ConnectionStatus, StatusPill } from './ConnectionStatus';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * Shape of the room while the first snapshot is on its way, with the honest connection state
 * (`live`: inside the room's connection; before it exists the pill says "Connecting…").
 */
export function RoomSkeleton({ live = false }: { live?: boolean }) {
  const t = useTranslations('RoomSkeleton');
  return (
    <main className="page room" aria-busy="true">
      <header className="room-header">
        <div className="room-header-top">
          <p className="skeleton skeleton-title" />
          <LanguageSwitcher />
        </div>
        {live ? <ConnectionStatus /> : <StatusPill status="connecting" />}
      </header>
      <p className="loading-text">{t('loading')}</p>
      <ul className="dish-list" aria-hidden="true">
        {['a', 'b', 'c', 'd'].map((key) => (
          <li key={key} className="dish-row">
            <div className="dish-info">
              <p className="skeleton skeleton-line" />
              <p className="skeleton skeleton-short" />
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
