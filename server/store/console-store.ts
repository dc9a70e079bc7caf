/**
 * What the Diskominfo console keeps besides submissions (schema 3): reviewer
 * accounts and their sessions, trust roots, catalog exclusions, the facts
 * read from each committed package, and the console's keyset-paged list.
 * Same SQL on sql.js and PostgreSQL, like store/repository.ts.
 */
import type { Row, SqlRunner, SqlTx } from './sql-runner';
import { countRows, listRows, type ListFilter, type ListQuery, type ListRow } from './console-list';

export type { ListFilter, ListQuery, ListRow, ListSort, ListView } from './console-list';

export type ReviewerRole = 'peninjau' | 'admin';
export const REVIEWER_ROLES: readonly ReviewerRole[] = ['peninjau', 'admin'];

export interface Reviewer {
  id: string;
  username: string;
  name: string;
  role: ReviewerRole;
  passwordHash: string;
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
}

export interface ConsoleSession {
  idSha256: string;
  /** `reviewer:<id>`, or `token:<admin token id>` for the bootstrap login before any admin account exists. */
  principal: string;
  csrf: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface TrustRoot {
  sha256: string;
  subject: string;
  derBase64: string;
  notAfter: string;
  label: string | null;
  addedAt: string;
  addedBy: string | null;
}

export interface CatalogExclusion {
  submissionId: string;
  activityKey: string;
  note: string | null;
  by: string;
  at: string;
}

/** Everything consolidation reads of one committed submission. */
export interface CountedRow {
  id: string;
  opd: string;
  type: string;
  period: string;
  revisionOf: string | null;
  replacedBy: string | null;
  reportType: string | null;
  profileId: string | null;
  committedAt: string;
  reviewStatus: string;
  title: string;
  facts: unknown;
}

const s = (row: Row, key: string) => String(row[key]);
const o = (row: Row, key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));

function toReviewer(r: Row): Reviewer {
  return {
    id: s(r, 'id'),
    username: s(r, 'username'),
    name: s(r, 'name'),
    role: s(r, 'role') as ReviewerRole,
    passwordHash: s(r, 'password_hash'),
    createdAt: s(r, 'created_at'),
    createdBy: o(r, 'created_by'),
    disabledAt: o(r, 'disabled_at'),
  };
}

function toTrustRoot(r: Row): TrustRoot {
  return {
    sha256: s(r, 'sha256'),
    subject: s(r, 'subject'),
    derBase64: s(r, 'der_base64'),
    notAfter: s(r, 'not_after'),
    label: o(r, 'label'),
    addedAt: s(r, 'added_at'),
    addedBy: o(r, 'added_by'),
  };
}

/** The console's columns of one committed submission (server/intake/facts-recorder.ts computes them). */
export interface ConsoleFacts {
  title: string;
  factsJson: string;
  searchText: string;
  trust: string;
}

/* The statements below run inside a caller's transaction too (the commit writes facts with the receipt). */

export async function writeFacts(tx: SqlTx, id: string, facts: ConsoleFacts): Promise<void> {
  await tx.run('UPDATE submissions SET title = ?, facts_json = ?, search_text = ?, trust = ? WHERE id = ?', [facts.title, facts.factsJson, facts.searchText, facts.trust, id]);
}

/**
 * Reads only (a sql.js transaction reads before it writes): whether the revision byId, committed at
 * committedAt, is the one that replaces targetId — the newest one wins when an OPD corrected twice.
 */
export async function isReplacedBy(tx: Pick<SqlTx, 'all'>, targetId: string, byId: string, committedAt: string): Promise<boolean> {
  const row = (await tx.all('SELECT replaced_by FROM submissions WHERE id = ?', [targetId]))[0];
  if (!row) return false;
  const current = o(row, 'replaced_by');
  if (current !== null && current !== byId) {
    const other = (await tx.all('SELECT committed_at FROM submissions WHERE id = ?', [current]))[0];
    if (other && String(other.committed_at) > committedAt) return false;
  }
  return true;
}

export async function writeReplaced(tx: SqlTx, targetId: string, byId: string): Promise<void> {
  await tx.run('UPDATE submissions SET replaced_by = ? WHERE id = ?', [byId, targetId]);
}

