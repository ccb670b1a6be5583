/**
 * Reads that many callers ask for at once, made once. A room's snapshot is the largest thing a
 * replica reads from Redis (a 300-dish menu, every pick): when a room's phones all resync together
 * (a replica restarted, the Wi-Fi came back) or a script asks for it in a loop, each caller waiting
 * for its own copy would queue dozens of identical Lua scripts in Redis, and every other room's picks
 * would wait behind them.
 *
 * A caller never gets a read that was issued before it asked (that copy could miss a change the
 * caller already saw acknowledged): it joins the read queued behind the one in flight, which starts
 * when that one ends. So there is at most one read in flight and one queued per key, however many
 * ask.
 */
export class SharedReads<T> {
  private readonly reads = new Map<string, { inFlight: Promise<T>; queued: Promise<T> | null }>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    const state = this.reads.get(key);
    if (!state) {
      const inFlight = this.start(key, load);
      this.reads.set(key, { inFlight, queued: null });
      return inFlight;
    }
    if (state.queued) return state.queued;
    const queued = state.inFlight.then(
      () => this.promote(key, load),
      () => this.promote(key, load),
    );
    state.queued = queued;
    return queued;
  }

  /** Keys with a read in flight (for tests and metrics). */
  get size(): number {
    return this.reads.size;
  }

  private promote(key: string, load: () => Promise<T>): Promise<T> {
    const inFlight = this.start(key, load);
    this.reads.set(key, { inFlight, queued: null });
    return inFlight;
  }

  private start(key: string, load: () => Promise<T>): Promise<T> {
    const done = () => {
      const state = this.reads.get(key);
      // Forget the key unless another read was queued behind this one (it is in flight by now).
      if (state && state.inFlight === inFlight && state.queued === null) this.reads.delete(key);
    };
    const inFlight = load();
    inFlight.then(done, done);
    return inFlight;
  }
}
