// Frames no socket.io client sends, written by hand over a websocket and over long-polling:
// malformed engine.io and socket.io packets, binary packets, several CONNECTs on one connection,
// event names that are not strings, missing arguments, invalid UTF-8, lone surrogates, quantities
// JSON can spell but a dish count cannot be. Each must close only its own connection or be answered
// with a clear refusal.
import {
  attackerAddress,
  connectFrame,
  type Harness,
  isRaw,
  isSession,
  packetsOf,
  pollingSession,
  type RawSocket,
  rawSocket,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

/**
 * Larger than every message limit on the way: nginx's body limit on /ws/ (2 MB) and the replicas'
 * maxHttpBufferSize (the largest legitimate event, a 300-dish menu at every text limit, ~4.9 MB).
 */
const OVER_EVERY_LIMIT_BYTES = 5_500_000;

/** How long a connection has to be closed after a frame that must close it. */
const CLOSE_WITHIN_MS = 3_000;

async function openRaw(h: Harness, from: string): Promise<RawSocket> {
  const raw = await rawSocket(h, { from });
  must(isRaw(raw), `the websocket did not open: ${'refused' in raw ? raw.refused : ''}`);
  return raw;
}

/** A raw websocket with the default namespace connected (as a member when a token is given). */
async function connectedRaw(h: Harness, from: string, auth: Record<string, unknown>): Promise<RawSocket> {
  const raw = await openRaw(h, from);
  raw.send(connectFrame(auth));
  const answer = await raw.waitFor((f) => f.startsWith('40') || f.startsWith('44'));
  must(answer?.startsWith('40{'), `CONNECT was answered ${answer}`);
  return raw;
}

/** The acknowledgement `43<id>[reply]`, parsed; null when none came. */
async function ackOf(raw: RawSocket, id: number, timeoutMs = 3_000): Promise<unknown> {
  const frame = await raw.waitFor((f) => f.startsWith(`43${id}[`), timeoutMs);
  if (!frame) return null;
  return (JSON.parse(frame.slice(`43${id}`.length)) as unknown[])[0];
}

function isClearAck(reply: unknown): boolean {
  const error = (reply as { ok?: boolean; error?: { code?: unknown; message?: unknown } } | null)?.error;
  return (
    (reply as { ok?: boolean } | null)?.ok === false &&
    typeof error?.code === 'string' &&
    typeof error.message === 'string' &&
    error.message.length > 0
  );
}

async function closedWithin(raw: RawSocket, ms = CLOSE_WITHIN_MS): Promise<boolean> {
  const result = await Promise.race([
    raw.closed.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
  ]);
  return result || raw.isClosed();
}

let ackIds = 100;

/** Sends an event frame with an acknowledgement id; the outcome is a clear refusal or a closed connection. */
async function refusedOrClosed(raw: RawSocket, eventJson: string): Promise<string> {
  const id = ackIds++;
  raw.send(`42${id}${eventJson}`);
  const reply = await ackOf(raw, id);
  if (reply !== null)
    return isClearAck(reply) ? 'refused' : `answered ${JSON.stringify(reply).slice(0, 160)}`;
  if (await closedWithin(raw, 500)) return 'closed';
  return 'no answer and still open';
}

export async function framesClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  const owner = attackerAddress();
  const own = await openRoom(h, owner, 'Frames attacker');
  const member = { roomId: own.roomId, memberToken: own.host.memberToken };
  const dishId = own.dishIds[0] ?? '';

  const malformedEngineIo = ['x', '', '9', '7garbage', '\u0000'];
  for (const frame of malformedEngineIo) {
    await run.case(
      `websocket: malformed engine.io frame ${JSON.stringify(frame)} closes the connection`,
      async () => {
        const raw = await openRaw(h, attackerAddress());
        raw.send(frame);
        must(await closedWithin(raw), 'still open');
      },
    );
  }

  const malformedSocketIo = [
    '4',
    '42',
    '42[',
    '42{}',
    '42"room:sync"',
    '4x',
    '48[]',
    '42[]',
    '42["room:sync"',
    '43[]',
  ];
  for (const frame of malformedSocketIo) {
    await run.case(
      `websocket: malformed socket.io packet ${JSON.stringify(frame)} closes the connection`,
      async () => {
        const raw = await connectedRaw(h, attackerAddress(), member);
        raw.send(frame);
        must(await closedWithin(raw), 'still open');
      },
    );
  }

  await run.case('websocket: a binary frame outside a binary packet closes the connection', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send(Buffer.from([0x34, 0x32, 0x00, 0xff, 0x13]));
    must(await closedWithin(raw), 'still open');
  });
  await run.case('websocket: a binary attachment as a change payload is refused clearly', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send('451-30["room:change",{"_placeholder":true,"num":0}]');
    raw.send(Buffer.from('not a change'));
    const reply = await ackOf(raw, 30);
    must(isClearAck(reply) || (await closedWithin(raw, 500)), `answered ${JSON.stringify(reply)}`);
  });
  await run.case('websocket: a binary attachment as a name is refused clearly', async () => {
    const raw = await connectedRaw(h, attackerAddress(), { roomId: own.roomId });
    raw.send('451-31["member:join",{"name":{"_placeholder":true,"num":0}}]');
    raw.send(Buffer.alloc(64, 0x41));
    const reply = await ackOf(raw, 31);
    must(isClearAck(reply) || (await closedWithin(raw, 500)), `answered ${JSON.stringify(reply)}`);
  });
  await run.case('websocket: a placeholder pointing past the attachments closes or is refused', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send('451-32["room:sync",{"_placeholder":true,"num":7}]');
    raw.send(Buffer.from([1, 2, 3]));
    const reply = await ackOf(raw, 32, 1_500);
    must(isClearAck(reply) || (await closedWithin(raw, 1_500)), `answered ${JSON.stringify(reply)}`);
  });
  await run.case('websocket: a binary packet announcing 100,000 attachments is never answered', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send('45100000-33["room:sync",{}]');
    for (let i = 0; i < 20; i++) raw.send(Buffer.from([i]));
    const reply = await ackOf(raw, 33, 1_500);
    must(reply === null, `answered ${JSON.stringify(reply)}`);
    raw.close();
  });

  await run.case(
    'websocket: 20 CONNECT packets back to back make at most one socket',
    async () => {
      const raw = await openRaw(h, attackerAddress());
      for (let i = 0; i < 20; i++) raw.send(connectFrame(member));
      await new Promise((r) => setTimeout(r, 2_500));
      const connected = raw.received.filter((f) => f.startsWith('40{')).length;
      must(connected <= 1, `${connected} sockets connected on one websocket`);
      raw.close();
    },
    20,
  );
  await run.case(
    'websocket: a second CONNECT after the first was answered makes no second socket',
    async () => {
      const raw = await connectedRaw(h, attackerAddress(), member);
      raw.send(connectFrame({ roomId: w.victim.roomId }));
      await new Promise((r) => setTimeout(r, 1_500));
      const connected = raw.received.filter((f) => f.startsWith('40{')).length;
      must(connected <= 1, `${connected} sockets connected on one websocket`);
      raw.close();
    },
    2,
  );

  const badNames = [
    '[null,{}]',
    '[123,{}]',
    '[1.5]',
    '[{"x":1},{}]',
    '[true]',
    '[["room:sync"]]',
    '["nosuch:event",{}]',
  ];
  for (const args of badNames) {
    await run.case(`websocket: event name ${args} is refused clearly or closes the connection`, async () => {
      const raw = await connectedRaw(h, attackerAddress(), member);
      const outcome = await refusedOrClosed(raw, args);
      must(outcome === 'refused' || outcome === 'closed', outcome);
      raw.close();
    });
  }
  for (const [label, args] of [
    ['room:change with only the acknowledgement', '["room:change"]'],
    ['member:join with only the acknowledgement', '["member:join"]'],
    ['room:change with an empty object', '["room:change",{}]'],
    ['room:change with null', '["room:change",null]'],
    [
      'room:change with a change and no opId',
      `["room:change",{"change":{"type":"pick.set","dishId":"${dishId}","qty":1}}]`,
    ],
    ['room:change with an opId and no change', '["room:change",{"opId":"abcdefgh123"}]'],
  ] as const) {
    await run.case(`websocket: missing arguments (${label}) are refused clearly`, async () => {
      const raw = await connectedRaw(h, attackerAddress(), member);
      const outcome = await refusedOrClosed(raw, args);
      must(outcome === 'refused' || outcome === 'closed', outcome);
      raw.close();
    });
  }

  await run.case('websocket: invalid UTF-8 in a text frame closes the connection', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.ws.send(Buffer.from([0x34, 0x32, 0x5b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x5d]), { binary: false });
    must(await closedWithin(raw), 'still open');
  });
  await run.case('websocket: a lone surrogate in a name is refused clearly (not "unavailable")', async () => {
    const raw = await connectedRaw(h, attackerAddress(), { roomId: own.roomId });
    raw.send('4240["member:join",{"name":"Bo\\ud800b"}]');
    const reply = (await ackOf(raw, 40)) as { error?: { code?: string } } | null;
    must(isClearAck(reply) && reply?.error?.code === 'invalid_payload', `answered ${JSON.stringify(reply)}`);
    raw.close();
  });
  await run.case('websocket: a lone surrogate in a dish name of a menu is refused clearly', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send(
      '4241["room:change",{"opId":"abcdefgh-lone","change":{"type":"menu.replace","dishes":[{"name":"Soup \\udfff","priceMinor":100}]}}]',
    );
    const reply = (await ackOf(raw, 41)) as { error?: { code?: string } } | null;
    must(isClearAck(reply) && reply?.error?.code === 'invalid_payload', `answered ${JSON.stringify(reply)}`);
    raw.close();
  });

  const quantities = [
    '1e999',
    '-1e999',
    '-1',
    '1.5',
    '1e15',
    '51',
    '9007199254740993',
    '"2"',
    'null',
    'true',
    '[]',
    '{}',
    '1e-7',
    '-0.5',
  ];
  {
    const raw = await connectedRaw(h, attackerAddress(), member);
    for (const [i, qty] of quantities.entries()) {
      await run.case(`websocket: quantity ${qty} is refused with invalid_payload`, async () => {
        const id = 200 + i;
        raw.send(
          `42${id}["room:change",{"opId":"abcdefgh-q${i}","change":{"type":"pick.set","dishId":"${dishId}","qty":${qty}}}]`,
        );
        const reply = (await ackOf(raw, id)) as { error?: { code?: string } } | null;
        must(
          isClearAck(reply) && reply?.error?.code === 'invalid_payload',
          `answered ${JSON.stringify(reply)}`,
        );
      });
    }
    raw.close();
  }
  await run.case('websocket: NaN (not JSON) as a quantity closes the connection or is refused', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    const outcome = await refusedOrClosed(
      raw,
      `["room:change",{"opId":"abcdefgh-nan","change":{"type":"pick.set","dishId":"${dishId}","qty":NaN}}]`,
    );
    must(outcome === 'refused' || outcome === 'closed', outcome);
  });

  // The same over long-polling: the frames come in POST bodies.
  await run.case('polling: a malformed packet ends the session', async () => {
    const session = await pollingSession(h, attackerAddress());
    must(isSession(session), `handshake refused: ${'refused' in session ? session.refused : ''}`);
    const posted = await session.post('x');
    const next = await session.get(5_000);
    must(
      posted.status >= 400 || next.status >= 400 || packetsOf(next).includes('1'),
      `POST ${posted.status}, then GET ${next.status} ${next.text.slice(0, 80)}`,
    );
  });
  await run.case(
    'polling: 20 CONNECT packets in one POST make at most one socket',
    async () => {
      const session = await pollingSession(h, attackerAddress());
      must(isSession(session), `handshake refused: ${'refused' in session ? session.refused : ''}`);
      await session.post(Array.from({ length: 20 }, () => connectFrame(member)).join('\x1e'));
      const packets: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await session.get(3_000);
        if (answer.status !== 200) break;
        packets.push(...packetsOf(answer));
        if (packets.some((p) => p.startsWith('40{'))) await new Promise((r) => setTimeout(r, 300));
      }
      const connected = packets.filter((p) => p.startsWith('40{')).length;
      must(connected <= 1, `${connected} sockets connected on one session`);
    },
    20,
  );
  await run.case('polling: invalid UTF-8 in a CONNECT is refused clearly or ends the session', async () => {
    const session = await pollingSession(h, attackerAddress());
    must(isSession(session), `handshake refused: ${'refused' in session ? session.refused : ''}`);
    const body = Buffer.concat([
      Buffer.from('40{"roomId":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('xxxxxxxx","protocol":5}'),
    ]);
    const posted = await session.post(body);
    const next = posted.status === 200 ? await session.get(5_000) : posted;
    const packets = packetsOf(next);
    must(
      next.status >= 400 || packets.some((p) => p.startsWith('44{"message"')) || packets.includes('1'),
      `POST ${posted.status}, then ${next.status} ${next.text.slice(0, 120)}`,
    );
  });
  await run.case('polling: a body over the message limits is refused and connects nothing', async () => {
    const session = await pollingSession(h, attackerAddress());
    must(isSession(session), `handshake refused: ${'refused' in session ? session.refused : ''}`);
    const posted = await session.post(
      `40${JSON.stringify({ roomId: own.roomId, pad: 'a'.repeat(OVER_EVERY_LIMIT_BYTES) })}`,
    );
    must(
      posted.status === 413 || posted.status === 400 || posted.status === 0,
      `POST answered ${posted.status}`,
    );
  });
  await run.case('websocket: a message over the message limits closes the connection', async () => {
    const raw = await connectedRaw(h, attackerAddress(), member);
    raw.send(`4299["room:sync",{"menuVersion":"${'a'.repeat(OVER_EVERY_LIMIT_BYTES)}"}]`);
    must(await closedWithin(raw, 5_000), 'still open');
  });

  // Arrays nested 5,000 deep where a string, an object or a number belongs. No socket.io client can
  // even encode these (its binary scan recurses), so they are written by hand.
  const deep = (inner: string) => `${'['.repeat(5_000)}${inner}${']'.repeat(5_000)}`;
  for (const [label, args] of [
    ['a change', `["room:change",${deep('1')}]`],
    [
      'a dish id',
      `["room:change",{"opId":"abcdefgh-deep","change":{"type":"pick.set","dishId":${deep('"x"')},"qty":1}}]`,
    ],
    [
      'a quantity',
      `["room:change",{"opId":"abcdefgh-deep","change":{"type":"pick.set","dishId":"${dishId}","qty":${deep('1')}}}]`,
    ],
    ['a sync request', `["room:sync",${deep('{}')}]`],
  ] as const) {
    await run.case(
      `websocket: ${label} nested 5,000 deep is refused clearly or closes the connection`,
      async () => {
        const raw = await connectedRaw(h, attackerAddress(), member);
        const outcome = await refusedOrClosed(raw, args);
        must(outcome === 'refused' || outcome === 'closed', outcome);
        raw.close();
      },
    );
  }
  await run.case(
    'websocket: a name nested 5,000 deep is refused clearly or closes the connection',
    async () => {
      const raw = await connectedRaw(h, attackerAddress(), { roomId: own.roomId });
      const outcome = await refusedOrClosed(raw, `["member:join",{"name":${deep('"x"')}}]`);
      must(outcome === 'refused' || outcome === 'closed', outcome);
      raw.close();
    },
  );
  await run.case('polling: a change nested 5,000 deep is refused clearly or ends the session', async () => {
    const session = await pollingSession(h, attackerAddress());
    must(isSession(session), `handshake refused: ${'refused' in session ? session.refused : ''}`);
    await session.post(connectFrame(member));
    const connected = packetsOf(await session.get(5_000));
    must(
      connected.some((p) => p.startsWith('40{')),
      `CONNECT answered ${connected.join(' ')}`,
    );
    const posted = await session.post(`427["room:change",${deep('1')}]`);
    // Broadcasts may come first: read the session until the answer, its end, or three empty polls.
    let outcome = posted.status >= 400 ? `POST ${posted.status}` : '';
    const seen: string[] = [];
    for (let i = 0; i < 3 && !outcome; i++) {
      const next = await session.get(5_000);
      const packets = packetsOf(next);
      seen.push(...packets);
      if (next.status >= 400) outcome = `GET ${next.status}`;
      else if (packets.includes('1')) outcome = 'closed';
      else if (packets.some((p) => p.startsWith('437[{"ok":false'))) outcome = 'refused';
    }
    must(outcome, `POST ${posted.status}, then ${seen.join(' ').slice(0, 200)}`);
  });
}
