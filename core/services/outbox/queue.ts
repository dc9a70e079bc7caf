/**
 * The sender's list to choose from: the packages in some states (id, seq and
 * status, oldest first), read in full once and then kept up to date from the
 * store's notes of what changed, so only the packages that changed are read
 * again. The sender asks on every turn: a backlog of n packages then costs
 * O(n) once, not O(n) for every package sent (issue 16). Whenever the store
 * cannot say what changed (an insert, a change long ago), it is read in full.
 */
import type { OutboxState, OutboxStatus } from '../../domain/outbox/machine';
import type { OutboxRepository, QueueEntry } from './ports';
import type { OutboxStore } from './store';

export function createQueueView(deps: { repository: OutboxRepository; store: Pick<OutboxStore, 'revision' | 'changedSince'> }, states: readonly OutboxState[]) {
  let seen: number | null = null;
  let entries: readonly QueueEntry[] = [];

  function readAll(): readonly QueueEntry[] {
    seen = deps.store.revision();
    entries = deps.repository.queue(states);
    return entries;
  }

  return {
    /** The packages in `states`, oldest first, as the database holds them now. Not to be changed by the caller. */
    read(): readonly QueueEntry[] {
      const ids = seen === null ? null : deps.store.changedSince(seen);
      if (ids === null) return readAll();
      if (ids.length === 0) return entries;
      const revision = deps.store.revision();
      const listed = new Set(entries.map((e) => e.id));
      // The new status of each changed package still in `states`; null for one that left them.
      const fresh = new Map<string, OutboxStatus | null>();
      for (const id of ids) {
        const status = deps.repository.statusOf(id);
        const isIn = status !== null && states.includes(status.state);
        // One that joined needs its place in the order: read everything.
        if (!listed.has(id)) {
          if (isIn) return readAll();
          continue;
        }
        fresh.set(id, isIn ? status : null);
      }
      entries = entries.flatMap((e) => {
        if (!fresh.has(e.id)) return [e];
        const status = fresh.get(e.id);
        return status ? [{ ...e, status }] : [];
      });
      seen = revision;
      return entries;
    },
  };
}
