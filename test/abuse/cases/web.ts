// The HTTP side: 500 join-code guesses and 50 room creations in a second from one address, and
// requests a page on another site (or a rebinding DNS name) could make: cross-site POSTs of every
// kind a browser sends without asking, websocket and polling handshakes with a foreign Origin, a
// foreign Host, an oversized JSON body; and the headers every page must carry.
import { JOIN_CODE_ALPHABET } from '../../../lib/protocol';
import {
  attackerAddress,
  connectFrame,
  http,
  httpErrorCode,
  isRaw,
  LEGIT,
  pollingSession,
  isSession,
  rawSocket,
  roomRequest,
  sameOriginHeaders,
} from '../harness';
import { type ClassRun, must } from '../runner';
import type { World } from '../world';

const EVIL = 'https://evil.example';

function randomCode(): string {
  return Array.from(
    { length: 6 },
    () => JOIN_CODE_ALPHABET[Math.floor(Math.random() * JOIN_CODE_ALPHABET.length)],
  ).join('');
}

/** Runs `tasks` with at most `width` at once. */
async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

export async function joinCodesClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  const guesser = attackerAddress();
  await run.case(
    '500 join-code guesses from one address are throttled',
    async () => {
      const answers = await pool(500, 20, () =>
        http(`${h.stack.url}/api/codes/${randomCode()}`, { from: guesser }),
      );
      const throttled = answers.filter((a) => a.status === 429);
      const answered = answers.length - throttled.length;
      run.note(`500 code guesses: ${answered} looked up, ${throttled.length} throttled`);
      // A person mistypes a code a few times; a guesser gets about as many tries.
      must(answered <= 20, `${answered} of 500 guesses were looked up`);
      must(
        throttled.every((a) => httpErrorCode(a) === 'rate_limited'),
        `a throttled answer without the rate_limited body: ${throttled.find((a) => httpErrorCode(a) !== 'rate_limited')?.text}`,
      );
      const unclear = answers.filter(
        (a) => a.status !== 429 && httpErrorCode(a) !== 'room_not_found' && a.status !== 200,
      );
      must(
        unclear.length === 0,
        `unclear answers: ${unclear
          .slice(0, 2)
          .map((a) => `${a.status} ${a.text}`)
          .join(' | ')}`,
      );
    },
    500,
  );
  await run.case('the throttled guesser cannot confirm a real code either', async () => {
    const answer = await http(`${h.stack.url}/api/codes/${w.victim.code}`, { from: guesser });
    must(answer.status === 429, `a real code answered ${answer.status} ${answer.text} to the guesser`);
  });
  await run.case('another address still resolves a real code', async () => {
    const answer = await http(`${h.stack.url}/api/codes/${w.victim.code}`, { from: LEGIT.latecomer });
    must(answer.status === 200, `answered ${answer.status} ${answer.text}`);
  });
}

export async function roomCreationClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  await run.case(
    '50 room creations in a second from one address are limited',
    async () => {
      const from = attackerAddress();
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          await new Promise((r) => setTimeout(r, i * 20));
          return http(`${h.stack.url}/api/rooms`, {
            method: 'POST',
            from,
            headers: sameOriginHeaders(h),
            body: JSON.stringify(roomRequest(`Scripted room ${i}`)),
          });
        }),
      );
      const created = answers.filter((a) => a.status === 201).length;
      const refused = answers.filter((a) => a.status !== 201);
      run.note(`50 creations in ${Date.now() - started} ms: ${created} created`);
      must(created <= 10, `${created} rooms created in a second by one address`);
      must(
        refused.every((a) => a.status === 429 && httpErrorCode(a) === 'rate_limited'),
        `a refusal that is not 429 rate_limited: ${refused.find((a) => a.status !== 429 || httpErrorCode(a) !== 'rate_limited')?.text}`,
      );
    },
    50,
  );
  await run.case('another address still opens a room', async () => {
    const answer = await http(`${h.stack.url}/api/rooms`, {
      method: 'POST',
      from: LEGIT.latecomer,
      headers: sameOriginHeaders(h),
      body: JSON.stringify(roomRequest('A real dinner')),
    });
    must(answer.status === 201, `answered ${answer.status} ${answer.text}`);
  });
}

