// Prometheus metrics on the real stack (needs `npm run build`): a phone opens a room through nginx,
// picks a dish, a second phone joins, and one floods; a menu photo is read; Redis restarts. Then the
// replicas' /metrics and the web process's metrics listener show the counters moved, and nothing of
// them can be reached through nginx.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClientToServerEvents,
  type CreateRoomResponse,
  EVENTS,
  PROTOCOL_VERSION,
  type PhotoJob,
  type PhotoJobAccepted,
  type Reply,
  type ServerToClientEvents,
  type SyncReply,
} from '../../lib/protocol';
import { type Stack, startStack } from '../../scripts/stack/index';
import { type MetricSample, parseMetrics, sumOf } from '../../scripts/stack/metrics';

type Phone = Socket<ServerToClientEvents, ClientToServerEvents>;

let stack: Stack;
const phones: Phone[] = [];

beforeAll(async () => {
  stack = await startStack({ name: 'metrics-int', replicas: 2 });
}, 90_000);
afterAll(async () => {
  for (const phone of phones) phone.close();
  await stack?.stop();
});

async function scrape(url: string): Promise<MetricSample[]> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

/** Every replica's samples, concatenated: a phone lands on either replica through nginx. */
async function scrapeReplicas(): Promise<MetricSample[]> {
  return (await Promise.all(stack.replicas.map((replica) => scrape(replica.metricsUrl)))).flat();
}

const sameOrigin = { 'sec-fetch-site': 'same-origin' };

