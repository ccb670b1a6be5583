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

type Stats = Record<string, { calls: number; usec: number }>;

function commandStats(info: string): Stats {
  const stats: Stats = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm))
    stats[match[1] as string] = { calls: Number(match[2]), usec: Number(match[3]) };
  return stats;
}

function cpuSeconds(info: string): number {
  const field = (name: string) => Number(info.match(new RegExp(`^${name}:([\\d.]+)`, 'm'))?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

async function main(): Promise<void> {
  const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
  const server = await startRedisServer({ appendonly: true, appendfsync: 'everysec' });
  const admin = createClient({ url: server.adminUrl });
  const subscriber = createClient({ url: server.url });
  const redis = createRedis(server.url);
  for (const client of [admin, subscriber, redis]) client.on('error', () => {});
  try {
    await Promise.all([admin.connect(), subscriber.connect(), redis.connect()]);
    const store = new RedisRoomStore(redis);
    const dishes = Array.from({ length: config.dishes }, (_, i) => ({
      name: `Dish ${i + 1}`,
      priceMinor: 1000 + i,
    }));
    const rooms: { roomId: string; members: string[]; dishIds: string[] }[] = [];
    for (let r = 0; r < config.rooms; r++) {
      const created = await store.createRoom({
        title: `Table ${r + 1}`,
        currency: 'EUR',
        hostName: 'Host',
        dishes,
      });
      const members = [created.memberId];
      for (let m = 1; m < config.members; m++) {
        const added = await store.addMember(created.roomId, `Guest ${m}`);
        if (!added.ok) throw new Error(`could not add a member: ${added.code}`);
        members.push(added.value.memberId);
      }
      const snapshot = await store.getSnapshot(created.roomId);
      rooms.push({ roomId: created.roomId, members, dishIds: snapshot?.dishes.map((d) => d.id) ?? [] });
    }
    // One subscriber per room channel, as a replica holding the room's phones has.
    const channelOf = (roomId: string) => `menuroom:bench:{${roomId}}`;
    for (const room of rooms) await subscriber.sSubscribe(channelOf(room.roomId), () => {});

    await admin.sendCommand(['CONFIG', 'RESETSTAT']);
    const cpuBefore = cpuSeconds(String(await admin.sendCommand(['INFO', 'cpu'])));
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < config.picks; i++) {
      const room = rooms[i % rooms.length];
      if (!room) continue;
      // A member picks every few seconds, as at a table (the budget's windows start and end).
      const actor = room.members[Math.floor(i / rooms.length) % room.members.length] as string;
      const dishId = room.dishIds[i % room.dishIds.length] as string;
      const result = await store.applyChange(
        room.roomId,
        actor,
        `bench-${i}`,
        { type: 'pick.set', dishId, qty: 1 + (i % 3) },
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
    const cpu = cpuSeconds(String(await admin.sendCommand(['INFO', 'cpu']))) - cpuBefore;
    const stats = commandStats(String(await admin.sendCommand(['INFO', 'commandstats'])));
    const picks = config.picks;
    const perPick = (name: string) => round((stats[name]?.usec ?? 0) / picks, 1);
    const inner = Object.entries(stats)
      .filter(([name]) => !['evalsha', 'spublish', 'info', 'config|resetstat'].includes(name))
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
      redisCpuUsecPerPick: round((cpu * 1e6) / picks, 1),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `SUMMARY redis per pick: ${result.evalshaUsecPerPick} µs change script + ${result.spublishUsecPerPick} µs SPUBLISH = ${result.executionUsecPerPick} µs execution; ${result.redisCpuUsecPerPick} µs Redis CPU (user + sys, incl. reading, replying, AOF); ${picks} picks, ${refused} refused\n`,
    );
  } finally {
    await Promise.allSettled([admin.quit(), subscriber.quit(), redis.quit()]);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
