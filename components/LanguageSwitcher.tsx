'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES, localeCookie } from '@/i18n/locales';

/**
 * The interface language of this phone, remembered in a cookie: the URL stays the same, so one room
 * link still serves a table of people reading different languages. Each option is written in its
 * own language, so it can be found from any of them.
 */
export function LanguageSwitcher() {
  const t = useTranslations('LanguageSwitcher');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <select
      className="language-switcher"
      aria-label={t('label')}
      value={locale}
      disabled={pending}
      data-testid="language-switcher"
      onChange={(event) => {
        const next = event.target.value;
        if (!isLocale(next)) return;
        // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many phones' browsers still in use
        document.cookie = localeCookie(next);
        // The server renders the same page again in the new language; the room's connection stays.
        startTransition(() => router.refresh());
      }}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LOCALE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
