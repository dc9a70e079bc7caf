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
import { totalBytes } from '../protocol/manifest';
import type { ErrorSummary, ReviewStatus } from '../protocol/types';
import type { SqlParam, SqlRunner } from './sql-runner';
import { ConsoleStore, isReplacedBy, writeFacts, writeReplaced } from './console-store';

import { SUBMISSION_COLUMNS, str, optStr, toSubmission, toOpd, toDeviceToken, selectSubmission, writeHeld, writeLastError, writeOpenSubmission } from './submission-rows';
import type { Opd, DeviceToken, AdminToken, OpdCertificate, SubmissionRecord, SaveManifestResult, CommitInput, CommitResult, HeldBlobs, RedeemResult, SubmissionFilter, DecideResult, IntakeRepository } from './intake-records';

// The records and the port live in intake-records.ts; every importer of the repository keeps finding them here.
export type { Opd, DeviceToken, AdminToken, OpdCertificate, SubmissionRecord, SaveManifestResult, CommitInput, CommitResult, HeldBlobs, RedeemResult, SubmissionFilter, DecideResult, IntakeRepository } from './intake-records';

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

  async saveManifest(manifest: Manifest, sha256: string, source: 'online' | 'import', now: string, extra: { held?: HeldBlobs; lastError?: ErrorSummary } = {}): Promise<SaveManifestResult> {
    return this.db.tx(async (tx): Promise<SaveManifestResult> => {
      const existing = await selectSubmission(tx, manifest.submissionId);
      let result: SaveManifestResult;
      if (!existing) {
        await writeOpenSubmission(tx, manifest, sha256, source, now, false, now);
        result = { kind: 'created', record: openRecord(manifest, sha256, source, now, now) };
      } else if (existing.opd !== manifest.opd) {
        result = { kind: 'taken' };
      } else if (existing.manifestSha256 === sha256) {
        result = { kind: existing.state === 'committed' ? 'committed-same' : 'same', record: existing };
      } else if (existing.state === 'committed') {
        result = { kind: 'conflict', record: existing };
      } else {
        await writeOpenSubmission(tx, manifest, sha256, source, now, true, existing.createdAt);
        result = { kind: 'replaced', record: openRecord(manifest, sha256, source, existing.createdAt, now) };
      }
      // The bytes were stored whatever the row's fate: they are this OPD's, held.
      if (extra.held) await writeHeld(tx, extra.held, now);
      if (extra.lastError && result.kind !== 'taken' && result.record.state === 'open') {
        await writeLastError(tx, manifest.submissionId, sha256, extra.lastError, now);
        result = { ...result, record: { ...result.record, lastError: extra.lastError, updatedAt: now } };
      }
      return result;
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
    await this.db.tx((tx) => writeHeld(tx, { opd, blobs }, now));
  }

  async commitSubmission(input: CommitInput): Promise<CommitResult> {
    const { save } = input;
    return this.db.tx(async (tx): Promise<CommitResult> => {
      // Reads first, then writes (sql.js collects a transaction's writes and refuses a read after one).
      const existing = await selectSubmission(tx, input.id);
      let open: SubmissionRecord;
      let write: 'insert' | 'replace' | null = null;
      if (!existing) {
        if (!save) return { kind: 'not-found' };
        open = openRecord(save.manifest, input.manifestSha256, save.source, input.now, input.now);
        write = 'insert';
      } else if (save && existing.opd !== save.manifest.opd) {
        return { kind: 'taken' };
      } else if (existing.manifestSha256 !== input.manifestSha256) {
        if (!save || existing.state === 'committed') return { kind: 'conflict', record: existing };
        open = openRecord(save.manifest, input.manifestSha256, save.source, existing.createdAt, input.now);
        write = 'replace';
      } else if (existing.state === 'committed') {
        return { kind: 'already', record: existing };
      } else {
        open = existing;
      }
      const committedAt = input.receipt.receivedAt;
      const replaces = open.revisionOf !== null && (await isReplacedBy(tx, open.revisionOf, open.id, committedAt));
      if (save && write) await writeOpenSubmission(tx, save.manifest, input.manifestSha256, save.source, input.now, write === 'replace', open.createdAt);
      if (input.held && input.held.blobs.length > 0) await writeHeld(tx, input.held, input.now);
      await tx.run(
        `UPDATE submissions SET state = 'committed', committed_at = ?, receipt_json = ?, signatures_json = ?, signer_check_json = ?, last_error_json = NULL, updated_at = ?
         WHERE id = ? AND state = 'open' AND manifest_sha256 = ?`,
        [committedAt, JSON.stringify(input.receipt), JSON.stringify(input.signatures), JSON.stringify(input.signerCheck), input.now, input.id, input.manifestSha256],
      );
      if (input.facts) await writeFacts(tx, input.id, input.facts);
      if (replaces && open.revisionOf !== null) await writeReplaced(tx, open.revisionOf, open.id);
      return {
        kind: 'committed',
        record: { ...open, state: 'committed', committedAt, receipt: input.receipt, signatures: input.signatures, signerCheck: input.signerCheck, lastError: null, updatedAt: input.now },
      };
    });
  }

  async setLastError(id: string, manifestSha256: string, error: ErrorSummary | null, now: string): Promise<void> {
    await this.db.tx((tx) => writeLastError(tx, id, manifestSha256, error, now));
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
