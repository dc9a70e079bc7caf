/**
 * The outbox store writes events asked for together (or while a write is on
 * its way) in one write, in order, each answered only once durable; a refused event fails
 * alone.
 */
import { createOutboxRepository } from '../../../../../core/adapters/repositories/outbox-repository';
import type { Database } from '../../../../../core/ports';
import type { OutboxRepository } from '../../../../../core/services/outbox/ports';
import { createOutboxStore } from '../../../../../core/services/outbox/store';
import { queuedItem } from './queued-item';
import { useTempDatabase } from '../../../../helpers/temp-database';

let db: Database;

useTempDatabase('berkas-outbox-store-', (opened) => {
  db = opened;
});

const at = new Date('2025-06-17T03:00:00Z');

it('writes the events asked for together in one write, in order, and answers each once it is durable', async () => {
  const base = createOutboxRepository(db);
  const writes: string[][] = [];
  const repository: OutboxRepository = {
    ...base,
    saveStatuses(batch) {
      writes.push(batch.map((w) => `${w.id}:${w.status.state}`));
      return base.saveStatuses(batch);
    },
    saveStatus(id, status, change) {
      writes.push([`${id}:${status.state}`]);
      return base.saveStatus(id, status, change);
    },
  };
  const store = createOutboxStore({ repository, clock: { now: () => at }, random: () => 0.5, backoff: { baseMs: 5, capMs: 20 } });
  for (const id of ['a', 'b', 'c']) {
    await base.insertItem(queuedItem(id, at));
  }
  // Asked together: one write for all of them, b's two events in order.
  const first = store.apply('a', { type: 'start' });
  const rest = [
    store.apply('b', { type: 'start' }, undefined, { uploads: [{ sha256: 'x', size: 10, offset: 4 }] }),
    store.apply('c', { type: 'resume' }),
    store.apply('b', { type: 'progress', bytesSent: 100 }, ['mengirim']),
    store.apply('c', { type: 'hold' }, ['antre']),
  ];
  const settled = Promise.allSettled(rest);
  // Asked once that write is on its way: the next write.
  await new Promise((r) => setImmediate(r));
  const later = store.apply('a', { type: 'progress', bytesSent: 50 });
  expect((await first)?.state).toBe('mengirim');
  expect((await later)?.bytesSent).toBe(50);
  const [b1, c1, b2, c2] = await settled;
  expect(b1).toMatchObject({ status: 'fulfilled', value: { state: 'mengirim' } });
  // c was not held: resuming it is refused, and only that event fails.
  expect(c1).toMatchObject({ status: 'rejected', reason: { code: 'OUTBOX_TRANSITION' } });
  expect(b2).toMatchObject({ status: 'fulfilled', value: { state: 'mengirim', bytesSent: 100 } });
  expect(c2).toMatchObject({ status: 'fulfilled', value: { state: 'antre', isHeld: true } });
  expect(writes).toEqual([['a:mengirim', 'b:mengirim', 'b:mengirim', 'c:antre'], ['a:mengirim']]);
  expect(base.statusOf('b')).toMatchObject({ state: 'mengirim', bytesSent: 100 });
  expect(base.statusOf('c')).toMatchObject({ isHeld: true });
  expect(base.uploads('b')).toEqual([{ sha256: 'x', size: 10, offset: 4 }]);
});
