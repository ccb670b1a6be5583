// The web tier against hostile clients, through the real built Next server behind nginx (needs
// `npm run build`): cross-site and foreign-Host requests, the security headers and the CSP nonce,
// body limits, upload checks at the door, the limits per address (kept in Redis), and who may read
// a menu photo. Limits are per address: nginx sets X-Real-IP to the caller (127.0.0.1 here), so the
// tests that need an address of their own talk to Next directly with an X-Real-IP of their choosing,
// as nginx would send it for another phone.
import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../scripts/stack/index';
import { roomKeys } from '../../lib/storage/keys';
import { savePhotos } from '../../lib/storage/photos';
import { createRedis } from '../../lib/storage/redis';

let stack: Stack;
let redis: ReturnType<typeof createRedis>;
let webUrl: string;
/** The Host nginx passes on: Next answers only the configured public host names. */
let publicHost: string;

beforeAll(async () => {
  stack = await startStack({
    name: 'web-hostile',
    replicas: 1,
    // One reading at a time, so a few blank photos keep the queue busy long enough to fill it.
    webEnv: { MENU_OCR_CONCURRENCY: '1', MENU_OCR_MAX_JOBS_PER_ADDRESS: '2' },
  });
  webUrl = stack.webUrl ?? '';
  publicHost = new URL(stack.publicOrigins.split(',')[0] ?? '').host;
  // The default user: the app's ACL user may not list keys.
  redis = createRedis(stack.redisAdminUrl);
  // The last test stops Redis on purpose; this client reconnects when it is back.
  redis.on('error', () => {});
  await redis.connect();
}, 120_000);

