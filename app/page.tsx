import { getTranslations } from 'next-intl/server';
import { CreateRoomForm } from '@/components/CreateRoomForm';
import { JoinByCode } from '@/components/JoinByCode';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';

export default async function HomePage() {
  const t = await getTranslations('HomePage');
  return (
    <main className="page home">
      <header className="home-header">
        <div className="home-header-top">
          <h1 className="brand">{t('brand')}</h1>
          <LanguageSwitcher />
        </div>
        <p className="tagline">{t('tagline')}</p>
      </header>
      {/* The host's first action leads: photographing the menu. Guests mostly come by link or QR
          code; the code field for the others stays on the first screen, below. */}
      <CreateRoomForm />
      <JoinByCode />
      <footer className="home-footer">
        {/* A plain link: next/link's client-side navigation costs 4 KB gzip on the first page phones open. */}
        <a href="/about">{t('about')}</a>
      </footer>
    </main>
  );
}
