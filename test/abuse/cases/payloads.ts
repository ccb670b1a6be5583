// Payloads a real socket.io client can send, over a websocket and over long-polling: __proto__ and
// constructor keys, 1 MB strings, lone surrogates, names with nothing visible in them, quantities
// that are not a count of plates, unknown dishes and rooms, missing arguments. (Arrays nested 5,000
// deep are in frames.ts: no socket.io client can encode them.) Every one is answered with the
// refusal that names what is wrong.
import { EVENTS, MAX_DISHES } from '../../../lib/protocol';
import {
  ask,
  attackerAddress,
  type Client,
  change,
  connect,
  connectOrThrow,
  describeReply,
  type ErrorCodeList,
  isClearRefusal,
  menuOf,
  newOpId,
  type Transport,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

export async function payloadsClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  for (const transport of ['websocket', 'polling'] as Transport[]) {
    const own = await openRoom(h, attackerAddress(), `Payload attacker ${transport}`);
    const dishId = own.dishIds[0] ?? '';
    // Each member (and each address) gets a handful of events, so the limits per member and per
    // address never answer in place of the validation under test.
    const member = async (): Promise<Client> => {
      const from = attackerAddress();
      const socket = await connectOrThrow(h, { roomId: own.roomId, transport, from });
      const reply = await ask(socket, EVENTS.memberJoin, { name: `Member ${from}` });
      must(reply.ok, `joining own room: ${describeReply(reply)}`);
      return socket;
    };
    const visitor = () => connectOrThrow(h, { roomId: own.roomId, transport, from: attackerAddress() });
    const host = () =>
      connectOrThrow(h, {
        roomId: own.roomId,
        memberToken: own.host.memberToken,
        transport,
        from: attackerAddress(),
      });
    const expectRefusal = async (name: string, send: () => Promise<unknown>, ...codes: ErrorCodeList) => {
      await run.case(`${transport}: ${name}`, async () => {
        const reply = (await send()) as Parameters<typeof isClearRefusal>[0];
        must(isClearRefusal(reply, ...codes), `answered ${describeReply(reply)}`);
      });
    };

    // __proto__ and constructor, as keys and as values.
    {
      const socket = await member();
      for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        await expectRefusal(
          `change type ${type}`,
          () => ask(socket, EVENTS.roomChange, { opId: newOpId(), change: { type, dishId, qty: 1 } }),
          'unsupported_change',
          'invalid_payload',
        );
      }
      for (const id of ['__proto__', 'constructor', 'prototype']) {
        await expectRefusal(
          `dish id ${id}`,
          () => change(socket, 'pick.set', { dishId: id, qty: 1 }),
          'unknown_dish',
          'invalid_payload',
        );
      }
      socket.close();
    }
    {
      const socket = await member();
      const polluting = JSON.parse(
        `{"__proto__":{"opId":"abcdefgh-proto","change":{"type":"pick.set","dishId":"${dishId}","qty":3}}}`,
      ) as unknown;
      await expectRefusal(
        'a change hidden under __proto__',
        () => ask(socket, EVENTS.roomChange, polluting),
        'invalid_payload',
      );
      const constructorKey = JSON.parse(
        `{"opId":"abcdefgh-ctor","change":{"type":"pick.set","dishId":"${dishId}","qty":1,"constructor":{"prototype":{"qty":40}},"__proto__":{"qty":40}}}`,
      ) as unknown;
      await run.case(
        `${transport}: constructor and __proto__ keys inside a change change nothing else`,
        async () => {
          const reply = await ask(socket, EVENTS.roomChange, constructorKey);
          must(reply.ok || isClearRefusal(reply), `answered ${describeReply(reply)}`);
          const snapshot = await ask<{ snapshot: { picks: { qty: number }[] } }>(socket, EVENTS.roomSync, {});
          must(snapshot.ok, `sync: ${describeReply(snapshot)}`);
          must(
            snapshot.data.snapshot.picks.every((p) => p.qty <= 1),
            `a pick became ${JSON.stringify(snapshot.data.snapshot.picks)}`,
          );
        },
      );
      socket.close();
    }
    {
      const socket = await host();
      await expectRefusal('a host picking for member __proto__', () =>
        change(socket, 'pick.setFor', { memberId: '__proto__', dishId, qty: 1 }),
      );
      socket.close();
    }
    await run.case(`${transport}: a handshake with the room under __proto__ is refused`, async () => {
      const outcome = await connect(h, {
        roomId: undefined as unknown as string,
        transport,
        from: attackerAddress(),
        auth: JSON.parse(`{"__proto__":{"roomId":"${own.roomId}"}}`) as Record<string, unknown>,
      });
      must(
        !outcome.ok && outcome.code === 'invalid_payload',
        outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
      );
    });

    // 1 MB strings: over the message limit the connection is closed, under it the field is refused.
    {
      const socket = await visitor();
      await run.case(`${transport}: a 1 MB name closes the connection or is refused`, async () => {
        const reply = await ask(socket, EVENTS.memberJoin, { name: 'a'.repeat(1_000_000) });
        must(
          isClearRefusal(reply, 'invalid_payload') ||
            (!reply.ok && ['disconnected', 'no_answer'].includes(reply.error.code) && !socket.connected),
          `answered ${describeReply(reply)} (connected: ${socket.connected})`,
        );
      });
      socket.close();
    }
    {
      const socket = await visitor();
      await expectRefusal(
        'a 900 KB name',
        () => ask(socket, EVENTS.memberJoin, { name: 'b'.repeat(900_000) }),
        'invalid_payload',
      );
      socket.close();
    }
    {
      const socket = await member();
      await expectRefusal(
        'a 900 KB note',
        () => change(socket, 'pick.note', { dishId, note: 'c'.repeat(900_000), needs: [] }),
        'invalid_payload',
      );
      await expectRefusal(
        'a 900 KB opId',
        () =>
          ask(socket, EVENTS.roomChange, {
            opId: 'd'.repeat(900_000),
            change: { type: 'pick.set', dishId, qty: 1 },
          }),
        'invalid_payload',
      );
      socket.close();
    }

    // Lone surrogates, and names with nothing a person could see.
    {
      const socket = await visitor();
      for (const [label, name] of [
        ['a lone high surrogate', 'Ana\ud83d'],
        ['a lone low surrogate', '\udc36Ana'],
        ['zero-width characters only', '\u200b\u200c\u200d\u2060'],
        ['a bidi override only', '\u202e'],
        ['bidi isolates only', '\u2066\u2069'],
        ['a bidi override before a name', '\u202eevil.exe'],
        ['NUL characters', '\u0000\u0000'],
        ['a byte-order mark only', '\ufeff'],
        ['a soft hyphen only', '\u00ad'],
        ['Hangul fillers only', '\u3164\u115f'],
        ['combining marks only', '\u0301\u0301'],
      ] as const) {
        await expectRefusal(
          `a name of ${label}`,
          () => ask(socket, EVENTS.memberJoin, { name }),
          'invalid_payload',
        );
      }
      socket.close();
    }
    {
      const socket = await host();
      await expectRefusal(
        'a menu with a lone surrogate in a dish name',
        () => change(socket, 'menu.replace', { dishes: [{ name: 'Bibim\ud800bap', priceMinor: 100 }] }),
        'invalid_payload',
      );
      await expectRefusal(
        'a menu with an invisible dish name',
        () => change(socket, 'menu.replace', { dishes: [{ name: '\u200b\u200b', priceMinor: 100 }] }),
        'invalid_payload',
      );
      socket.close();
    }
    {
      const socket = await member();
      await expectRefusal(
        'a note with a lone surrogate',
        () => change(socket, 'pick.note', { dishId, note: 'no \udfff', needs: [] }),
        'invalid_payload',
      );
      await expectRefusal(
        'an explanation with a bidi override',
        () => change(socket, 'dish.explain', { dishId, text: 'it is \u202egnitekram' }),
        'invalid_payload',
      );
      socket.close();
    }

    // Quantities no plate count can be (JSON turns NaN and ±Infinity into null).
    {
      const socket = await member();
      for (const qty of [
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -1,
        0.5,
        2.25,
        1e15,
        51,
        2 ** 53 + 2,
        '3',
        null,
      ]) {
        await expectRefusal(
          `quantity ${String(qty)}`,
          () => change(socket, 'pick.set', { dishId, qty }),
          'invalid_payload',
        );
      }
      socket.close();
    }
    {
      const socket = await host();
      await expectRefusal(
        'a price of -1',
        () => change(socket, 'menu.replace', { dishes: [{ name: 'Soup', priceMinor: -1 }] }),
        'invalid_payload',
      );
      await expectRefusal(
        'a price of 1e300',
        () => change(socket, 'menu.replace', { dishes: [{ name: 'Soup', priceMinor: 1e300 }] }),
        'invalid_payload',
      );
      await expectRefusal(
        'a round of 1e9',
        () => change(socket, 'order.placed', { round: 1e9 }),
        'invalid_payload',
      );
      // The largest legitimate event passes nginx and the replica's message limit.
      await run.case(`${transport}: a host saves a ${MAX_DISHES}-dish menu`, async () => {
        const reply = await change(socket, 'menu.replace', {
          dishes: menuOf(MAX_DISHES, 'Long menu dish with a longer name'),
        });
        must(reply.ok, `answered ${describeReply(reply)}`);
      });
      socket.close();
    }

    // Unknown dishes and rooms, and missing arguments.
    {
      const socket = await member();
      await expectRefusal(
        'an unknown dish',
        () => change(socket, 'pick.set', { dishId: 'nosuchdish', qty: 1 }),
        'unknown_dish',
      );
      await expectRefusal(
        'a note on an unknown dish',
        () => change(socket, 'pick.note', { dishId: 'nosuchdish', note: 'x', needs: [] }),
        'unknown_dish',
      );
      await expectRefusal('room:change with only the acknowledgement', () => ask(socket, EVENTS.roomChange));
      await expectRefusal('room:change with undefined', () => ask(socket, EVENTS.roomChange, undefined));
      await expectRefusal('member:join with only the acknowledgement', () => ask(socket, EVENTS.memberJoin));
      await run.case(
        `${transport}: events without an acknowledgement leave the connection working`,
        async () => {
          socket.emit(EVENTS.roomChange, { opId: newOpId(), change: { type: 'pick.set', dishId, qty: 1 } });
          socket.emit(EVENTS.roomSync);
          socket.emit(EVENTS.memberJoin);
          const reply = await ask(socket, EVENTS.roomSync, {});
          must(reply.ok, `a sync afterwards: ${describeReply(reply)}`);
        },
      );
      socket.close();
    }
    for (const [label, auth, code] of [
      ['an unknown room', { roomId: 'nosuchroom0000000000' }, 'room_not_found'],
      ['a room id that is a path', { roomId: '../../etc/passwd' }, 'invalid_payload'],
      ['a numeric room id', { roomId: 1234567890 }, 'invalid_payload'],
      ['no room id', { roomId: undefined }, 'invalid_payload'],
      ['a 10 KB room id', { roomId: 'r'.repeat(10_000) }, 'invalid_payload'],
      ['a protocol that is a string', { roomId: own.roomId, protocol: 'five' }, 'invalid_payload'],
      ['a token that is an object', { roomId: own.roomId, memberToken: { $gt: '' } }, 'invalid_payload'],
    ] as const) {
      await run.case(`${transport}: a handshake with ${label} is refused with ${code}`, async () => {
        const outcome = await connect(h, {
          roomId: own.roomId,
          transport,
          from: attackerAddress(),
          auth: auth as Record<string, unknown>,
        });
        must(
          !outcome.ok && outcome.code === code,
          outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
        );
      });
    }
    own.host.socket.close();
  }
}