/** GET through nginx with the path exactly as written: fetch() would resolve "..", nginx must. */
function getRaw(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: stack.port, path, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

async function openRoom(): Promise<CreateRoomResponse> {
  const response = await fetch(`${stack.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sameOrigin },
    body: JSON.stringify({
      title: 'Lunch',
      currency: 'KRW',
      hostName: 'Mina',
      dishes: [{ name: 'Bibimbap', priceMinor: 9000 }],
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateRoomResponse;
}

/** A phone on a websocket through nginx, as the page connects. */
async function connectPhone(auth: { roomId: string; memberToken?: string }): Promise<Phone> {
  const phone: Phone = io(stack.url, {
    path: '/ws',
    transports: ['websocket'],
    auth: { ...auth, protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  phones.push(phone);
  await new Promise<void>((resolve, reject) => {
    phone.once('connect', resolve);
    phone.once('connect_error', reject);
  });
  return phone;
}

const sync = (phone: Phone) =>
  new Promise<Reply<SyncReply>>((resolve) => phone.emit(EVENTS.roomSync, {}, resolve));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('socket replica metrics', () => {
  it('count events, acknowledgements, broadcasts, snapshots, phones and refusals', async () => {
    const before = await scrapeReplicas();
    // Both replicas answer with their own id and Node's own figures.
    for (const id of ['socket-1', 'socket-2'])
      expect(sumOf(before, 'menuroom_replica_info', { replica: id })).toBe(1);
    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(
        before.filter((s) => s.name === name),
        name,
      ).toHaveLength(2);
    expect(sumOf(before, 'menuroom_connected_phones')).toBe(0);

    const room = await openRoom();
    const host = await connectPhone({ roomId: room.roomId, memberToken: room.memberToken });
    const snapshot = await sync(host);
    if (!snapshot.ok) throw new Error(snapshot.error.message);
    const dishId = snapshot.data.snapshot.dishes[0]?.id as string;
    const picked = await new Promise<Reply<unknown>>((resolve) =>
      host.emit(
        EVENTS.roomChange,
        { opId: 'metrics-op-1', change: { type: 'pick.set', dishId, qty: 2 } },
        resolve,
      ),
    );
    expect(picked.ok).toBe(true);
    const guest = await connectPhone({ roomId: room.roomId });
    const joined = await new Promise<Reply<unknown>>((resolve) =>
      guest.emit(EVENTS.memberJoin, { name: 'Ben' }, resolve),
    );
    expect(joined.ok).toBe(true);
    // An event name of the client's own making is counted as "unknown", never as a series of its own.
    const madeUp = `room:${room.roomId}`;
    const unknown = await new Promise<Reply<unknown>>((resolve) =>
      (guest as unknown as Socket).emit(madeUp, {}, resolve),
    );
    expect(unknown.ok).toBe(false);

    const after = await scrapeReplicas();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sumOf(after, name, labels) - sumOf(before, name, labels);
    expect(moved('menuroom_events_total', { event: 'unknown' })).toBe(1);
    const labelValues = after.flatMap((sample) => Object.values(sample.labels));
    for (const secret of [room.roomId, room.memberId, madeUp])
      expect(
        labelValues.some((value) => value.includes(secret)),
        secret,
      ).toBe(false);
    expect(moved('menuroom_events_total', { event: EVENTS.roomSync })).toBe(1);
    expect(moved('menuroom_events_total', { event: EVENTS.roomChange })).toBe(1);
    expect(moved('menuroom_events_total', { event: EVENTS.memberJoin })).toBe(1);
    expect(moved('menuroom_ack_seconds_count', { event: EVENTS.roomChange, outcome: 'ok' })).toBe(1);
    expect(moved('menuroom_ack_seconds_count', { event: EVENTS.memberJoin, outcome: 'ok' })).toBe(1);
    // The pick was acknowledged within the histogram's 10 s bucket, and took some time.
    expect(moved('menuroom_ack_seconds_bucket', { event: EVENTS.roomChange, outcome: 'ok', le: '10' })).toBe(
      1,
    );
    expect(moved('menuroom_ack_seconds_sum', { event: EVENTS.roomChange, outcome: 'ok' })).toBeGreaterThan(0);
    expect(moved('menuroom_snapshot_reads_total', { menu: 'sent' })).toBe(1);
    // The pick and the join, each broadcast once by the replica that applied it, and presence.
    expect(moved('menuroom_broadcasts_total', { event: EVENTS.roomChanged })).toBe(2);
    expect(moved('menuroom_broadcasts_total', { event: EVENTS.presenceChanged })).toBeGreaterThanOrEqual(2);
    expect(sumOf(after, 'menuroom_connected_phones', { role: 'member' })).toBe(2);
    expect(sumOf(after, 'menuroom_connected_phones', { role: 'visitor' })).toBe(0);

    // A flood on one socket: its own buckets let the first few syncs through and refuse the rest,
    // each refusal counted once by budget and outcome; a socket that keeps going is disconnected, so
    // the syncs after that are never answered.
    const flood = (phone: Phone, count: number) =>
      Promise.all(
        Array.from(
          { length: count },
          () =>
            new Promise<Reply<unknown> | null>((resolve) =>
              phone
                .timeout(5_000)
                .emit(EVENTS.roomSync, {}, (err: unknown, reply: Reply<unknown>) =>
                  resolve(err ? null : reply),
                ),
            ),
        ),
      );
    const isRefusal = (reply: Reply<unknown> | null) =>
      reply !== null && !reply.ok && reply.error.code === 'rate_limited';
    // The same member's syncs from six sockets at once: past the member's snapshot budget in Redis
    // (4/s, 20 more per 30 s), shared by every socket and replica, the rest are refused.
    const hosts = await Promise.all(
      Array.from({ length: 6 }, () => connectPhone({ roomId: room.roomId, memberToken: room.memberToken })),
    );
    const hostReplies = (await Promise.all(hosts.map((phone) => flood(phone, 5)))).flat();
    const refusedByMember = hostReplies.filter(isRefusal).length;
    expect(refusedByMember).toBeGreaterThan(0);
    // Then the flood on one socket (last: a socket disconnected for flooding keeps its address from
    // opening new connections to that replica for a while, and every phone here is 127.0.0.1).
    const replies = await flood(guest, 60);
    const refusedOnSocket = replies.filter(isRefusal).length;
    expect(refusedOnSocket).toBeGreaterThan(0);
    expect(guest.connected).toBe(false);
    const refused = refusedOnSocket + refusedByMember;
    const flooded = await scrapeReplicas();
    const refusals = (budget: string) =>
      sumOf(flooded, 'menuroom_rate_limit_refusals_total', { budget }) -
      sumOf(after, 'menuroom_rate_limit_refusals_total', { budget });
    expect(
      sumOf(flooded, 'menuroom_ack_seconds_count', { event: EVENTS.roomSync, outcome: 'rate_limited' }),
    ).toBe(refused);
    expect(refusals('socket')).toBe(refusedOnSocket);
    expect(refusals('expensiveMember')).toBeGreaterThan(0);
    expect(
      sumOf(flooded, 'menuroom_rate_limit_refusals_total') -
        sumOf(after, 'menuroom_rate_limit_refusals_total'),
    ).toBe(refused);

    for (const phone of hosts) phone.close();
    host.close();
    guest.close();
    await until(
      'no phones connected',
      async () => sumOf(await scrapeReplicas(), 'menuroom_connected_phones') === 0,
    );
  }, 60_000);
});

describe('web metrics', () => {
  it('serve the photo queue and its reading time on their own listener', async () => {
    const before = await scrape(stack.webMetricsUrl as string);
    expect(sumOf(before, 'menuroom_photo_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(sumOf(before, 'menuroom_photo_queue_jobs', { state: 'running' })).toBe(0);
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(
        before.some((s) => s.name === name),
        name,
      ).toBe(true);

    const form = new FormData();
    const photo = readFileSync(join(import.meta.dirname, '../fixtures/menus/ko-leaders.jpg'));
    form.append('photos', new Blob([photo], { type: 'image/jpeg' }), 'ko-leaders.jpg');
    form.append('language', 'ko');
    const upload = await fetch(`${stack.url}/api/photos`, {
      method: 'POST',
      headers: sameOrigin,
      body: form,
    });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as PhotoJobAccepted;
    let job: PhotoJob | undefined;
    await until(
      'the photo read',
      async () => {
        const response = await fetch(`${stack.url}/api/photos/jobs/${jobId}`, { headers: sameOrigin });
        job = (await response.json()) as PhotoJob;
        return job.status === 'done' || job.status === 'failed';
      },
      60_000,
    );
    expect(job?.status).toBe('done');

    const after = await scrape(stack.webMetricsUrl as string);
    expect(sumOf(after, 'menuroom_photo_reading_seconds_count', { outcome: 'done' })).toBe(1);
    expect(sumOf(after, 'menuroom_photo_reading_seconds_sum', { outcome: 'done' })).toBeGreaterThan(0);
    expect(sumOf(after, 'menuroom_photo_wait_seconds_count')).toBe(1);
    expect(sumOf(after, 'menuroom_photo_queue_jobs')).toBe(0);
  }, 90_000);
});

describe('nginx', () => {
  it('publishes no metrics, whatever the path', async () => {
    const paths = [
      '/metrics',
      '/ws/metrics',
      '/ws/../metrics',
      '/ws/%2e%2e/metrics',
      '/ws/..%2Fmetrics',
      '/%77s/../metrics',
      '//metrics',
      '/api/metrics',
    ];
    // Next itself answers /metrics (it reached the app, which has no such page).
    expect((await getRaw('/metrics')).status).toBe(404);
    for (const path of paths) {
      const { status, body } = await getRaw(path);
      expect(status, path).not.toBe(200);
      expect(body, path).not.toContain('menuroom_');
      expect(body, path).not.toContain('# HELP');
    }
    // The web metrics port is nowhere in nginx's configuration; only /ws/ goes to the replicas.
    const config = readFileSync(join(stack.runDir, 'nginx', 'menuroom.conf'), 'utf8');
    expect(config).not.toContain(`:${new URL(stack.webMetricsUrl as string).port}`);
    const socketRoutes = [...config.matchAll(/location ([^{]+)\{[^}]*\$menuroom_socket_upstream/g)].map((m) =>
      m[1]?.trim(),
    );
    expect(socketRoutes).toEqual(['/ws/']);
  });
});

// Last: the Redis restart must not disturb the other tests.
describe('Redis connection metrics', () => {
  it('count the reconnections of both Redis connections when Redis restarts', async () => {
    const perReplica = () => Promise.all(stack.replicas.map((replica) => scrape(replica.metricsUrl)));
    const reconnects = (samples: MetricSample[], client: string) =>
      sumOf(samples, 'menuroom_redis_reconnects_total', { client });
    const before = await perReplica();
    await stack.restartRedis();
    // On every replica, its pub and its sub connection each tried to reconnect at least once.
    await until('every Redis connection reconnected', async () =>
      (await perReplica()).every((now, i) =>
        ['pub', 'sub'].every((client) => reconnects(now, client) > reconnects(before[i] ?? [], client)),
      ),
    );
  }, 60_000);
});
