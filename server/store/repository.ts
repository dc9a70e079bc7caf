/**
 * The intake repository: everything the server keeps besides blob bytes and
 * receipt keys. One interface; it runs on the embedded sql.js store or on
 * PostgreSQL through a SqlRunner (store/sqljs-runner.ts, store/postgres-runner.ts),
 * and the same test suite runs against both.
 *
 * Operations that decide something (trade an enrollment code, accept a
 * manifest, commit) read and write inside one transaction, so two requests
 * racing for the same id cannot both win.
 */
import type { Manifest } from '../protocol/manifest';
import { blobsOf, totalBytes } from '../protocol/manifest';
import type { ErrorSummary, Receipt, Review, ReviewStatus, SignatureSummary, SignerCheck, SubmissionState } from '../protocol/types';
import type { Row, SqlParam, SqlRunner, SqlTx } from './sql-runner';
import { ConsoleStore } from './console-store';

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

export type CommitResult = { kind: 'committed' | 'already' | 'conflict'; record: SubmissionRecord } | { kind: 'not-found' };

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
  saveManifest(manifest: Manifest, sha256: string, source: 'online' | 'import', now: string): Promise<SaveManifestResult>;
  /** Size of a blob named by one of this OPD's open submissions, or null. */
  expectedBlobSize(opd: string, sha256: string): Promise<number | null>;
  heldBlobs(opd: string, sha256s: readonly string[]): Promise<Set<string>>;
  markBlobsHeld(opd: string, blobs: readonly { sha256: string; size: number }[], now: string): Promise<void>;
  commitSubmission(input: { id: string; manifestSha256: string; receipt: Receipt; signatures: SignatureSummary[]; signerCheck: SignerCheck; now: string }): Promise<CommitResult>;
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

const SUBMISSION_COLUMNS = `id, opd, type, period, revision_of, app_version, main_document, report_type, profile_id, manifest_sha256,
  manifest_json, state, source, total_bytes, file_count, created_at, committed_at, receipt_json, signatures_json,
  review_status, review_note, review_decided_at, review_by, last_error_json, updated_at, signer_check_json`;

function str(row: Row, key: string): string {
  return String(row[key]);
}

function optStr(row: Row, key: string): string | null {
  const v = row[key];
  return v === null || v === undefined ? null : String(v);
}

function json<T>(row: Row, key: string): T | null {
  const v = row[key];
  return v === null || v === undefined ? null : (JSON.parse(String(v)) as T);
}

