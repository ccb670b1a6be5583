// Event floods that used to get around the per-socket limit: 1,000 events a second from one socket
// (websocket and polling), from ten sockets sharing one member key, from a reconnect loop, of invalid
// payloads, and syncs from many visitor sockets of one address. The limit follows the member and the
// address: a member's accepted events stay within one budget however they are sent, and every
// refusal is `rate_limited` (or the connection of a socket that keeps going is closed).
import { EVENTS } from '../../../lib/protocol';
import {
  ask,
  attackerAddress,
  type Client,
  change,
  connect,
  connectOrThrow,
  describeReply,
  newOpId,
  type Transport,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

/**
 * One member's budget (the per-socket one the replicas always had, which a person tapping + as fast
 * as they can never meets): 40 at once, 20 a second. Ten sockets or a reconnect loop must not get
 * more than one member gets.
 */
export const MEMBER_BURST = 40;
export const MEMBER_PER_SECOND = 20;
/**
 * What one member may have accepted within `ms`: the burst once, plus a second's budget for every
 * one-second window the interval touches (a limiter counting in fixed windows admits a full second's
 * budget at the start of each).
 */
const allowedWithin = (ms: number) => MEMBER_BURST + MEMBER_PER_SECOND * (Math.ceil(ms / 1000) + 1);

interface Tally {
  ok: number;
  rateLimited: number;
  /** The socket was disconnected for continuing (a refused connection). */
  cut: number;
  other: string[];
  elapsedMs: number;
}

/** Sends `perSocket` events from each socket spread evenly over `spreadMs`, and tallies the answers. */
async function flood(
  sockets: Client[],
  perSocket: number,
  spreadMs: number,
  event: (i: number) => [string, unknown],
): Promise<Tally> {
  const started = Date.now();
  const batches = 20;
  const replies: Promise<Awaited<ReturnType<typeof ask>>>[] = [];
  for (let b = 0; b < batches; b++) {
    for (const socket of sockets) {
      for (let i = 0; i < perSocket / batches; i++) {
        const [name, payload] = event(b * perSocket + i);
        replies.push(ask(socket, name, payload));
      }
    }
    await new Promise((r) => setTimeout(r, spreadMs / batches));
  }
  const answers = await Promise.all(replies);
  const tally: Tally = { ok: 0, rateLimited: 0, cut: 0, other: [], elapsedMs: Date.now() - started };
  for (const reply of answers) {
    if (reply.ok) tally.ok++;
    else if (reply.error.code === 'rate_limited' && reply.error.message) tally.rateLimited++;
    else if (reply.error.code === ('disconnected' as string)) tally.cut++;
    else tally.other.push(describeReply(reply));
  }
  return tally;
}

function checkTally(tally: Tally, seen: string): void {
  const allowed = allowedWithin(tally.elapsedMs);
  must(
    tally.ok <= allowed,
    `${seen}: ${tally.ok} accepted in ${tally.elapsedMs} ms, one member may have ${allowed.toFixed(0)} (${JSON.stringify({ ...tally, other: tally.other.length })})`,
  );
  must(
    tally.other.length === 0,
    `${seen}: unclear answers ${tally.other.slice(0, 3).join(' | ')} (${tally.other.length})`,
  );
}

export async function floodsClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  const pick = (dishId: string) => (i: number) =>
    [EVENTS.roomChange, { opId: newOpId(), change: { type: 'pick.set', dishId, qty: (i % 3) + 1 } }] as [
      string,
      unknown,
    ];

  for (const transport of ['websocket', 'polling'] as Transport[]) {
    await run.case(
      `${transport}: 1,000 picks in a second from one socket`,
      async () => {
        const from = attackerAddress();
        const own = await openRoom(h, from, `Flood ${transport}`);
        own.host.socket.close();
        const socket = await connectOrThrow(h, {
          roomId: own.roomId,
          memberToken: own.host.memberToken,
          transport,
          from,
        });
        const tally = await flood([socket], 1_000, 1_000, pick(own.dishIds[0] ?? ''));
        socket.close();
        run.note(`${transport} one socket: ${JSON.stringify({ ...tally, other: tally.other.length })}`);
        checkTally(tally, 'one socket');
      },
      1_000,
    );
  }

  await run.case(
    'websocket: 1,000 picks in a second from ten sockets sharing one member key',
    async () => {
      const from = attackerAddress();
      const own = await openRoom(h, from, 'Flood ten sockets');
      own.host.socket.close();
      const sockets = await Promise.all(
        Array.from({ length: 10 }, () =>
          connectOrThrow(h, {
            roomId: own.roomId,
            memberToken: own.host.memberToken,
            transport: 'websocket',
            from,
          }),
        ),
      );
      const tally = await flood(sockets, 100, 1_000, pick(own.dishIds[0] ?? ''));
      for (const socket of sockets) socket.close();
      run.note(`ten sockets one key: ${JSON.stringify({ ...tally, other: tally.other.length })}`);
      checkTally(tally, 'ten sockets');
    },
    1_000,
  );

  await run.case(
    'websocket: a reconnect loop of 40 picks per connection for two seconds',
    async () => {
      const from = attackerAddress();
      const own = await openRoom(h, from, 'Flood reconnect loop');
      own.host.socket.close();
      const started = Date.now();
      const total: Tally = { ok: 0, rateLimited: 0, cut: 0, other: [], elapsedMs: 0 };
      let connections = 0;
      let refusedConnections = 0;
      while (Date.now() - started < 2_000) {
        const outcome = await connect(h, {
          roomId: own.roomId,
          memberToken: own.host.memberToken,
          transport: 'websocket',
          from,
        });
        connections++;
        if (!outcome.ok) {
          refusedConnections++;
          must(
            outcome.code === 'rate_limited',
            `a reconnect was refused with ${outcome.code}: ${outcome.message}`,
          );
          continue;
        }
        const tally = await flood([outcome.socket], 40, 20, pick(own.dishIds[0] ?? ''));
        outcome.socket.close();
        total.ok += tally.ok;
        total.rateLimited += tally.rateLimited;
        total.cut += tally.cut;
        total.other.push(...tally.other);
      }
      total.elapsedMs = Date.now() - started;
      run.note(
        `reconnect loop: ${connections} connections (${refusedConnections} refused), ${JSON.stringify({ ...total, other: total.other.length })}`,
      );
      checkTally(total, 'reconnect loop');
    },
    40,
  );

  await run.case(
    'websocket: 1,000 invalid payloads in a second are limited like valid ones',
    async () => {
      const from = attackerAddress();
      const own = await openRoom(h, from, 'Flood invalid');
      own.host.socket.close();
      const socket = await connectOrThrow(h, {
        roomId: own.roomId,
        memberToken: own.host.memberToken,
        transport: 'websocket',
        from,
      });
      const tally = await flood([socket], 1_000, 1_000, () => [
        EVENTS.roomChange,
        { opId: 'bad', change: { type: 'pick.set' } },
      ]);
      socket.close();
      const validated = tally.other.filter((text) => text.startsWith('invalid_payload')).length;
      run.note(`invalid flood: ${validated} validated, ${tally.rateLimited} rate limited, ${tally.cut} cut`);
      const allowed = allowedWithin(tally.elapsedMs);
      must(
        validated <= allowed,
        `${validated} invalid payloads were validated in ${tally.elapsedMs} ms (one member: ${allowed.toFixed(0)})`,
      );
      must(tally.ok === 0, `${tally.ok} invalid payloads accepted`);
      const unclear = tally.other.filter((text) => !text.startsWith('invalid_payload'));
      must(unclear.length === 0, `unclear answers: ${unclear.slice(0, 3).join(' | ')}`);
    },
    1_000,
  );

  await run.case(
    'websocket: 1,000 syncs in a second from ten visitor sockets of one address',
    async () => {
      const from = attackerAddress();
      const sockets = await Promise.all(
        Array.from({ length: 10 }, () =>
          connectOrThrow(h, { roomId: w.victim.roomId, transport: 'websocket', from }),
        ),
      );
      const tally = await flood(sockets, 100, 1_000, () => [EVENTS.roomSync, {}]);
      for (const socket of sockets) socket.close();
      run.note(`visitor syncs from one address: ${JSON.stringify({ ...tally, other: tally.other.length })}`);
      must(
        tally.ok < 1_000 && tally.rateLimited + tally.cut > 0,
        `all ${tally.ok} syncs answered: no limit per address`,
      );
      must(tally.other.length === 0, `unclear answers: ${tally.other.slice(0, 3).join(' | ')}`);
    },
    1_000,
  );

  await run.case('a member whose sockets were refused can pick again a few seconds later', async () => {
    const from = attackerAddress();
    const own = await openRoom(h, from, 'Flood recovery');
    await flood([own.host.socket], 200, 200, pick(own.dishIds[0] ?? ''));
    own.host.socket.close();
    await new Promise((r) => setTimeout(r, 3_000));
    const socket = await connectOrThrow(h, {
      roomId: own.roomId,
      memberToken: own.host.memberToken,
      transport: 'websocket',
      from,
    });
    const reply = await change(socket, 'pick.set', { dishId: own.dishIds[1], qty: 1 });
    socket.close();
    must(reply.ok, `after the flood: ${describeReply(reply)}`);
  });
}
