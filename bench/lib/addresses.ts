// Source addresses of simulated phones: each phone is its own person on the network, so the limits
// per client address (nginx's new /ws sessions and open connections, the replicas' handshake and
// connect budgets) count each phone alone, as they would on real networks. Loopback is 127.0.0.0/8,
// and Linux answers every address of it on `lo` without configuration.

/** The i-th phone's address: 127.0.10.1 … 127.0.10.250, 127.0.11.1, … (up to 61,250 phones). */
export function phoneAddress(index: number): string {
  const third = 10 + Math.floor(index / 250);
  if (third > 254) throw new Error(`no loopback address for phone ${index}`);
  return `127.0.${third}.${1 + (index % 250)}`;
}
