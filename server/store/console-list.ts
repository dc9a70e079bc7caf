/**
 * The console's list of submissions (issue 14.1): filters, search, sort and
 * keyset paging — (sort key, id) past a cursor, never OFFSET — so the page
 * after row 10,000 costs what the first does (schema 3's indexes).
 */
import type { Row, SqlParam, SqlRunner } from './sql-runner';

export type ListSort = 'received' | 'title' | 'period' | 'opd';
export type ListView = 'masuk' | 'gagal';

export interface ListQuery {
  view: ListView;
  opd?: string;
  type?: string;
  /** A period or its prefix: "2025" matches 2025, 2025-T1, 2025-03 … */
  period?: string;
  reviewStatus?: string;
  trust?: string;
  q?: string;
  sort: ListSort;
  direction: 'asc' | 'desc';
  /** Keyset cursor: the last row of the page before (after) or the first row of the page after (before). */
  after?: [string, string];
  before?: [string, string];
  limit: number;
}

export interface ListRow {
  id: string;
  opd: string;
  opdName: string;
  type: string;
  title: string;
  period: string;
  revisionOf: string | null;
  replacedBy: string | null;
  reportType: string | null;
  committedAt: string | null;
  updatedAt: string;
  reviewStatus: string;
  trust: string | null;
  signerVerdict: string | null;
  lastError: string | null;
  key: string;
}

/** The filters of a list without its order and page. */
export type ListFilter = Omit<ListQuery, 'sort' | 'direction' | 'after' | 'before' | 'limit'>;

const s = (row: Row, key: string) => String(row[key]);
const o = (row: Row, key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));

const SORT_KEY: Record<ListSort, string> = {
  received: 's.committed_at',
  title: "COALESCE(s.title, '')",
  period: 's.period',
  opd: 's.opd',
};

/** LIKE with our own escape character, so a search for "50%" finds "50%" only. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function where(q: ListFilter): { sql: string[]; params: SqlParam[] } {
  const sql: string[] = [q.view === 'gagal' ? "s.state = 'open' AND s.last_error_json IS NOT NULL" : "s.state = 'committed'"];
  const params: SqlParam[] = [];
  const add = (clause: string, value: SqlParam | undefined) => {
    if (value === undefined) return;
    sql.push(clause);
    params.push(value);
  };
  add('s.opd = ?', q.opd);
  add('s.type = ?', q.type);
  if (q.period !== undefined) {
    sql.push('(s.period = ? OR s.period LIKE ?)');
    params.push(q.period, `${q.period}-%`);
  }
  add('s.review_status = ?', q.reviewStatus);
  add('s.trust = ?', q.trust);
  if (q.q) {
    // Open rows have no facts yet: their id, OPD and period are searched from the columns themselves.
    sql.push("(s.search_text LIKE ? ESCAPE '\\' OR LOWER(s.id) LIKE ? ESCAPE '\\')");
    params.push(likePattern(q.q), likePattern(q.q));
  }
  return { sql, params };
}

export async function listRows(db: SqlRunner, q: ListQuery): Promise<{ rows: ListRow[]; hasMore: boolean }> {
  const { sql, params } = where(q);
  const keyExpr = q.view === 'gagal' && q.sort === 'received' ? 's.updated_at' : SORT_KEY[q.sort];
  // Paging backwards reads the previous page in reverse order, then turns it round.
  const isBackwards = q.before !== undefined;
  const desc = (q.direction === 'desc') !== isBackwards;
  const cursor = q.after ?? q.before;
  if (cursor) {
    sql.push(`(${keyExpr} ${desc ? '<' : '>'} ? OR (${keyExpr} = ? AND s.id ${desc ? '<' : '>'} ?))`);
    params.push(cursor[0], cursor[0], cursor[1]);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const rows = await db.all(
    `SELECT s.id, s.opd, COALESCE(p.name, s.opd) AS opd_name, s.type, s.title, s.period, s.revision_of, s.replaced_by, s.report_type, s.committed_at,
            s.updated_at, s.review_status, s.trust, s.signer_check_json, s.last_error_json, ${keyExpr} AS sort_key
     FROM submissions s LEFT JOIN opds p ON p.code = s.opd
     WHERE ${sql.join(' AND ')}
     ORDER BY ${keyExpr} ${dir}, s.id ${dir} LIMIT ?`,
    [...params, q.limit + 1],
  );
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit).map((r): ListRow => ({
    id: s(r, 'id'),
    opd: s(r, 'opd'),
    opdName: s(r, 'opd_name'),
    type: s(r, 'type'),
    title: o(r, 'title') ?? '',
    period: s(r, 'period'),
    revisionOf: o(r, 'revision_of'),
    replacedBy: o(r, 'replaced_by'),
    reportType: o(r, 'report_type'),
    committedAt: o(r, 'committed_at'),
    updatedAt: s(r, 'updated_at'),
    reviewStatus: s(r, 'review_status'),
    trust: o(r, 'trust'),
    signerVerdict: r.signer_check_json === null ? null : ((JSON.parse(String(r.signer_check_json)) as { verdict?: string }).verdict ?? null),
    lastError: r.last_error_json === null ? null : ((JSON.parse(String(r.last_error_json)) as { message?: string }).message ?? null),
    key: o(r, 'sort_key') ?? '',
  }));
  if (isBackwards) page.reverse();
  return { rows: page, hasMore };
}

export async function countRows(db: SqlRunner, q: ListFilter): Promise<number> {
  const { sql, params } = where(q);
  const row = (await db.all(`SELECT COUNT(*) AS n FROM submissions s WHERE ${sql.join(' AND ')}`, params))[0];
  return Number(row?.n ?? 0);
}
