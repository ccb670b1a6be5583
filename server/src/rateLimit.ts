/**
 * A token bucket per connection: bursts of taps on + are fine, a script hammering the server is not.
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly capacity = 40,
    private readonly refillPerSecond = 20,
  ) {
    this.tokens = capacity;
  }

  /** Takes `cost` tokens if there are that many. */
  take(cost = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
