import { ConnectionStatus } from './ConnectionStatus';
import { PresenceRow } from './PresenceRow';

export function RoomHeader({ title }: { title: string }) {
  return (
    <header className="room-header">
      <div className="room-header-top">
        <h1 className="room-title name">{title}</h1>
        <ConnectionStatus />
      </div>
      <PresenceRow />
    </header>
  );
}
