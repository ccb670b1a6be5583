// Runs before every page (Next 16's "proxy", formerly middleware; API routes check for themselves):
// - a Host header that is not this deployment's is refused (DNS rebinding: a page on another name
//   resolved to a LAN address must not read or drive menuroom);
// - a state-changing request must come from menuroom's own pages (Sec-Fetch-Site, else Origin):
//   a page on another site cannot open rooms, upload photos or spend an address's limits;
// - every page gets a Content-Security-Policy with a fresh nonce, which Next puts on its own inline
//   scripts (it reads the nonce from the policy on the request); nothing else may run.
import { type NextRequest, NextResponse } from 'next/server';
import { crossSiteRefusal } from '@/lib/server/crossSite';

function contentSecurityPolicy(nonce: string, host: string): string {
  const development = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonced scripts load are trusted; nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes position photo crops and bars; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Photos from /api/photos, QR codes and previews of chosen photos (data: and blob: URLs).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The API and the socket server, both on this origin; ws/wss named for browsers whose 'self'
    // does not cover them.
    `connect-src 'self' ws://${host} wss://${host}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest): Response {
  const refusal = crossSiteRefusal(request);
  if (refusal) return refusal;
  const host = request.headers.get('host');
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce, host ?? '');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Built files carry no state and no inline script. API routes run the same checks themselves
  // (lib/server/crossSite.ts): Next buffers in memory every request body the proxy sees.
  matcher: ['/((?!api/|_next/static|_next/image).*)'],
};
