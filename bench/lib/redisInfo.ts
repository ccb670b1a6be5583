// Redis's own accounting, read with INFO and compared between two moments: calls and CPU time per
// command (`commandstats`, the time Redis spent executing, without I/O), the server's CPU
// (`used_cpu_user` + `used_cpu_sys`, all of it) and the bytes it sent (pub/sub deliveries included).
// On a cluster every master is asked and the figures are summed (a pick runs on its room's master),
// with each master's CPU kept apart too, to show how the load spreads over them.
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
  /** Each server's CPU seconds (one entry for a single Redis). */
  cpuSecondsByServer: Record<string, number>;
}

async function connectOne(url: string) {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}
type InfoClient = Awaited<ReturnType<typeof connectOne>>;

/** The servers to ask: one Redis, or every master of a cluster (replicas execute no client command). */
export interface RedisInfoClients {
  servers: { name: string; client: InfoClient }[];
  quit(): Promise<void>;
}

/** The masters' URLs: `url` itself for one Redis; for a cluster's comma-separated admin URLs, the masters CLUSTER NODES names. */
export async function masterUrls(url: string): Promise<{ name: string; url: string }[]> {
  const urls = url.split(',');
  if (urls.length === 1) return [{ name: 'redis', url }];
  const first = await connectOne(urls[0] as string);
  try {
    const nodes = String(await first.sendCommand(['CLUSTER', 'NODES']));
    const template = new URL(urls[0] as string);
    return nodes
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, , flags = '']) => flags.includes('master') && !flags.includes('fail'))
      .map(([, address = '']) => {
        const port = /:(\d+)@/.exec(address)?.[1] ?? '';
        const node = new URL(template);
        node.port = port;
        return { name: `redis-${port}`, url: node.toString() };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    first.destroy();
  }
}

export async function connectInfoClients(url: string): Promise<RedisInfoClients> {
  const servers = await Promise.all(
    (await masterUrls(url)).map(async ({ name, url: one }) => ({ name, client: await connectOne(one) })),
  );
  return {
    servers,
    async quit() {
      await Promise.all(servers.map(({ client }) => client.quit().catch(() => {})));
    },
  };
}

function fields(info: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

async function sampleOne(client: InfoClient): Promise<Omit<RedisSample, 'cpuSecondsByServer'>> {
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

/** Every server's INFO, summed over the servers. */
export async function sampleRedis(clients: RedisInfoClients): Promise<RedisSample> {
  const samples = await Promise.all(clients.servers.map(({ client }) => sampleOne(client)));
  const total: RedisSample = {
    commands: {},
    cpuSeconds: 0,
    netOutputBytes: 0,
    netInputBytes: 0,
    cpuSecondsByServer: {},
  };
  for (const [i, sample] of samples.entries()) {
    for (const [name, stat] of Object.entries(sample.commands)) {
      const sum = total.commands[name] ?? { calls: 0, usec: 0 };
      total.commands[name] = { calls: sum.calls + stat.calls, usec: sum.usec + stat.usec };
    }
    total.cpuSeconds += sample.cpuSeconds;
    total.netOutputBytes += sample.netOutputBytes;
    total.netInputBytes += sample.netInputBytes;
    total.cpuSecondsByServer[clients.servers[i]?.name ?? String(i)] = sample.cpuSeconds;
  }
  return total;
}

export interface RedisDelta {
  seconds: number;
  commands: Record<string, CommandStat>;
  calls: number;
  usec: number;
  cpuSeconds: number;
  netOutputBytes: number;
  netInputBytes: number;
  cpuSecondsByServer: Record<string, number>;
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
    cpuSecondsByServer: Object.fromEntries(
      Object.entries(after.cpuSecondsByServer).map(([name, cpu]) => [
        name,
        cpu - (before.cpuSecondsByServer[name] ?? 0),
      ]),
    ),
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
  const sample: MonitorSample = { seconds: ms / 1000, fromClients: {}, fromScripts: {}, roundTrips: {} };
  const servers = await Promise.all((await masterUrls(url)).map(({ url: one }) => connectOne(one)));
  // A MULTI is queued per connection; connection ids are per server, so they are told apart by server.
  const inMulti = new Set<string>();
  await Promise.all(
    servers.map((client, server) =>
      client.monitor((line: string) => {
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
        const connection = `${server} ${source}`;
        const queued = inMulti.has(connection);
        if (name === 'multi') inMulti.add(connection);
        else if (name === 'exec' || name === 'discard') inMulti.delete(connection);
        if (!queued) sample.roundTrips[trip] = (sample.roundTrips[trip] ?? 0) + 1;
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  for (const client of servers) client.destroy();
  return sample;
}
