/**
 * What the documents journey keeps and reads (core/adapters/repositories/
 * signed-revision-repository.ts over the database, core/adapters/blob-check.ts
 * and core/adapters/submission/outbox-copies.ts over the blob store), and
 * what it asks of the other services, passed in by the composition root.
 */
import type { DocumentKind, SignedRevision } from '../../domain/documents/model';
import type { OutboxItemView } from '../../domain/outbox/views';

/** A document's own row (documents table) as the journey needs it: which kind, which draft revision. */
export interface DraftRecord {
  id: string;
  /** The documents table's kind ('rencana-aksi', 'report', 'handover'). */
  storedKind: string;
  title: string;
  /** documents.revision: bumped by every save (and by documentRevise). */
  revision: number;
  updatedAt: string;
}

export interface SignedRevisionRepository {
  byId(id: string): SignedRevision | null;
  /** One document's signed revisions, oldest first. */
  ofDocument(documentId: string): SignedRevision[];
  /** Every signed revision, oldest first. */
  all(): SignedRevision[];
  /** The revision whose signed PDF (a submission's main document) has these bytes. */
  byMainSha256(sha256: string): SignedRevision | null;
  /** Adds a revision; a second one with the same (document, revision) is refused (REVISION_CONFLICT). */
  insert(revision: SignedRevision): Promise<void>;
  draft(documentId: string): DraftRecord | null;
  drafts(): DraftRecord[];
  /**
   * A new draft revision of a signed document without changing its data: its
   * documents.revision moves past the signed one, so it reads as a draft
   * again and an editor opened before refreshes (REVISION_CONFLICT).
   */
  openDraft(documentId: string, at: string): Promise<DraftRecord>;
}

/** A kept blob checked against its name: present, and its bytes still hash to it. */
export type BlobCondition = 'utuh' | 'hilang' | 'berubah';

export interface BlobCheck {
  condition(sha256: string, size: number): Promise<BlobCondition>;
}

/**
 * The outbox's packages read back: a file of a package ZIP kept in the blob
 * store, for a revision whose own copy is missing or altered.
 */
export interface OutboxCopies {
  /** The bytes of `path` ("data/x.pdf") in the package ZIP `packageSha256`, or null when it is not there. */
  extract(packageSha256: string, path: string, maxBytes: number): Promise<Uint8Array | null>;
  /** Copies a file of the blob store to `outPath` (atomically; never over another existing file). */
  writeBlob(sha256: string, outPath: string): Promise<{ path: string; size: number }>;
  /** Writes bytes to `outPath` the same way. */
  writeBytes(bytes: Uint8Array, outPath: string): Promise<{ path: string; size: number }>;
}

/** What the documents service needs of the kotak keluar (the outbox service's own verbs). */
export interface OutboxAccess {
  /** Every package whose main document has these bytes, cancelled ones included, oldest first. */
  itemsWithMainDocument(sha256: string): OutboxItemView[];
  /** The package ZIP a package is kept as (blob). */
  packageOf(id: string): { packageSha256: string; mainDocument: string; files: { path: string; sha256: string }[] } | null;
  addPdf(input: {
    fileName: string;
    bytes: Uint8Array;
    data: unknown;
    type: DocumentKind;
    period: string;
    title: string;
    reportType?: string;
    revisionOf?: string;
    isHeld?: boolean;
  }): Promise<OutboxItemView>;
  addPackage(file: string, options: { isHeld?: boolean; revisionOf?: string }): Promise<OutboxItemView>;
  enrollment(): { serverUrl: string; opdCode: string; opdName: string; revokedAt: string | null } | null;
}
