/**
 * A kept revision's files out of the workspace: for download (an extra,
 * never needed to send) and for a flash drive. A file missing or altered on
 * disk is refused by name; the same signed bytes can be written from the
 * outbox's package instead, checked against the hash the revision recorded.
 * Nothing is re-signed.
 */
import type { BlobStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { SignedRevision } from '../../domain/documents/model';
import type { Listing } from './listing';
import type { OutboxAccess, OutboxCopies } from './ports';
import { damagedFileError, type Revisions } from './revisions';

export type RevisionFileKind = 'dokumen' | 'data';

/** Larger than any PDF Berkas signs (limits.ts: 100 MB); a package is written to a path instead. */
const MAX_INLINE_BYTES = 100 * 1024 * 1024;

export interface ExportedRevisionFile {
  revisionId: string;
  documentId: string;
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  isFromOutbox: boolean;
}

export function createFiles(deps: { listing: Listing; revisions: Revisions; blobs: BlobStore; copies: OutboxCopies; outbox: () => OutboxAccess }) {
  const { listing, revisions } = deps;

  function revisionOf(id: string): SignedRevision {
    const { facts, named } = listing.resolve(id);
    const revision = named ?? facts.revisions.at(-1);
    if (!revision) throw new BerkasError('DOCUMENT_NOT_SIGNED', `"${facts.draft?.title ?? id}" belum ditandatangani; belum ada berkas bertanda tangan untuk diunduh.`, { field: 'id', title: facts.draft?.title ?? id });
    return revision;
  }

  const pick = (r: SignedRevision, which: RevisionFileKind) =>
    which === 'data'
      ? { sha256: r.dataSha256, size: r.dataSize, fileName: r.fileName.replace(/\.(pdf|zip)$/i, '') + '.json', mediaType: 'application/json' }
      : { sha256: r.fileSha256, size: r.fileSize, fileName: r.fileName, mediaType: r.mediaType };

  async function refuseDamaged(r: SignedRevision, which: RevisionFileKind): Promise<void> {
    const problems = (await revisions.problemsOf(r, revisions.itemsOf(r).length > 0)).filter((p) => p.file === which);
    if (problems.length > 0) throw damagedFileError(r, problems, '');
  }

  /** The same bytes from an outbox package of this revision, checked against the revision's hash. */
  async function fromOutbox(r: SignedRevision, which: RevisionFileKind): Promise<Uint8Array | null> {
    const wanted = pick(r, which).sha256;
    for (const item of revisions.itemsOf(r)) {
      const pkg = deps.outbox().packageOf(item.id);
      const file = pkg?.files.find((f) => f.sha256 === wanted);
      if (!pkg || !file) continue;
      const bytes = await deps.copies.extract(pkg.packageSha256, file.path, MAX_INLINE_BYTES);
      if (bytes && (await sha256Of(bytes)) === wanted) return bytes;
    }
    return null;
  }

  return {
    /** A revision's PDF or data.json in memory, for the screen's download button. */
    async file(id: string, which: RevisionFileKind): Promise<{ revisionId: string; fileName: string; mediaType: string; sha256: string; bytes: Uint8Array }> {
      const r = revisionOf(id);
      const f = pick(r, which);
      if (f.size > MAX_INLINE_BYTES) {
        throw new BerkasError('DOCUMENT_FILE_TOO_LARGE', `${f.fileName} terlalu besar untuk diunduh lewat tampilan; simpan ke sebuah folder dengan Ekspor.`, { id: r.id, fileName: f.fileName });
      }
      await refuseDamaged(r, which);
      const bytes = await deps.blobs.read(f.sha256);
      if ((await sha256Of(bytes)) !== f.sha256) await refuseDamaged(r, which);
      return { revisionId: r.id, fileName: f.fileName, mediaType: f.mediaType, sha256: f.sha256, bytes };
    },

    async exportTo(id: string, outPath: string, options: { which?: RevisionFileKind; isFromOutbox?: boolean } = {}): Promise<ExportedRevisionFile> {
      const r = revisionOf(id);
      const which = options.which ?? 'dokumen';
      const f = pick(r, which);
      const base = { revisionId: r.id, documentId: r.documentId, fileName: f.fileName };
      if (!options.isFromOutbox) {
        await refuseDamaged(r, which);
        const written = await deps.copies.writeBlob(f.sha256, outPath);
        return { ...base, ...written, sha256: f.sha256, isFromOutbox: false };
      }
      if (revisions.itemsOf(r).length === 0) {
        throw new BerkasError('DOCUMENT_NO_OUTBOX_COPY', `Revisi ${r.revision} "${r.title}" belum pernah masuk Kotak Keluar, jadi tidak ada salinannya di sana.`, { id: r.id, revision: r.revision, title: r.title });
      }
      if (r.mediaType === 'application/zip' && which === 'dokumen') {
        // The outbox holds the package as re-bagged for sending: other ZIP bytes, the same signed berita acara and files.
        const item = revisions.itemsOf(r)[0];
        const pkg = item ? deps.outbox().packageOf(item.id) : null;
        if (!pkg) throw new BerkasError('DOCUMENT_OUTBOX_PACKAGE_MISSING', `Paket Kotak Keluar untuk revisi ${r.revision} "${r.title}" tidak ditemukan.`, { id: r.id, revision: r.revision, title: r.title });
        const written = await deps.copies.writeBlob(pkg.packageSha256, outPath);
        return { ...base, ...written, fileName: `${r.fileName.replace(/\.zip$/i, '')}-kiriman.zip`, sha256: pkg.packageSha256, isFromOutbox: true };
      }
      const bytes = await fromOutbox(r, which);
      if (!bytes) {
        throw new BerkasError('DOCUMENT_OUTBOX_COPY_DAMAGED', `Salinan ${f.fileName} revisi ${r.revision} "${r.title}" di Kotak Keluar juga tidak utuh atau tidak ada; pulihkan dari cadangan.`, { id: r.id, fileName: f.fileName, revision: r.revision, title: r.title });
      }
      const written = await deps.copies.writeBytes(bytes, outPath);
      return { ...base, ...written, sha256: f.sha256, isFromOutbox: true };
    },
  };
}

async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
