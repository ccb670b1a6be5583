// Static checks of the deployment files: docker-compose.yml (parsed, no Docker needed) and the one
// shared nginx template, rendered for the native stack and for compose and checked by the real
// `nginx -t`, with compose's own nginx.conf and server names from PUBLIC_ORIGINS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REDIS_APP_ACL } from '../../scripts/stack/redis';
import {
  nginxArgs,
  nginxBinary,
  renderTemplate,
  SITE_TEMPLATE,
  writeNativeNginxConfig,
} from '../../scripts/stack/nginx';

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  networks?: string[];
  tmpfs?: string[];
  ulimits?: { nofile?: { soft?: number; hard?: number } };
  container_name?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}
const ROOT = join(import.meta.dirname, '../..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean } | null>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

describe('docker-compose.yml', () => {
  it('has nginx, web, socket and redis', () => {
    expect(Object.keys(services).sort()).toEqual(['nginx', 'redis', 'socket', 'web']);
  });

  it('publishes a port on nginx only', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
    expect(service('nginx').ports).toEqual(['${PORT:-8080}:80']);
    for (const name of ['web', 'socket', 'redis']) expect(service(name).ports, name).toBeUndefined();
  });

  it('has a health check on every service', () => {
    for (const [name, svc] of Object.entries(services)) expect(svc.healthcheck?.test, name).toBeTruthy();
    expect(service('socket').healthcheck?.test?.join(' ')).toContain('/readyz');
    expect(service('web').healthcheck?.test?.join(' ')).toContain('/api/health');
    // Logged in as menuroom (the password from the environment, not the command line); the answer
    // is checked because redis-cli exits 0 on an error reply.
    expect(service('redis').healthcheck?.test).toEqual([
      'CMD-SHELL',
      'REDISCLI_AUTH="$$REDIS_PASSWORD" redis-cli --user menuroom --no-auth-warning ping | grep -q PONG',
    ]);
    expect(service('nginx').healthcheck?.test?.join(' ')).toContain('/nginx-health');
  });

  it('lets socket scale: no container_name, no ports', () => {
    expect(service('socket').container_name).toBeUndefined();
    expect(service('socket').ports).toBeUndefined();
  });

  it('keeps web, socket and redis on an internal network that only nginx shares', () => {
    expect(compose.networks.backend?.internal).toBe(true);
    expect(service('nginx').networks?.sort()).toEqual(['backend', 'edge']);
    for (const name of ['web', 'socket', 'redis']) expect(service(name).networks, name).toEqual(['backend']);
  });

  it('requires REDIS_PASSWORD and gives it to every Redis client as the menuroom user', () => {
    const required = /^\$\{REDIS_PASSWORD:\?[^}]+\}$/;
    expect(service('redis').environment?.REDIS_PASSWORD).toMatch(required);
    for (const name of ['web', 'socket']) {
      const url = service(name).environment?.REDIS_URL ?? '';
      expect(url, name).toMatch(/^redis:\/\/menuroom:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
    }
  });

  it('runs redis with an ACL file, maxmemory and noeviction', () => {
    const command = service('redis').command ?? [];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command.slice(0, 4)).toEqual([
      'sh',
      '/usr/local/lib/menuroom/redis-start.sh',
      'docker-entrypoint.sh',
      'redis-server',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
    expect(option('--maxmemory')).toBe('${REDIS_MAXMEMORY:-1gb}');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(option('--aclfile')).toBe('/run/menuroom-redis/users.acl');
    expect(service('redis').tmpfs).toContain('/run/menuroom-redis');
    expect(service('redis').volumes).toContain(
      './scripts/compose/redis-start.sh:/usr/local/lib/menuroom/redis-start.sh:ro',
    );
    // The same rules as the native stack's menuroom user; nobody logs in as default.
    const script = readFileSync(join(ROOT, 'scripts/compose/redis-start.sh'), 'utf8');
    expect(script).toContain('user default off\n');
    expect(script).toContain(`user menuroom on #$hash ${REDIS_APP_ACL}\n`);
  });

  it('gives every service the same PUBLIC_ORIGINS', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
    const fallback = '${PUBLIC_ORIGINS:-http://localhost:8080}';
    for (const name of ['nginx', 'web', 'socket'])
      expect(service(name).environment?.PUBLIC_ORIGINS, name).toBe(fallback);
    expect(service('nginx').volumes).toContain(
      './nginx/server-names.envsh:/docker-entrypoint.d/18-menuroom-server-names.envsh:ro',
    );
  });

  it('lets nginx and the replicas open enough files for 10,000 phones', () => {
    expect(service('nginx').volumes).toContain('./nginx/compose-main.conf:/etc/nginx/nginx.conf:ro');
    for (const name of ['nginx', 'socket'])
      expect(service(name).ulimits?.nofile, name).toEqual({ soft: 65536, hard: 65536 });
  });

  it('runs redis with AOF, fsync every second, on a volume', () => {
    const command = service('redis').command ?? [];
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command).toContain('--appendonly');
    expect(option('--appendonly')).toBe('yes');
    expect(option('--appendfsync')).toBe('everysec');
    expect(service('redis').volumes).toContain('redis-data:/data');
  });

  it('starts each service after its dependencies are healthy', () => {
    const conditions = (name: string) =>
      Object.fromEntries(
        Object.entries(service(name).depends_on ?? {}).map(([dep, v]) => [dep, v.condition]),
      );
    expect(conditions('nginx')).toEqual({ web: 'service_healthy', socket: 'service_healthy' });
    expect(conditions('web')).toEqual({ redis: 'service_healthy' });
    expect(conditions('socket')).toEqual({ redis: 'service_healthy' });
  });

  it('gives nginx the shared template and every variable it uses', () => {
    const nginx = service('nginx');
    expect(nginx.volumes).toContain(
      './nginx/menuroom.conf.template:/etc/nginx/templates/default.conf.template:ro',
    );
    expect(nginx.environment?.NGINX_ENVSUBST_FILTER).toBe('MENUROOM_');
    // MENUROOM_SERVER_NAMES comes from nginx/server-names.envsh, every other one from compose.
    const used = new Set(readFileSync(SITE_TEMPLATE, 'utf8').match(/MENUROOM_\w+/g));
    expect([...used].sort()).toEqual(
      [
        ...Object.keys(nginx.environment ?? {}).filter((k) => k.startsWith('MENUROOM_')),
        'MENUROOM_SERVER_NAMES',
      ].sort(),
    );
    // One DNS name for all replicas: Docker's DNS returns every replica when nginx starts.
    expect(nginx.environment?.MENUROOM_SOCKET_SERVERS).toMatch(/^server socket:4001 [^;]*;$/);
  });
});

