// Who may send a request to the web tier, shared by proxy.ts (pages) and the API route handlers
// (which the proxy does not run for: Next buffers every body the proxy sees, up to 10 MB, and
// uploads must stream). Free of server-only imports, as the proxy needs.
import { hostNameAllowed, originAllowed, readPublicAccess } from '@/lib/publicAccess';
import { errorResponse } from './errors';

const access = readPublicAccess();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a Host header names this deployment (PUBLIC_ORIGINS; unset, loopback only). */
export function hostIsOurs(host: string | null): boolean {
  return hostNameAllowed(access, host);
}

/**
 * A browser says where a request comes from: Sec-Fetch-Site on every request of current browsers,
 * Origin on every cross-site POST of older ones. A request with neither is not from a browser
 * (nobody's session can be borrowed), and is left to the limits per address.
 */
function fromOurPages(headers: Headers): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return false;
  return originAllowed(access, headers.get('origin'));
}

/**
 * The refusal of a request for another host name (DNS rebinding: a page on another name resolved to
 * this server must not read or drive it) or of a state-changing request from another site; null
 * when the request may go on.
 */
export function crossSiteRefusal(request: Pick<Request, 'method' | 'headers'>): Response | null {
  if (!hostIsOurs(request.headers.get('host'))) {
    return errorResponse('not_allowed', 'This server does not answer for that host name.', { status: 421 });
  }
  if (!SAFE_METHODS.has(request.method) && !fromOurPages(request.headers)) {
    return errorResponse('not_allowed', 'Requests from other sites are refused; open menuroom itself.');
  }
  return null;
}
