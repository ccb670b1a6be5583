// menuroom's service worker: a phone that lost signal reopens the rooms it has opened.
// - Room pages (/r/<id>) and the home page: network first, the saved copy when the network fails
//   or is too slow. Each page is saved under its own path, so a room is never shown another room's
//   page. A saved page keeps its own Content-Security-Policy header, whose nonce is the one on its
//   scripts, so it still runs.
// - /_next/static/* (hashed file names, never change), the icons and the manifest: cache first.
// - Everything else (the API, /ws/, photos) is not touched: it goes to the network as without a
//   service worker, and nothing of it is stored. The room's state offline comes from the page's
//   own localStorage (lib/roomClient/browser.ts), not from here.
// The page sends {type: 'keep-page'} once it runs and {type: 'keep-assets'} when it is put away
// (components/ServiceWorker.tsx): a room opened by an in-app navigation was never loaded as a page,
// and its scripts (those loaded on demand too) may have loaded before this worker took control.

const VERSION = 'v1';
const PAGES = `menuroom-pages-${VERSION}`;
const ASSETS = `menuroom-assets-${VERSION}`;
/** A weak signal: after this long without an answer the saved page is shown (and saved anew later). */
const NETWORK_TIMEOUT_MS = 4000;
/** Assets of older builds pile up in a cache-first cache: keep the newest this many. */
const MAX_ASSETS = 200;
/** Rooms live 12 hours at most: the pages of the last few are all a phone needs. */
const MAX_PAGES = 20;
const ROOM_PAGE = /^\/r\/[A-Za-z0-9_-]{8,32}$/;
const ASSET = /^\/(?:_next\/static\/|icons\/|icon\.svg$|manifest\.webmanifest$)/;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = [PAGES, ASSETS];
      for (const name of await caches.keys()) {
        if (name.startsWith('menuroom-') && !current.includes(name)) await caches.delete(name);
      }
      // The page that registered this worker is controlled now, not only after its next load.
      await self.clients.claim();
    })(),
  );
});

const isPage = (url) => url.pathname === '/' || ROOM_PAGE.test(url.pathname);

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && isPage(url)) event.respondWith(pageFirstFromNetwork(event, url));
  else if (ASSET.test(url.pathname)) event.respondWith(assetFirstFromCache(request));
});

self.addEventListener('message', (event) => {
  const data = event.data;
  const assets = Array.isArray(data?.assets) ? data.assets.slice(0, MAX_ASSETS) : [];
  if (data?.type === 'keep-assets') event.waitUntil(keepAssets(assets));
  if (data?.type !== 'keep-page' || !URL.canParse(data.path, self.location.origin)) return;
  const url = new URL(data.path, self.location.origin);
  if (url.origin === self.location.origin && isPage(url)) event.waitUntil(keepPage(url, assets));
});

/** A page's key: its path alone (a query string does not make it another page). */
const pageKey = (url) => `${url.origin}${url.pathname}`;

function isSavablePage(response) {
  return (
    response.ok &&
    !response.redirected &&
    response.type === 'basic' &&
    (response.headers.get('content-type') ?? '').startsWith('text/html')
  );
}

async function pageFirstFromNetwork(event, url) {
  const cache = await caches.open(PAGES);
  const network = fetch(event.request).then(async (response) => {
    if (isSavablePage(response)) await keep(cache, pageKey(url), response.clone(), MAX_PAGES);
    return response;
  });
  // The page's late answer still refreshes the saved copy.
  event.waitUntil(network.catch(() => undefined));
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_TIMEOUT_MS);
  });
  try {
    const first = await Promise.race([network, slow]);
    // A server error (the web tier restarting behind nginx) is no better than no network.
    if (first && first.status < 500) return first;
    const saved = await cache.match(pageKey(url));
    return saved ?? first ?? (await network);
  } catch (error) {
    const saved = await cache.match(pageKey(url));
    if (saved) return saved;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function assetFirstFromCache(request) {
  const cache = await caches.open(ASSETS);
  const saved = await cache.match(request, { ignoreVary: true });
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await keep(cache, request.url, response.clone(), MAX_ASSETS);
  return response;
}

/** Puts a response in a cache and drops the oldest entries beyond `max`. */
async function keep(cache, key, response, max) {
  await cache.put(key, response);
  const keys = await cache.keys();
  // Cache keys come back in the order they were put: the oldest first.
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(old);
}

/**
 * Saves a page and the built files it names, with those the page says it loaded (`assets`), so it
 * opens offline even if it was never loaded as a page or loaded them before this worker took control.
 */
async function keepPage(url, assets) {
  const response = await fetch(url.href, { credentials: 'same-origin' }).catch(() => null);
  if (!response || !isSavablePage(response)) return;
  const html = await response.clone().text();
  await keep(await caches.open(PAGES), pageKey(url), response, MAX_PAGES);
  const named = html.match(/\/_next\/static\/[A-Za-z0-9_./~-]+\.(?:js|css|woff2?)/g) ?? [];
  await keepAssets([...named, ...assets]);
}

/** Fetches and saves the built files of this origin among `paths` that are not saved yet. */
async function keepAssets(paths) {
  const cache = await caches.open(ASSETS);
  const urls = new Set();
  for (const path of paths) {
    if (!URL.canParse(path, self.location.origin)) continue;
    const url = new URL(path, self.location.origin);
    if (url.origin === self.location.origin && ASSET.test(url.pathname)) urls.add(url.href);
  }
  for (const url of urls) {
    if (await cache.match(url, { ignoreVary: true })) continue;
    const asset = await fetch(url).catch(() => null);
    if (asset?.ok) await keep(cache, url, asset, MAX_ASSETS);
  }
}
