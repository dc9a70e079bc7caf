/**
 * The embedded store: our durable sql.js database (snapshot + fsynced journal,
 * core/adapters/sqljs-database.ts) in the server's data folder. Nothing to
 * set up: `npm run server` creates it on first start.
 *
 * Reads and transactions share one mutex, so a read never sees a write whose
 * journal record is still being fsynced (a receipt read back must be durable).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../core/adapters/sqljs-database';
import type { Database, SqlStatement } from '../../core/ports';
import { BerkasError } from '../../core/domain/errors';
import { serverMigrations } from './schema';
import { Mutex, type Row, type SqlParam, type SqlRunner, type SqlTx } from './sql-runner';

export async function openSqljsRunner(dataDir: string): Promise<SqlRunner> {
  const dir = path.join(path.resolve(dataDir), 'db');
  // Token and session hashes, CSRF secrets: readable by the server's user only, whatever modes the files get.
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const { db, notices } = await openDatabase({ dir, migrations: serverMigrations });
  for (const notice of notices) console.warn(`[server] ${notice.code}: ${notice.message}`);
  return new SqljsRunner(db, dir);
}

class SqljsRunner implements SqlRunner {
  readonly kind = 'sqljs' as const;
  readonly description: string;
  private readonly mutex = new Mutex();

  constructor(
    private readonly db: Database,
    dir: string,
  ) {
    this.description = `sql.js di ${dir}`;
  }

  all<T extends Row = Row>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    return this.mutex.run(async () => this.db.query<T>(sql, params));
  }

  tx<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      const writes: SqlStatement[] = [];
      const tx: SqlTx = {
        all: async <R extends Row = Row>(sql: string, params: SqlParam[] = []) => {
          if (writes.length > 0) throw new BerkasError('INTERNAL', 'Kesalahan program: pembacaan setelah penulisan dalam satu transaksi sql.js.');
          return this.db.query<R>(sql, params);
        },
        run: async (sql: string, params: SqlParam[] = []) => {
          writes.push({ sql, params });
        },
      };
      const result = await fn(tx);
      if (writes.length > 0) await this.db.write(writes);
      return result;
    });
  }

  close(): Promise<void> {
    return this.mutex.run(() => this.db.close());
  }
}
