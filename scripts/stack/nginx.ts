// Renders the shared nginx template (nginx/menuroom.conf.template) the way the official nginx
// image does for compose, plus the native process wrapper (nginx/native-main.conf.template).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX_DIR = fileURLToPath(new URL('../../nginx', import.meta.url));
export const SITE_TEMPLATE = join(NGINX_DIR, 'menuroom.conf.template');
export const MAIN_TEMPLATE = join(NGINX_DIR, 'native-main.conf.template');

/** Parameters of every socket replica line: one refused connect marks it down for 3 s. */
export const SOCKET_SERVER_PARAMS = 'max_fails=1 fail_timeout=1s';

export const nginxBinary = () => (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

/**
 * Substitutes `$MENUROOM_X` and `${MENUROOM_X}` like the image's envsubst step with
 * NGINX_ENVSUBST_FILTER=MENUROOM_; unlike it, a missing variable is an error, not left in place.
 */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$(\{)?(MENUROOM_\w*)(\})?/g, (match, open, name: string, close) => {
    if (Boolean(open) !== Boolean(close)) return match;
    const value = vars[name];
    if (value === undefined) throw new Error(`nginx template variable ${name} is not set`);
    return value;
  });
}

export interface NativeNginxConfig {
  /** Where nginx.conf, the site config, pid, logs and temp dirs go. */
  runDir: string;
  listen: string;
  /** `server_name` values: the host names of PUBLIC_ORIGINS; any other Host is answered 421. */
  serverNames: string[];
  socketServers: string[];
  webServers: string[];
  /** How /ws connections reach the replicas (the template's MENUROOM_SOCKET_ROUTING); default spread. */
  socketRouting?: SocketRouting;
}

/**
 * `spread` (what ships): each phone on its own, so a room's phones sit on several replicas; `room`:
 * every phone of a room on one replica (see the template for why it is not the default).
 */
export type SocketRouting = 'room' | 'spread';

export const serverLines = (addresses: string[], params = '') =>
  addresses.map((address) => `server ${address}${params ? ` ${params}` : ''};`).join(' ');

/** Writes `<runDir>/menuroom.conf` and `<runDir>/nginx.conf`; returns the latter's path. */
export function writeNativeNginxConfig(config: NativeNginxConfig): string {
  const runDir = resolve(config.runDir);
  mkdirSync(runDir, { recursive: true });
  const siteConf = join(runDir, 'menuroom.conf');
  writeFileSync(
    siteConf,
    renderTemplate(readFileSync(SITE_TEMPLATE, 'utf8'), {
      MENUROOM_LISTEN: config.listen,
      MENUROOM_SERVER_NAMES: config.serverNames.join(' '),
      MENUROOM_SOCKET_SERVERS: serverLines(config.socketServers, SOCKET_SERVER_PARAMS),
      MENUROOM_WEB_SERVERS: serverLines(config.webServers),
      MENUROOM_ACCESS_LOG: join(runDir, 'nginx-access.log'),
      MENUROOM_SOCKET_ROUTING: config.socketRouting ?? 'spread',
    }),
  );
  return writeMainConf(runDir, siteConf);
}

/** The process wrapper around an already rendered site config. */
function writeMainConf(runDir: string, siteConf: string): string {
  const mainConf = join(runDir, 'nginx.conf');
  // nginx creates the temp subdirectories, not their parent.
  mkdirSync(join(runDir, 'nginx-temp'), { recursive: true });
  writeFileSync(
    mainConf,
    renderTemplate(readFileSync(MAIN_TEMPLATE, 'utf8'), {
      MENUROOM_USER_DIRECTIVE: process.getuid?.() === 0 ? 'user root;' : '',
      MENUROOM_RUN_DIR: runDir,
      MENUROOM_SITE_CONF: siteConf,
    }),
  );
  return mainConf;
}

/** Arguments that keep every file nginx touches, even before it reads its config, in `runDir`. */
export const nginxArgs = (runDir: string, mainConf: string) => [
  '-p',
  runDir,
  '-e',
  join(runDir, 'nginx-error.log'),
  '-c',
  mainConf,
];
