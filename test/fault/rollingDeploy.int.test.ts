// A rolling deploy from protocol N-1 to N with phones of both versions in one room: two replicas
// start at the previous version, then are replaced one by one by the current one on the same ports
// while every phone keeps picking (the new phones also write notes and "I'm done", which the old
// replicas do not know yet and refuse as retryable). No acknowledged operation may be lost or applied
// twice, every change of the new phones must land once a new replica serves them, and every phone
// must end equal to Redis. The phones are the shipped client core (SimPhone), the replicas the real
// socket server, started with the previous version's protocol for the old ones.
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log';
import {
  CHANGE_SINCE,
  CHANGE_TYPES,
  type ChangeRequestInput,
  type ChangeType,
  PROTOCOL_VERSION,
} from '../../lib/protocol';
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { type RedisServer, startRedisServer } from '../../scripts/stack/redis';
import { type Replica, SAMPLE_ROOM, startReplica, stopReplica } from '../support/socketCluster';
import { opsSoFar, tally, waitForConvergence } from './oracle';
import { SimPhone } from './simPhone';

const OLD = PROTOCOL_VERSION - 1;

/**
 * A change of each type this protocol version introduced, which only the new replicas know. The
 * record is over every change type so that adding one makes this test say what to send for it.
 */
const SAMPLES: Record<ChangeType, ((i: number) => ChangeRequestInput) | null> = {
  'pick.set': null,
  'menu.replace': null,
  'pick.setFor': null,
  'pick.note': null,
  'member.needs': null,
  'member.done': null,
  'member.add': null,
  'member.remove': null,
  'host.transfer': null,
  'order.lock': null,
  'order.placed': null,
  'room.close': null,
  'share.offer': null,
  'share.respond': null,
  'share.cancel': null,
  'dish.explain': (i) => ({ type: 'dish.explain', dishId: `d${1 + (i % 3)}`, text: `explained ${i}` }),
  // Host only: the host is one of the new phones (see below). Joining is closed and opened in turn.
  'room.joining': (i) => ({ type: 'room.joining', open: i % 2 === 0 }),
};
const introducedNow = CHANGE_TYPES.filter((type) => CHANGE_SINCE[type] === PROTOCOL_VERSION);
function newChange(i: number): ChangeRequestInput {
  const type = introducedNow[i % introducedNow.length] as ChangeType;
  const sample = SAMPLES[type];
  if (!sample) throw new Error(`the rolling deploy test has no sample of ${type}: add one to SAMPLES`);
  return sample(i);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: RedisServer | undefined;
const replicas: Replica[] = [];
const phones: SimPhone[] = [];

afterAll(async () => {
  for (const phone of phones) phone.close();
  await Promise.allSettled(replicas.map(stopReplica));
  await redis?.stop();
});

it('loses and doubles nothing while old replicas are replaced by new ones, with old and new phones in one room', async () => {
  redis = await startRedisServer();
  const oldA = await startReplica(redis.url, 'deploy-old-a', { protocol: OLD });
  const oldB = await startReplica(redis.url, 'deploy-old-b', { protocol: OLD });
  replicas.push(oldA, oldB);
  // The oracle's own connection: the replicas come and go.
  const checker = createRedis(redis.url);
  await checker.connect();
  const store = new RedisRoomStore(checker);
  const room = await store.createRoom(SAMPLE_ROOM);
  const members: { memberId: string; memberToken: string }[] = [];
  for (const name of ['Ana', 'Ben', 'Cy']) {
    const added = await store.addMember(room.roomId, name);
    if (!added.ok) throw new Error(added.code);
    members.push({ memberId: added.value.memberId, memberToken: added.value.memberToken });
  }
  // The host second: a new phone, so that host-only changes new in this version can be sent.
  members.splice(1, 0, { memberId: room.memberId, memberToken: room.memberToken });
  const baseVersion = (await store.getVersion(room.roomId)) ?? 0;
  // Old and new phones on each replica: [old on a, new on a, old on b, new on b].
  members.forEach((member, i) => {
    phones.push(
      new SimPhone({
        url: (i < 2 ? oldA : oldB).url,
        roomId: room.roomId,
        ...member,
        dishIds: ['d1', 'd2', 'd3'],
        transport: 'websocket-first',
        protocol: i % 2 === 0 ? OLD : PROTOCOL_VERSION,
      }),
    );
  });
  const [oldOnA, newOnA, oldOnB, newOnB] = phones as [SimPhone, SimPhone, SimPhone, SimPhone];
  for (const deadline = Date.now() + 10_000; !phones.every((p) => p.connected && p.version > 0); ) {
    if (Date.now() > deadline) throw new Error('phones did not connect');
    await sleep(50);
  }
  const before = opsSoFar([{ roomId: room.roomId, baseVersion, phones }]);

  let acting = true;
  const act = async (phone: SimPhone, isNew: boolean) => {
    for (let i = 0; acting; i++) {
      phone.pickRandomly();
      if (isNew && i % 3 === 0) phone.submit(newChange(i));
      await sleep(80 + Math.random() * 200);
    }
  };
  const actors = [act(oldOnA, false), act(newOnA, true), act(oldOnB, false), act(newOnB, true)];

  // The deploy: each old replica drains and a new one takes its port.
  await sleep(1_500);
  for (const [index, old] of [oldA, oldB].entries()) {
    await stopReplica(old);
    replicas.splice(replicas.indexOf(old), 1);
    const port = Number(new URL(old.url).port);
    replicas.push(await startReplica(redis.url, `deploy-new-${index}`, { port }));
    await sleep(2_500);
  }
  await sleep(1_500);
  acting = false;
  await Promise.all(actors);
  const stoppedAt = Date.now();

  const rooms = [{ roomId: room.roomId, baseVersion, phones }];
  try {
    const converged = await waitForConvergence(store, rooms, stoppedAt, 20_000, (m) => silentLogger.warn(m));
    const counts = await tally(checker, rooms, before);
    const retriedAsUnknown = phones.map((phone) => phone.retries.get('unsupported_change') ?? 0);
    console.log(
      JSON.stringify({ rollingDeploy: counts, retriedAsUnknown, convergedMs: [...converged.values()] }),
    );
    expect(counts.lost).toBe(0);
    expect(counts.duplicated).toBe(0);
    expect(converged.size).toBe(phones.length);
    // The new phones' new changes were refused by the old replicas as unknown, never for good.
    expect(counts.refused.unsupported_change ?? 0).toBe(0);
    expect(
      (newOnA.retries.get('unsupported_change') ?? 0) + (newOnB.retries.get('unsupported_change') ?? 0),
    ).toBeGreaterThan(0);
    const newKinds = [newOnA, newOnB].flatMap((phone) =>
      [...phone.ops.values()].filter((op) => op.change.type !== 'pick.set' && op.ackedVersion !== undefined),
    );
    expect(newKinds.length).toBeGreaterThan(0);
    expect(counts.acknowledged).toBeGreaterThan(20);
  } finally {
    await checker.quit();
  }
}, 90_000);
