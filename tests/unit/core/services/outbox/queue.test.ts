/**
 * The sender's queue view: after any sequence of changes through the store it
 * lists exactly what a full read of the database lists, while reading again
 * only the packages that changed.
 */
import { createOutboxRepository } from '../../../../../core/adapters/repositories/outbox-repository';
import type { OutboxEvent, OutboxState } from '../../../../../core/domain/outbox/machine';
import type { Database } from '../../../../../core/ports';
import type { OutboxRepository } from '../../../../../core/services/outbox/ports';
import { createQueueView } from '../../../../../core/services/outbox/queue';
import { createOutboxStore } from '../../../../../core/services/outbox/store';
import { queuedItem } from './queued-item';
import { useTempDatabase } from '../../../../helpers/temp-database';

let db: Database;

useTempDatabase('berkas-outbox-queue-', (opened) => {
  db = opened;
});

const at = new Date('2025-06-17T03:00:00Z');
const states: readonly OutboxState[] = ['antre', 'belum-pasti', 'mengirim'];

function setup() {
  const repository = createOutboxRepository(db);
  const store = createOutboxStore({ repository, clock: { now: () => at }, random: () => 0.5, backoff: { baseMs: 5, capMs: 20 } });
  let statusReads = 0;
  const counted: OutboxRepository = {
    ...repository,
    statusOf(id) {
      statusReads += 1;
      return repository.statusOf(id);
    },
  };
  const view = createQueueView({ repository: counted, store }, states);
  const add = (id: string) => store.exclusive(() => repository.insertItem(queuedItem(id, at)));
  return { repository, store, view, add, statusReads: () => statusReads };
}

describe('the sender queue view', () => {
  it('lists what a full read lists after every change, reading again only what changed', async () => {
    const { repository, store, view, add, statusReads } = setup();
    for (const id of ['a', 'b', 'c', 'd']) await add(id);
    const same = () => expect(view.read()).toEqual(repository.queue(states));
    same();
    const steps: [string, OutboxEvent][] = [
      ['b', { type: 'start' }],
      ['a', { type: 'hold' }],
      ['b', { type: 'uncertain', error: { code: 'NETWORK_RESET', message: 'putus' } }],
      ['c', { type: 'cancel' }],
      ['a', { type: 'resume' }],
      ['b', { type: 'resolve', outcome: 'open' }],
      ['d', { type: 'start' }],
      ['d', { type: 'refuse', error: { code: 'X', message: 'ditolak' } }],
    ];
    for (const [id, event] of steps) {
      await store.apply(id, event);
      const before = statusReads();
      same();
      expect(statusReads() - before).toBe(1);
    }
    // Back from "gagal" into the queue: it needs its place again, so everything is read.
    await store.apply('d', { type: 'sendNow' });
    same();
    await add('e');
    same();
    // Nothing changed: nothing read.
    const before = statusReads();
    same();
    expect(statusReads()).toBe(before);
  });

  it('reads everything again when more changed than the store remembers', async () => {
    const { repository, store, view, add } = setup();
    await add('a');
    await add('b');
    view.read();
    for (let i = 0; i < 300; i++) {
      await store.apply('a', { type: 'hold' });
      await store.apply('a', { type: 'resume' });
    }
    await store.apply('b', { type: 'start' });
    expect(store.changedSince(0)).toBeNull();
    expect(view.read()).toEqual(repository.queue(states));
  });
});
