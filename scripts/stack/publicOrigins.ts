// PUBLIC_ORIGINS of the native stack: where phones open it. The replicas and Next refuse other
// Origin and Host headers (lib/publicAccess.ts) and nginx serves only these host names.
import { networkInterfaces } from 'node:os';
import { readPublicAccess } from '../../lib/publicAccess';

/**
 * http://127.0.0.1:PORT and http://localhost:PORT, and when nginx listens on every address
 * (STACK_HOST=0.0.0.0, to try it from a phone on the LAN) each non-internal IPv4 address of this
 * machine as well.
 */
export function publicOriginsFor(listenHost: string, port: number): string {
  const hosts = ['127.0.0.1', 'localhost'];
  if (listenHost === '0.0.0.0')
    for (const addresses of Object.values(networkInterfaces()))
      for (const address of addresses ?? [])
        if (address.family === 'IPv4' && !address.internal) hosts.push(address.address);
  return [...new Set(hosts)].map((host) => `http://${host}:${port}`).join(',');
}

/** nginx `server_name` values of the origins: host names without ports (nginx matches ports by `listen`). */
export function serverNamesOf(publicOrigins: string): string[] {
  const { origins } = readPublicAccess(publicOrigins);
  if (origins.size === 0) throw new Error('PUBLIC_ORIGINS names no origin');
  return [...new Set([...origins].map((origin) => new URL(origin).hostname))];
}
