/**
 * Token buckets (PROTOCOL.md §12): per device token for the API, per client
 * address for enrollment and admin login. A request takes one token; an empty
 * bucket answers 429 with Retry-After, the whole seconds until one refills.
 */
export interface BucketOptions {
  capacity: number;
  perSecond: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly options: BucketOptions,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** 0 when allowed (and one token taken), else the seconds to wait. */
  take(key: string): number {
    const now = this.nowMs();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond));
  }

  /** Full buckets carry no information: drop them now and then so the map stays small. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.options.perSecond >= this.options.capacity) this.buckets.delete(key);
    }
  }
}
