import { ConnectionStatus, StatusPill } from './ConnectionStatus';

/**
 * Shape of the room while the first snapshot is on its way, with the honest connection state
 * (`live`: inside the room's connection; before it exists the pill says "Connecting…").
 */
export function RoomSkeleton({ live = false }: { live?: boolean }) {
  return (
    <main className="page room" aria-busy="true">
      <header className="room-header">
        <p className="skeleton skeleton-title" />
        {live ? <ConnectionStatus /> : <StatusPill status="connecting" />}
      </header>
      <p className="loading-text">Opening the room…</p>
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
