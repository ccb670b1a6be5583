// A flood in a process of its own, so the measuring client's event loop is not the one sending it:
//   node test/abuse/flooder.mjs '<json options>'
// options: { url, origin, roomId, memberToken?, from, sockets, mode: 'sync' | 'menu', durationMs, dishes? }
// Keeps up to 20 requests in flight per socket for durationMs, then prints the counts as one JSON line.
import { Agent } from 'node:http';
import { io } from 'socket.io-client';

const options = JSON.parse(process.argv[2] ?? '{}');
const IN_FLIGHT = 20;
const counts = { sent: 0, ok: 0, refused: {}, connected: 0, refusedConnections: 0 };

function open() {
  const socket = io(options.url, {
    path: '/ws',
    transports: ['websocket'],
    auth: {
      protocol: options.protocol,
      roomId: options.roomId,
      ...(options.memberToken ? { memberToken: options.memberToken } : {}),
    },
    extraHeaders: { origin: options.origin },
    agent: new Agent({ localAddress: options.from }),
    localAddress: options.from,
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', () => {
      counts.refusedConnections++;
      socket.close();
      resolve(null);
    });
  });
}

let flip = 0;
function request() {
  if (options.mode === 'sync') return ['room:sync', {}];
  flip++;
  const dishes = options.dishes.map((dish, i) => ({
    ...dish,
    priceMinor: dish.priceMinor + ((flip + i) % 2),
  }));
  return ['room:change', { opId: `flood-${process.pid}-${flip}`, change: { type: 'menu.replace', dishes } }];
}

async function drive(socket, until) {
  const lane = async () => {
    while (Date.now() < until && socket.connected) {
      counts.sent++;
      try {
        const reply = await socket.timeout(5_000).emitWithAck(...request());
        if (reply?.ok) counts.ok++;
        else
          counts.refused[reply?.error?.code ?? 'unknown'] =
            (counts.refused[reply?.error?.code ?? 'unknown'] ?? 0) + 1;
      } catch {
        counts.refused.no_answer = (counts.refused.no_answer ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

// A socket cut off for its refusals is opened again at once: the reconnect loop an attacker would run.
async function slot(until) {
  while (Date.now() < until) {
    const socket = await open();
    if (!socket) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    counts.connected++;
    await drive(socket, until);
    socket.close();
  }
}

process.stdout.write('ready\n');
const until = Date.now() + options.durationMs;
await Promise.all(Array.from({ length: options.sockets }, () => slot(until)));
// The flooder's own CPU: on a small machine the attacker competes with the stack for the same cores.
const cpu = process.cpuUsage();
counts.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(`${JSON.stringify(counts)}\n`);
process.exit(0);
