/**
 * What the intake keeps, as records, and the IntakeRepository port over them
 * (implemented on sql.js and PostgreSQL by store/repository.ts).
 */
import type { Manifest } from '../protocol/manifest';
import type { ErrorSummary, Receipt, Review, ReviewStatus, SignatureSummary, SignerCheck, SubmissionState } from '../protocol/types';
import type { ConsoleFacts, ConsoleStore } from './console-store';

export interface Opd {
  code: string;
  name: string;
  createdAt: string;
}

export interface DeviceToken {
  id: string;
  opd: string;
  deviceName: string | null;
  appVersion: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface AdminToken {
  id: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A certificate Diskominfo registered as the OPD's own (`berkas server opd certificate add`). */
export interface OpdCertificate {
  opd: string;
  sha256: string;
  subject: string;
  derBase64: string;
  notAfter: string;
  label: string | null;
  addedAt: string;
}

export interface SubmissionRecord {
  id: string;
  opd: string;
  type: string;
  period: string;
  revisionOf: string | null;
  appVersion: string;
  mainDocument: string;
  reportType: string | null;
  profileId: string | null;
  manifestSha256: string;
  manifest: Manifest;
  state: SubmissionState;
  source: 'online' | 'import';
  totalBytes: number;
  fileCount: number;
  createdAt: string;
  committedAt: string | null;
  receipt: Receipt | null;
  signatures: SignatureSummary[];
  /** Null for submissions committed before the check existed (schema 2). */
  signerCheck: SignerCheck | null;
  review: Review & { by: string | null };
  lastError: ErrorSummary | null;
  updatedAt: string;
}

export type SaveManifestResult =
  | { kind: 'created' | 'same' | 'replaced' | 'committed-same'; record: SubmissionRecord }
  | { kind: 'conflict'; record: SubmissionRecord }
  | { kind: 'taken' };

export type CommitResult = { kind: 'committed' | 'already' | 'conflict'; record: SubmissionRecord } | { kind: 'not-found' } | { kind: 'taken' };

/** Blobs one request stored (and hashed) for an OPD: held from the transaction that records them. */
export interface HeldBlobs {
  opd: string;
  blobs: readonly { sha256: string; size: number }[];
}

/**
 * Everything an accepted submission writes, in ONE transaction: the receipt, signatures and signer check, the
 * console's facts and which submission a revision replaces — and for a whole submission (§5.3) its manifest
 * and its blobs' held marks too. The row's state is read again inside the transaction, so two nodes racing on
 * one submission accept it once and the loser gets the winner's record ('already').
 */
export interface CommitInput {
  id: string;
  manifestSha256: string;
  receipt: Receipt;
  signatures: SignatureSummary[];
  signerCheck: SignerCheck;
  now: string;
  /** Saves this manifest first when the row is absent or holds another open manifest; else the row must exist. */
  save?: { manifest: Manifest; source: 'online' | 'import' };
  held?: HeldBlobs;
  /** Computed before the transaction from the bytes in hand; null leaves them to the start-up backfill. */
  facts: ConsoleFacts | null;
}

export type RedeemResult = { kind: 'ok'; opd: Opd } | { kind: 'invalid' | 'used' | 'expired' };

export interface SubmissionFilter {
  opd?: string;
  type?: string;
  period?: string;
  reviewStatus?: ReviewStatus;
  state?: SubmissionState;
  updatedSince?: string;
  limit: number;
  offset?: number;
  /** Oldest change first (the app's polling) or newest commit first (the review list). */
  order: 'updated-asc' | 'committed-desc';
}

export type DecideResult = { kind: 'decided' | 'stale'; record: SubmissionRecord } | { kind: 'not-found' };

export interface IntakeRepository {
  readonly kind: 'sqljs' | 'postgres';
  readonly description: string;
  /** Reviewers, sessions, trust roots, catalog exclusions, facts and the console's list (schema 3). */
  readonly console: ConsoleStore;
  ensureOpd(code: string, name: string | null, now: string): Promise<Opd>;
  getOpd(code: string): Promise<Opd | null>;
  listOpds(): Promise<Opd[]>;
  addEnrollCode(input: { codeSha256: string; opd: string; createdAt: string; expiresAt: string }): Promise<void>;
  redeemEnrollCode(codeSha256: string, now: string, token: { id: string; tokenSha256: string; deviceName: string | null; appVersion: string | null }): Promise<RedeemResult>;
  findDeviceToken(tokenSha256: string): Promise<DeviceToken | null>;
  revokeDeviceTokens(filter: { tokenId?: string; opd?: string }, now: string): Promise<number>;
  listDeviceTokens(opd?: string): Promise<DeviceToken[]>;
  getSubmission(id: string): Promise<SubmissionRecord | null>;
  /** With `held` the blobs' marks, and with `lastError` the refusal of an open row, are written in the same transaction. */
  saveManifest(manifest: Manifest, sha256: string, source: 'online' | 'import', now: string, extra?: { held?: HeldBlobs; lastError?: ErrorSummary }): Promise<SaveManifestResult>;
  /** Size of a blob named by one of this OPD's open submissions, or null. */
  expectedBlobSize(opd: string, sha256: string): Promise<number | null>;
  heldBlobs(opd: string, sha256s: readonly string[]): Promise<Set<string>>;
  markBlobsHeld(opd: string, blobs: readonly { sha256: string; size: number }[], now: string): Promise<void>;
  commitSubmission(input: CommitInput): Promise<CommitResult>;
  setLastError(id: string, manifestSha256: string, error: ErrorSummary | null, now: string): Promise<void>;
  listSubmissions(filter: SubmissionFilter): Promise<SubmissionRecord[]>;
  countSubmissions(filter: Omit<SubmissionFilter, 'limit' | 'offset' | 'order'>): Promise<number>;
  /** expectedDecidedAt: the decision time the reviewer's page showed; another since then makes the decision 'stale'. */
  decide(
    id: string,
    status: Exclude<ReviewStatus, 'menunggu'>,
    note: string | null,
    by: { id: string; name: string | null },
    now: string,
    expectedDecidedAt?: string | null,
  ): Promise<DecideResult>;
  addAdminToken(input: { id: string; tokenSha256: string; label: string | null; createdAt: string }): Promise<void>;
  findAdminToken(tokenSha256: string): Promise<AdminToken | null>;
  /** 'exists' when this OPD already has this certificate. */
  addOpdCertificate(cert: OpdCertificate): Promise<'added' | 'exists'>;
  listOpdCertificates(opd?: string): Promise<OpdCertificate[]>;
  removeOpdCertificate(opd: string, sha256: string): Promise<boolean>;
  close(): Promise<void>;
}
