import { CreateRoomForm } from '@/components/CreateRoomForm';
import { JoinByCode } from '@/components/JoinByCode';

export default function HomePage() {
  return (
    <main className="page home">
      <header className="home-header">
        <h1 className="brand">menuroom</h1>
        <p className="tagline">
          One menu, every phone at the table: pick dishes together and see the group’s order live.
        </p>
      </header>
      <JoinByCode />
      <CreateRoomForm />
    </main>
  );
}
