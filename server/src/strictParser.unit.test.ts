// The encoder sends what was serialised once (sendAsJson) exactly as socket.io would have encoded
// the value itself, and everything else as socket.io does.
import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { sendAsJson, strictParser } from './strictParser';

const encoder = new strictParser.Encoder();
const plain = new Encoder();

describe('the strict parser encoder', () => {
  it('writes a serialised acknowledgement as socket.io would write the value', () => {
    const value = {
      ok: true,
      data: { snapshot: { title: 'Table "7"', dishes: [{ id: 'd1' }] }, memberId: null },
    };
    const packet = { type: PacketType.ACK, nsp: '/', id: 12, data: [value] };
    const expected = plain.encode(packet);
    expect(encoder.encode({ ...packet, data: [sendAsJson(value, JSON.stringify(value))] })).toEqual(expected);
  });

  it('uses the serialised text, not the value, and keeps other arguments and a namespace', () => {
    const shared = sendAsJson({ big: 1 }, '{"big":"as sent"}');
    const packet = { type: PacketType.EVENT, nsp: '/room', data: ['room:snapshot', shared, undefined, 3] };
    expect(encoder.encode(packet)).toEqual(['2/room,["room:snapshot",{"big":"as sent"},null,3]']);
  });

  it('encodes every other packet as socket.io does, binary ones too', () => {
    const packets = [
      { type: PacketType.EVENT, nsp: '/', data: ['room:changed', { version: 3 }] },
      { type: PacketType.ACK, nsp: '/', id: 1, data: [{ ok: false }] },
      { type: PacketType.EVENT, nsp: '/', data: ['blob', Buffer.from([1, 2, 3])] },
      { type: PacketType.CONNECT, nsp: '/', data: { sid: 'x' } },
    ];
    for (const packet of packets) expect(encoder.encode(packet)).toEqual(plain.encode(packet));
  });
});
