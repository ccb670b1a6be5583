// Redis's own accounting, read with INFO and compared between two moments: calls and CPU time per
// command (`commandstats`, the time Redis spent executing, without I/O), the server's CPU
// (`used_cpu_user` + `used_cpu_sys`, all of it) and the bytes it sent (pub/sub deliveries included).
import { createClient } from 'redis';

export interface CommandStat {
  calls: number;
  usec: number;
}

export interface RedisSample {
  commands: Record<string, CommandStat>;
  cpuSeconds: number;
  netOutputBytes: number;
  netInputBytes: number;
}

export async function connectInfoClient(url: string) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

function fields(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

export type RedisInfoClient = Awaited<ReturnType<typeof connectInfoClient>>;

export async function sampleRedis(client: RedisInfoClient): Promise<RedisSample> {
  const [commandstats, cpu, stats] = await Promise.all([
    client.info('commandstats'),
    client.info('cpu'),
    client.info('stats'),
  ]);
  const commands: Record<string, CommandStat> = {};
  for (const [key, value] of fields(commandstats)) {
    if (!key.startsWith('cmdstat_')) continue;
    const parts = Object.fromEntries(value.split(',').map((part) => part.split('=') as [string, string]));
    commands[key.slice('cmdstat_'.length)] = { calls: Number(parts.calls), usec: Number(parts.usec) };
  }
  const c = fields(cpu);
  const s = fields(stats);
  return {
    commands,
    cpuSeconds: Number(c.get('used_cpu_user')) + Number(c.get('used_cpu_sys')),
    netOutputBytes: Number(s.get('total_net_output_bytes')),
    netInputBytes: Number(s.get('total_net_input_bytes')),
  };
}

export interface RedisDelta {
  seconds: number;
  commands: Record<string, CommandStat>;
  calls: number;
  usec: number;
  cpuSeconds: number;
  netOutputBytes: number;
  netInputBytes: number;
}

/** What Redis did between two samples; the INFO commands themselves are left out. */
export function redisDelta(before: RedisSample, after: RedisSample, seconds: number): RedisDelta {
  const commands: Record<string, CommandStat> = {};
  let calls = 0;
  let usec = 0;
  for (const [name, stat] of Object.entries(after.commands)) {
    if (name === 'info') continue;
    const was = before.commands[name] ?? { calls: 0, usec: 0 };
    const delta = { calls: stat.calls - was.calls, usec: stat.usec - was.usec };
    if (delta.calls <= 0) continue;
    commands[name] = delta;
    calls += delta.calls;
    usec += delta.usec;
  }
  return {
    seconds,
    commands,
    calls,
    usec,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    netOutputBytes: after.netOutputBytes - before.netOutputBytes,
    netInputBytes: after.netInputBytes - before.netInputBytes,
  };
}

export interface MonitorSample {
  seconds: number;
  /** Commands sent by clients, by name (MULTI … EXEC as sent). */
  fromClients: Record<string, number>;
  /** Commands run inside Lua scripts (EVAL, EVALSHA), by name: no round trip of their own. */
  fromScripts: Record<string, number>;
  /**
   * Client round trips by the command that makes them (`evalsha:<sha prefix>` per script): a MULTI …
   * EXEC block is one, under `multi`.
   */
  roundTrips: Record<string, number>;
}

/**
 * Which commands reach Redis from clients and which run inside scripts (commandstats counts both
 * alike): MONITOR marks the latter `[0 lua]`. MONITOR costs Redis time, so it samples a window of
 * its own, never a measured step.
 */
export async function monitorRedis(url: string, ms: number): Promise<MonitorSample> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  const sample: MonitorSample = { seconds: ms / 1000, fromClients: {}, fromScripts: {}, roundTrips: {} };
  const inMulti = new Set<string>();
  await client.monitor((line: string) => {
    const match = /^\d+\.\d+ \[\d+ ([^\]]+)\] "([^"]+)"(?: "([^"]*)")?/.exec(line);
    if (!match) return;
    const [, source = '', rawName = '', firstArgument = ''] = match;
    const name = rawName.toLowerCase();
    // Scripts apart by their SHA: the change script and the presence heartbeat are both EVALSHA.
    const trip = name === 'evalsha' ? `evalsha:${firstArgument.slice(0, 8)}` : name;
    if (source === 'lua') {
      sample.fromScripts[name] = (sample.fromScripts[name] ?? 0) + 1;
      return;
    }
    sample.fromClients[name] = (sample.fromClients[name] ?? 0) + 1;
    const queued = inMulti.has(source);
    if (name === 'multi') inMulti.add(source);
    else if (name === 'exec' || name === 'discard') inMulti.delete(source);
    if (!queued) sample.roundTrips[trip] = (sample.roundTrips[trip] ?? 0) + 1;
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  client.destroy();
  return sample;
}
