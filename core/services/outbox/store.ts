/**
 * The packages' states, changed one at a time: every event goes through the
 * pure state machine (core/domain/outbox/machine.ts) and is written before
 * anyone acts on it.
 */
import { BerkasError, isBerkasError } from '../../domain/errors';
import type { BackoffPolicy, Random } from '../../domain/outbox/backoff';
import { transition, type OutboxEvent, type OutboxState, type OutboxStatus } from '../../domain/outbox/machine';
import type { Clock } from '../../ports';
import type { OutboxItemRecord, OutboxRepository, StatusChange, StatusWrite } from './ports';

export function createOutboxStore(deps: { repository: OutboxRepository; clock: Clock; random: Random; backoff: BackoffPolicy }) {
  let mutations: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every change before it: read-then-write never interleaves. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = mutations.then(task, task);
    mutations = run.catch(() => undefined);
    return run;
  }

  function item(id: string): OutboxItemRecord {
    const found = deps.repository.item(id);
    if (!found) throw new BerkasError('OUTBOX_NOT_FOUND', `Paket dengan id ${id} tidak ada di kotak keluar.`, { field: 'id', id });
    return found;
  }

  function statusOf(id: string): OutboxStatus {
    const found = deps.repository.statusOf(id);
    if (!found) throw new BerkasError('OUTBOX_NOT_FOUND', `Paket dengan id ${id} tidak ada di kotak keluar.`, { field: 'id', id });
    return found;
  }

  const context = () => ({ now: deps.clock.now(), random: deps.random, backoff: deps.backoff });

  return {
    exclusive,
    item,

    /**
     * Applies one event and persists it. With `onlyIn`, an item that meanwhile
     * left those states (held, cancelled by the officer) is left alone: null.
     */
    apply(id: string, event: OutboxEvent, onlyIn?: readonly OutboxState[], change?: StatusChange): Promise<OutboxStatus | null> {
      return exclusive(async () => {
        const current = statusOf(id);
        if (onlyIn && !onlyIn.includes(current.state)) return null;
        const next = transition(current, event, context());
        if (next === current) return current;
        await deps.repository.saveStatus(id, next, change);
        return next;
      });
    },

    /**
     * One event for many packages in one durable write (one fsync, not one
     * each). A package that meanwhile left `onlyIn`, or can no longer take the
     * event (held since it was listed), is left alone. Returns how many changed.
     */
    applyAll(ids: readonly string[], event: OutboxEvent, onlyIn: readonly OutboxState[]): Promise<number> {
      return exclusive(async () => {
        const writes: StatusWrite[] = [];
        const ctx = context();
        for (const id of ids) {
          const current = deps.repository.statusOf(id);
          if (!current || !onlyIn.includes(current.state)) continue;
          try {
            const next = transition(current, event, ctx);
            if (next !== current) writes.push({ id, status: next });
          } catch (err) {
            if (!isBerkasError(err) || err.code !== 'OUTBOX_TRANSITION') throw err;
          }
        }
        await deps.repository.saveStatuses(writes);
        return writes.length;
      });
    },

    /** Resolves once every change asked for so far is written. */
    idle: () => mutations.catch(() => undefined),
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
