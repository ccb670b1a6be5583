// One room flooded, another measured: pick round trips in a quiet room, first with nothing else
// going on, then while six anonymous sockets ask a 300-dish room for its snapshot as fast as they can,
// then while six sockets of that room's host save its 300-dish menu over and over. Both measured in
// this run: the flooded p99 stays within 2× of the quiet p99.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAX_DISHES, PROTOCOL_VERSION } from '../../../lib/protocol';
import { attackerAddress, change, type Client, cpuMsOf, describeReply, menuOf } from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

const FLOODER = fileURLToPath(new URL('../flooder.mjs', import.meta.url));
const PHASE_MS = 4_000;
/** The quiet member picks at a pace a person could keep up (well inside their budget). */
const PICKS_PER_SECOND = 12;
/**
 * On loopback an unflooded pick takes a few ms; below this, "2×" would measure timer noise, so the
 * baseline counts as at least this much.
 */
const BASELINE_FLOOR_MS = 5;

const p99 = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
};

async function measurePicks(
  socket: Client,
  dishIds: string[],
  ms: number,
): Promise<{ samples: number[]; refused: string[] }> {
  const samples: number[] = [];
  const refused: string[] = [];
  const until = Date.now() + ms;
  let i = 0;
  while (Date.now() < until) {
    const started = performance.now();
    const reply = await change(socket, 'pick.set', { dishId: dishIds[i % dishIds.length], qty: (i % 4) + 1 });
    samples.push(performance.now() - started);
    if (!reply.ok) refused.push(describeReply(reply));
    i++;
    await new Promise((r) =>
      setTimeout(r, Math.max(0, 1000 / PICKS_PER_SECOND - (performance.now() - started))),
    );
  }
  return { samples, refused };
}

function startFlooder(options: Record<string, unknown>): Promise<{ done: Promise<string> }> {
  const child = spawn(process.execPath, [FLOODER, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const done = new Promise<string>((resolve) => {
    child.on('exit', (code) =>
      resolve(
        code === 0 ? (output.trim().split('\n').at(-1) ?? '') : `exit ${code}: ${errors.slice(0, 300)}`,
      ),
    );
  });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready\n')) resolve({ done });
    });
    child.on('exit', () => resolve({ done }));
  });
}

export async function noisyNeighbourClass(w: World, run: ClassRun): Promise<void> {
  const { h, quiet } = w;
  const attacker = attackerAddress();
  const loud = await openRoom(h, attacker, 'Loud room', MAX_DISHES);
  const dishes = menuOf(MAX_DISHES, 'A dish with a name as long as menus print them').map((dish, i) => ({
    ...dish,
    id: loud.dishIds[i],
  }));
  must(
    (await change(loud.host.socket, 'menu.replace', { dishes })).ok,
    'the loud room could not save its menu',
  );
  loud.host.socket.close();
  const quietSocket = quiet.host.socket;

  const baseline = await measurePicks(quietSocket, quiet.dishIds, PHASE_MS);
  const base = p99(baseline.samples);
  run.note(`quiet room unflooded: ${baseline.samples.length} picks, p99 ${base.toFixed(1)} ms`);
  const limit = 2 * Math.max(base, BASELINE_FLOOR_MS);

  const floods = [
    ['a sync flood from six anonymous sockets', { roomId: loud.roomId, mode: 'sync', from: attacker }],
    [
      'a menu flood from six sockets of the host',
      {
        roomId: loud.roomId,
        mode: 'menu',
        memberToken: loud.host.memberToken,
        from: attackerAddress(),
        dishes,
      },
    ],
  ] as const;
  for (const [label, flood] of floods) {
    await run.case(
      `quiet-room pick p99 within 2× of unflooded during ${label}`,
      async () => {
        const flooder = await startFlooder({
          url: h.stack.url,
          origin: h.origin,
          protocol: PROTOCOL_VERSION,
          sockets: 6,
          durationMs: PHASE_MS + 1_000,
          ...flood,
        });
        const cpuBefore = h.stack.replicas.map((r) => cpuMsOf(r.pid));
        const measured = await measurePicks(quietSocket, quiet.dishIds, PHASE_MS);
        const replicaCpu = h.stack.replicas.map((r, i) => cpuMsOf(r.pid) - (cpuBefore[i] ?? 0));
        const counts = await flooder.done;
        const flooded = p99(measured.samples);
        run.note(
          `${label}: quiet p99 ${flooded.toFixed(1)} ms over ${measured.samples.length} picks (limit ${limit.toFixed(1)} ms); replica CPU ms ${replicaCpu.join('/')} in ${PHASE_MS} ms; flooder ${counts}`,
        );
        must(
          measured.refused.length === 0,
          `quiet picks refused: ${measured.refused.slice(0, 3).join(' | ')}`,
        );
        must(flooded <= limit, `p99 ${flooded.toFixed(1)} ms, unflooded ${base.toFixed(1)} ms`);
      },
      6,
    );
  }
}
