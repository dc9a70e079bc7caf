/**
 * Rows of the intake's tables as records, and the statements shared by the
 * repository's transactions that read or put a submission in place. The same
 * SQL on sql.js and PostgreSQL (store/schema.ts).
 */
import type { Manifest } from '../protocol/manifest';
import { blobsOf, totalBytes } from '../protocol/manifest';
import type { ErrorSummary, Receipt, ReviewStatus, SignatureSummary, SignerCheck, SubmissionState } from '../protocol/types';
import type { Row, SqlParam, SqlTx } from './sql-runner';
import type { DeviceToken, Opd, SubmissionRecord } from './intake-records';

export const SUBMISSION_COLUMNS = `id, opd, type, period, revision_of, app_version, main_document, report_type, profile_id, manifest_sha256,
  manifest_json, state, source, total_bytes, file_count, created_at, committed_at, receipt_json, signatures_json,
  review_status, review_note, review_decided_at, review_by, last_error_json, updated_at, signer_check_json`;

export function str(row: Row, key: string): string {
  return String(row[key]);
}

export function optStr(row: Row, key: string): string | null {
  const v = row[key];
  return v === null || v === undefined ? null : String(v);
}

export function json<T>(row: Row, key: string): T | null {
  const v = row[key];
  return v === null || v === undefined ? null : (JSON.parse(String(v)) as T);
}

export function toSubmission(row: Row): SubmissionRecord {
  return {
    id: str(row, 'id'),
    opd: str(row, 'opd'),
    type: str(row, 'type'),
    period: str(row, 'period'),
    revisionOf: optStr(row, 'revision_of'),
    appVersion: str(row, 'app_version'),
    mainDocument: str(row, 'main_document'),
    reportType: optStr(row, 'report_type'),
    profileId: optStr(row, 'profile_id'),
    manifestSha256: str(row, 'manifest_sha256'),
    manifest: json<Manifest>(row, 'manifest_json') as Manifest,
    state: str(row, 'state') as SubmissionState,
    source: str(row, 'source') as 'online' | 'import',
    totalBytes: Number(row.total_bytes),
    fileCount: Number(row.file_count),
    createdAt: str(row, 'created_at'),
    committedAt: optStr(row, 'committed_at'),
    receipt: json<Receipt>(row, 'receipt_json'),
    signatures: json<SignatureSummary[]>(row, 'signatures_json') ?? [],
    signerCheck: json<SignerCheck>(row, 'signer_check_json'),
    review: {
      status: str(row, 'review_status') as ReviewStatus,
      note: optStr(row, 'review_note'),
      decidedAt: optStr(row, 'review_decided_at'),
      by: optStr(row, 'review_by'),
    },
    lastError: json<ErrorSummary>(row, 'last_error_json'),
    updatedAt: str(row, 'updated_at'),
  };
}

export function toOpd(row: Row): Opd {
  return { code: str(row, 'code'), name: str(row, 'name'), createdAt: str(row, 'created_at') };
}

export function toDeviceToken(row: Row): DeviceToken {
  return {
    id: str(row, 'id'),
    opd: str(row, 'opd'),
    deviceName: optStr(row, 'device_name'),
    appVersion: optStr(row, 'app_version'),
    createdAt: str(row, 'created_at'),
    revokedAt: optStr(row, 'revoked_at'),
  };
}

export async function selectSubmission(q: Pick<SqlTx, 'all'>, id: string): Promise<SubmissionRecord | null> {
  const rows = await q.all(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE id = ?`, [id]);
  return rows[0] ? toSubmission(rows[0]) : null;
}

/** The statements that put a manifest's open submission in place (insert, or replace an open one). */
export async function writeOpenSubmission(tx: SqlTx, manifest: Manifest, sha256: string, source: string, now: string, isReplacing: boolean, createdAt: string): Promise<void> {
  const params: SqlParam[] = [
    manifest.submissionId,
    manifest.opd,
    manifest.type,
    manifest.period,
    manifest.revisionOf,
    manifest.appVersion,
    manifest.mainDocument,
    manifest.reportType ?? null,
    manifest.profileId ?? null,
    sha256,
    JSON.stringify(manifest),
    'open',
    source,
    totalBytes(manifest),
    manifest.files.length,
    createdAt,
    'menunggu',
    now,
  ];
  if (isReplacing) {
    await tx.run('DELETE FROM submission_blobs WHERE submission_id = ?', [manifest.submissionId]);
    await tx.run('DELETE FROM submissions WHERE id = ?', [manifest.submissionId]);
  }
  await tx.run(
    `INSERT INTO submissions (id, opd, type, period, revision_of, app_version, main_document, report_type, profile_id, manifest_sha256,
       manifest_json, state, source, total_bytes, file_count, created_at, review_status, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params,
  );
  // Many rows per statement: a 20 000-file manifest is 40 statements, not 20 000.
  const blobs = [...blobsOf(manifest)];
  for (let i = 0; i < blobs.length; i += 500) {
    const part = blobs.slice(i, i + 500);
    await tx.run(
      `INSERT INTO submission_blobs (submission_id, sha256, size) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`,
      part.flatMap(([sha, size]) => [manifest.submissionId, sha, size]),
    );
  }
}

/** Held marks of blobs an OPD's request stored; a mark already there stays as it was. */
export async function writeHeld(tx: SqlTx, held: { opd: string; blobs: readonly { sha256: string; size: number }[] }, now: string): Promise<void> {
  for (let i = 0; i < held.blobs.length; i += 300) {
    const part = held.blobs.slice(i, i + 300);
    await tx.run(
      `INSERT INTO held_blobs (opd, sha256, size, held_at) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT (opd, sha256) DO NOTHING`,
      part.flatMap((b) => [held.opd, b.sha256, b.size, now]),
    );
  }
}

/** A refusal kept on an open row (never on a committed one, nor on another manifest's). */
export async function writeLastError(tx: SqlTx, id: string, manifestSha256: string, error: ErrorSummary | null, now: string): Promise<void> {
  await tx.run("UPDATE submissions SET last_error_json = ?, updated_at = ? WHERE id = ? AND manifest_sha256 = ? AND state = 'open'", [error ? JSON.stringify(error) : null, now, id, manifestSha256]);
}
