// What one pick costs Redis, measured on Redis alone (issue #12: at most 60 µs of Redis CPU per pick):
// the shipped store (RedisRoomStore.applyChange, the change script with the member's budget counted
// inside, as a replica calls it) against a real redis-server started here, then the broadcast a
// replica sends for it (SPUBLISH of the room's channel, with one subscriber as after routing by
// room). Picks are sent one at a time (no pipelining), so Redis's figures are per pick, not per batch.
// Unlike the fan-out benchmark, no phone, replica or nginx shares the machine with Redis, so the
// figures move little with the machine's load; the driver is this process.
//
//   npx tsx bench/redis/run.ts [--picks 20000] [--rooms 200] [--members 5]
// Prints JSON on stdout, then a one-line summary.
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { startRedisServer } from '../../scripts/stack/redis';
import { LIMITS } from '../../server/src/limits';
import { connectInfoClients, redisDelta, sampleRedis } from '../lib/redisInfo';
import { openProductRooms } from '../lib/rooms';
import { round } from '../lib/stats';

const { values: argv } = parseArgs({
  options: { picks: { type: 'string' }, rooms: { type: 'string' }, members: { type: 'string' } },
});
const config = {
  picks: Number(argv.picks ?? 20_000),
  rooms: Number(argv.rooms ?? 200),
  members: Number(argv.members ?? 5),
  dishes: 24,
};
const dishIds = Array.from({ length: config.dishes }, (_, i) => `d${i + 1}`);

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
  const server = await startRedisServer({ appendonly: true, appendfsync: 'everysec' });
  const subscriber = createClient({ url: server.url });
  const redis = createRedis(server.url);
  for (const client of [subscriber, redis]) client.on('error', () => {});
  try {
    await Promise.all([subscriber.connect(), redis.connect()]);
    const info = await connectInfoClients(server.adminUrl);
    const store = new RedisRoomStore(redis);
    const phones = await openProductRooms(server.url, {
      rooms: config.rooms,
      members: config.members,
      dishIds,
    });
    const byRoom = new Map<string, string[]>();
    for (const phone of phones)
      byRoom.set(phone.roomId, [...(byRoom.get(phone.roomId) ?? []), phone.memberId]);
    const rooms = [...byRoom].map(([roomId, members]) => ({ roomId, members }));
    // One subscriber per room channel, as a replica holding the room's phones has.
    const channelOf = (roomId: string) => `menuroom:bench:{${roomId}}`;
    for (const room of rooms) await subscriber.sSubscribe(channelOf(room.roomId), () => {});

    const before = await sampleRedis(info);
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < config.picks; i++) {
      const room = rooms[i % rooms.length];
      if (!room) continue;
      // A member picks every few seconds, as at a table (the budget's windows start and end).
      const actor = room.members[Math.floor(i / rooms.length) % room.members.length] as string;
      const result = await store.applyChange(
        room.roomId,
        actor,
        `bench-${i}`,
        { type: 'pick.set', dishId: dishIds[i % dishIds.length] as string, qty: 1 + (i % 3) },
        { budget: LIMITS.member },
      );
      if (!result.ok) {
        refused++;
        continue;
      }
      await redis.sPublish(
        channelOf(room.roomId),
        JSON.stringify({ version: result.value.version, change: result.value.change }),
      );
    }
    const wallMs = performance.now() - started;
    const delta = redisDelta(before, await sampleRedis(info), wallMs / 1000);
    await info.quit();
    const picks = config.picks;
    const perPick = (name: string) => round((delta.commands[name]?.usec ?? 0) / picks, 1);
    const inner = Object.entries(delta.commands)
      .filter(([name]) => !['evalsha', 'spublish'].includes(name))
      .map(([name, s]) => [name, round(s.calls / picks, 2)] as const);
    const result = {
      config,
      loadAtStart: load,
      refused,
      wallMsPerPick: round(wallMs / picks, 3),
      evalshaUsecPerPick: perPick('evalsha'),
      spublishUsecPerPick: perPick('spublish'),
      commandsInsideTheScriptPerPick: Object.fromEntries(inner),
      executionUsecPerPick: round(perPick('evalsha') + perPick('spublish'), 1),
      redisCpuUsecPerPick: round((delta.cpuSeconds * 1e6) / picks, 1),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `SUMMARY redis per pick: ${result.evalshaUsecPerPick} µs change script + ${result.spublishUsecPerPick} µs SPUBLISH = ${result.executionUsecPerPick} µs execution; ${result.redisCpuUsecPerPick} µs Redis CPU (user + sys, incl. reading, replying, AOF); ${picks} picks, ${refused} refused\n`,
    );
  } finally {
    await Promise.allSettled([subscriber.quit(), redis.quit()]);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
