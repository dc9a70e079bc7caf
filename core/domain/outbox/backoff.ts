/**
 * Waiting between attempts: exponential backoff with full jitter (a uniformly
 * random wait between zero and base·2^attempt, capped). Full jitter spreads
 * the retries of many offices that lost the same link at the same moment, so
 * they do not all come back together when it returns. The random source is
 * passed in, so tests fix it.
 */

export interface BackoffPolicy {
  /** Ceiling of the first wait. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, capMs: 5 * 60_000 };

/** A number in [0, 1), like Math.random. */
export type Random = () => number;

/** The ceiling of the wait after `attempt` failures (attempt 0: the first retry). */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = defaultBackoff): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 40);
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * The wait before the next try: full jitter, and never shorter than what the
 * server asked for (Retry-After on 429 and 503, PROTOCOL.md §1.1).
 */
export function backoffDelayMs(attempt: number, random: Random, policy: BackoffPolicy = defaultBackoff, retryAfterMs = 0): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  const jittered = Math.floor(unit * backoffCeilingMs(attempt, policy));
  return Math.max(jittered, Math.max(0, retryAfterMs));
}

/** Parses Retry-After (seconds, or an HTTP date) into milliseconds from `now`; 0 when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number {
  if (header === undefined) return 0;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 24 * 3600) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.min(at - now.getTime(), 24 * 3600 * 1000));
}
