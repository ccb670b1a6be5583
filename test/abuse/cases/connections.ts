// Connections from one address and a client that stops reading: 200 websockets and 400 idle
// long-polling sessions from one address are not all accepted (while another address still gets
// in), and a slow reader is disconnected before its replica buffers without end.
import { EVENTS, MAX_DISHES } from '../../../lib/protocol';
import {
  attackerAddress,
  change,
  connect,
  connectFrame,
  describeReply,
  isRaw,
  isSession,
  LEGIT,
  MiB,
  pollingSession,
  rawSocket,
  rssOf,
  sleep,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

/** How much a slow reader may add to its replica's memory before it is cut off. */
export const SLOW_READER_MAX_GROWTH_BYTES = 32 * MiB;

export async function connectionsClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;

  await run.case(
    '200 websockets from one address are not all accepted, and another address still connects',
    async () => {
      const from = attackerAddress();
      const attempts = await Promise.all(Array.from({ length: 200 }, () => rawSocket(h, { from })));
      const opened = attempts.filter(isRaw);
      const legit = await connect(h, {
        roomId: w.victim.roomId,
        transport: 'websocket',
        from: LEGIT.checker,
      });
      for (const raw of opened) raw.close();
      if (legit.ok) legit.socket.close();
      run.note(`200 websockets from one address: ${opened.length} opened`);
      must(opened.length < 200, `all ${opened.length} websockets from one address were accepted`);
      must(
        legit.ok,
        `another address was refused meanwhile: ${legit.ok ? '' : `${legit.code} ${legit.message}`}`,
      );
    },
    200,
  );

  await run.case(
    '400 idle polling sessions from one address are not all accepted',
    async () => {
      const from = attackerAddress();
      const sessions = [];
      for (let i = 0; i < 400; i += 50) {
        sessions.push(...(await Promise.all(Array.from({ length: 50 }, () => pollingSession(h, from)))));
      }
      const opened = sessions.filter(isSession).length;
      run.note(`400 polling sessions from one address: ${opened} opened`);
      must(opened < 400, `all ${opened} polling sessions from one address were accepted`);
    },
    400,
  );

  await run.case('a slow reader is disconnected and its replica stays within bounds', async () => {
    const from = attackerAddress();
    const own = await openRoom(h, from, 'Slow reader', MAX_DISHES);
    // The biggest snapshot a member can ask for: every dish with a long name and a note.
    const long = Array.from({ length: MAX_DISHES }, (_, i) => ({
      id: own.dishIds[i],
      name: `${'Long dish name '.repeat(7)}${i}`,
      priceMinor: 100 + i,
    }));
    const saved = await change(own.host.socket, 'menu.replace', { dishes: long });
    must(saved.ok, `saving the big menu: ${describeReply(saved)}`);
    own.host.socket.close();
    const raw = await rawSocket(h, { from });
    must(isRaw(raw), `the websocket did not open: ${'refused' in raw ? raw.refused : ''}`);
    raw.send(connectFrame({ roomId: own.roomId, memberToken: own.host.memberToken }));
    must((await raw.waitFor((f) => f.startsWith('40{')))?.startsWith('40{'), 'CONNECT refused');
    const rssBefore = new Map(h.stack.replicas.map((r) => [r.id, rssOf(r.pid)]));
    // Stop reading: the replica's answers pile up in nginx, the kernel and the replica itself.
    const tcp = (raw.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    let peak = 0;
    const started = Date.now();
    let id = 0;
    while (Date.now() - started < 10_000 && !raw.isClosed()) {
      // Unsolicited pongs keep an idle connection alive; syncs ask for the whole room again and again.
      raw.send('3');
      for (let i = 0; i < 5; i++) raw.send(`42${id++}["${EVENTS.roomSync}",{}]`);
      for (const replica of h.stack.replicas) {
        peak = Math.max(peak, rssOf(replica.pid) - (rssBefore.get(replica.id) ?? 0));
      }
      await sleep(100);
    }
    tcp.resume();
    const closedByServer = await Promise.race([raw.closed.then(() => true), sleep(5_000).then(() => false)]);
    raw.close();
    run.note(
      `slow reader: replica RSS grew at most ${(peak / MiB).toFixed(1)} MiB; closed by the server: ${closedByServer}`,
    );
    must(closedByServer, 'the replica kept a connection that read nothing for 10 s');
    must(
      peak <= SLOW_READER_MAX_GROWTH_BYTES,
      `a replica grew ${(peak / MiB).toFixed(1)} MiB while one client did not read`,
    );
  });
}
