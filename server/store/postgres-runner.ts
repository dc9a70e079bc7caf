/**
 * PostgreSQL through the `pg` package, chosen when DATABASE_URL is set. The
 * schema is the same numbered list as the embedded store (store/schema.ts),
 * applied under an advisory lock so two starting servers do not race.
 * Transactions run SERIALIZABLE and are retried on serialization failures
 * and unique-key races, so read-check-write code is correct without row locks.
 */
import { Pool, type PoolClient, types } from 'pg';
import { BerkasError } from '../../core/domain/errors';
import { serverMigrations } from './schema';
import type { Row, SqlParam, SqlRunner, SqlTx } from './sql-runner';

// BIGINT (sizes) arrives as text by default; every value we store fits a double exactly.
const int8 = 20;
const parseInt8 = (value: string) => Number(value);
const MIGRATION_LOCK_KEY = 804_771_901;

/** `?` placeholders to `$1…$n` (our SQL has no `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (tidak terbaca)';
  }
}

export async function openPostgresRunner(url: string): Promise<SqlRunner> {
  const pool = new Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 10_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === int8 ? parseInt8 : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (err) => console.warn(`[server] PostgreSQL: ${err.message}`));
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new BerkasError('DATABASE_UNAVAILABLE', `PostgreSQL di ${redactUrl(url)} tidak dapat dihubungi: ${(err as Error).message}.`);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS berkas_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM berkas_schema')).rows.map((r) => Number(r.version)));
    const latest = Math.max(0, ...serverMigrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > latest) {
      throw new BerkasError('MIGRATION_INVALID', `Basis data PostgreSQL memakai skema ${newest}, server ini hanya mengenal sampai ${latest}. Perbarui server; basis data tidak diubah.`);
    }
    for (const m of [...serverMigrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        for (const statement of m.statements) await client.query(statement);
        await client.query('INSERT INTO berkas_schema (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new BerkasError('MIGRATION_FAILED', `Migrasi PostgreSQL nomor ${m.version} (${m.name}) gagal: ${(err as Error).message}`);
      }
    }
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    throw err;
  }
  await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  client.release();
  return new PostgresRunner(pool, `PostgreSQL ${redactUrl(url)}`);
}

const retryable = new Set(['40001', '40P01', '23505']);

class PostgresRunner implements SqlRunner {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    readonly description: string,
  ) {}

  async all<T extends Row = Row>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    return (await this.pool.query<T>(numberPlaceholders(sql), params)).rows;
  }

  async tx<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const tx: SqlTx = {
          all: async <R extends Row = Row>(sql: string, params: SqlParam[] = []) => (await client.query<R>(numberPlaceholders(sql), params)).rows,
          run: async (sql: string, params: SqlParam[] = []) => {
            await client.query(numberPlaceholders(sql), params);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        if (code && retryable.has(code) && attempt < 8) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          continue;
        }
        throw err;
      } finally {
        client.release();
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
