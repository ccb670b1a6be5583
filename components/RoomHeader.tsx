import { ConnectionStatus } from './ConnectionStatus';
import { PresenceRow } from './PresenceRow';

export function RoomHeader({ title }: { title: string }) {
  return (
    <header className="room-header">
      <h1 className="room-title">{title}</h1>
      {/* The title gets the full width; connection and people share the row under it. */}
      <div className="room-header-row">
        <ConnectionStatus />
        <PresenceRow />
      </div>
    </header>
  );
}
