// Who sees and does what: a visitor with only the link, a member key of another room or a made-up
// one, a hostile member asking for the host's powers, a member the host removed. Reads renew nothing.
import { EVENTS, type RoomSnapshot, type SyncReply } from '../../../lib/protocol';
import { joinCodeKey, roomKeys } from '../../../lib/storage/keys';
import {
  ask,
  attackerAddress,
  change,
  connect,
  connectOrThrow,
  describeReply,
  http,
  isClearRefusal,
  join,
  LEGIT,
  roomState,
  sleep,
  type Transport,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

export async function identityClass(w: World, run: ClassRun): Promise<void> {
  const { h, victim } = w;

  for (const transport of ['websocket', 'polling'] as Transport[]) {
    await run.case(`${transport}: a visitor with the link sees only the join screen`, async () => {
      const socket = await connectOrThrow(h, { roomId: victim.roomId, transport, from: attackerAddress() });
      const reply = await ask<SyncReply>(socket, EVENTS.roomSync, {});
      socket.close();
      must(reply.ok, `sync: ${describeReply(reply)}`);
      const view: RoomSnapshot = reply.data.snapshot;
      must(view.members.length === 0, `members visible: ${JSON.stringify(view.members)}`);
      must(
        view.picks.length === 0 && view.notes.length === 0 && view.shares.length === 0,
        'picks, notes or shares visible',
      );
      must(view.online.length === 0 && view.explanations.length === 0, 'presence or explanations visible');
      must(
        view.code === '' && view.hostMemberId === '',
        `code "${view.code}" or host "${view.hostMemberId}" visible`,
      );
      must(view.memberCount === 2, `memberCount ${view.memberCount}`);
    });
    await run.case(`${transport}: a visitor cannot change the room`, async () => {
      const socket = await connectOrThrow(h, { roomId: victim.roomId, transport, from: attackerAddress() });
      const reply = await change(socket, 'pick.set', { dishId: victim.dishIds[0], qty: 9 });
      socket.close();
      must(isClearRefusal(reply, 'not_a_member'), `answered ${describeReply(reply)}`);
    });
    for (const [label, token] of [
      ['a made-up member key', 'A'.repeat(43)],
      ['the host member id as a key', victim.host.memberId.padEnd(20, 'x')],
    ] as const) {
      await run.case(`${transport}: ${label} is refused`, async () => {
        const outcome = await connect(h, {
          roomId: victim.roomId,
          memberToken: token,
          transport,
          from: attackerAddress(),
        });
        must(
          !outcome.ok && outcome.code === 'unauthorised',
          outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
        );
      });
    }
  }

  // A table where the attacker is a member like any other, next to a real guest.
  const table = await openRoom(h, LEGIT.tableHost, 'Table with a hostile member');
  const guest = await join(h, LEGIT.tableGuest, table.roomId, 'Real guest');
  const hostile = await join(h, attackerAddress(), table.roomId, 'Mallory');
  const hostilePolling = await join(h, attackerAddress(), table.roomId, 'Mallory on polling');
  const dishId = table.dishIds[0] ?? '';
  must((await change(table.host.socket, 'pick.set', { dishId, qty: 1 })).ok, 'the table host could not pick');

  await run.case('websocket: a member key of another room is refused', async () => {
    const outcome = await connect(h, {
      roomId: victim.roomId,
      memberToken: hostile.memberToken,
      transport: 'websocket',
      from: attackerAddress(),
    });
    must(
      !outcome.ok && outcome.code === 'unauthorised',
      outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
    );
  });

  await run.case('a visitor hears no broadcast and no presence of the room', async () => {
    const socket = await connectOrThrow(h, {
      roomId: table.roomId,
      transport: 'websocket',
      from: attackerAddress(),
    });
    const heard: string[] = [];
    socket.onAny((event) => heard.push(event));
    must((await change(table.host.socket, 'pick.set', { dishId, qty: 2 })).ok, 'the host could not pick');
    guest.socket.disconnect().connect();
    await sleep(1_500);
    socket.close();
    must(heard.filter((e) => e !== EVENTS.roomVersion).length === 0, `heard ${heard.join(', ')}`);
  });

  await run.case(
    '40 visitor connections make no presence broadcast to the members',
    async () => {
      const presence: unknown[] = [];
      const listener = (event: unknown) => presence.push(event);
      victim.guest.socket.on(EVENTS.presenceChanged, listener);
      const from = attackerAddress();
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => connect(h, { roomId: victim.roomId, transport: 'websocket', from })),
      );
      for (const outcome of outcomes) if (outcome.ok) outcome.socket.close();
      await sleep(1_000);
      victim.guest.socket.off(EVENTS.presenceChanged, listener);
      must(presence.length === 0, `${presence.length} presence broadcasts reached a member`);
    },
    40,
  );

  // The hostile member asks for everything only the host may do; the table must not change.
  const before = await roomState(h, table.roomId);
  for (const [type, fields] of [
    ['member.remove', { memberId: table.host.memberId }],
    ['member.remove', { memberId: guest.memberId }],
    ['host.transfer', { memberId: hostile.memberId }],
    ['order.lock', { locked: true }],
    ['order.placed', { round: 1 }],
    ['room.close', { confirm: true }],
    ['room.joining', { open: false }],
    ['menu.replace', { dishes: [{ name: 'Only this', priceMinor: 1 }] }],
    ['pick.setFor', { memberId: guest.memberId, dishId, qty: 5 }],
    ['member.add', { memberId: 'ghostguest1', name: 'Ghost' }],
    ['pick.note', { dishId, note: 'spit in it', needs: [], memberId: guest.memberId }],
    ['member.needs', { needs: ['vegan'], memberId: table.host.memberId }],
  ] as const) {
    await run.case(`a non-host member cannot ${type} ${JSON.stringify(fields).slice(0, 60)}`, async () => {
      const reply = await change(hostile.socket, type, fields);
      must(isClearRefusal(reply, 'not_the_host', 'not_allowed'), `answered ${describeReply(reply)}`);
    });
  }
  await run.case('the refused host actions left the table as it was', async () => {
    const after = await roomState(h, table.roomId);
    must(after === before, `changed:\n  before ${before.slice(0, 300)}\n  after  ${after.slice(0, 300)}`);
  });

  // The host removes both hostile members: their open sockets and their keys stop working.
  for (const [transport, removed] of [
    ['websocket', hostile],
    ['polling', hostilePolling],
  ] as const) {
    const from = attackerAddress();
    const reconnected =
      transport === 'polling'
        ? await connectOrThrow(h, { roomId: table.roomId, memberToken: removed.memberToken, transport, from })
        : removed.socket;
    const removal = await change(table.host.socket, 'member.remove', { memberId: removed.memberId });
    must(removal.ok, `the host could not remove a member: ${describeReply(removal)}`);
    await run.case(`${transport}: a removed member's open socket can no longer change the room`, async () => {
      const reply = await change(reconnected, 'pick.set', { dishId, qty: 3 });
      must(
        isClearRefusal(reply, 'member_removed', 'not_a_member') || (!reply.ok && !reconnected.connected),
        `answered ${describeReply(reply)}`,
      );
    });
    await run.case(`${transport}: a removed member's key is refused`, async () => {
      const outcome = await connect(h, {
        roomId: table.roomId,
        memberToken: removed.memberToken,
        transport,
        from: attackerAddress(),
      });
      must(
        !outcome.ok && outcome.code === 'member_removed',
        outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
      );
    });
    reconnected.close();
    removed.socket.close();
  }

  await run.case('reading a room and looking up its code renew neither', async () => {
    const meta = roomKeys(victim.roomId).meta;
    const code = joinCodeKey(victim.code);
    const [metaBefore, codeBefore] = [await h.redis.pTTL(meta), await h.redis.pTTL(code)];
    const socket = await connectOrThrow(h, {
      roomId: victim.roomId,
      transport: 'websocket',
      from: attackerAddress(),
    });
    for (let i = 0; i < 3; i++) await ask(socket, EVENTS.roomSync, {});
    socket.close();
    const lookup = await http(`${h.stack.url}/api/codes/${victim.code}`, { from: LEGIT.checker });
    must(lookup.status === 200, `the code lookup answered ${lookup.status} ${lookup.text}`);
    const [metaAfter, codeAfter] = [await h.redis.pTTL(meta), await h.redis.pTTL(code)];
    must(metaAfter <= metaBefore, `the room's expiry moved from ${metaBefore} to ${metaAfter} ms`);
    must(codeAfter <= codeBefore, `the code's expiry moved from ${codeBefore} to ${codeAfter} ms`);
  });
  for (const socket of [table.host.socket, guest.socket, hostilePolling.socket]) socket.close();
}
