/**
 * What the intake server answers (server/PROTOCOL.md §4–§8), as plain types
 * the outbox keeps and the UI shows, and the pure half of the receipt check:
 * which bytes the server signed and whether a receipt is the one for this
 * package. The Ed25519 verification itself is in the sync-client adapter.
 */
import { canonicalJson, isSha256, isSubmissionId } from './manifest';

/** The server's signed acknowledgement, the tanda terima (§8). */
export interface Receipt {
  submissionId: string;
  manifestSha256: string;
  /** ISO 8601 UTC: the commit time, never changes for that submission. */
  receivedAt: string;
  keyId: string;
  algorithm: 'Ed25519';
  /** base64url without padding, 64 bytes. */
  signature: string;
}

/** One receipt-signing key of the server (§8, GET /v1/keys). */
export interface ServerKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** base64url, raw 32 bytes. */
  publicKey: string;
  createdAt: string;
  isCurrent: boolean;
}

export const REVIEW_STATUSES = ['menunggu', 'diterima', 'perlu-revisi', 'ditolak'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Review {
  status: ReviewStatus;
  note: string | null;
  decidedAt: string | null;
}

export interface MissingBlob {
  sha256: string;
  size: number;
  /** Bytes the server already holds durably. */
  offset: number;
}

/** The answer to POST /v1/submissions (§5.1). */
export interface SubmissionOpened {
  submissionId: string;
  manifestSha256: string;
  state: 'open' | 'committed';
  missing: MissingBlob[];
  receipt: Receipt | null;
}

/** The answer to a commit (§6.1). */
export interface SubmissionCommitted {
  submissionId: string;
  manifestSha256: string;
  receipt: Receipt;
  review: Review | null;
}

/** GET /v1/submissions/{id} (§7). */
export interface SubmissionStatus {
  submissionId: string;
  manifestSha256: string;
  state: 'open' | 'committed';
  missing: MissingBlob[];
  receipt: Receipt | null;
  review: Review | null;
  lastError: { code: string; message: string } | null;
  updatedAt?: string;
}

export interface EnrolledDevice {
  token: string;
  tokenId: string;
  opd: { code: string; name: string };
  keys: ServerKey[];
}

/** The exact bytes (as text; UTF-8 on the wire) the receipt's signature covers (§8). */
export function receiptSignedText(receipt: Pick<Receipt, 'submissionId' | 'manifestSha256' | 'receivedAt' | 'keyId'>): string {
  return canonicalJson({ submissionId: receipt.submissionId, manifestSha256: receipt.manifestSha256, receivedAt: receipt.receivedAt, keyId: receipt.keyId });
}

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Why this receipt cannot be the one for the package sent (wrong id or hash,
 * malformed fields), in Indonesian, or null. The signature is checked apart.
 */
export function receiptProblem(receipt: unknown, expected: { submissionId: string; manifestSha256: string }): string | null {
  if (receipt === null || typeof receipt !== 'object') return 'server tidak mengirim tanda terima';
  const r = receipt as Partial<Receipt>;
  if (!isSubmissionId(r.submissionId)) return 'id kiriman pada tanda terima tidak sah';
  if (r.submissionId !== expected.submissionId) return `tanda terima untuk kiriman lain (${r.submissionId}), bukan ${expected.submissionId}`;
  if (!isSha256(r.manifestSha256)) return 'sidik manifes pada tanda terima tidak sah';
  if (r.manifestSha256 !== expected.manifestSha256) return 'sidik manifes pada tanda terima berbeda dengan paket yang dikirim';
  if (typeof r.receivedAt !== 'string' || !ISO_UTC_MS.test(r.receivedAt) || Number.isNaN(Date.parse(r.receivedAt))) return 'waktu terima pada tanda terima tidak sah';
  if (typeof r.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(r.keyId)) return 'id kunci pada tanda terima tidak sah';
  if (r.algorithm !== 'Ed25519') return `algoritme tanda terima "${String(r.algorithm).slice(0, 20)}" tidak dikenal`;
  if (typeof r.signature !== 'string' || !BASE64URL.test(r.signature) || r.signature.length !== 86) return 'tanda tangan pada tanda terima tidak sah';
  return null;
}

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}