afterAll(async () => {
  // destroy, not quit: QUIT waits for its reply, and after the Redis restart below this client may
  // still be between reconnect attempts (a CI run waited out the 120 s hook timeout here).
  redis?.destroy();
  await stack?.stop();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch would not send a Host or Sec-Fetch-Site of ours). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  // Straight to Next, a request carries the Host nginx would have passed on.
  const headers = url.startsWith(webUrl) ? { host: publicHost, ...options.headers } : options.headers;
  return new Promise((resolve, reject) => {
    // A connection of its own: one a refused body was cut off on is not reused.
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(20_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

const errorCode = (response: RawResponse) =>
  (JSON.parse(response.body) as { error?: { code: string } }).error?.code;

let addressCounter = 10;
/** An address of its own for a test, as nginx would pass it on in X-Real-IP. */
const freshAddress = () => `198.51.100.${addressCounter++}`;

const room = (title = 'Lunch') =>
  JSON.stringify({
    title,
    currency: 'KRW',
    hostName: 'Mina',
    dishes: [{ name: 'Bibimbap', priceMinor: 9000 }],
  });

/** A room opened through the route, from `address`. */
function createRoom(address: string, body = room()): Promise<RawResponse> {
  return raw(`${webUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': address, 'sec-fetch-site': 'same-origin' },
    body,
  });
}

function multipart(files: { name: string; bytes: Buffer; type?: string }[]): { body: Buffer; type: string } {
  const boundary = `----menuroom${Math.random().toString(16).slice(2)}`;
  const parts = files.map(({ name, bytes, type = 'image/jpeg' }) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function upload(
  files: { name: string; bytes: Buffer; type?: string }[],
  options: { base?: string; address?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const form = multipart(files);
  return raw(`${options.base ?? stack.url}/api/photos`, {
    method: 'POST',
    headers: {
      'content-type': form.type,
      'content-length': String(form.body.length),
      ...(options.address ? { 'x-real-ip': options.address } : {}),
      ...options.headers,
    },
    body: form.body,
  });
}

/**
 * Declares a body of `declaredBytes` and sends only its first bytes: the status Next answers with
 * while the rest is still owed. The rest never comes, so any answer means none was awaited.
 */
function answerBeforeBody(url: string, contentType: string, declaredBytes: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: {
        host: publicHost,
        'content-type': contentType,
        'content-length': String(declaredBytes),
        'x-real-ip': freshAddress(),
      },
    });
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', reject);
    // The first request to a route also loads its module (seconds on a busy machine).
    req.setTimeout(30_000, () => req.destroy(new Error('no answer before the body')));
    req.write('--x');
  });
}

describe('cross-site requests', () => {
  it('refuses a cross-site text/plain, form and multipart POST, and a foreign Origin', async () => {
    const cases: { path: string; headers: Record<string, string>; body: string }[] = [
      {
        path: '/api/rooms',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: room(),
      },
      {
        path: '/api/rooms',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
        body: 'title=x',
      },
      {
        path: '/api/rooms',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' },
        body: room(),
      },
      { path: '/api/explain', headers: { 'content-type': 'application/json', origin: 'null' }, body: '{}' },
    ];
    for (const { path, headers, body } of cases) {
      const response = await raw(`${stack.url}${path}`, { method: 'POST', headers, body });
      expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(errorCode(response)).toBe('not_allowed');
    }
    const form = multipart([{ name: 'menu.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff]) }]);
    const photo = await raw(`${stack.url}/api/photos`, {
      method: 'POST',
      headers: { 'content-type': form.type, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: form.body,
    });
    expect(photo.status).toBe(403);
    expect(await redis.keys('room:*')).toEqual([]);
  });

  it('refuses a same-origin body that is not JSON with 415, and opens a room from JSON', async () => {
    const plain = await raw(`${stack.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' },
      body: room(),
    });
    expect(plain.status).toBe(415);
    expect(errorCode(plain)).toBe('unsupported_type');
    const json = await raw(`${stack.url}/api/rooms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        origin: stack.url,
        'sec-fetch-site': 'same-origin',
      },
      body: room(),
    });
    expect(json.status).toBe(201);
    expect(JSON.parse(json.body)).toMatchObject({
      roomId: expect.any(String),
      memberToken: expect.any(String),
    });
  });

  it('answers no request for a host name that is not this deployment (DNS rebinding)', async () => {
    // nginx serves only the configured names; Next refuses the others itself as well.
    const throughNginx = await raw(`${stack.url}/`, { headers: { host: 'rebind.evil.example' } }).catch(
      (error: Error) => error,
    );
    if (!(throughNginx instanceof Error)) expect(throughNginx.status).toBeGreaterThanOrEqual(400);
    const page = await raw(`${webUrl}/`, { headers: { host: 'rebind.evil.example' } });
    expect(page.status).toBe(421);
    const post = await raw(`${webUrl}/api/rooms`, {
      method: 'POST',
      headers: { host: `rebind.evil.example`, 'content-type': 'application/json' },
      body: room(),
    });
    expect(post.status).toBe(421);
    expect(errorCode(post)).toBe('not_allowed');
    expect((await raw(`${webUrl}/`, { headers: { host: publicHost } })).status).toBe(200);
  });
});

describe('headers', () => {
  it('sends a strict CSP with a fresh nonce that Next puts on its scripts, and the other headers', async () => {
    for (const path of ['/', '/r/nosuchroom0001', '/about']) {
      const first = await raw(`${stack.url}${path}`);
      const second = await raw(`${stack.url}${path}`);
      expect(first.status).toBe(200);
      const csp = String(first.headers['content-security-policy']);
      const nonce = csp.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(String(second.headers['content-security-policy'])).not.toContain(nonce);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/img-src 'self' data: blob:/);
      expect(csp).toContain(`connect-src 'self' ws://${publicHost} wss://${publicHost}`);
      expect(csp).not.toContain('unsafe-eval');
      // Every script of the page carries the nonce, so the page hydrates under the policy.
      const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((tag) => tag[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(first.headers['referrer-policy']).toBe('no-referrer');
      expect(first.headers['permissions-policy']).toContain('screen-wake-lock=(self)');
      expect(first.headers['permissions-policy']).toContain('camera=()');
    }
    const api = await raw(`${stack.url}/api/health`);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('body limits', () => {
  it('refuses a JSON body over its limit by its declared length, before reading it', async () => {
    const status = await answerBeforeBody(`${webUrl}/api/rooms`, 'application/json', 20 * 1024 * 1024);
    expect(status).toBe(413);
  });

  it('cuts off a JSON body that grows past its limit without a length', async () => {
    const response = await new Promise<RawResponse>((resolve, reject) => {
      const req = httpRequest(`${webUrl}/api/explain`, {
        method: 'POST',
        agent: false,
        headers: {
          host: publicHost,
          'content-type': 'application/json',
          'x-real-ip': freshAddress(),
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('error', reject);
      req.end(`{"language":"ko","names":["${'가'.repeat(100_000)}"]}`);
    });
    expect(response.status).toBe(413);
    expect(errorCode(response)).toBe('too_large');
  });

  it('refuses an upload whose declared length is over the limit without reading it', async () => {
    const status = await answerBeforeBody(
      `${webUrl}/api/photos`,
      'multipart/form-data; boundary=x',
      26 * 1024 * 1024,
    );
    expect(status).toBe(413);
  });
});

describe('uploads at the door', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

  it('refuses an SVG wrapped to look like a JPEG, a PNG, a WebP or a HEIC photo', async () => {
    const heicBox = Buffer.alloc(24);
    heicBox.writeUInt32BE(24, 0);
    heicBox.write('ftypheic', 4, 'latin1');
    heicBox.write('mif1heic', 16, 'latin1');
    const wrapped = [
      { name: 'menu.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), svg]) },
      { name: 'menu.png', bytes: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), svg]) },
      { name: 'menu.webp', bytes: Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), svg]) },
      { name: 'menu.heic', bytes: Buffer.concat([heicBox, svg]) },
    ];
    for (const file of wrapped) {
      const response = await upload([file]);
      expect([415, 422], file.name).toContain(response.status);
      expect(JSON.parse(response.body).error.message).toContain(file.name);
    }
    expect(await redis.keys('photojob:*')).toEqual([]);
  });

  it('refuses a truncated JPEG and a truncated PNG at the door', async () => {
    const image = sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } });
    const jpeg = await image.clone().jpeg({ quality: 90 }).toBuffer();
    const png = await image.clone().png().toBuffer();
    for (const file of [
      { name: 'cut.jpg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) },
      { name: 'cut.png', bytes: png.subarray(0, png.length - 20), type: 'image/png' },
    ]) {
      const response = await upload([file]);
      expect(response.status, file.name).toBe(422);
      expect(JSON.parse(response.body).error).toMatchObject({
        code: 'corrupt_image',
        message: expect.stringContaining(file.name),
      });
    }
  });

  it('refuses an address whose uploads already fill its share of the queue', async () => {
    const blank = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#f4efe4' } })
      .jpeg()
      .toBuffer();
    const address = freshAddress();
    const answers = await Promise.all(
      [1, 2, 3].map(() => upload([{ name: 'wall.jpg', bytes: blank }], { base: webUrl, address })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([202, 202, 503]);
    const refused = answers.find((a) => a.status === 503);
    expect(refused && JSON.parse(refused.body).error).toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/This network/),
    });
    // Another address is still served.
    expect(
      (await upload([{ name: 'wall.jpg', bytes: blank }], { base: webUrl, address: freshAddress() })).status,
    ).toBe(202);
  }, 60_000);
});

describe('limits per address', () => {
  it('throttles join-code lookups per address with a growing wait, counted in Redis', async () => {
    const address = freshAddress();
    const lookup = () => raw(`${webUrl}/api/codes/ZZZZZZ`, { headers: { 'x-real-ip': address } });
    for (let i = 0; i < 10; i++) expect((await lookup()).status).toBe(404);
    const refused = await lookup();
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    // Still blocked, for everyone at that address, and nobody else is.
    expect((await lookup()).status).toBe(429);
    expect(
      (await raw(`${webUrl}/api/codes/ZZZZZZ`, { headers: { 'x-real-ip': freshAddress() } })).status,
    ).toBe(404);
    expect((await redis.keys('limit:codes*')).length).toBeGreaterThan(0);
  });

  it('lets an address open 5 rooms at once and refuses the 6th with Retry-After', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await createRoom(address)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = await createRoom(address);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body).error.message).toMatch(/Too many new rooms/);
    expect((await createRoom(freshAddress())).status).toBe(201);
  });

  it('applies the limit to the address nginx reports, not one a client sends', async () => {
    // Through nginx every request is from 127.0.0.1, whatever X-Real-IP the client writes.
    const spoofed = async () =>
      (await raw(`${stack.url}/api/codes/YYYYYY`, { headers: { 'x-real-ip': freshAddress() } })).status;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await spoofed());
    expect(statuses).toContain(429);
  });
});

