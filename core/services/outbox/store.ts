/**
 * The packages' states, changed one at a time: every event goes through the
 * pure state machine (core/domain/outbox/machine.ts) and is written before
 * anyone acts on it.
 */
import { BerkasError } from '../../domain/errors';
import type { BackoffPolicy, Random } from '../../domain/outbox/backoff';
import { transition, type OutboxEvent, type OutboxState, type OutboxStatus } from '../../domain/outbox/machine';
import type { Clock } from '../../ports';
import type { OutboxItemRecord, OutboxRepository, StatusChange } from './ports';

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

  return {
    exclusive,
    item,

    /**
     * Applies one event and persists it. With `onlyIn`, an item that meanwhile
     * left those states (held, cancelled by the officer) is left alone: null.
     */
    apply(id: string, event: OutboxEvent, onlyIn?: readonly OutboxState[], change?: StatusChange): Promise<OutboxStatus | null> {
      return exclusive(async () => {
        const current = item(id).status;
        if (onlyIn && !onlyIn.includes(current.state)) return null;
        const next = transition(current, event, { now: deps.clock.now(), random: deps.random, backoff: deps.backoff });
        if (next === current) return current;
        await deps.repository.saveStatus(id, next, change);
        return next;
      });
    },

    /** Resolves once every change asked for so far is written. */
    idle: () => mutations.catch(() => undefined),
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
