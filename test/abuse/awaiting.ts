// Cases whose defence has not landed yet, by their exact name, with what they wait for. The CI file
// (abuse.int.test.ts) runs every other case; `npx tsx test/abuse/run.ts --awaiting` runs these (and
// `--all` everything), so a defence that lands is proved by deleting its line here.
const MALFORMED_PACKET =
  'the replicas close a connection whose socket.io packet breaks the protocol even without an ack id (an EVENT without its array, an ACK without an id): a stricter parser';
const UNKNOWN_EVENT =
  'an event nobody handles (a number, an unknown name) answered invalid_payload when it carries an acknowledgement, or the connection closed';
const ACK_ONLY =
  'an event sent with only its acknowledgement (room:change, member:join) answered invalid_payload instead of dropped';

export const AWAITING_DEFENCE: Record<string, string> = {
  'websocket: malformed socket.io packet "42" closes the connection': MALFORMED_PACKET,
  'websocket: malformed socket.io packet "43[]" closes the connection': MALFORMED_PACKET,
  'websocket: event name [123,{}] is refused clearly or closes the connection': UNKNOWN_EVENT,
  'websocket: event name [1.5] is refused clearly or closes the connection': UNKNOWN_EVENT,
  'websocket: event name ["nosuch:event",{}] is refused clearly or closes the connection': UNKNOWN_EVENT,
  'websocket: missing arguments (room:change with only the acknowledgement) are refused clearly': ACK_ONLY,
  'websocket: missing arguments (member:join with only the acknowledgement) are refused clearly': ACK_ONLY,
  'websocket: room:change with only the acknowledgement': ACK_ONLY,
  'websocket: member:join with only the acknowledgement': ACK_ONLY,
  'polling: room:change with only the acknowledgement': ACK_ONLY,
  'polling: member:join with only the acknowledgement': ACK_ONLY,
  '39 scripted joins from one address do not fill the table':
    'joins per address per room slowed (today 39 joins from one address fill a room within the visitor budget of 100): the real guest from another address must still get in',
  'quiet-room pick p99 within 2× of unflooded during a sync flood from six anonymous sockets':
    'per-room work bounded enough that a refused flood (about 3,000 events/s, reconnecting) does not starve other rooms on a 2-core machine',
  'quiet-room pick p99 within 2× of unflooded during a menu flood from six sockets of the host':
    'as for the sync flood: refusals must cost the replicas less than they do today',
  'a 16 MB file is refused at the door':
    'a photo over 15 MB answered 413 too_large (the route answers 400 invalid_request today)',
};

export const isAwaiting = (caseName: string) => Object.hasOwn(AWAITING_DEFENCE, caseName);
