/**
 * The files of the officer's database as sqljs-database.ts finds them on opening:
 * loading and checking the snapshot, reading its berkas_meta, and setting a
 * damaged snapshot or journal aside under a free "<name>.rusak-<stamp>" name.
 * The store itself (writes, journal, compaction) is in sqljs-store.ts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database as SqlJsDatabase, type SqlJsStatic } from 'sql.js';
import type { SqlValue } from '../ports';
import { BerkasError } from '../domain/errors';
import { describeFsError, freeName, fsyncDir } from './fs-atomic';
import { containsIntactRecord, type JournalScan } from './store-journal';

export const SNAPSHOT_FILE = 'berkas.db';
export const JOURNAL_FILE = 'berkas.journal';

export interface StoreNotice {
  code: string;
  message: string;
}

/**
 * Points inside the creation of the two files, where a kill must leave a folder that opens clean:
 * a complete temp file beside the old file (…-temp-written), a new file in place before its
 * folder is synced (journal-renamed), a new snapshot beside the old-generation journal.
 */
export type StorePausePoint = 'snapshot-temp-written' | 'journal-temp-written' | 'journal-renamed' | 'snapshot-written-before-journal';

/** Only the officer's account may read the work in these files (Pontianak Pasal 33(2)). */
export const STORE_FILE_MODE = 0o600;

export interface Meta {
  databaseId: string;
  generation: number;
  schemaVersion: number;
}

export type SnapshotLoad = { kind: 'missing' } | { kind: 'corrupt'; reason: string } | { kind: 'ok'; db: SqlJsDatabase; meta: Meta };

const sqlJsByWasm = new Map<string, Promise<SqlJsStatic>>();

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One sql.js instance per wasm file: compiling the module is the slow part of opening. */
export function loadSqlJs(wasmPath?: string): Promise<SqlJsStatic> {
  const file = wasmPath ?? require.resolve('sql.js/dist/sql-wasm.wasm');
  let pending = sqlJsByWasm.get(file);
  if (!pending) {
    pending = (async () => {
      let wasm: Buffer;
      try {
        wasm = await fs.readFile(file);
      } catch (err) {
        throw new BerkasError('SQLJS_MISSING', `Mesin basis data (sql-wasm.wasm) tidak dapat dibaca dari ${file}: ${errorText(err)}. Pasang ulang Berkas.`, { file });
      }
      return initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    })();
    sqlJsByWasm.set(file, pending);
    pending.catch(() => sqlJsByWasm.delete(file));
  }
  return pending;
}

export async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const reason = (err as NodeJS.ErrnoException).code ?? errorText(err);
    throw new BerkasError('DB_READ_FAILED', `Berkas ${file} tidak dapat dibaca (${reason}). Periksa izin folder data.`, { file, reason });
  }
}

/** Reasons a byte string cannot be a whole SQLite database, before handing it to SQLite. */
function sqliteHeaderProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'berkas kosong (0 bait)';
  if (bytes.length < 100) return `berkas terpotong (hanya ${bytes.length} bait)`;
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return 'bukan berkas basis data SQLite';
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `ukuran halaman ${rawPageSize} tidak sah`;
  // The in-header page count is authoritative only when its "valid-for" counter matches the change counter.
  if (bytes.readUInt32BE(92) === bytes.readUInt32BE(24)) {
    const expected = bytes.readUInt32BE(28) * pageSize;
    if (bytes.length < expected) return `berkas terpotong (${bytes.length} dari ${expected} bait)`;
  }
  return null;
}

export function readMeta(db: SqlJsDatabase): Meta | null {
  const result = db.exec('SELECT key, value FROM berkas_meta');
  const map = new Map<string, SqlValue>((result[0]?.values ?? []).map((row) => [String(row[0]), row[1] ?? null]));
  const databaseId = map.get('database_id');
  const generation = map.get('generation');
  const schemaVersion = map.get('schema_version');
  if (typeof databaseId !== 'string' || !/^[0-9a-f]{32}$/.test(databaseId)) return null;
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 1) return null;
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 0) return null;
  return { databaseId, generation, schemaVersion };
}

export async function loadSnapshot(sql: SqlJsStatic, file: string): Promise<SnapshotLoad> {
  const bytes = await readOptional(file);
  if (!bytes) return { kind: 'missing' };
  const problem = sqliteHeaderProblem(bytes);
  if (problem) return { kind: 'corrupt', reason: problem };
  let db: SqlJsDatabase | undefined;
  try {
    db = new sql.Database(bytes);
    const verdict = db.exec('PRAGMA integrity_check')[0]?.values.map((r) => String(r[0])) ?? [];
    if (verdict.length !== 1 || verdict[0] !== 'ok') {
      db.close();
      return { kind: 'corrupt', reason: `pemeriksaan integritas gagal: ${verdict.slice(0, 3).join('; ') || 'tanpa jawaban'}` };
    }
    const meta = readMeta(db);
    if (!meta) {
      db.close();
      return { kind: 'corrupt', reason: 'bukan basis data Berkas (tabel berkas_meta tidak ada atau tidak lengkap)' };
    }
    return { kind: 'ok', db, meta };
  } catch (err) {
    db?.close();
    return { kind: 'corrupt', reason: `SQLite menolak berkas ini: ${errorText(err)}` };
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local time, because the officer reads the name in a file manager. */
export function stampNow(): string {
  const d = new Date();
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** A free "<name>.rusak-<stamp>[-n]" beside the file. */
export function asideName(file: string, stamp: string): Promise<string> {
  return freeName(`${file}.rusak-${stamp}`);
}

export async function moveAside(file: string, stamp: string): Promise<string> {
  const target = await asideName(file, stamp);
  try {
    await fs.rename(file, target);
    await fsyncDir(path.dirname(file));
  } catch (err) {
    throw describeFsError(err, file);
  }
  return target;
}

/** Temp files of a writeFileAtomic that a kill interrupted; we hold the folder lock, so none is in use. */
export async function removeStaleTemps(dir: string): Promise<void> {
  const pattern = /^\.berkas\.(db|journal)\.[0-9a-f]{12}\.tmp$/;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => pattern.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)));
}

/**
 * Whether replacing this journal could discard acknowledged writes. A journal
 * of an older generation of the same database holds only writes that are
 * already in the snapshot; anything else with records might be the only copy.
 */
export function hasSomethingToLose(bytes: Uint8Array, scan: JournalScan, meta: Meta | null): boolean {
  // A header that does not decode with no intact record anywhere after it is what a kill during a
  // non-atomic creation leaves (or a stray tear appended where no journal was): nothing was ever acknowledged.
  if (!scan.header) return scan.records.length > 0 || containsIntactRecord(bytes);
  if (scan.records.length === 0 && scan.tail !== 'damaged') return false;
  return !(meta && scan.header.databaseId === meta.databaseId && scan.header.generation < meta.generation);
}
