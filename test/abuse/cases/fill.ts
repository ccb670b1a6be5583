// A table locked out by scripts: 39 scripted joins from one address with the link, parallel joins on
// one socket, and what the host can do about it (close joining, remove a member). The real guest,
// from their own address, still gets in.
import { EVENTS } from '../../../lib/protocol';
import {
  ask,
  attackerAddress,
  change,
  connect,
  connectOrThrow,
  type Credentials,
  describeReply,
  isClearRefusal,
  LEGIT,
} from '../harness';
import { type ClassRun, must } from '../runner';
import { openRoom, type World } from '../world';

export async function fillClass(w: World, run: ClassRun): Promise<void> {
  const { h } = w;
  const table = await openRoom(h, LEGIT.tableHost, 'Table the scripts try to fill');
  const scripted: Credentials[] = [];

  await run.case(
    '39 scripted joins from one address do not fill the table',
    async () => {
      const from = attackerAddress();
      const sockets = await Promise.all(
        Array.from({ length: 39 }, () => connect(h, { roomId: table.roomId, transport: 'websocket', from })),
      );
      const replies = await Promise.all(
        sockets.map((outcome, i) =>
          outcome.ok
            ? ask<Credentials>(outcome.socket, EVENTS.memberJoin, { name: `Bot ${i}` })
            : Promise.resolve(null),
        ),
      );
      for (const outcome of sockets) if (outcome.ok) outcome.socket.close();
      const joined = replies.filter((r) => r?.ok);
      for (const reply of joined) if (reply?.ok) scripted.push(reply.data);
      const unclear = replies.filter((r) => r && !r.ok && !isClearRefusal(r, 'rate_limited', 'room_full'));
      run.note(
        `39 scripted joins: ${joined.length} joined, ${sockets.filter((s) => !s.ok).length} connections refused`,
      );
      must(
        unclear.length === 0,
        `unclear refusals: ${unclear.map((r) => r && describeReply(r)).join(' | ')}`,
      );
      const guest = await connectOrThrow(h, {
        roomId: table.roomId,
        transport: 'websocket',
        from: LEGIT.tableGuest,
      });
      const reply = await ask(guest, EVENTS.memberJoin, { name: 'The real guest' });
      guest.close();
      must(
        reply.ok,
        `the real guest could not join after ${joined.length} scripted members: ${describeReply(reply)}`,
      );
    },
    39,
  );

  await run.case(
    'four joins sent at once on one socket make one member',
    async () => {
      // A table of its own, so a full room cannot answer in place of the race under test.
      const other = await openRoom(h, attackerAddress(), 'Table for the join race');
      other.host.socket.close();
      const socket = await connectOrThrow(h, {
        roomId: other.roomId,
        transport: 'websocket',
        from: attackerAddress(),
      });
      const replies = await Promise.all(
        Array.from({ length: 4 }, (_, i) => ask(socket, EVENTS.memberJoin, { name: `Twin ${i}` })),
      );
      socket.close();
      const joined = replies.filter((r) => r.ok).length;
      must(joined === 1, `${joined} members from one socket: ${replies.map(describeReply).join(' | ')}`);
      must(
        replies.every((r) => r.ok || isClearRefusal(r, 'already_joined', 'rate_limited')),
        replies.map(describeReply).join(' | '),
      );
    },
    4,
  );

  await run.case('the host removes a scripted member and its key stops working', async () => {
    // A scripted member of its own, whatever the flood above let in.
    const socket = await connectOrThrow(h, {
      roomId: table.roomId,
      transport: 'websocket',
      from: attackerAddress(),
    });
    const joined = await ask<Credentials>(socket, EVENTS.memberJoin, { name: 'Bot to remove' });
    socket.close();
    const bot = joined.ok ? joined.data : scripted[0];
    must(bot, `no scripted member got in to remove: ${describeReply(joined)}`);
    const removal = await change(table.host.socket, 'member.remove', { memberId: bot.memberId });
    must(removal.ok, `removing: ${describeReply(removal)}`);
    const outcome = await connect(h, {
      roomId: table.roomId,
      memberToken: bot.memberToken,
      transport: 'websocket',
      from: attackerAddress(),
    });
    must(
      !outcome.ok && outcome.code === 'member_removed',
      outcome.ok ? 'connected' : `${outcome.code}: ${outcome.message}`,
    );
  });

  await run.case(
    'the host closes joining: a new join is refused with joining_closed, members keep working',
    async () => {
      const closing = await change(table.host.socket, 'room.joining', { open: false });
      must(closing.ok, `closing: ${describeReply(closing)}`);
      const socket = await connectOrThrow(h, {
        roomId: table.roomId,
        transport: 'websocket',
        from: attackerAddress(),
      });
      const reply = await ask(socket, EVENTS.memberJoin, { name: 'Too late' });
      socket.close();
      must(isClearRefusal(reply, 'joining_closed'), `answered ${describeReply(reply)}`);
      const pick = await change(table.host.socket, 'pick.set', { dishId: table.dishIds[0], qty: 1 });
      must(pick.ok, `a member's pick after closing: ${describeReply(pick)}`);
    },
  );
  table.host.socket.close();
}