describe('renderTemplate', () => {
  it('substitutes MENUROOM_ variables and leaves nginx variables alone', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax under test
    const template = 'a ${MENUROOM_X} $MENUROOM_X $host ${host}';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax under test
    expect(renderTemplate(template, { MENUROOM_X: '1' })).toBe('a 1 1 $host ${host}');
  });
  it('refuses a missing variable', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax under test
    expect(() => renderTemplate('${MENUROOM_MISSING}', {})).toThrow(/MENUROOM_MISSING/);
  });
});

describe('the nginx template passes `nginx -t`', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'menuroom-nginx-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const nginxTest = (runDir: string, mainConf: string) => {
    const result = spawnSync(nginxBinary(), ['-t', ...nginxArgs(runDir, mainConf)], { encoding: 'utf8' });
    expect(result.error, 'is nginx installed?').toBeUndefined();
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  };

  it('native: several 127.0.0.1 replicas', () => {
    const runDir = tempDir();
    const mainConf = writeNativeNginxConfig({
      runDir,
      listen: '127.0.0.1:18080',
      serverNames: ['127.0.0.1', 'localhost'],
      socketServers: ['127.0.0.1:4101', '127.0.0.1:4102', '127.0.0.1:4103'],
      webServers: ['127.0.0.1:3000'],
    });
    nginxTest(runDir, mainConf);
    const site = readFileSync(join(runDir, 'menuroom.conf'), 'utf8').replace(/^\s*#.*$/gm, '');
    expect(site.match(/server 127\.0\.0\.1:410\d max_fails=1 fail_timeout=1s;/g)).toHaveLength(6);
  });

  it('compose: the environment from docker-compose.yml and nginx/compose-main.conf', () => {
    // What is checked: the template rendered with compose's own MENUROOM_* values and the server
    // names server-names.envsh makes of compose's default PUBLIC_ORIGINS, inside compose's own
    // nginx.conf, syntax and semantics, by this machine's nginx. What is not: the service names only
    // resolve inside Docker's network, so `socket`/`web` are mapped to 127.0.0.1 here, and the
    // paths of the image (user, pid, error log, conf.d) are pointed into a temp directory.
    const env = { ...service('nginx').environment } as Record<string, string>;
    for (const key of ['MENUROOM_SOCKET_SERVERS', 'MENUROOM_WEB_SERVERS'])
      env[key] = (env[key] ?? '').replace(/server (socket|web):/g, 'server 127.0.0.1:');
    const runDir = tempDir();
    env.MENUROOM_ACCESS_LOG = join(runDir, 'access.log');
    env.MENUROOM_LISTEN = '127.0.0.1:18080'; // -t never binds
    const names = serverNamesFromEnvsh('http://localhost:8080');
    expect(names.status).toBe(0);
    expect(names.stdout).toBe('localhost');
    env.MENUROOM_SERVER_NAMES = names.stdout;
    const siteConf = join(runDir, 'default.conf');
    writeFileSync(siteConf, renderTemplate(readFileSync(SITE_TEMPLATE, 'utf8'), env));
    const mainConf = join(runDir, 'nginx.conf');
    writeFileSync(
      mainConf,
      readFileSync(COMPOSE_MAIN_CONF, 'utf8')
        .replace(/^user nginx;$/m, process.getuid?.() === 0 ? 'user root;' : '')
        .replace('/var/run/nginx.pid', join(runDir, 'nginx.pid'))
        .replace('/var/log/nginx/error.log', join(runDir, 'error.log'))
        .replace('include /etc/nginx/conf.d/*.conf;', `include ${siteConf};`),
    );
    nginxTest(runDir, mainConf);
  });
});

