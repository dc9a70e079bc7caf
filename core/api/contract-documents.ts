import { z } from 'zod';
import { op } from './operation';
import type { DocumentSummary, DocumentView, SignedRevisionView, SignerDifference } from '../domain/documents/model';
import type { DocumentKind } from '../domain/documents/model';
import type { HandoverJobPhase } from '../domain/handover/views';
import type { OutboxItemView } from '../domain/outbox/views';
import type { SignPreview } from '../domain/signing/stamp';

/**
 * One document journey (issue 13): prepare → sign → send → receipt →
 * Diskominfo's decision → revision, for every kind (rencana-aksi, laporan,
 * serah-terima) through the same verbs. A document is named by its own id
 * (the plan, report or bundle); where a verb takes `id`, the id of one of its
 * signed revisions also works and names that revision.
 *
 * Signing keeps the signed file and the exact data.json in the workspace as
 * an immutable revision; sending queues that kept revision, never the draft
 * as it is now, and never asks for a file, a JSON, a type or a period.
 * Confirming is the UI's job: documentSignPreview (with the differences
 * between Pengaturan and the certificate) before documentSign, and the
 * "what is sent to whom" of documentSend's target before documentSend.
 */
const id = z.string().trim().min(1).max(64);
const secret = z.string().max(1000);
const filePath = z.string().min(1).max(4096);
const tsaUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\//, { message: 'Alamat TSA harus diawali http:// atau https://.' });

export interface DocumentSignPreview extends SignPreview {
  kind: DocumentKind;
  /** The revision number the signature will make. */
  revision: number;
  /**
   * A further signature (kepala OPD) on the newest signed revision's PDF, not
   * a new rendering: the data stays exactly as signed before.
   */
  isCountersign: boolean;
  /** What stops signing (the document's own errors), each naming its field; empty when it can be signed. */
  documentErrors: string[];
  /**
   * Differences between the officer in Pengaturan and the certificate holder
   * (name, NIP/NIK), for the first signature; the signature block names the
   * certificate holder. Non-empty: documentSign needs isSignerConfirmed.
   */
  signerDifferences: SignerDifference[];
}

export interface DocumentSignResult {
  document: DocumentView;
  /** The kept revision; null while a serah terima package is still being made (poll documentSignJob). */
  revision: SignedRevisionView | null;
  /** The background job of a serah terima package; null for a PDF, signed at once. */
  jobId: string | null;
}

export interface DocumentSignJob {
  jobId: string;
  documentId: string;
  done: boolean;
  phase: HandoverJobPhase;
  bytes: number;
  total: number;
  current: string | null;
  error: { code: string; message: string } | null;
  /** Set once the package is made, verified and kept. */
  revision: SignedRevisionView | null;
}

export interface DocumentSendResult {
  document: DocumentSummary;
  /** The outbox package; it waits there (and says why) when the device is not enrolled yet. */
  submission: OutboxItemView;
  /** Where it goes: the enrolled server and OPD, or null when the device is not enrolled. */
  destination: { serverUrl: string; opdCode: string; opdName: string } | null;
  /** One Indonesian sentence for the screen: sent to whom, or how to enrol. */
  message: string;
}

export interface DocumentFile {
  revisionId: string;
  fileName: string;
  mediaType: string;
  sha256: string;
  contentBase64: string;
}

export interface DocumentExported {
  revisionId: string;
  documentId: string;
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  /** Written from the outbox's package because the kept file is missing or altered (the same signed bytes, never re-signed). */
  isFromOutbox: boolean;
}

const signingOptions = {
  /** Password of an imported .p12 (asked at every signature); not needed for a self-signed certificate. */
  password: secret.exactOptional(),
  vaultPassphrase: secret.exactOptional(),
  /** RFC 3161 timestamp authority: the signature becomes PAdES B-T. */
  tsaUrl: tsaUrl.exactOptional(),
};

export const documentsContract = {
  /** Every document of every kind with its lifecycle state, the most recently changed first. */
  documentList: op(z.strictObject({})).returns<DocumentSummary[]>(),
  /** One document with every signed revision, its files' condition, outbox package and decision. */
  documentGet: op(z.strictObject({ id })).returns<DocumentView>(),
  /** What will be signed and by whom, and how Pengaturan and the certificate differ, before the officer confirms. */
  documentSignPreview: op(z.strictObject({ id, certificateId: id })).returns<DocumentSignPreview>(),
  /**
   * Signs the draft (or adds a further signature to the newest signed PDF)
   * and keeps the result as a new revision. Refused with SIGNER_DIFFERS while
   * the preview's signerDifferences are not confirmed.
   */
  documentSign: op(
    z.strictObject({
      id,
      certificateId: id,
      ...signingOptions,
      /** The officer saw signerDifferences and signs anyway. */
      isSignerConfirmed: z.boolean().exactOptional(),
      /** Rencana aksi: printed as "Nomor"; serah terima: the berita acara's number. */
      nomor: z.string().trim().max(100).exactOptional(),
      /** Rencana aksi: the kepala OPD named in the approval column. */
      approver: z.strictObject({ name: z.string().trim().max(200), nip: z.string().trim().max(40), jabatan: z.string().trim().max(200) }).exactOptional(),
      /** Serah terima: the officer saw the secrets found in the source and packages anyway. */
      isSecretsAcknowledged: z.boolean().exactOptional(),
    }),
  ).returns<DocumentSignResult>(),
  /** A serah terima package being made by documentSign. */
  documentSignJob: op(z.strictObject({ jobId: id })).returns<DocumentSignJob>(),
  /**
   * Queues the newest signed revision (its kept file and data.json) for
   * Diskominfo. Refused when it is already in the outbox; a revision of a
   * returned document is sent as the revision of that submission.
   */
  documentSend: op(z.strictObject({ id, isHeld: z.boolean().exactOptional() })).returns<DocumentSendResult>(),
  /** Starts a new draft revision of a returned (perlu revisi) document, with the reviewer's note beside it. */
  documentRevise: op(z.strictObject({ id })).returns<DocumentView>(),
  /** The signed PDF or the data.json of a revision, for download (an extra: sending never needs it). */
  documentFile: op(z.strictObject({ id, file: z.enum(['dokumen', 'data']) })).returns<DocumentFile>(),
  /**
   * Writes a revision's signed file (PDF or package ZIP) or data.json to outPath
   * on the computer that runs Berkas; `fromOutbox` writes it from the outbox's
   * package when the kept file is missing or altered.
   */
  documentExport: op(z.strictObject({ id, outPath: filePath, file: z.enum(['dokumen', 'data']).exactOptional(), fromOutbox: z.boolean().exactOptional() })).returns<DocumentExported>(),
};