export async function crossSiteClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  const room = JSON.stringify(roomRequest('Cross-site room'));
  const form = new FormData();
  form.append('title', 'Cross-site');
  const multipart = new Response(form);
  const multipartBody = new Uint8Array(await multipart.arrayBuffer());
  const multipartType = multipart.headers.get('content-type') ?? '';
  const photoForm = new FormData();
  photoForm.append(
    'photos',
    new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], { type: 'image/jpeg' }),
    'menu.jpg',
  );
  const photoUpload = new Response(photoForm);
  const photoBody = new Uint8Array(await photoUpload.arrayBuffer());
  const photoType = photoUpload.headers.get('content-type') ?? '';

  const crossSite = (contentType: string) => ({
    origin: EVIL,
    'sec-fetch-site': 'cross-site',
    'content-type': contentType,
  });
  for (const [label, path, headers, body, forbidden] of [
    [
      'a cross-site text/plain POST of a room',
      '/api/rooms',
      crossSite('text/plain;charset=UTF-8'),
      room,
      201,
    ],
    [
      'a cross-site form POST of a room',
      '/api/rooms',
      crossSite('application/x-www-form-urlencoded'),
      `data=${encodeURIComponent(room)}`,
      201,
    ],
    ['a cross-site multipart POST of a room', '/api/rooms', crossSite(multipartType), multipartBody, 201],
    ['a cross-site JSON POST of a room', '/api/rooms', crossSite('application/json'), room, 201],
    ['a cross-site multipart POST of a photo', '/api/photos', crossSite(photoType), photoBody, 202],
    [
      'a same-site POST from another origin',
      '/api/rooms',
      { origin: EVIL, 'content-type': 'application/json' },
      room,
      201,
    ],
    [
      'a text/plain POST of a room from the page itself',
      '/api/rooms',
      { ...sameOriginHeaders(h), 'content-type': 'text/plain' },
      room,
      201,
    ],
    [
      'a POST with Origin null',
      '/api/rooms',
      { origin: 'null', 'content-type': 'application/json' },
      room,
      201,
    ],
  ] as const) {
    await run.case(`${label} is refused clearly`, async () => {
      const answer = await http(`${h.stack.url}${path}`, {
        method: 'POST',
        from: attackerAddress(),
        headers,
        body,
      });
      must(
        answer.status !== forbidden && answer.status >= 400,
        `answered ${answer.status} ${answer.text.slice(0, 120)}`,
      );
      must(
        httpErrorCode(answer) !== null,
        `no { error: { code, message } } body: ${answer.status} ${answer.text.slice(0, 120)}`,
      );
    });
  }
  await run.case('a 2 MB JSON body is refused before it is read', async () => {
    const answer = await http(`${h.stack.url}/api/rooms`, {
      method: 'POST',
      from: attackerAddress(),
      headers: sameOriginHeaders(h),
      body: JSON.stringify({ ...roomRequest('Big'), title: 'x'.repeat(2_000_000) }),
    });
    must(answer.status === 413, `answered ${answer.status} ${answer.text.slice(0, 120)}`);
  });

  await run.case('a websocket from a foreign Origin cannot reach a room', async () => {
    const raw = await rawSocket(h, { from: attackerAddress(), headers: { origin: EVIL } });
    if (!isRaw(raw)) return;
    raw.send(connectFrame({ roomId: w.victim.roomId }));
    const answer = await raw.waitFor((f) => f.startsWith('40') || f.startsWith('44'), 3_000);
    raw.close();
    must(!answer?.startsWith('40{'), `connected: ${answer}`);
  });
  await run.case('a polling handshake from a foreign Origin is refused', async () => {
    const session = await pollingSession(h, attackerAddress(), { origin: EVIL });
    must(!isSession(session), 'a session was opened');
  });
  await run.case('a websocket with a foreign Host is refused', async () => {
    const raw = await rawSocket(h, {
      from: attackerAddress(),
      headers: { host: 'evil.example', origin: 'http://evil.example' },
    });
    if (isRaw(raw)) raw.close();
    must(!isRaw(raw), 'the websocket opened');
  });
  await run.case(
    'a websocket with a foreign Host but the page Origin is refused (DNS rebinding)',
    async () => {
      const raw = await rawSocket(h, { from: attackerAddress(), headers: { host: 'rebind.example:80' } });
      if (isRaw(raw)) raw.close();
      must(!isRaw(raw), 'the websocket opened');
    },
  );
  for (const path of ['/', '/api/health', '/api/codes/ABCDEF']) {
    await run.case(`GET ${path} with a foreign Host is not served`, async () => {
      const answer = await http(`${h.stack.url}${path}`, {
        from: attackerAddress(),
        headers: { host: 'rebind.example' },
      });
      must(
        answer.status === 0 ||
          answer.status === 421 ||
          answer.status === 400 ||
          answer.status === 403 ||
          answer.status === 404,
        `answered ${answer.status}`,
      );
    });
  }
  await run.case(
    'a page carries a strict Content-Security-Policy and the other security headers',
    async () => {
      const answer = await http(`${h.stack.url}/`, { from: LEGIT.checker, headers: { accept: 'text/html' } });
      const csp = String(answer.headers['content-security-policy'] ?? '');
      must(answer.status === 200, `GET / answered ${answer.status}`);
      must(/frame-ancestors 'none'/.test(csp), `CSP "${csp}" lacks frame-ancestors 'none'`);
      must(/default-src 'self'|default-src 'none'/.test(csp), `CSP "${csp}" has no strict default-src`);
      must(/connect-src [^;]*('self'|ws)/.test(csp), `CSP "${csp}" has no connect-src for the socket`);
      must(
        !/script-src [^;]*'unsafe-inline'/.test(csp) || /'nonce-|'strict-dynamic'/.test(csp),
        `CSP "${csp}" allows inline scripts`,
      );
      must(answer.headers['x-content-type-options'] === 'nosniff', 'no X-Content-Type-Options: nosniff');
      must(Boolean(answer.headers['referrer-policy']), 'no Referrer-Policy');
    },
  );
}
