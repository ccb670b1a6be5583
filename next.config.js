import createNextIntlPlugin from 'next-intl/plugin';

// Points next-intl at ./i18n/request.ts: the locale and messages of each request (no i18n routing).
// The message files are compiled at build time (`precompile`), so the browser gets them ready to
// format and no ICU message parser: about 9 KB gzip less JavaScript on every page.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: { messages: { path: './messages', format: 'json', locales: 'infer', precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server bundle: the web image and the native stack run `node .next/standalone/server.js`.
  output: 'standalone',
  poweredByHeader: false,
  // Packages used by route handlers only, loaded by Node as they are: node-redis, and the
  // dictionaries behind dish explanations (they read their data files from their own folders).
  serverExternalPackages: ['redis', 'pinyin-pro', 'wordcut'],
  // The standalone build copies only the files it sees imported: the dictionaries' data too.
  outputFileTracingIncludes: {
    '/api/**': ['./node_modules/wordcut/data/**'],
  },
  // Types are checked once for the whole project (app, server, tests) by `npm run typecheck`,
  // which the test command runs; checking them again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  // On every response, built files too; the Content-Security-Policy with its nonce is set per
  // request by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // Room links carry the room id: never hand them to another site.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          // The app keeps the screen on at the table, copies and shares the link; nothing else.
          // (Taking a photo goes through a file input, which needs no camera permission.)
          {
            key: 'Permissions-Policy',
            value:
              'screen-wake-lock=(self), clipboard-write=(self), web-share=(self), camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()',
          },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
