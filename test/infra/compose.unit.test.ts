// Static checks of the deployment files: docker-compose.yml (parsed, no Docker needed) and the one
// shared nginx template, rendered for the native stack and for compose and checked by the real
// `nginx -t`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  nginxArgs,
  nginxBinary,
  renderTemplate,
  SITE_TEMPLATE,
  writeMainConf,
  writeNativeNginxConfig,
} from '../../scripts/stack/nginx';

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
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
    expect(service('redis').healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(service('nginx').healthcheck?.test?.join(' ')).toContain('/nginx-health');
  });

  it('lets socket scale: no container_name, no ports', () => {
    expect(service('socket').container_name).toBeUndefined();
    expect(service('socket').ports).toBeUndefined();
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
    const used = new Set(readFileSync(SITE_TEMPLATE, 'utf8').match(/MENUROOM_\w+/g));
    expect([...used].sort()).toEqual(
      Object.keys(nginx.environment ?? {})
        .filter((k) => k.startsWith('MENUROOM_'))
        .sort(),
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
      socketServers: ['127.0.0.1:4101', '127.0.0.1:4102', '127.0.0.1:4103'],
      webServers: ['127.0.0.1:3000'],
    });
    nginxTest(runDir, mainConf);
    const site = readFileSync(join(runDir, 'menuroom.conf'), 'utf8').replace(/^\s*#.*$/gm, '');
    expect(site.match(/server 127\.0\.0\.1:410\d max_fails=1 fail_timeout=1s;/g)).toHaveLength(6);
  });

  it('compose: the environment from docker-compose.yml', () => {
    // What is checked: the template rendered with compose's own MENUROOM_* values, syntax and
    // semantics, by this machine's nginx. What is not: the service names only resolve inside
    // Docker's network, so `socket`/`web` are mapped to 127.0.0.1 here; the access log goes to a temp
    // file; and the image's nginx.conf (which includes conf.d/*.conf inside http{}) is stood in for
    // by our native wrapper.
    const env = { ...service('nginx').environment } as Record<string, string>;
    for (const key of ['MENUROOM_SOCKET_SERVERS', 'MENUROOM_WEB_SERVERS'])
      env[key] = (env[key] ?? '').replace(/server (socket|web):/g, 'server 127.0.0.1:');
    const runDir = tempDir();
    env.MENUROOM_ACCESS_LOG = join(runDir, 'access.log');
    env.MENUROOM_LISTEN = '127.0.0.1:18080'; // -t never binds
    const siteConf = join(runDir, 'default.conf');
    const rendered = renderTemplate(readFileSync(SITE_TEMPLATE, 'utf8'), env);
    writeFileSync(siteConf, rendered);
    nginxTest(runDir, writeMainConf(runDir, siteConf));
  });
});

describe('sticky routing in the template', () => {
  const site = renderTemplate(readFileSync(SITE_TEMPLATE, 'utf8'), {
    MENUROOM_LISTEN: '80',
    MENUROOM_SOCKET_SERVERS: 'server socket:4001;',
    MENUROOM_WEB_SERVERS: 'server web:3000;',
    MENUROOM_ACCESS_LOG: 'off',
  });
  const block = (header: string) => {
    const start = site.indexOf(`${header} {`);
    expect(start, header).toBeGreaterThanOrEqual(0);
    return site.slice(start, site.indexOf('}', start));
  };

  it('sends sessionless websockets to least_conn and everything else to a consistent hash of k', () => {
    const map = block('map "$arg_transport:$arg_sid" $menuroom_socket_upstream');
    expect(map).toMatch(/default\s+menuroom_socket_sticky;/);
    expect(map).toMatch(/"websocket:"\s+menuroom_socket_spread;/);
    expect(block('upstream menuroom_socket_spread')).toMatch(/^\s*least_conn;/m);
    expect(block('upstream menuroom_socket_sticky')).toMatch(/^\s*hash \$menuroom_sticky_key consistent;/m);
    expect(block('map $arg_k $menuroom_sticky_key')).toMatch(/default\s+\$arg_k;/);
    expect(block('location /ws/')).toContain('proxy_pass http://$menuroom_socket_upstream;');
  });

  it('keeps websockets and long polls open past pingInterval + pingTimeout (45 s)', () => {
    const ws = block('location /ws/');
    expect(ws).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(ws).toContain('proxy_set_header Connection $menuroom_connection_upgrade;');
    const seconds = Number(ws.match(/proxy_read_timeout (\d+)s;/)?.[1]);
    expect(seconds).toBeGreaterThan(45);
  });

  it('routes everything else to Next with room for photo uploads', () => {
    expect(block('location /')).toContain('proxy_pass http://menuroom_web;');
    expect(site).toMatch(/client_max_body_size 25m;/);
  });
});