const COMPOSE_MAIN_CONF = join(ROOT, 'nginx/compose-main.conf');
const NATIVE_MAIN_TEMPLATE = join(ROOT, 'nginx/native-main.conf.template');

/** MENUROOM_SERVER_NAMES as the nginx image's entrypoint gets it from nginx/server-names.envsh. */
function serverNamesFromEnvsh(publicOrigins: string) {
  return spawnSync('sh', ['-c', '. ./nginx/server-names.envsh && printf %s "$MENUROOM_SERVER_NAMES"'], {
    cwd: ROOT,
    env: { NODE_ENV: 'test', PATH: process.env.PATH, PUBLIC_ORIGINS: publicOrigins },
    encoding: 'utf8',
  });
}

describe('server names in compose (nginx/server-names.envsh)', () => {
  it('are the host names of PUBLIC_ORIGINS, without scheme, port or path', () => {
    const names = serverNamesFromEnvsh('https://menu.example, http://192.168.1.20:8080/,http://[::1]:8080');
    expect(names.stdout).toBe('menu.example 192.168.1.20 [::1]');
  });
  it('refuse an empty or malformed PUBLIC_ORIGINS with a clear message', () => {
    const empty = serverNamesFromEnvsh('');
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toMatch(/PUBLIC_ORIGINS is empty/);
    const wrong = serverNamesFromEnvsh('menu.example');
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/must start with http:\/\/ or https:\/\//);
  });
});

