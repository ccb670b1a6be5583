import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PresenceRow } from './PresenceRow';

export function RoomHeader({ title }: { title: string }) {
  return (
    <header className="room-header">
      {/* The title gets the width the small language picker leaves; connection and people share the row under it. */}
      <div className="room-header-top">
        <h1 className="room-title">{title}</h1>
        <LanguageSwitcher />
      </div>
      <div className="room-header-row">
        <ConnectionStatus />
        <PresenceRow />
      </div>
    </header>
  );
}
