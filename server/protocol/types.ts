/** JSON shapes of the protocol (PROTOCOL.md §5–§8) shared by the server's layers. */
export type SubmissionState = 'open' | 'committed';
export type ReviewStatus = 'menunggu' | 'diterima' | 'perlu-revisi' | 'ditolak';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['menunggu', 'diterima', 'perlu-revisi', 'ditolak'];

export interface Receipt {
  submissionId: string;
  manifestSha256: string;
  receivedAt: string;
  keyId: string;
  algorithm: 'Ed25519';
  /** base64url without padding. */
  signature: string;
}

export interface MissingBlob {
  sha256: string;
  size: number;
  offset: number;
}

export interface Review {
  status: ReviewStatus;
  note: string | null;
  decidedAt: string | null;
}

export interface ErrorSummary {
  code: string;
  message: string;
}

/** One intact-or-not signature of the main document, as the review page shows it. */
export interface SignatureSummary {
  field: string;
  signer: string;
  nip: string | null;
  signedAt: string | null;
  integrity: 'valid' | 'invalid';
  certificate: 'trusted' | 'untrusted' | 'expired';
  problems: string[];
}
