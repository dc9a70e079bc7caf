/**
 * The signed_revisions table (migration 10) behind the SignedRevisionRepository
 * port, and the documents table's revision counter the journey reads and, for
 * documentRevise, moves on. Rows are never updated or deleted (the table's
 * triggers refuse it).
 */
import type { Database } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { isDocumentKind, type SignedRevision } from '../../domain/documents/model';
import type { DraftRecord, SignedRevisionRepository } from '../../services/documents/ports';

interface Row {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  document_id: string;
  kind: string;
  title: string;
  period: string;
  revision: number;
  revision_of: string | null;
  signer_name: string;
  signer_nip: string | null;
  signer_nik: string | null;
  signer_fingerprint: string;
  signer_is_certified: number;
  signed_at: string;
  file_name: string;
  media_type: string;
  file_sha256: string;
  file_size: number;
  main_sha256: string;
  data_sha256: string;
  data_size: number;
  report_type: string | null;
  level: string | null;
  pages: number;
  draft_revision: number;
  created_at: string;
}

interface DraftRow {
  [key: string]: string | number | null | Uint8Array;
  id: string;
  kind: string;
  title: string;
  revision: number;
  updated_at: string;
}

const COLUMNS =
  'id, document_id, kind, title, period, revision, revision_of, signer_name, signer_nip, signer_nik, signer_fingerprint, signer_is_certified, signed_at, file_name, media_type, file_sha256, file_size, main_sha256, data_sha256, data_size, report_type, level, pages, draft_revision, created_at';

function toRevision(row: Row): SignedRevision {
  if (!isDocumentKind(row.kind)) throw new BerkasError('DOCUMENT_CORRUPT', `Revisi bertanda tangan ${row.id} berjenis "${row.kind}" yang tidak dikenal.`, { id: row.id });
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    title: row.title,
    period: row.period,
    revision: row.revision,
    revisionOf: row.revision_of,
    signer: { name: row.signer_name, nip: row.signer_nip, nik: row.signer_nik, fingerprintSha256: row.signer_fingerprint, isCertified: row.signer_is_certified === 1 },
    signedAt: row.signed_at,
    fileName: row.file_name,
    mediaType: row.media_type === 'application/zip' ? 'application/zip' : 'application/pdf',
    fileSha256: row.file_sha256,
    fileSize: row.file_size,
    mainSha256: row.main_sha256,
    dataSha256: row.data_sha256,
    dataSize: row.data_size,
    reportType: row.report_type,
    level: row.level === 'B-B' || row.level === 'B-T' ? row.level : null,
    pages: row.pages,
    draftRevision: row.draft_revision,
    createdAt: row.created_at,
  };
}

const toDraft = (row: DraftRow): DraftRecord => ({ id: row.id, storedKind: row.kind, title: row.title, revision: row.revision, updatedAt: row.updated_at });

export function createSignedRevisionRepository(db: Database): SignedRevisionRepository {
  const select = (where: string, params: (string | number)[]) => db.query<Row>(`SELECT ${COLUMNS} FROM signed_revisions ${where}`, params).map(toRevision);
  const draft = (id: string) => {
    const [row] = db.query<DraftRow>('SELECT id, kind, title, revision, updated_at FROM documents WHERE id = ?', [id]);
    return row ? toDraft(row) : null;
  };

  return {
    byId: (id) => select('WHERE id = ?', [id])[0] ?? null,
    ofDocument: (documentId) => select('WHERE document_id = ? ORDER BY revision', [documentId]),
    all: () => select('ORDER BY created_at, document_id, revision', []),
    byMainSha256: (sha256) => select('WHERE main_sha256 = ? ORDER BY revision DESC LIMIT 1', [sha256])[0] ?? null,

    async insert(r) {
      try {
        await db.write([
          {
            sql: `INSERT INTO signed_revisions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            params: [
              r.id,
              r.documentId,
              r.kind,
              r.title,
              r.period,
              r.revision,
              r.revisionOf,
              r.signer.name,
              r.signer.nip,
              r.signer.nik,
              r.signer.fingerprintSha256,
              r.signer.isCertified ? 1 : 0,
              r.signedAt,
              r.fileName,
              r.mediaType,
              r.fileSha256,
              r.fileSize,
              r.mainSha256,
              r.dataSha256,
              r.dataSize,
              r.reportType,
              r.level,
              r.pages,
              r.draftRevision,
              r.createdAt,
            ],
          },
        ]);
      } catch (err) {
        if (isBerkasError(err) && err.code === 'DB_WRITE_REJECTED' && /UNIQUE/i.test(err.message)) {
          throw new BerkasError('REVISION_CONFLICT', `Revisi ${r.revision} "${r.title}" sudah tersimpan oleh penandatanganan lain pada saat yang sama; muat ulang dokumennya.`, {
            id: r.documentId,
            title: r.title,
          });
        }
        throw err;
      }
    },

    draft,
    drafts: () => db.query<DraftRow>('SELECT id, kind, title, revision, updated_at FROM documents ORDER BY updated_at DESC').map(toDraft),

    async openDraft(documentId, at) {
      await db.write([{ sql: 'UPDATE documents SET revision = revision + 1, updated_at = ? WHERE id = ?', params: [at, documentId] }]);
      const opened = draft(documentId);
      if (!opened) throw new BerkasError('NOT_FOUND', `Dokumen ${documentId} tidak ditemukan.`, { field: 'id', id: documentId });
      return opened;
    },
  };
}