function toSubmission(row: Row): SubmissionRecord {
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

function toOpd(row: Row): Opd {
  return { code: str(row, 'code'), name: str(row, 'name'), createdAt: str(row, 'created_at') };
}

function toDeviceToken(row: Row): DeviceToken {
  return {
    id: str(row, 'id'),
    opd: str(row, 'opd'),
    deviceName: optStr(row, 'device_name'),
    appVersion: optStr(row, 'app_version'),
    createdAt: str(row, 'created_at'),
    revokedAt: optStr(row, 'revoked_at'),
  };
}

async function selectSubmission(q: Pick<SqlTx, 'all'>, id: string): Promise<SubmissionRecord | null> {
  const rows = await q.all(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE id = ?`, [id]);
  return rows[0] ? toSubmission(rows[0]) : null;
}

/** The statements that put a manifest's open submission in place (insert, or replace an open one). */
async function writeOpenSubmission(tx: SqlTx, manifest: Manifest, sha256: string, source: string, now: string, isReplacing: boolean, createdAt: string): Promise<void> {
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

export class SqlIntakeRepository implements IntakeRepository {
  readonly console: ConsoleStore;

  constructor(private readonly db: SqlRunner) {
    this.console = new ConsoleStore(db);
  }

  get kind() {
    return this.db.kind;
  }

  get description() {
    return this.db.description;
  }

  async ensureOpd(code: string, name: string | null, now: string): Promise<Opd> {
    return this.db.tx(async (tx) => {
      const existing = (await tx.all('SELECT code, name, created_at FROM opds WHERE code = ?', [code]))[0];
      if (existing) {
        if (name !== null && name !== existing.name) await tx.run('UPDATE opds SET name = ? WHERE code = ?', [name, code]);
        return { ...toOpd(existing), ...(name !== null ? { name } : {}) };
      }
      await tx.run('INSERT INTO opds (code, name, created_at) VALUES (?, ?, ?)', [code, name ?? code, now]);
      return { code, name: name ?? code, createdAt: now };
    });
  }

  async getOpd(code: string): Promise<Opd | null> {
    const row = (await this.db.all('SELECT code, name, created_at FROM opds WHERE code = ?', [code]))[0];
    return row ? toOpd(row) : null;
  }

  async listOpds(): Promise<Opd[]> {
    return (await this.db.all('SELECT code, name, created_at FROM opds ORDER BY code')).map(toOpd);
  }

  async addEnrollCode(input: { codeSha256: string; opd: string; createdAt: string; expiresAt: string }): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('INSERT INTO enroll_codes (code_sha256, opd, created_at, expires_at) VALUES (?, ?, ?, ?)', [input.codeSha256, input.opd, input.createdAt, input.expiresAt]);
    });
  }

  async redeemEnrollCode(codeSha256: string, now: string, token: { id: string; tokenSha256: string; deviceName: string | null; appVersion: string | null }): Promise<RedeemResult> {
    return this.db.tx(async (tx) => {
      const code = (await tx.all('SELECT opd, expires_at, used_at FROM enroll_codes WHERE code_sha256 = ?', [codeSha256]))[0];
      if (!code) return { kind: 'invalid' as const };
      if (code.used_at !== null) return { kind: 'used' as const };
      if (str(code, 'expires_at') <= now) return { kind: 'expired' as const };
      const opd = (await tx.all('SELECT code, name, created_at FROM opds WHERE code = ?', [str(code, 'opd')]))[0];
      if (!opd) return { kind: 'invalid' as const };
      await tx.run('UPDATE enroll_codes SET used_at = ?, token_id = ? WHERE code_sha256 = ? AND used_at IS NULL', [now, token.id, codeSha256]);
      await tx.run('INSERT INTO device_tokens (id, opd, token_sha256, device_name, app_version, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        token.id,
        str(code, 'opd'),
        token.tokenSha256,
        token.deviceName,
        token.appVersion,
        now,
      ]);
      return { kind: 'ok' as const, opd: toOpd(opd) };
    });
  }

  async findDeviceToken(tokenSha256: string): Promise<DeviceToken | null> {
    const row = (await this.db.all('SELECT id, opd, device_name, app_version, created_at, revoked_at FROM device_tokens WHERE token_sha256 = ?', [tokenSha256]))[0];
    return row ? toDeviceToken(row) : null;
  }

  async revokeDeviceTokens(filter: { tokenId?: string; opd?: string }, now: string): Promise<number> {
    return this.db.tx(async (tx) => {
      const where = filter.tokenId !== undefined ? 'id = ?' : 'opd = ?';
      const key = (filter.tokenId ?? filter.opd) as string;
      const rows = await tx.all(`SELECT id FROM device_tokens WHERE ${where} AND revoked_at IS NULL`, [key]);
      if (rows.length > 0) await tx.run(`UPDATE device_tokens SET revoked_at = ? WHERE ${where} AND revoked_at IS NULL`, [now, key]);
      return rows.length;
    });
  }

  async listDeviceTokens(opd?: string): Promise<DeviceToken[]> {
    const rows = await this.db.all(
      `SELECT id, opd, device_name, app_version, created_at, revoked_at FROM device_tokens ${opd ? 'WHERE opd = ?' : ''} ORDER BY opd, created_at`,
      opd ? [opd] : [],
    );
    return rows.map(toDeviceToken);
  }

  getSubmission(id: string): Promise<SubmissionRecord | null> {
    return selectSubmission(this.db, id);
  }

  async saveManifest(manifest: Manifest, sha256: string, source: 'online' | 'import', now: string): Promise<SaveManifestResult> {
    return this.db.tx(async (tx): Promise<SaveManifestResult> => {
      const existing = await selectSubmission(tx, manifest.submissionId);
      if (!existing) {
        await writeOpenSubmission(tx, manifest, sha256, source, now, false, now);
        return { kind: 'created', record: openRecord(manifest, sha256, source, now, now) };
      }
      if (existing.opd !== manifest.opd) return { kind: 'taken' };
      if (existing.manifestSha256 === sha256) return { kind: existing.state === 'committed' ? 'committed-same' : 'same', record: existing };
      if (existing.state === 'committed') return { kind: 'conflict', record: existing };
      await writeOpenSubmission(tx, manifest, sha256, source, now, true, existing.createdAt);
      return { kind: 'replaced', record: openRecord(manifest, sha256, source, existing.createdAt, now) };
    });
  }

  async expectedBlobSize(opd: string, sha256: string): Promise<number | null> {
    const row = (
      await this.db.all(
        `SELECT sb.size AS size FROM submission_blobs sb JOIN submissions s ON s.id = sb.submission_id
         WHERE sb.sha256 = ? AND s.opd = ? AND s.state = 'open' LIMIT 1`,
        [sha256, opd],
      )
    )[0];
    return row ? Number(row.size) : null;
  }

  async heldBlobs(opd: string, sha256s: readonly string[]): Promise<Set<string>> {
    const held = new Set<string>();
    const unique = [...new Set(sha256s)];
    for (let i = 0; i < unique.length; i += 500) {
      const part = unique.slice(i, i + 500);
      const rows = await this.db.all(`SELECT sha256 FROM held_blobs WHERE opd = ? AND sha256 IN (${part.map(() => '?').join(', ')})`, [opd, ...part]);
      for (const row of rows) held.add(str(row, 'sha256'));
    }
    return held;
  }

  async markBlobsHeld(opd: string, blobs: readonly { sha256: string; size: number }[], now: string): Promise<void> {
    if (blobs.length === 0) return;
    await this.db.tx(async (tx) => {
      for (let i = 0; i < blobs.length; i += 300) {
        const part = blobs.slice(i, i + 300);
        await tx.run(
          `INSERT INTO held_blobs (opd, sha256, size, held_at) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT (opd, sha256) DO NOTHING`,
          part.flatMap((b) => [opd, b.sha256, b.size, now]),
        );
      }
    });
  }

  async commitSubmission(input: { id: string; manifestSha256: string; receipt: Receipt; signatures: SignatureSummary[]; signerCheck: SignerCheck; now: string }): Promise<CommitResult> {
    return this.db.tx(async (tx): Promise<CommitResult> => {
      const existing = await selectSubmission(tx, input.id);
      if (!existing) return { kind: 'not-found' };
      if (existing.manifestSha256 !== input.manifestSha256) return { kind: 'conflict', record: existing };
      if (existing.state === 'committed') return { kind: 'already', record: existing };
      await tx.run(
        `UPDATE submissions SET state = 'committed', committed_at = ?, receipt_json = ?, signatures_json = ?, signer_check_json = ?, last_error_json = NULL, updated_at = ?
         WHERE id = ? AND state = 'open' AND manifest_sha256 = ?`,
        [input.receipt.receivedAt, JSON.stringify(input.receipt), JSON.stringify(input.signatures), JSON.stringify(input.signerCheck), input.now, input.id, input.manifestSha256],
      );
      return {
        kind: 'committed',
        record: {
          ...existing,
          state: 'committed',
          committedAt: input.receipt.receivedAt,
          receipt: input.receipt,
          signatures: input.signatures,
          signerCheck: input.signerCheck,
          lastError: null,
          updatedAt: input.now,
        },
      };
    });
  }

  async setLastError(id: string, manifestSha256: string, error: ErrorSummary | null, now: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run("UPDATE submissions SET last_error_json = ?, updated_at = ? WHERE id = ? AND manifest_sha256 = ? AND state = 'open'", [
        error ? JSON.stringify(error) : null,
        now,
        id,
        manifestSha256,
      ]);
    });
  }

  private where(filter: Omit<SubmissionFilter, 'limit' | 'offset' | 'order'>): { sql: string; params: SqlParam[] } {
    const clauses: string[] = [];
    const params: SqlParam[] = [];
    const add = (clause: string, value: SqlParam | undefined) => {
      if (value === undefined) return;
      clauses.push(clause);
      params.push(value);
    };
    add('opd = ?', filter.opd);
    add('type = ?', filter.type);
    add('period = ?', filter.period);
    add('review_status = ?', filter.reviewStatus);
    add('state = ?', filter.state);
    add('updated_at >= ?', filter.updatedSince);
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async listSubmissions(filter: SubmissionFilter): Promise<SubmissionRecord[]> {
    const { sql, params } = this.where(filter);
    const order = filter.order === 'updated-asc' ? 'updated_at ASC, id ASC' : 'committed_at DESC, id DESC';
    const rows = await this.db.all(`SELECT ${SUBMISSION_COLUMNS} FROM submissions ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, filter.limit, filter.offset ?? 0]);
    return rows.map(toSubmission);
  }

  async countSubmissions(filter: Omit<SubmissionFilter, 'limit' | 'offset' | 'order'>): Promise<number> {
    const { sql, params } = this.where(filter);
    const row = (await this.db.all(`SELECT COUNT(*) AS n FROM submissions ${sql}`, params))[0];
    return Number(row?.n ?? 0);
  }

  async decide(
    id: string,
    status: Exclude<ReviewStatus, 'menunggu'>,
    note: string | null,
    by: { id: string; name: string | null },
    now: string,
    expectedDecidedAt?: string | null,
  ): Promise<DecideResult> {
    return this.db.tx(async (tx): Promise<DecideResult> => {
      const existing = await selectSubmission(tx, id);
      if (!existing || existing.state !== 'committed') return { kind: 'not-found' };
      if (expectedDecidedAt !== undefined && existing.review.decidedAt !== expectedDecidedAt) return { kind: 'stale', record: existing };
      await tx.run('UPDATE submissions SET review_status = ?, review_note = ?, review_decided_at = ?, review_by = ?, updated_at = ? WHERE id = ?', [status, note, now, by.id, now, id]);
      await tx.run('INSERT INTO review_events (submission_id, at, status, note, by_admin, by_name) VALUES (?, ?, ?, ?, ?, ?)', [id, now, status, note, by.id, by.name]);
      return { kind: 'decided', record: { ...existing, review: { status, note, decidedAt: now, by: by.id }, updatedAt: now } };
    });
  }

  async addAdminToken(input: { id: string; tokenSha256: string; label: string | null; createdAt: string }): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('INSERT INTO admin_tokens (id, token_sha256, label, created_at) VALUES (?, ?, ?, ?)', [input.id, input.tokenSha256, input.label, input.createdAt]);
    });
  }

  async findAdminToken(tokenSha256: string): Promise<AdminToken | null> {
    const row = (await this.db.all('SELECT id, label, created_at, revoked_at FROM admin_tokens WHERE token_sha256 = ?', [tokenSha256]))[0];
    return row ? { id: str(row, 'id'), label: optStr(row, 'label'), createdAt: str(row, 'created_at'), revokedAt: optStr(row, 'revoked_at') } : null;
  }

  async addOpdCertificate(cert: OpdCertificate): Promise<'added' | 'exists'> {
    return this.db.tx(async (tx) => {
      if ((await tx.all('SELECT sha256 FROM opd_certificates WHERE opd = ? AND sha256 = ?', [cert.opd, cert.sha256])).length > 0) return 'exists' as const;
      await tx.run('INSERT INTO opd_certificates (opd, sha256, subject, der_base64, not_after, label, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        cert.opd,
        cert.sha256,
        cert.subject,
        cert.derBase64,
        cert.notAfter,
        cert.label,
        cert.addedAt,
      ]);
      return 'added' as const;
    });
  }

  async listOpdCertificates(opd?: string): Promise<OpdCertificate[]> {
    const rows = await this.db.all(
      `SELECT opd, sha256, subject, der_base64, not_after, label, added_at FROM opd_certificates ${opd ? 'WHERE opd = ?' : ''} ORDER BY opd, added_at, sha256`,
      opd ? [opd] : [],
    );
    return rows.map((r) => ({
      opd: str(r, 'opd'),
      sha256: str(r, 'sha256'),
      subject: str(r, 'subject'),
      derBase64: str(r, 'der_base64'),
      notAfter: str(r, 'not_after'),
      label: optStr(r, 'label'),
      addedAt: str(r, 'added_at'),
    }));
  }

  async removeOpdCertificate(opd: string, sha256: string): Promise<boolean> {
    return this.db.tx(async (tx) => {
      if ((await tx.all('SELECT sha256 FROM opd_certificates WHERE opd = ? AND sha256 = ?', [opd, sha256])).length === 0) return false;
      await tx.run('DELETE FROM opd_certificates WHERE opd = ? AND sha256 = ?', [opd, sha256]);
      return true;
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function openRecord(manifest: Manifest, sha256: string, source: 'online' | 'import', createdAt: string, now: string): SubmissionRecord {
  return {
    id: manifest.submissionId,
    opd: manifest.opd,
    type: manifest.type,
    period: manifest.period,
    revisionOf: manifest.revisionOf,
    appVersion: manifest.appVersion,
    mainDocument: manifest.mainDocument,
    reportType: manifest.reportType ?? null,
    profileId: manifest.profileId ?? null,
    manifestSha256: sha256,
    manifest,
    state: 'open',
    source,
    totalBytes: totalBytes(manifest),
    fileCount: manifest.files.length,
    createdAt,
    committedAt: null,
    receipt: null,
    signatures: [],
    signerCheck: null,
    review: { status: 'menunggu', note: null, decidedAt: null, by: null },
    lastError: null,
    updatedAt: now,
  };
}
