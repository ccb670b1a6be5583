import { useTranslations } from 'next-intl';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * Rooms end on their own a while after the meal; say so plainly instead of spinning forever.
 * Rendered by the room page's server component and inside the live room alike.
 */
export function RoomGone() {
  const t = useTranslations('RoomGone');
  return (
    <main className="page gone">
      <div className="page-tools">
        <LanguageSwitcher />
      </div>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      {/* A plain link, not next/link: the live room renders this too, and next/link's client-side
          navigation would add 4 KB gzip to every room page for a page left once. */}
      <a className="button primary wide" href="/">
        {t('home')}
      </a>
    </main>
  );
}
