'use client';
import { useTranslations } from 'next-intl';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * The servers were updated to a protocol this page cannot speak. Nothing is lost: picks not yet
 * sent are saved on this phone and go out from the reloaded page.
 */
export function ReloadNeeded() {
  const t = useTranslations('ReloadNeeded');
  return (
    <main className="page gone" data-testid="reload-needed">
      <div className="page-tools">
        <LanguageSwitcher />
      </div>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <button type="button" className="button primary wide" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>
    </main>
  );
}
