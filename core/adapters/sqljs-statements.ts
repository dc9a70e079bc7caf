/**
 * Statements of one sql.js database kept prepared by their SQL text: preparing
 * costs about as much as running a small read, and the app and the server ask
 * the same few dozen over and over (issue 16). SQLite prepares them again by
 * itself after a schema change; they are freed before their database closes.
 */
import type { Database as SqlJsDatabase } from 'sql.js';
import type { SqlRow, SqlValue } from '../ports';

type Statement = ReturnType<SqlJsDatabase['prepare']>;

/** Enough for every distinct statement the app or the server issues; beyond it the cache starts over. */
const maxPrepared = 256;

export class PreparedStatements {
  private readonly statements = new Map<string, Statement>();

  constructor(private db: SqlJsDatabase) {}

  /** Every row of a read; reset afterwards whatever happened, so it holds no read open and keeps no binding. */
  all<T extends SqlRow>(sql: string, params?: SqlValue[]): T[] {
    const stmt = this.prepared(sql);
    try {
      if (params !== undefined) stmt.bind(params);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } finally {
      stmt.reset();
    }
  }

  /** Like db.run with parameters: the first statement of the text only. */
  run(sql: string, params: SqlValue[]): void {
    const stmt = this.prepared(sql);
    try {
      stmt.run(params);
    } finally {
      stmt.reset();
    }
  }

  /** Frees every statement; with a database, the ones kept from now on are that one's. */
  forget(db?: SqlJsDatabase): void {
    for (const stmt of this.statements.values()) stmt.free();
    this.statements.clear();
    if (db) this.db = db;
  }

  private prepared(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= maxPrepared) this.forget();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
