import createNextIntlPlugin from 'next-intl/plugin';

// Points next-intl at ./i18n/request.ts: the locale and messages of each request (no i18n routing).
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server bundle: the web image and the native stack run `node .next/standalone/server.js`.
  output: 'standalone',
  poweredByHeader: false,
  // node-redis is used by route handlers only; keep it out of the bundler.
  serverExternalPackages: ['redis'],
  // Types are checked once for the whole project (app, server, tests) by `npm run typecheck`,
  // which the test command runs; checking them again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
