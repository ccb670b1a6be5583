'use client';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

/** Workers only in production builds (a development server's files change under them) on secure origins. */
const workersWanted = () =>
  process.env.NODE_ENV === 'production' && window.isSecureContext && 'serviceWorker' in navigator;

/** The built files this document has loaded (those loaded before the worker took control are not saved). */
const loadedAssets = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(`${window.location.origin}/_next/static/`));

/** The path this document was loaded at under the worker's control: already saved by the worker. */
let servedPath: string | null = null;

/**
 * Registers the service worker (public/sw.js; localhost counts as a secure origin) and asks it to
 * keep each page this tab shows: a room reached by an in-app navigation was never loaded as a
 * page, so the worker fetches and saves it with its built files.
 */
export function ServiceWorker() {
  const pathname = usePathname();
  useEffect(() => {
    if (!workersWanted()) return;
    if (servedPath === null && navigator.serviceWorker.controller) servedPath = window.location.pathname;
    // Without a worker the app works as before; there is nothing to tell the person.
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    // Parts loaded on demand may have come after 'keep-page': a phone put away is the moment to
    // make sure they are saved (the worker skips what it has).
    const onHidden = () => {
      if (document.visibilityState === 'hidden')
        navigator.serviceWorker.controller?.postMessage({ type: 'keep-assets', assets: loadedAssets() });
    };
    document.addEventListener('visibilitychange', onHidden);
    return () => document.removeEventListener('visibilitychange', onHidden);
  }, []);
  useEffect(() => {
    if (!workersWanted() || pathname === servedPath) return;
    void navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: 'keep-page', path: pathname, assets: loadedAssets() }),
    );
  }, [pathname]);
  return null;
}
