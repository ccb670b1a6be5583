// socket.io's parser accepts packets that name no event ("42") and acknowledgements that name no
// call ("43[]"): socket.io then ignores them and the connection stays open, so a client can send
// endless garbage without ever being refused. This parser refuses them: a throw while decoding makes
// socket.io close that connection (and only that one).
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

/** The `parser` option of the socket.io Server. */
export const strictParser = { Encoder, Decoder: StrictDecoder };
