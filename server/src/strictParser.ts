// socket.io's parser accepts packets that name no event ("42") and acknowledgements that name no
// call ("43[]"): socket.io then ignores them and the connection stays open, so a client can send
// endless garbage without ever being refused. This parser refuses them: a throw while decoding makes
// socket.io close that connection (and only that one).
//
// Its encoder sends values already serialised (sendAsJson): a room's snapshot is the largest thing a
// replica sends (a 300-dish menu, every pick), and socket.io would walk it for binary data and
// JSON.stringify it once per phone that asks, though phones asking together share one snapshot.
import { Decoder, Encoder, type Packet, PacketType } from 'socket.io-parser';

function problemWith(packet: Packet): string | null {
  switch (packet.type) {
    case PacketType.EVENT:
    case PacketType.BINARY_EVENT:
      return Array.isArray(packet.data) && packet.data.length > 0 ? null : 'an event without its name';
    case PacketType.ACK:
    case PacketType.BINARY_ACK:
      return typeof packet.id === 'number' && Array.isArray(packet.data) ? null : 'an answer to no call';
    default:
      return null;
  }
}

class StrictDecoder extends Decoder {
  constructor(...args: ConstructorParameters<typeof Decoder>) {
    super(...args);
    // The first listener of every decoded packet (socket.io adds its own after this): throwing here
    // stops the packet before socket.io sees it, and out of add(), where socket.io closes the
    // connection. (Overriding emitReserved would not do: add() calls the parent's directly.)
    this.on('decoded', (packet: Packet) => {
      const problem = problemWith(packet);
      if (problem) throw new Error(`malformed packet: ${problem}`);
    });
  }
}

const serialised = new WeakMap<object, string>();

/**
 * Has the encoder send `value`, an argument of an event or an acknowledgement, as `json`, which must
 * be JSON.stringify(value) (the caller serialised it once for many sockets). Returns `value`, which
 * stays a plain object for everything else (metrics, tests, a parser without this encoder).
 */
export function sendAsJson<T extends object>(value: T, json: string): T {
  serialised.set(value, json);
  return value;
}

const isSerialised = (value: unknown) => typeof value === 'object' && value !== null && serialised.has(value);

class SharingEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const { type, data } = packet;
    const plain = type === PacketType.EVENT || type === PacketType.ACK;
    if (!plain || !Array.isArray(data) || !data.some(isSerialised)) return super.encode(packet);
    // As encodeAsString writes a packet; what was serialised holds no binary data (it is JSON).
    let text = `${type}`;
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += packet.id;
    const args = data.map((value) => (isSerialised(value) ? serialised.get(value) : JSON.stringify(value)));
    return [`${text}[${args.map((arg) => arg ?? 'null').join(',')}]`];
  }
}

/** The `parser` option of the socket.io Server. */
export const strictParser = { Encoder: SharingEncoder, Decoder: StrictDecoder };
