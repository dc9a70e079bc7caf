import { createOutboxRepository } from '../../../../../core/adapters/repositories/outbox-repository';
import { newStatus, transition, type OutboxStatus } from '../../../../../core/domain/outbox/machine';
import type { Database } from '../../../../../core/ports';
import type { OutboxItemRecord } from '../../../../../core/services/outbox/ports';
import { useTempDatabase } from '../../../../helpers/temp-database';

let db: Database;

useTempDatabase('berkas-outbox-repo-', (opened) => {
  db = opened;
});

const at = new Date('2025-06-17T03:00:00Z');
const queued = (): OutboxStatus => transition(newStatus(at, 300), { type: 'enqueue' }, { now: at, random: () => 0.5 });

function item(id: string, mainSha256: string, status = queued()): Omit<OutboxItemRecord, 'seq' | 'exportedAt'> {
  return {
    id,
    title: `Paket ${id}`,
    type: 'laporan',
    opd: 'DISDIK',
    period: '2025-06',
    revisionOf: null,
    mainDocument: 'data/laporan.pdf',
    mainSha256,
    manifestJson: '{"files":[]}',
    manifestSha256: `m-${id}`,
    packageSha256: `p-${id}`,
    packageSize: 500,
    status,
    createdAt: at.toISOString(),
  };
}

describe('outbox repository over the database', () => {
  it('queues packages in order of arrival and reads them back as they were written', async () => {
    const repo = createOutboxRepository(db);
    const a = await repo.insertItem(item('a', 'sha-a'));
    const b = await repo.insertItem(item('b', 'sha-b'));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(repo.item('b')).toEqual(b);
    expect(repo.items().map((r) => r.id)).toEqual(['a', 'b']);
    expect(repo.item('tidak-ada')).toBeNull();
  });

  it('writes a status and its upload offsets together, and forgets the offsets on delivery', async () => {
    const repo = createOutboxRepository(db);
    await repo.insertItem(item('a', 'sha-a'));
    const sending = transition(queued(), { type: 'start' }, { now: at, random: () => 0.5 });
    await repo.saveStatus('a', sending, { uploads: [{ sha256: 'x', size: 10, offset: 4 }, { sha256: 'y', size: 20, offset: 20 }] });
    expect(repo.item('a')?.status.state).toBe('mengirim');
    expect(repo.itemsIn(['mengirim']).map((r) => r.id)).toEqual(['a']);
    expect(repo.itemsIn(['antre'])).toEqual([]);
    await repo.saveStatus('a', sending, { uploads: [{ sha256: 'x', size: 10, offset: 10 }] });
    expect(repo.uploads('a')).toEqual([
      { sha256: 'x', size: 10, offset: 10 },
      { sha256: 'y', size: 20, offset: 20 },
    ]);
    await repo.saveStatus('a', sending, { clearUploads: true });
    expect(repo.uploads('a')).toEqual([]);
  });

  it("lists the sender's queue without manifests, and writes several statuses at once", async () => {
    const repo = createOutboxRepository(db);
    await repo.insertItem(item('a', 'sha-a'));
    await repo.insertItem(item('b', 'sha-b'));
    await repo.insertItem(item('c', 'sha-c'));
    const sending = transition(queued(), { type: 'start' }, { now: at, random: () => 0.5 });
    const cancelled = transition(queued(), { type: 'cancel' }, { now: at, random: () => 0.5 });
    await repo.saveStatuses([
      { id: 'a', status: sending, change: { uploads: [{ sha256: 'x', size: 10, offset: 4 }] } },
      { id: 'c', status: cancelled },
    ]);
    expect(repo.queue(['antre', 'mengirim'])).toEqual([
      { id: 'a', seq: 1, status: sending },
      { id: 'b', seq: 2, status: queued() },
    ]);
    expect(repo.queue([])).toEqual([]);
    expect(repo.statusOf('c')).toEqual(cancelled);
    expect(repo.statusOf('tidak-ada')).toBeNull();
    expect(repo.uploads('a')).toEqual([{ sha256: 'x', size: 10, offset: 4 }]);
  });

  it('finds a signed document already queued, unless that package was cancelled', async () => {
    const repo = createOutboxRepository(db);
    await repo.insertItem(item('a', 'sama'));
    expect(repo.itemWithMainDocument('sama')?.id).toBe('a');
    await repo.saveStatus('a', transition(queued(), { type: 'cancel' }, { now: at, random: () => 0.5 }));
    expect(repo.itemWithMainDocument('sama')).toBeNull();
    // Migration 12: the look-up by the signed document's hash reads its index, not every row.
    const plan = db.query<{ detail: string }>("EXPLAIN QUERY PLAN SELECT * FROM outbox_items WHERE main_sha256 = ? AND state <> 'dibatalkan' ORDER BY seq LIMIT 1", ['sama']);
    expect(plan.map((r) => r.detail).join(' ')).toContain('outbox_items_main_sha256');
  });

  it('keeps one enrollment, and the first moment the server refused its token', async () => {
    const repo = createOutboxRepository(db);
    expect(repo.enrollment()).toBeNull();
    const keys = [{ keyId: 'k1', algorithm: 'Ed25519' as const, publicKey: 'x', createdAt: at.toISOString(), isCurrent: true }];
    const e = { serverUrl: 'https://intake.example', opdCode: 'DISDIK', opdName: 'Dinas Pendidikan', tokenId: 't1', deviceName: 'PC', vaultName: 'sync-device-token', keys, enrolledAt: at.toISOString() };
    await repo.saveEnrollment(e);
    await repo.saveEnrollment({ ...e, tokenId: 't2' });
    expect(repo.enrollment()).toEqual({ ...e, tokenId: 't2', revokedAt: null, reviewsSince: null });
    await repo.markRevoked('2025-07-01T00:00:00.000Z');
    await repo.markRevoked('2025-08-01T00:00:00.000Z');
    await repo.saveReviewsSince('2025-06-30T00:00:00.000Z');
    expect(repo.enrollment()).toMatchObject({ revokedAt: '2025-07-01T00:00:00.000Z', reviewsSince: '2025-06-30T00:00:00.000Z' });
  });
});