export class ConsoleStore {
  constructor(private readonly db: SqlRunner) {}

  // ---- reviewers ---------------------------------------------------------------------------------

  async addReviewer(r: Reviewer): Promise<'added' | 'exists'> {
    return this.db.tx(async (tx) => {
      if ((await tx.all('SELECT id FROM reviewers WHERE username = ?', [r.username])).length > 0) return 'exists' as const;
      await tx.run('INSERT INTO reviewers (id, username, name, role, password_hash, created_at, created_by, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)', [
        r.id,
        r.username,
        r.name,
        r.role,
        r.passwordHash,
        r.createdAt,
        r.createdBy,
      ]);
      return 'added' as const;
    });
  }

  async reviewerByUsername(username: string): Promise<Reviewer | null> {
    const row = (await this.db.all('SELECT * FROM reviewers WHERE username = ?', [username]))[0];
    return row ? toReviewer(row) : null;
  }

  async reviewer(id: string): Promise<Reviewer | null> {
    const row = (await this.db.all('SELECT * FROM reviewers WHERE id = ?', [id]))[0];
    return row ? toReviewer(row) : null;
  }

  async listReviewers(): Promise<Reviewer[]> {
    return (await this.db.all('SELECT * FROM reviewers ORDER BY username')).map(toReviewer);
  }

  async countActiveAdmins(): Promise<number> {
    const row = (await this.db.all("SELECT COUNT(*) AS n FROM reviewers WHERE role = 'admin' AND disabled_at IS NULL"))[0];
    return Number(row?.n ?? 0);
  }

  /** Disables an account and ends its sessions in one step; the last active admin cannot be disabled. */
  async disableReviewer(id: string, now: string): Promise<'disabled' | 'not-found' | 'last-admin'> {
    return this.db.tx(async (tx) => {
      const row = (await tx.all('SELECT role, disabled_at FROM reviewers WHERE id = ?', [id]))[0];
      if (!row || row.disabled_at !== null) return 'not-found' as const;
      if (row.role === 'admin') {
        const admins = (await tx.all("SELECT COUNT(*) AS n FROM reviewers WHERE role = 'admin' AND disabled_at IS NULL"))[0];
        if (Number(admins?.n ?? 0) <= 1) return 'last-admin' as const;
      }
      await tx.run('UPDATE reviewers SET disabled_at = ? WHERE id = ?', [now, id]);
      await tx.run('UPDATE console_sessions SET revoked_at = ? WHERE principal = ? AND revoked_at IS NULL', [now, `reviewer:${id}`]);
      return 'disabled' as const;
    });
  }

