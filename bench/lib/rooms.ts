// Rooms for the benchmarks, opened with the storage module as the fault suite does (no HTTP, so
// opening a thousand rooms is not the web tier's limits' business), with members added to each and
// every phone given a loopback address of its own.
import { createRedis } from '../../lib/storage/redis';
import { RedisRoomStore } from '../../lib/storage/redisRoomStore';
import { phoneAddress } from './addresses';
import type { PhoneSpec } from './phone';

export async function openProductRooms(
  redisUrl: string,
  options: { rooms: number; members: number; dishIds: string[] },
): Promise<PhoneSpec[]> {
  const { rooms, members: perRoom, dishIds } = options;
  const redis = createRedis(redisUrl);
  redis.on('error', () => {});
  await redis.connect();
  const store = new RedisRoomStore(redis);
  const dishes = dishIds.map((_, i) => ({ name: `Dish ${i + 1}`, priceMinor: 1000 + i * 100 }));
  const phones: PhoneSpec[] = [];
  try {
    for (let start = 0; start < rooms; start += 50) {
      const batch = Array.from({ length: Math.min(50, rooms - start) }, (_, i) => start + i);
      await Promise.all(
        batch.map(async (roomIndex) => {
          const created = await store.createRoom({
            title: `Table ${roomIndex + 1}`,
            currency: 'EUR',
            hostName: 'Host',
            dishes,
          });
          const members = [{ memberId: created.memberId, memberToken: created.memberToken }];
          for (let m = 1; m < perRoom; m++) {
            const added = await store.addMember(created.roomId, `Guest ${m}`);
            if (!added.ok) throw new Error(`could not add a member: ${added.code}`);
            members.push({ memberId: added.value.memberId, memberToken: added.value.memberToken });
          }
          for (const [m, member] of members.entries())
            phones.push({
              roomIndex,
              roomId: created.roomId,
              ...member,
              from: phoneAddress(roomIndex * perRoom + m),
            });
        }),
      );
    }
  } finally {
    await redis.quit().catch(() => {});
  }
  return phones.sort((a, b) => a.roomIndex - b.roomIndex);
}
