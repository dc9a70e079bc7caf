/**
 * A document an officer makes (rencana aksi, laporan, berkas serah terima) as
 * one journey: the draft, its signed revisions kept in the workspace, the
 * outbox package of the newest one, and Diskominfo's decision. What the
 * documents operations return (core/api/contract-documents.ts), the same to
 * every screen and the CLI.
 *
 * A signed revision is immutable: the signed file (PDF, or the package ZIP of
 * a serah terima) and the exact data.json it was signed with are blobs named
 * by their SHA-256. A second signature or an edit makes the next revision,
 * which names the one it replaces (`revisionOf`).
 */
import type { OutboxState } from '../outbox/machine';
import { SUBMISSION_TYPES, type SubmissionType } from '../outbox/manifest';
import type { Review } from '../outbox/protocol';
import type { DocumentState, QueueDetail } from './lifecycle';

/** The kinds are the submission types: one word for a document and what it becomes on the server. */
export const DOCUMENT_KINDS = SUBMISSION_TYPES;
export type DocumentKind = SubmissionType;

export const documentKindLabels: Record<DocumentKind, string> = {
  'rencana-aksi': 'Rencana aksi',
  laporan: 'Laporan',
  'serah-terima': 'Berkas serah terima',
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** Who signed a revision, as the certificate says (not as Pengaturan says). */
export interface RevisionSigner {
  name: string;
  nip: string | null;
  nik: string | null;
  /** Hex SHA-256 of the signer's DER certificate. */
  fingerprintSha256: string;
  /** Issued by a certification authority (BSrE); false for a self-signed certificate. */
  isCertified: boolean;
}

/** One signed revision as it is kept (one row of signed_revisions, migration 10). */
export interface SignedRevision {
  id: string;
  documentId: string;
  kind: DocumentKind;
  title: string;
  /** The submission period (PROTOCOL.md §2.1): "2026", "2026-T3", "2026-07-14". */
  period: string;
  /** 1, 2, 3 … per document. */
  revision: number;
  /** The signed revision this one replaces (an earlier signature or the returned one), or null for the first. */
  revisionOf: string | null;
  signer: RevisionSigner;
  signedAt: string;
  /** The signed file: "rencana-aksi-….pdf", "laporan-….pdf", "serah-terima-….zip". */
  fileName: string;
  mediaType: 'application/pdf' | 'application/zip';
  fileSha256: string;
  fileSize: number;
  /** The signed PDF a submission names as its main document: the file itself, or a package's berita acara. */
  mainSha256: string;
  /** The data.json bytes signed with it (a blob). */
  dataSha256: string;
  dataSize: number;
  /** A report's type key in its region profile (bag-info Berkas-Report-Type). */
  reportType: string | null;
  level: 'B-B' | 'B-T' | null;
  pages: number;
  /** The document's draft revision (documents.revision) the signature was made from. */
  draftRevision: number;
  createdAt: string;
}

/** What is wrong with a kept file on disk, named so the officer can act on it. */
export interface RevisionFileProblem {
  /** The signed revision whose file it is (what `documentExport … fromOutbox` takes). */
  revisionId: string;
  file: 'dokumen' | 'data';
  condition: 'hilang' | 'berubah';
  sha256: string;
  /** The outbox holds a package with this revision's signed file: the same bytes can be exported from it. */
  hasOutboxCopy: boolean;
  /** Bahasa Indonesia, naming the revision, the file and what can be done (screen words: no command line flags). */
  message: string;
}

/** The outbox package made from a signed revision. */
export interface RevisionSubmission {
  /** The submission id (outbox item id). */
  id: string;
  state: OutboxState;
  isHeld: boolean;
  /** The submission it was sent as a revision of, on the server. */
  revisionOf: string | null;
  receivedAt: string | null;
  review: Review | null;
}

export interface SignedRevisionView extends SignedRevision {
  /** Empty when both blobs are present with the bytes their names promise. */
  problems: RevisionFileProblem[];
  submission: RevisionSubmission | null;
  /**
   * The outbox holds a package with this revision's signed file, from which
   * a damaged file can be exported again byte for byte (never re-signed).
   */
  hasOutboxCopy: boolean;
}

/** Diskominfo's decision on the newest revision that reached it. */
export interface DocumentReview extends Review {
  /** The signed revision the decision is about. */
  revisionId: string;
  revision: number;
  submissionId: string;
}

export interface DocumentSummary {
  /** The document's id (the plan, report or bundle); stays the same across revisions. */
  id: string;
  kind: DocumentKind;
  title: string;
  period: string;
  /** The newest revision's number: the signed one, or the draft after it (signed + 1). */
  revision: number;
  /** The signed revision the newest revision replaces, or null. */
  revisionOf: string | null;
  state: DocumentState;
  /** What the outbox is doing, only for "antre". */
  queue: QueueDetail | null;
  /** "Antre untuk dikirim (ditahan)": the state in one Indonesian line. */
  stateLabel: string;
  /** The newest signed revision, or null when never signed. */
  signedRevisionId: string | null;
  /** The outbox package of the newest signed revision, or null. */
  submissionId: string | null;
  /** The decision on the newest revision Diskominfo has seen; kept while a new draft answers it. */
  review: DocumentReview | null;
  /** The draft answers a return (perlu revisi): the reviewer's note it answers. */
  revisionNote: string | null;
  /** Problems of every kept revision's files, newest revision first. */
  problems: RevisionFileProblem[];
  updatedAt: string;
  /** A report's type key; null for other kinds. */
  reportType: string | null;
}

export interface DocumentView extends DocumentSummary {
  /** Every signed revision, newest first. */
  revisions: SignedRevisionView[];
  /** What the officer can do next, each a verb of the contract. */
  actions: DocumentActions;
}

export interface DocumentActions {
  /** documentSign: a draft, or a further signature on the newest signed revision (not for a package). */
  canSign: boolean;
  /** documentSend: the newest signed revision is not in the outbox yet and its files are whole. */
  canSend: boolean;
  /** documentRevise: Diskominfo returned the newest revision (perlu revisi) and no draft answers it yet. */
  canRevise: boolean;
  /** documentExport: the newest signed revision's file can be written out (kept, or from the outbox copy). */
  canExport: boolean;
}

/** A difference between the officer in Pengaturan and the certificate about to sign. */
export interface SignerDifference {
  field: 'name' | 'nip';
  /** What Pengaturan says ('' when empty). */
  settings: string;
  /** What the certificate says ('' when it names none). */
  certificate: string;
  message: string;
}
