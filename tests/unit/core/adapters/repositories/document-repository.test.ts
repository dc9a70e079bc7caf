import { createDocumentRepository } from '../../../../../core/adapters/repositories/document-repository';
import type { Database } from '../../../../../core/ports';
import { useTempDatabase } from '../../../../helpers/temp-database';

let db: Database;

useTempDatabase('berkas-documents-', (opened) => {
  db = opened;
});

const doc = (id: string, at: string) => ({ id, title: `Dokumen ${id}`, data: { v: 1, isi: id }, revision: 1, createdAt: at, updatedAt: at });

describe('document repository over the documents table', () => {
  it('keeps each kind to itself, lists the most recently changed first, and knows whose an id is', async () => {
    const reports = createDocumentRepository(db, 'report', 'laporan');
    const bundles = createDocumentRepository(db, 'handover', 'berkas serah terima');
    await reports.insert(doc('a', '2025-01-01T00:00:00.000Z'));
    await reports.insert(doc('b', '2025-01-02T00:00:00.000Z'));
    await bundles.insert(doc('c', '2025-01-03T00:00:00.000Z'));
    expect(reports.ids()).toEqual(['b', 'a']);
    expect(bundles.ids()).toEqual(['c']);
    expect(reports.get('c')).toBeNull();
    expect(reports.kindOf('c')).toBe('handover');
    expect(reports.kindOf('x')).toBeNull();
    await reports.update({ id: 'a', title: 'Baru', data: { v: 1, isi: 'baru' }, revision: 2, updatedAt: '2025-02-01T00:00:00.000Z' });
    expect(reports.get('a')).toEqual({ id: 'a', title: 'Baru', data: { v: 1, isi: 'baru' }, revision: 2, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-02-01T00:00:00.000Z' });
    expect(reports.ids()).toEqual(['a', 'b']);
    // Another kind's document is neither changed nor removed through this one.
    await reports.remove('c');
    expect(bundles.get('c')?.title).toBe('Dokumen c');
  });

  it('names the document whose stored JSON cannot be read', async () => {
    await db.write([{ sql: "INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES ('r1', 'report', 'x', '{rusak', 1, 'a', 'a')" }]);
    expect(() => createDocumentRepository(db, 'report', 'laporan').get('r1')).toThrow(expect.objectContaining({ code: 'DOCUMENT_CORRUPT', message: 'Data laporan r1 di basis data rusak (bukan JSON).' }));
  });
});
