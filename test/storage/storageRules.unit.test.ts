// The storage rules that need no Redis: text is stored in a form Lua's cjson can always read, and
// the ops window covers every slot a phone's outbox can hold at once.
import { expect, it } from 'vitest';
import { type ChangeRequestInput, MAX_DISHES, MAX_SHARES, slotOf } from '../../lib/protocol';
import { encodeDish, encodeMember, encodeRequest, storedJson } from '../../lib/storage/codec';
import { OPS_KEPT_PER_MEMBER } from '../../lib/storage/keys';

it('stores a lone surrogate as U+FFFD and keeps whole pairs', () => {
  expect(JSON.parse(storedJson({ a: 'x\uD800y', b: ['\uDC00'], c: { d: '🌶️ ok' } }))).toEqual({
    a: 'x\uFFFDy',
    b: ['\uFFFD'],
    c: { d: '🌶️ ok' },
  });
  // What JSON.stringify alone would write, and cjson refuses: a `\ud800` escape.
  for (const json of [
    encodeMember('Ana\uD83D', 1),
    encodeDish({ name: 'Soup \uDE00', priceMinor: 1 }, 0),
    encodeRequest({ type: 'pick.note', dishId: 'd1', note: 'no \uDBFF', needs: [] }),
  ]) {
    expect(json).not.toMatch(/\\ud[89a-f]/i);
    expect(json).toContain('\uFFFD');
  }
});

it('remembers at least as many operations per member as a phone can have slots pending', () => {
  const own: ChangeRequestInput[] = [
    { type: 'member.needs', needs: [] },
    { type: 'member.done', done: true },
    { type: 'order.lock', locked: true },
    { type: 'room.close', confirm: true },
    { type: 'host.transfer', memberId: 'mmmm' },
  ];
  for (let d = 1; d <= MAX_DISHES; d++) {
    own.push({ type: 'pick.set', dishId: `d${d}`, qty: 1 });
    own.push({ type: 'pick.note', dishId: `d${d}`, note: '', needs: [] });
    own.push({ type: 'dish.explain', dishId: `d${d}`, text: '' });
  }
  for (let s = 1; s <= MAX_SHARES; s++) {
    own.push({ type: 'share.offer', shareId: `s${s}xx`, dishId: 'd1', plates: 1, memberIds: [] });
    own.push({ type: 'share.respond', shareId: `s${s}xx`, accept: true });
  }
  const slots = new Set(own.map(slotOf));
  expect(OPS_KEPT_PER_MEMBER).toBeGreaterThanOrEqual(slots.size);
});
