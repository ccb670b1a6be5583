// socket.io JSON-parses every message before a handler or a rate limit sees it, and parsing a
// 300-dish menu takes about a millisecond. Six sockets sending 170 KB menus as fast as they could
// (the abuse suite's menu flood) had the replicas parse ~700 of them, a third of a core each, before
// the refusals disconnected them, and picks in every other room waited behind that work. So large
// messages are counted in bytes per client address as they arrive, before parsing: past the budget
// the message is never parsed, its connection is closed and the address is penalised like any
// other flooder (limits.ts floodPenaltyMs).
import type { Socket as EngineSocket } from 'engine.io';
import type { Logger } from '../../lib/log';
import { clientAddress } from '../../lib/publicAccess';
import { LIMITS, MAX_EVENT_BYTES, type SharedLimits } from './limits';
import { TokenBucket } from './rateLimit';
import type { MenuroomServer } from './types';

export const LARGE_MESSAGES = {
  /** Smaller messages (picks, notes, syncs) are left to the per-event budgets. */
  minBytes: 16 * 1024,
  /**
   * One address may send this much in large messages at once: a menu at every schema limit, or
   * dozens of real ones (a 300-dish menu with explanations is 150–500 KB). A host never needs more:
   * the expensive-event budget admits a dozen menu saves per 30 s anyway.
   */
  burstBytes: MAX_EVENT_BYTES,
  /** ... and refills at one such menu per 30 s. */
  bytesPerSecond: Math.ceil(MAX_EVENT_BYTES / 30),
  /**
   * What a large message costs at least: socket.io parses (and ws unmasks) every message it admits,
   * and a 30 KB menu costs a parse as a 4 MB one costs its bytes, so by bytes alone 150 small menus
   * a burst went through. At this cost an address sends at most 20 large messages at once and 20 per
   * 30 s, as many as the expensive-event budget lets a host save anyway (10 at once, 2 a second).
   */
  minCostBytes: Math.ceil(MAX_EVENT_BYTES / 20),
  /** Addresses remembered per replica (the least recently seen are forgotten). */
  maxAddresses: LIMITS.maxPenalisedAddresses,
} as const;

export type LargeMessageLimits = typeof LARGE_MESSAGES;

export function guardLargeMessages(
  io: MenuroomServer,
  options: { limits: SharedLimits; log: Logger; settings?: LargeMessageLimits },
): void {
  const { limits, log, settings = LARGE_MESSAGES } = options;
  const budgets = new Map<string, TokenBucket>();
  const budgetOf = (address: string) => {
    let budget = budgets.get(address);
    if (budget) budgets.delete(address);
    else budget = new TokenBucket(settings.burstBytes, settings.bytesPerSecond);
    // Re-inserted at the end: the Map's first key is the least recently seen address.
    budgets.set(address, budget);
    if (budgets.size > settings.maxAddresses) {
      const oldest = budgets.keys().next().value;
      if (oldest !== undefined) budgets.delete(oldest);
    }
    return budget;
  };

  io.engine.on('connection', (conn: EngineSocket) => {
    const address = clientAddress(conn.remoteAddress, conn.request.headers['x-real-ip']);
    // engine.io emits 'packet' before it hands a message to socket.io's parser, and reads the
    // packet's type after: an over-budget message becomes an engine.io error packet, which
    // engine.io answers by closing the connection ("parse error") without parsing anything.
    conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message') return;
      const data = packet.data;
      // A UTF-16 unit is at most 3 bytes of UTF-8: shorter strings cannot be large.
      if (typeof data === 'string' ? data.length * 3 < settings.minBytes : !Buffer.isBuffer(data)) return;
      const size = Buffer.byteLength(data as string | Buffer);
      if (size < settings.minBytes || budgetOf(address).take(Math.max(size, settings.minCostBytes))) return;
      packet.type = 'error';
      packet.data = undefined;
      limits.penalise(address);
      log.warn({ address, bytes: size }, 'disconnected for flooding with large messages');
    });
  });
}
