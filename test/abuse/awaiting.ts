// Cases whose defence has not landed yet, by their exact name, with what they wait for. The CI file
// (abuse.int.test.ts) runs every other case; `npx tsx test/abuse/run.ts --awaiting` runs these (and
// `--all` everything), so a defence that lands is proved by deleting its line here.
const MALFORMED_PACKET =
  'the replicas close a connection whose socket.io packet breaks the protocol even without an ack id (an EVENT without its array, an ACK without an id): a stricter parser';

export const AWAITING_DEFENCE: Record<string, string> = {
  'websocket: malformed socket.io packet "42" closes the connection': MALFORMED_PACKET,
  'websocket: malformed socket.io packet "43[]" closes the connection': MALFORMED_PACKET,
  '39 scripted joins from one address do not fill the table':
    'joins per address per room slowed (today 39 joins from one address fill a room within the visitor budget of 300): the real guest from another address must still get in',
  'quiet-room pick p99 within 2× of unflooded during a sync flood from six anonymous sockets':
    'a refused flood (about 3,500 events/s from six reconnecting sockets) must cost the replicas little enough that other rooms keep their p99 on a 2-core machine',
  'quiet-room pick p99 within 2× of unflooded during a menu flood from six sockets of the host':
    'as for the sync flood: refusals (and parsing 300-dish menus before refusing them) must cost the replicas less than they do today',
};

export const isAwaiting = (caseName: string) => Object.hasOwn(AWAITING_DEFENCE, caseName);
