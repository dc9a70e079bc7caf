/**
 * From the embedded store to PostgreSQL (`berkas server migrate-db`): a province
 * that began with one node on sql.js grows to N nodes without losing a receipt,
 * an enrolment or a review decision.
 *
 * - The embedded store is only read: it stays as it was, the way back. Its lock
 *   is taken, so a node still running on the folder stops the move.
 * - Blobs go first, when an object store is configured: each copied blob is
 *   hashed on the way and must match its name. They are idempotent, so a move
 *   cut short is simply run again.
 * - Then every table in ONE PostgreSQL transaction, into a database that must be
 *   empty (a second run, or the wrong DATABASE_URL, changes nothing), counted on
 *   both sides before it commits.
 * - Last the data folder's receipt keys go into the database (a node on
 *   PostgreSQL signs with the keys kept there): receipts already given must
 *   verify with what every node publishes.
 */
import { BerkasError } from '../../core/domain/errors';
import type { BlobStorage } from '../storage/blob-storage';
import { serverMigrations } from './schema';
import type { Row, SqlParam, SqlRunner } from './sql-runner';

export interface TableCount {
  table: string;
  rows: number;
}

export interface BlobCopyReport {
  /** Where the blobs went, or null when they stay in the data folder. */
  target: string | null;
  copied: number;
  alreadyThere: number;
  bytes: number;
  /** Blobs whose bytes in the data folder no longer hash to their name: not copied (`berkas server check`). */
  damaged: string[];
}

/** The tables of the server's schema, in the order the migrations create them. */
export function schemaTables(): string[] {
  const tables: string[] = [];
  for (const m of [...serverMigrations].sort((a, b) => a.version - b.version)) {
    for (const statement of m.statements) {
      const name = /^\s*CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/i.exec(statement)?.[1];
      if (name && !tables.includes(name)) tables.push(name);
    }
  }
  return tables;
}

// PostgreSQL takes at most 65,535 parameters per statement; rows go in batches well under it.
const MAX_PARAMS = 30_000;
const READ_PAGE = 5_000;

async function countOf(db: SqlRunner, table: string): Promise<number> {
  const [row] = await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

/**
 * Copies every blob of the data folder into `target` (skipping those already there), each checked against its
 * name while it is read. Damaged ones are listed, not copied, and do not stop the others.
 */
export async function copyBlobs(source: BlobStorage, target: BlobStorage, onProgress?: (done: number) => void): Promise<BlobCopyReport> {
  const report: BlobCopyReport = { target: target.description, copied: 0, alreadyThere: 0, bytes: 0, damaged: [] };
  let done = 0;
  for await (const blob of source.list()) {
    done += 1;
    if (await target.has(blob.sha256)) {
      report.alreadyThere += 1;
    } else {
      // putStream names what it stored by the hash of the bytes it read: a damaged source shows as another name.
      const stored = await target.putStream(await source.open(blob.sha256));
      if (stored.sha256 !== blob.sha256) {
        report.damaged.push(blob.sha256);
      } else {
        report.copied += 1;
        report.bytes += stored.size;
      }
    }
    if (done % 200 === 0) onProgress?.(done);
  }
  return report;
}

/**
 * Every table of `source` into `target` in one transaction; refused when the target holds any row already.
 * Returns the rows per table, counted again inside the transaction on the target.
 */
export async function copyTables(source: SqlRunner, target: SqlRunner, where: string): Promise<TableCount[]> {
  if (source.kind !== 'sqljs' || target.kind !== 'postgres') {
    throw new BerkasError('INTERNAL', 'Kesalahan program: pemindahan basis data hanya dari sql.js ke PostgreSQL.');
  }
  const tables = schemaTables();
  const counts: TableCount[] = [];
  for (const table of tables) counts.push({ table, rows: await countOf(source, table) });
  await target.tx(async (tx) => {
    // Inside the transaction: a node started on the target meanwhile is seen, not overwritten.
    for (const table of tables) {
      const [row] = await tx.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      const existing = Number(row?.n ?? 0);
      if (existing > 0) {
        throw new BerkasError(
          'MIGRATE_TARGET_NOT_EMPTY',
          `Basis data tujuan ${where} sudah berisi data (tabel ${table}: ${existing} baris). Pemindahan hanya ke basis data PostgreSQL yang kosong; tidak ada yang diubah.`,
          { database: where, table, rows: existing },
        );
      }
    }
    for (const table of tables) {
      for (let offset = 0; ; offset += READ_PAGE) {
        // rowid keeps the pages stable; the embedded store is locked, so nothing moves between them.
        const rows = await source.all<Row>(`SELECT * FROM ${table} ORDER BY rowid LIMIT ? OFFSET ?`, [READ_PAGE, offset]);
        if (rows.length === 0) break;
        const columns = Object.keys(rows[0] as Row);
        const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
        for (let at = 0; at < rows.length; at += perStatement) {
          const batch = rows.slice(at, at + perStatement);
          const params: SqlParam[] = [];
          const tuples = batch.map((r) => {
            for (const c of columns) params.push((r[c] ?? null) as SqlParam);
            return `(${columns.map(() => '?').join(', ')})`;
          });
          await tx.run(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
        }
        if (rows.length < READ_PAGE) break;
      }
    }
    for (const { table, rows } of counts) {
      const [row] = await tx.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      const copied = Number(row?.n ?? 0);
      if (copied !== rows) {
        throw new BerkasError('MIGRATE_COUNT_MISMATCH', `Tabel ${table}: ${rows} baris di penyimpanan bawaan, ${copied} di ${where} setelah disalin. Pemindahan dibatalkan; tidak ada yang diubah.`, {
          table,
          source: rows,
          target: copied,
        });
      }
    }
  });
  return counts;
}