describe('who may read a menu photo', () => {
  it('serves an uploaded photo by its upload id until a room is opened, then only by the room id', async () => {
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#abc' } })
      .webp()
      .toBuffer();
    const uploadId = 'uploadedPhoto0001';
    await savePhotos(redis, [{ id: uploadId, bytes, contentType: 'image/webp', width: 40, height: 30 }]);
    expect((await raw(`${stack.url}/api/photos/${uploadId}`)).status).toBe(200);

    const address = freshAddress();
    const withPhoto = JSON.stringify({
      title: 'Photo lunch',
      currency: 'KRW',
      hostName: 'Mina',
      dishes: [
        { name: 'Bibimbap', priceMinor: 9000, box: { photoId: uploadId, x: 0.1, y: 0.1, w: 0.5, h: 0.1 } },
      ],
      photoIds: [uploadId],
    });
    const created = await createRoom(address, withPhoto);
    expect(created.status).toBe(201);
    const { roomId } = JSON.parse(created.body) as { roomId: string };

    const roomPhotos = JSON.parse((await redis.hGet(roomKeys(roomId).meta, 'photos')) ?? '[]') as {
      id: string;
    }[];
    const roomPhotoId = roomPhotos[0]?.id ?? '';
    expect(roomPhotoId).not.toBe(uploadId);
    const dishes = Object.values(await redis.hGetAll(roomKeys(roomId).menu)).join('');
    expect(dishes).toContain(roomPhotoId);
    expect(dishes).not.toContain(uploadId);

    const served = await fetch(`${stack.url}/api/photos/${roomPhotoId}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    // The upload id is spent: it neither serves the photo nor opens a second room with it.
    expect((await raw(`${stack.url}/api/photos/${uploadId}`)).status).toBe(404);
    const again = await createRoom(address, withPhoto);
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body).error.message).toMatch(/photo has expired/);
    const ttl = await redis.ttl(`photo:{${roomPhotoId}}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(12 * 60 * 60);
  });
});

describe('when Redis is down', () => {
  it('still limits code lookups, in the web process', async () => {
    await stack.stopRedis();
    try {
      const address = freshAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        // A malformed code is answered without Redis, after the limit: only the limit is measured.
        statuses.push((await raw(`${webUrl}/api/codes/X`, { headers: { 'x-real-ip': address } })).status);
      }
      expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await stack.startRedis();
    }
  }, 60_000);
});
