import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ServiceWorker } from '@/components/ServiceWorker';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Metadata');
  return {
    title: t('title'),
    description: t('description'),
    // Added to an iPhone's home screen it opens like an app (the manifest, app/manifest.ts, for the rest).
    appleWebApp: { capable: true, title: 'menuroom' },
    icons: { apple: '/icons/apple-touch-icon.png' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#ffffff',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next puts the request's CSP nonce (proxy.ts) on its inline
  // scripts only when it renders, and a page built ahead of time would carry none.
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <ServiceWorker />
        {/* Rendered from a server component, the provider passes this request's locale and all of its
            messages (a few kilobytes) to the client components. */}
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
