/**
 * The documents table (migration 1) behind the DocumentRepository port, for
 * one kind. `label` names the kind in the officer's words when a stored
 * document cannot be read ("laporan", "berkas serah terima").
 */
import type { Database, DocumentRepository, StoredDocument } from '../../ports';
import { BerkasError } from '../../domain/errors';

interface Row {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  title: string;
  data: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export function createDocumentRepository(db: Database, kind: string, label: string): DocumentRepository {
  return {
    get(id) {
      const [row] = db.query<Row>('SELECT id, title, data, revision, created_at, updated_at FROM documents WHERE id = ? AND kind = ?', [id, kind]);
      if (!row) return null;
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        throw new BerkasError('DOCUMENT_CORRUPT', `Data ${label} ${id} di basis data rusak (bukan JSON).`, { field: 'id', id });
      }
      return { id: row.id, title: row.title, data, revision: row.revision, createdAt: row.created_at, updatedAt: row.updated_at } satisfies StoredDocument;
    },

    ids: () => db.query<{ id: string }>('SELECT id FROM documents WHERE kind = ? ORDER BY updated_at DESC', [kind]).map((r) => r.id),

    kindOf: (id) => db.query<{ kind: string }>('SELECT kind FROM documents WHERE id = ?', [id])[0]?.kind ?? null,

    insert: (doc) =>
      db.write([
        {
          sql: 'INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          params: [doc.id, kind, doc.title, JSON.stringify(doc.data), doc.revision, doc.createdAt, doc.updatedAt],
        },
      ]),

    update: (doc) =>
      db.write([
        {
          sql: 'UPDATE documents SET title = ?, data = ?, revision = ?, updated_at = ? WHERE id = ? AND kind = ?',
          params: [doc.title, JSON.stringify(doc.data), doc.revision, doc.updatedAt, doc.id, kind],
        },
      ]),

    remove: (id) => db.write([{ sql: 'DELETE FROM documents WHERE id = ? AND kind = ?', params: [id, kind] }]),
  };
}
