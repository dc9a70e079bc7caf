/**
 * The link to the server as a whole: when it cannot be reached at all, the
 * sender backs off for every package at once (exponentially, full jitter),
 * and the status shows why it waits.
 */
import { backoffDelayMs, type BackoffPolicy, type Random } from '../../domain/outbox/backoff';
import type { OutboxError, OutboxFailure } from '../../domain/outbox/machine';
import type { Clock } from '../../ports';
import { errorOf, retryAfterOf } from './failures';

export function createLink(deps: { clock: Clock; random: Random; backoff: BackoffPolicy }) {
  let error: OutboxError | null = null;
  let attempts = 0;
  let retryAt = 0;
  const now = () => deps.clock.now();

  return {
    /** Why the sender waits for the server, if it does. */
    error: (): OutboxError | null => error,
    /** Epoch milliseconds before which the server is not tried again (0: now). */
    retryAt: () => retryAt,

    up(): void {
      attempts = 0;
      retryAt = 0;
      error = null;
    },

    down(err: unknown): void {
      retryAt = now().getTime() + backoffDelayMs(attempts, deps.random, deps.backoff, retryAfterOf(err));
      attempts += 1;
      error = { ...errorOf(err), at: now().toISOString() };
    },

    /** A reason to wait that is not the network's (no token, revoked): shown until the link comes up. */
    blame(reason: OutboxFailure): void {
      error = { ...reason, at: now().toISOString() };
    },

    /** The officer asked now: an earlier backoff does not make them wait. */
    tryNow(): void {
      retryAt = 0;
    },
  };
}

export type Link = ReturnType<typeof createLink>;