  async setPasswordHash(id: string, hash: string, now: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('UPDATE reviewers SET password_hash = ? WHERE id = ?', [hash, id]);
      // A new password ends every old login: whoever knew the old one is out.
      await tx.run('UPDATE console_sessions SET revoked_at = ? WHERE principal = ? AND revoked_at IS NULL', [now, `reviewer:${id}`]);
    });
  }

  // ---- sessions ----------------------------------------------------------------------------------

  async addSession(session: ConsoleSession): Promise<void> {
    await this.db.tx(async (tx) => {
      // Ended sessions go when new ones come, so the table never grows without bound.
      await tx.run('DELETE FROM console_sessions WHERE expires_at <= ? OR revoked_at IS NOT NULL', [session.createdAt]);
      await tx.run('INSERT INTO console_sessions (id_sha256, principal, csrf, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        session.idSha256,
        session.principal,
        session.csrf,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      ]);
    });
  }

  /** The live session: not revoked, before its absolute end, and used within the idle limit. */
  async findSession(idSha256: string, now: string, idleSince: string): Promise<ConsoleSession | null> {
    const row = (
      await this.db.all('SELECT * FROM console_sessions WHERE id_sha256 = ? AND revoked_at IS NULL AND expires_at > ? AND last_seen_at > ?', [idSha256, now, idleSince])
    )[0];
    return row
      ? {
          idSha256: s(row, 'id_sha256'),
          principal: s(row, 'principal'),
          csrf: s(row, 'csrf'),
          createdAt: s(row, 'created_at'),
          lastSeenAt: s(row, 'last_seen_at'),
          expiresAt: s(row, 'expires_at'),
        }
      : null;
  }

  async touchSession(idSha256: string, now: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('UPDATE console_sessions SET last_seen_at = ? WHERE id_sha256 = ? AND revoked_at IS NULL', [now, idSha256]);
    });
  }

  async revokeSession(idSha256: string, now: string): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('UPDATE console_sessions SET revoked_at = ? WHERE id_sha256 = ? AND revoked_at IS NULL', [now, idSha256]);
    });
  }

  /** Ends every live session of a principal (`reviewer:<id>` or `token:<id>`); returns how many. */
  async revokeSessionsOf(principal: string, now: string): Promise<number> {
    return this.db.tx(async (tx) => {
      const rows = await tx.all('SELECT id_sha256 FROM console_sessions WHERE principal = ? AND revoked_at IS NULL AND expires_at > ?', [principal, now]);
      if (rows.length > 0) await tx.run('UPDATE console_sessions SET revoked_at = ? WHERE principal = ? AND revoked_at IS NULL', [now, principal]);
      return rows.length;
    });
  }

  async liveSessionCounts(now: string, idleSince: string): Promise<Map<string, number>> {
    const rows = await this.db.all('SELECT principal, COUNT(*) AS n FROM console_sessions WHERE revoked_at IS NULL AND expires_at > ? AND last_seen_at > ? GROUP BY principal', [
      now,
      idleSince,
    ]);
    return new Map(rows.map((r) => [s(r, 'principal'), Number(r.n)]));
  }

  // ---- trust roots -------------------------------------------------------------------------------

  async addTrustRoot(root: TrustRoot): Promise<'added' | 'exists'> {
    return this.db.tx(async (tx) => {
      if ((await tx.all('SELECT sha256 FROM trust_roots WHERE sha256 = ?', [root.sha256])).length > 0) return 'exists' as const;
      await tx.run('INSERT INTO trust_roots (sha256, subject, der_base64, not_after, label, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        root.sha256,
        root.subject,
        root.derBase64,
        root.notAfter,
        root.label,
        root.addedAt,
        root.addedBy,
      ]);
      return 'added' as const;
    });
  }

  async listTrustRoots(): Promise<TrustRoot[]> {
    return (await this.db.all('SELECT * FROM trust_roots ORDER BY added_at, sha256')).map(toTrustRoot);
  }

  async removeTrustRoot(sha256: string): Promise<boolean> {
    return this.db.tx(async (tx) => {
      if ((await tx.all('SELECT sha256 FROM trust_roots WHERE sha256 = ?', [sha256])).length === 0) return false;
      await tx.run('DELETE FROM trust_roots WHERE sha256 = ?', [sha256]);
      return true;
    });
  }

  // ---- catalog exclusions ------------------------------------------------------------------------

  async setExclusion(e: CatalogExclusion, isExcluded: boolean): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('DELETE FROM catalog_exclusions WHERE submission_id = ? AND activity_key = ?', [e.submissionId, e.activityKey]);
      if (isExcluded) {
        await tx.run('INSERT INTO catalog_exclusions (submission_id, activity_key, note, by_reviewer, at) VALUES (?, ?, ?, ?, ?)', [
          e.submissionId,
          e.activityKey,
          e.note,
          e.by,
          e.at,
        ]);
      }
    });
  }

  async listExclusions(): Promise<CatalogExclusion[]> {
    const rows = await this.db.all('SELECT * FROM catalog_exclusions ORDER BY at');
    return rows.map((r) => ({
      submissionId: s(r, 'submission_id'),
      activityKey: s(r, 'activity_key'),
      note: o(r, 'note'),
      by: s(r, 'by_reviewer'),
      at: s(r, 'at'),
    }));
  }

  // ---- facts and revisions -----------------------------------------------------------------------

  async setFacts(id: string, facts: ConsoleFacts): Promise<void> {
    await this.db.tx((tx) => writeFacts(tx, id, facts));
  }

  async setTrust(id: string, trust: string, signaturesJson: string, signerCheckJson: string | null): Promise<void> {
    await this.db.tx(async (tx) => {
      await tx.run('UPDATE submissions SET trust = ?, signatures_json = ?, signer_check_json = COALESCE(?, signer_check_json) WHERE id = ?', [
        trust,
        signaturesJson,
        signerCheckJson,
        id,
      ]);
    });
  }

  /** A committed revision replaces its target; the newest one wins when an OPD corrected twice. */
  async markReplaced(targetId: string, byId: string, committedAt: string): Promise<void> {
    await this.db.tx(async (tx) => {
      if (await isReplacedBy(tx, targetId, byId, committedAt)) await writeReplaced(tx, targetId, byId);
    });
  }

  async idsWithoutFacts(limit: number): Promise<string[]> {
    const rows = await this.db.all("SELECT id FROM submissions WHERE state = 'committed' AND facts_json IS NULL ORDER BY committed_at, id LIMIT ?", [limit]);
    return rows.map((r) => s(r, 'id'));
  }

  async committedIds(after: string, limit: number): Promise<string[]> {
    const rows = await this.db.all("SELECT id FROM submissions WHERE state = 'committed' AND id > ? ORDER BY id LIMIT ?", [after, limit]);
    return rows.map((r) => s(r, 'id'));
  }

  // ---- the console's list (console-list.ts) -----------------------------------------------------

  list(q: ListQuery): Promise<{ rows: ListRow[]; hasMore: boolean }> {
    return listRows(this.db, q);
  }

  count(q: ListFilter): Promise<number> {
    return countRows(this.db, q);
  }

  /** Every committed submission with its facts, for consolidation (which decides what counts). */
  async committedFacts(): Promise<CountedRow[]> {
    const rows = await this.db.all(
      `SELECT id, opd, type, period, revision_of, replaced_by, report_type, profile_id, committed_at, review_status, title, facts_json
       FROM submissions WHERE state = 'committed' ORDER BY committed_at, id`,
    );
    return rows.map((r) => ({
      id: s(r, 'id'),
      opd: s(r, 'opd'),
      type: s(r, 'type'),
      period: s(r, 'period'),
      revisionOf: o(r, 'revision_of'),
      replacedBy: o(r, 'replaced_by'),
      reportType: o(r, 'report_type'),
      profileId: o(r, 'profile_id'),
      committedAt: s(r, 'committed_at'),
      reviewStatus: s(r, 'review_status'),
      title: o(r, 'title') ?? '',
      facts: r.facts_json === null ? null : (JSON.parse(String(r.facts_json)) as unknown),
    }));
  }

  /** Packages refused at their checks (never committed): shown with their reason, never counted. */
  async refused(limit: number): Promise<
    {
      id: string;
      opd: string;
      type: string;
      period: string;
      updatedAt: string;
      code: string;
      message: string;
    }[]
  > {
    const rows = await this.db.all(
      "SELECT id, opd, type, period, updated_at, last_error_json FROM submissions WHERE state = 'open' AND last_error_json IS NOT NULL ORDER BY updated_at DESC, id DESC LIMIT ?",
      [limit],
    );
    return rows.map((r) => {
      const e = JSON.parse(String(r.last_error_json)) as {
        code: string;
        message: string;
      };
      return {
        id: s(r, 'id'),
        opd: s(r, 'opd'),
        type: s(r, 'type'),
        period: s(r, 'period'),
        updatedAt: s(r, 'updated_at'),
        code: e.code,
        message: e.message,
      };
    });
  }

  /** The console's columns of one submission. */
  async extras(id: string): Promise<{
    title: string;
    facts: unknown;
    replacedBy: string | null;
  } | null> {
    const row = (await this.db.all('SELECT title, facts_json, replaced_by FROM submissions WHERE id = ?', [id]))[0];
    if (!row) return null;
    return {
      title: o(row, 'title') ?? '',
      facts: row.facts_json === null ? null : (JSON.parse(String(row.facts_json)) as unknown),
      replacedBy: o(row, 'replaced_by'),
    };
  }

  async reviewEvents(id: string): Promise<
    {
      at: string;
      status: string;
      note: string | null;
      by: string;
      byName: string | null;
    }[]
  > {
    const rows = await this.db.all('SELECT at, status, note, by_admin, by_name FROM review_events WHERE submission_id = ? ORDER BY at', [id]);
    return rows.map((r) => ({
      at: s(r, 'at'),
      status: s(r, 'status'),
      note: o(r, 'note'),
      by: s(r, 'by_admin'),
      byName: o(r, 'by_name'),
    }));
  }
}
