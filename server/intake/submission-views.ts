/**
 * What the intake answers about a submission (PROTOCOL.md §7) and about a
 * flash-drive import, and the two refusals every path shares: the id taken
 * with other contents (409), and an id this OPD does not know (404).
 */
import { IntakeError } from '../protocol/errors';
import type { ErrorSummary, MissingBlob, Receipt, ReviewStatus, SignerCheck } from '../protocol/types';
import type { SubmissionRecord } from '../store/repository';

/** What GET /v1/submissions/{id} answers (PROTOCOL.md §7). */
export interface SubmissionView {
  submissionId: string;
  opd: string;
  type: string;
  period: string;
  revisionOf: string | null;
  manifestSha256: string;
  state: 'open' | 'committed';
  missing?: MissingBlob[];
  receipt: Receipt | null;
  review: { status: ReviewStatus; note: string | null; decidedAt: string | null };
  lastError: ErrorSummary | null;
  updatedAt: string;
}

export interface ImportResult {
  submissionId: string;
  opd: string;
  manifestSha256: string;
  receipt: Receipt;
  /** True when this id and hash were already committed (online or an earlier import). */
  isDuplicate: boolean;
  /** Whether the signer is the OPD's (PROTOCOL.md §6.3); null for a duplicate committed before the check existed. */
  signerCheck: SignerCheck | null;
}

export function conflictError(record: SubmissionRecord): IntakeError {
  return new IntakeError(
    'SUBMISSION_CONFLICT',
    `Pengiriman ${record.id} sudah diterima server dengan isi lain (SHA-256 manifes ${record.manifestSha256}). Paket yang sudah terkirim tidak dapat diganti; buat paket baru, atau revisi yang merujuk pengiriman itu.`,
    {
      extra: {
        server: { submissionId: record.id, manifestSha256: record.manifestSha256, state: record.state, receivedAt: record.committedAt, receipt: record.receipt },
      },
    },
  );
}

export function notFound(id: string): IntakeError {
  return new IntakeError('SUBMISSION_NOT_FOUND', `Pengiriman ${id} tidak ditemukan di server untuk OPD ini; kirim manifesnya terlebih dahulu.`);
}
