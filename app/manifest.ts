import type { MetadataRoute } from 'next';

// Installable: a phone can put menuroom on its home screen; the service worker (public/sw.js) opens
// the rooms it has seen without a network. One manifest for every interface language, so its text
// is the product's name only.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'menuroom',
    short_name: 'menuroom',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#ffffff',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
