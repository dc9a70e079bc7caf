/**
 * The packages' states, changed one at a time: every event goes through the
 * pure state machine (core/domain/outbox/machine.ts) and is written before
 * anyone acts on it. Every change of the outbox passes here, so the store
 * also tells which packages changed since a moment (queue.ts keeps the
 * sender's list up to date from that instead of reading every row again).
 */
import { BerkasError, isBerkasError } from '../../domain/errors';
import type { BackoffPolicy, Random } from '../../domain/outbox/backoff';
import { transition, type OutboxEvent, type OutboxState, type OutboxStatus } from '../../domain/outbox/machine';
import type { Clock } from '../../ports';
import type { OutboxItemRecord, OutboxRepository, StatusChange, StatusWrite } from './ports';

/** One event waiting for the store's next write. */
interface Waiting {
  id: string;
  event: OutboxEvent;
  onlyIn: readonly OutboxState[] | null;
  change: StatusChange | null;
  resolve(status: OutboxStatus | null): void;
  reject(err: unknown): void;
}

/** How many changes the store remembers by package; an older moment gets null (read everything again). */
const changeLogSize = 512;

export function createOutboxStore(deps: { repository: OutboxRepository; clock: Clock; random: Random; backoff: BackoffPolicy }) {
  let mutations: Promise<unknown> = Promise.resolve();
  let revision = 0;
  // The package each change touched; null where it may have touched any (an insert, another table).
  const changes: { revision: number; id: string | null }[] = [];

  function changed(id: string | null): void {
    revision += 1;
    changes.push({ revision, id });
    if (changes.length > changeLogSize) changes.shift();
  }

  /** Runs `task` after every change before it: read-then-write never interleaves. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = mutations.then(task, task);
    mutations = run.catch(() => undefined);
    return run;
  }

  /** A change of the outbox other than a status (an insert, the enrollment, an export mark). */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    return serially(async () => {
      try {
        return await task();
      } finally {
        changed(null);
      }
    });
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

  // The events waiting for the next write, gathered while the one before it is on its way.
  let gathering: Waiting[] | null = null;

  /** One batch in call order: each event sees the ones before it; a refused one fails alone, a failed write fails them all. */
  async function applyGathered(batch: Waiting[]): Promise<void> {
    if (gathering === batch) gathering = null;
    const ctx = context();
    const latest = new Map<string, OutboxStatus>();
    const writes: StatusWrite[] = [];
    const done: { waiting: Waiting; result: OutboxStatus | null }[] = [];
    for (const w of batch) {
      try {
        const current = latest.get(w.id) ?? statusOf(w.id);
        if (w.onlyIn && !w.onlyIn.includes(current.state)) {
          done.push({ waiting: w, result: null });
          continue;
        }
        const next = transition(current, w.event, ctx);
        if (next !== current) {
          latest.set(w.id, next);
          writes.push(w.change ? { id: w.id, status: next, change: w.change } : { id: w.id, status: next });
        }
        done.push({ waiting: w, result: next });
      } catch (err) {
        w.reject(err);
      }
    }
    try {
      if (writes.length > 0) await deps.repository.saveStatuses(writes);
    } catch (err) {
      for (const d of done) d.waiting.reject(err);
      return;
    } finally {
      for (const w of writes) changed(w.id);
    }
    for (const d of done) d.waiting.resolve(d.result);
  }

  return {
    exclusive,
    item,

    /** Counts changes; with changedSince, what a reader of the queue needs to catch up. */
    revision: (): number => revision,

    /**
     * The packages whose status changed after `since` (a revision), or null when that is not known
     * (something else changed, or it is too long ago). Noted even when a write failed: a reader may
     * have seen it half-way, so it reads the package again.
     */
    changedSince(since: number): string[] | null {
      if (since === revision) return [];
      if (since > revision || changes.length === 0 || changes[0]!.revision > since + 1) return null;
      const ids = new Set<string>();
      for (const c of changes) {
        if (c.revision <= since) continue;
        if (c.id === null) return null;
        ids.add(c.id);
      }
      return [...ids];
    },

    /**
     * Applies one event and persists it; resolves once it is durable. Events asked for while an
     * earlier write is on its way are applied in order and written together (one fsync for a few
     * packages in flight). With `onlyIn`, an item that meanwhile left those states (held, cancelled
     * by the officer) is left alone: null.
     */
    apply(id: string, event: OutboxEvent, onlyIn?: readonly OutboxState[], change?: StatusChange): Promise<OutboxStatus | null> {
      return new Promise((resolve, reject) => {
        if (gathering === null) {
          const batch: Waiting[] = [];
          gathering = batch;
          void serially(() => applyGathered(batch));
        }
        gathering.push({ id, event, onlyIn: onlyIn ?? null, change: change ?? null, resolve, reject });
      });
    },

    /**
     * One event for many packages in one durable write (one fsync, not one
     * each). A package that meanwhile left `onlyIn`, or can no longer take the
     * event (held since it was listed), is left alone. Returns how many changed.
     */
    applyAll(ids: readonly string[], event: OutboxEvent, onlyIn: readonly OutboxState[]): Promise<number> {
      return serially(async () => {
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
        try {
          await deps.repository.saveStatuses(writes);
        } finally {
          for (const w of writes) changed(w.id);
        }
        return writes.length;
      });
    },

    /** Resolves once every change asked for so far is written. */
    idle: () => mutations.catch(() => undefined),
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
