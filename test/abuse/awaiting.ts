// Cases whose defence has not landed yet, by their exact name, with what they wait for. The CI file
// (abuse.int.test.ts) runs every other case; `npx tsx test/abuse/run.ts --awaiting` runs these (and
// `--all` everything), so a defence that lands is proved by deleting its line here.
export const AWAITING_DEFENCE: Record<string, string> = {
  'quiet-room pick p99 within 2× of unflooded during a sync flood from six anonymous sockets':
    'a refused flood (about 3,500 events/s from six reconnecting sockets) must cost the replicas little enough that other rooms keep their p99 on a 2-core machine',
  'quiet-room pick p99 within 2× of unflooded during a menu flood from six sockets of the host':
    'as for the sync flood: refusals (and parsing 300-dish menus before refusing them) must cost the replicas less than they do today',
};

export const isAwaiting = (caseName: string) => Object.hasOwn(AWAITING_DEFENCE, caseName);
