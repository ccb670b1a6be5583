// Who may talk to menuroom, shared by the socket replicas and the web tier: the public origins the
// deployment is opened at (so a page on another site cannot drive a phone's room, and a rebinding DNS
// name is not served), and the address of the person behind a request (for the limits per address).
import { isIP } from 'node:net';

export interface PublicAccess {
  /** Every origin a phone opens menuroom at, e.g. "https://menu.example"; empty means loopback only. */
  origins: ReadonlySet<string>;
  /** The hosts of those origins ("menu.example", "127.0.0.1:8080"), as a Host header carries them. */
  hosts: ReadonlySet<string>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Reads PUBLIC_ORIGINS ("https://a.example,http://192.168.1.20:8080"). Unset, only loopback origins
 * and hosts are accepted (a developer's machine, the in-process tests); the stack and compose set it.
 */
export function readPublicAccess(value: string | undefined = process.env.PUBLIC_ORIGINS): PublicAccess {
  const origins = new Set<string>();
  const hosts = new Set<string>();
  for (const raw of (value ?? '').split(',')) {
    const text = raw.trim();
    if (!text) continue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`PUBLIC_ORIGINS: "${text}" is not an origin like https://menu.example`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`PUBLIC_ORIGINS: "${text}" must start with http:// or https://`);
    }
    origins.add(url.origin);
    hosts.add(url.host);
  }
  return { origins, hosts };
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

const isLoopbackHost = (host: string) => LOOPBACK_NAMES.has(hostName(host.toLowerCase()));

/** Whether a Host header names this deployment (any loopback host when no origins are configured). */
export function hostAllowed(access: PublicAccess, host: string | undefined | null): boolean {
  if (!host) return false;
  const lower = host.toLowerCase();
  return access.hosts.size === 0 ? isLoopbackHost(lower) : access.hosts.has(lower);
}

/**
 * hostAllowed, and also a configured name without its port ("127.0.0.1" for "127.0.0.1:8080"): a
 * proxy in front may forward the name alone, and DNS rebinding is about the name.
 */
export function hostNameAllowed(access: PublicAccess, host: string | undefined | null): boolean {
  if (hostAllowed(access, host)) return true;
  if (!host || access.hosts.size === 0 || /:\d+$/.test(host)) return false;
  const name = host.toLowerCase();
  for (const configured of access.hosts) if (configured.replace(/:\d+$/, '') === name) return true;
  return false;
}

/**
 * Whether an Origin header may use this deployment. Browsers send Origin on every websocket upgrade
 * and cross-site POST, so a missing one is a non-browser client (a script holds no victim's cookies
 * or tokens to abuse) and is left to the other limits.
 */
export function originAllowed(access: PublicAccess, origin: string | undefined | null): boolean {
  if (origin === undefined || origin === null || origin === '') return true;
  if (origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return access.origins.size === 0 ? isLoopbackHost(parsed.host) : access.origins.has(parsed.origin);
}

function isPrivateOrLoopback(address: string): boolean {
  const ip = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return ip === '::1' || /^f[cd]/i.test(ip);
}

/**
 * The address of the person behind a request. Replicas and Next are reachable only through nginx on
 * loopback or a private network, and nginx sets X-Real-IP to the phone's address; a request straight
 * from a public address cannot choose its own X-Real-IP.
 */
export function clientAddress(
  peerAddress: string | undefined,
  realIpHeader: string | string[] | undefined,
): string {
  const peer = peerAddress ?? 'unknown';
  const header = Array.isArray(realIpHeader) ? realIpHeader[0] : realIpHeader;
  if (header && isPrivateOrLoopback(peer)) {
    const candidate = header.trim();
    if (isIP(candidate)) return candidate;
  }
  return peer.startsWith('::ffff:') ? peer.slice(7) : peer;
}