describe('the compose Redis start script (scripts/compose/redis-start.sh)', () => {
  const run = (password: string | undefined) =>
    spawnSync('sh', ['scripts/compose/redis-start.sh', 'true', '--aclfile', '/nonexistent/users.acl'], {
      cwd: ROOT,
      env: {
        NODE_ENV: 'test',
        PATH: process.env.PATH,
        ...(password === undefined ? {} : { REDIS_PASSWORD: password }),
      },
      encoding: 'utf8',
    });
  it('refuses a missing, short or URL-unsafe REDIS_PASSWORD before writing anything', () => {
    expect(run(undefined).stderr).toMatch(/set REDIS_PASSWORD/);
    expect(run('').stderr).toMatch(/set REDIS_PASSWORD/);
    expect(run('short').stderr).toMatch(/at least 16/);
    expect(run('has@and/in-it-0123456789').stderr).toMatch(/only letters, digits/);
    for (const password of [undefined, '', 'short', 'has@and/in-it-0123456789'])
      expect(run(password).status).not.toBe(0);
  });
});

const site = renderTemplate(readFileSync(SITE_TEMPLATE, 'utf8'), {
  MENUROOM_LISTEN: '80',
  MENUROOM_SERVER_NAMES: 'localhost',
  MENUROOM_SOCKET_SERVERS: 'server socket:4001;',
  MENUROOM_WEB_SERVERS: 'server web:3000;',
  MENUROOM_ACCESS_LOG: 'off',
  MENUROOM_SOCKET_ROUTING: 'room',
}).replace(/#.*$/gm, '');
/** The server block of the configured host names (the default server comes before it). */
const mainServer = site.slice(site.indexOf('server_name localhost;'));
/** A block from its header to its first closing brace (none of the blocks checked nest). */
const block = (header: string, within = site) => {
  const start = within.indexOf(`${header} {`);
  expect(start, header).toBeGreaterThanOrEqual(0);
  return within.slice(start, within.indexOf('}', start));
};

describe('routing in the template', () => {
  it('hashes the room, then k, then the address; sessionless websockets naming no room go to least_conn', () => {
    const map = block('map "$arg_transport:$arg_sid:$menuroom_room_key" $menuroom_socket_upstream');
    expect(map).toMatch(/default\s+menuroom_socket_sticky;/);
    expect(map).toMatch(/"websocket::"\s+menuroom_socket_spread;/);
    expect(block('upstream menuroom_socket_spread')).toMatch(/^\s*least_conn;/m);
    expect(block('upstream menuroom_socket_sticky')).toMatch(/^\s*hash \$menuroom_sticky_key consistent;/m);
    expect(block('map $menuroom_room_key $menuroom_sticky_key')).toMatch(/""\s+\$menuroom_client_key;/);
    expect(block('map $arg_k $menuroom_client_key')).toMatch(/default\s+\$arg_k;/);
    expect(block('location /ws/')).toContain('proxy_pass http://$menuroom_socket_upstream;');
  });

  it('routes by room only when MENUROOM_SOCKET_ROUTING is room; compose spreads', () => {
    expect(block('map "room:$arg_room" $menuroom_room_key')).toContain(
      '"~^room:(?<menuroom_named_room>.+)$"',
    );
    expect(service('nginx').environment?.MENUROOM_SOCKET_ROUTING).toBe('spread');
  });

  it('keeps websockets and long polls open past pingInterval + pingTimeout (45 s)', () => {
    const ws = block('location /ws/');
    expect(ws).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(ws).toContain('proxy_set_header Connection $menuroom_connection_upgrade;');
    const seconds = Number(ws.match(/proxy_read_timeout (\d+)s;/)?.[1]);
    expect(seconds).toBeGreaterThan(45);
  });

  it('routes everything else to Next with room for photo uploads', () => {
    expect(block('location /', mainServer)).toContain('proxy_pass http://menuroom_web;');
    expect(block('location = /api/photos', mainServer)).toContain('client_max_body_size 25m;');
  });
});

describe('host names, limits and sizing in the template', () => {
  it('serves only the configured host names: any other Host gets 421 from the default server', () => {
    const fallback = site.slice(0, site.indexOf('server_name localhost;'));
    expect(fallback).toMatch(/listen 80 default_server;\s+server_name _;/);
    expect(fallback).toContain(
      `return 421 '{"error":{"code":"not_allowed","message":"This server does not answer for that host name."}}';`,
    );
    expect(site).toMatch(/listen 80;\s+server_name localhost;/);
  });

  it('forwards Host with its port (the apps compare it with PUBLIC_ORIGINS) and X-Real-IP', () => {
    const hostHeaders = mainServer.match(/proxy_set_header (Host|X-Forwarded-Host) \S+;/g) ?? [];
    expect(hostHeaders.length).toBe(4); // for Next, and in /ws/
    for (const line of hostHeaders) expect(line).toMatch(/ \$http_host;$/);
    expect(mainServer.match(/proxy_set_header X-Real-IP \$remote_addr;/g)).toHaveLength(2);
  });

  // Zone, rate, and the burst of the location that uses it.
  const LIMITS: [location: string, zone: string, rate: string, burst: number][] = [
    ['location = /api/rooms', 'menuroom_rooms', '30r/m', 20],
    ['location /api/codes/', 'menuroom_codes', '60r/m', 30],
    ['location = /api/photos', 'menuroom_uploads', '6r/m', 12],
    ['location = /api/explain', 'menuroom_explain', '60r/m', 30],
    ['location /_next/static/', 'menuroom_static', '100r/s', 1000],
    ['location /', 'menuroom_pages', '30r/s', 400],
    ['location /ws/', 'menuroom_ws_open', '10r/s', 100],
  ];
  it.each(LIMITS)('%s: limit_req %s at %s, burst %i', (location, zone, rate, burst) => {
    expect(site).toMatch(new RegExp(`limit_req_zone \\$\\S+ zone=${zone}:10m rate=${rate};`));
    expect(block(location, mainServer)).toContain(`limit_req zone=${zone} burst=${burst} nodelay;`);
  });

  it('counts only new engine.io sessions on /ws/, per address', () => {
    const key = block('map $arg_sid $menuroom_ws_session_key');
    expect(key).toMatch(/""\s+\$binary_remote_addr;/);
    expect(key).toMatch(/default\s+"";/);
  });

  it("answers a refusal 429 (limits) or 413 (bodies) in the app's error shape", () => {
    expect(mainServer).toContain('limit_req_status 429;');
    expect(mainServer).toContain('limit_conn_status 429;');
    expect(mainServer).toContain('error_page 429 = @menuroom_rate_limited;');
    expect(mainServer).toContain('error_page 413 = @menuroom_too_large;');
    expect(block('location @menuroom_rate_limited', mainServer)).toContain('"code":"rate_limited"');
    expect(block('location @menuroom_too_large', mainServer)).toContain('"code":"too_large"');
  });

  it('holds at most 100 open /ws connections per address', () => {
    expect(site).toContain('limit_conn_zone $binary_remote_addr zone=menuroom_ws_conn:10m;');
    expect(block('location /ws/', mainServer)).toContain('limit_conn menuroom_ws_conn 100;');
  });

  it('limits bodies per route: 128k for JSON and pages, 25m for photos, 6m for /ws/ polls', () => {
    const serverLevel = mainServer.slice(0, mainServer.indexOf('location'));
    expect(serverLevel).toContain('client_max_body_size 128k;');
    const sizes = [...mainServer.matchAll(/client_max_body_size (\S+);/g)].map((m) => m[1]);
    expect(sizes.sort()).toEqual(['128k', '25m', '6m']);
    expect(block('location /ws/', mainServer)).toContain('client_max_body_size 6m;');
  });

  it.each([
    ['native', NATIVE_MAIN_TEMPLATE],
    ['compose', COMPOSE_MAIN_CONF],
  ])('%s nginx.conf holds 10,000 phones: two connections per websocket in any one worker', (_name, file) => {
    const conf = readFileSync(file, 'utf8');
    const connections = Number(conf.match(/worker_connections (\d+);/)?.[1]);
    const files = Number(conf.match(/worker_rlimit_nofile (\d+);/)?.[1]);
    expect(connections).toBeGreaterThanOrEqual(2 * 10_000);
    expect(files).toBeGreaterThanOrEqual(2 * connections);
  });
});
