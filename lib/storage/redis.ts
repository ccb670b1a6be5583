// The Redis connection every part of menuroom uses (web tier, socket replicas, tests), with the
// room scripts registered through node-redis's own script support: it sends EVALSHA and loads the
// script again after a Redis restart (NOSCRIPT) by itself.
import { type CommandParser, createClient, defineScript } from 'redis';
import { ADD_MEMBER_LUA, APPLY_CHANGE_LUA, SNAPSHOT_LUA } from './lua';

/** Runs with the room's keys and the script's arguments; answers the script's raw array reply. */
function roomScript(source: string, numberOfKeys: number) {
  return defineScript({
    SCRIPT: source,
    NUMBER_OF_KEYS: numberOfKeys,
    parseCommand(parser: CommandParser, keys: string[], args: string[]) {
      for (const key of keys) parser.pushKey(key);
      parser.push(...args);
    },
    transformReply: undefined as unknown as () => unknown[],
  });
}

export const ROOM_SCRIPTS = {
  /** KEYS: scriptKeys(roomId) (keys.ts). */
  addMember: roomScript(ADD_MEMBER_LUA, 11),
  applyChange: roomScript(APPLY_CHANGE_LUA, 11),
  /** KEYS: snapshotKeys(roomId) (keys.ts). */
  readSnapshot: roomScript(SNAPSHOT_LUA, 9),
};

export function createRedis(url: string, options: { name?: string } = {}) {
  return createClient({
    url,
    name: options.name,
    scripts: ROOM_SCRIPTS,
    socket: {
      // Reconnect forever with capped, jittered backoff: Redis restarts must not kill replicas.
      reconnectStrategy: (retries) =>
        Math.min(2_000, 50 * 2 ** Math.min(retries, 6)) + Math.floor(Math.random() * 100),
      connectTimeout: 5_000,
    },
  });
}

export type MenuroomRedis = ReturnType<typeof createRedis>;
