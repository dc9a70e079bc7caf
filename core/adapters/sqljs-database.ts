/**
 * The officer's database: sql.js (SQLite in WebAssembly, whole database in
 * memory) made durable with a snapshot plus a journal.
 *
 * Why not simply export the database and write it with writeFileAtomic after
 * every change? Because that costs O(database size) per save: a 10,000-document
 * database is several MB, and the UI saves on every edit. Instead:
 *
 * - berkas.db is a full sql.js export, only ever written by writeFileAtomic
 *   (temp + fsync + rename), so it is always a complete database. Inside it,
 *   berkas_meta holds a random database id and a generation number.
 * - berkas.journal starts with a header naming that database id and generation,
 *   followed by one checksummed record per write() (format in store-journal.ts).
 *   A write is applied to memory inside a transaction, appended, fdatasync'ed,
 *   and only then committed in memory and acknowledged: O(size of the change).
 * - When the journal passes a threshold (and on close) the database is exported
 *   as a snapshot with generation + 1, then a fresh journal with the new
 *   generation replaces the old one. A crash between those two steps leaves an
 *   old-generation journal beside a new snapshot; its records are already in the
 *   snapshot, so opening ignores it.
 * - Opening loads the snapshot and replays the journal's records in order,
 *   stopping at the first incomplete one: a torn tail is what a kill mid-append
 *   leaves, and that write was never acknowledged. The tail is cut off so new
 *   records follow intact ones.
 *
 * A snapshot that is not a sound SQLite file is never overwritten: it is
 * renamed aside (berkas.db.rusak-YYYYMMDD-HHMMSS) and reported as a notice.
 *
 * Reads are synchronous against memory. While a write waits for its fsync, a
 * query sees that write's rows; if the append then fails they vanish again.
 * Outside write(), PRAGMA query_only keeps query() from changing anything that
 * the journal would not know about. Statements are replayed verbatim, so they
 * must be deterministic: pass times and ids as parameters, not datetime('now')
 * or random().
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import initSqlJs, { type Database as SqlJsDatabase, type SqlJsStatic } from 'sql.js';
import type { Database, SqlRow, SqlStatement, SqlValue } from '../ports';
import { BerkasError } from '../domain/errors';
import { describeFsError, fsyncDir, writeFileAtomic } from './fs-atomic';
import type { Migration } from './migrations';
import { acquireDirLock, type DirLock } from './store-lock';
import {
  JOURNAL_HEADER_LEN,
  containsIntactRecord,
  decodePayload,
  encodeHeader,
  encodePayload,
  encodeRecord,
  normalizeStatements,
  scanJournal,
  type JournalScan,
} from './store-journal';

export const SNAPSHOT_FILE = 'berkas.db';
export const JOURNAL_FILE = 'berkas.journal';
const DEFAULT_JOURNAL_LIMIT_BYTES = 4 * 1024 * 1024;

export interface StoreNotice {
  code: string;
  message: string;
}

export interface OpenDatabaseOptions {
  dir: string;
  migrations: Migration[];
  wasmPath?: string;
  /** Journal size that triggers a compaction (default 4 MB); tests use a small one to compact often. */
  journalLimitBytes?: number;
  /** Crash tests only: awaited at each named point of a file's creation, so a kill can land exactly there. */
  pauseAt?: (point: StorePausePoint) => Promise<void>;
}

/**
 * Points inside the creation of the two files, where a kill must leave a folder that opens clean:
 * a complete temp file beside the old file (…-temp-written), a new file in place before its
 * folder is synced (journal-renamed), a new snapshot beside the old-generation journal.
 */
export type StorePausePoint = 'snapshot-temp-written' | 'journal-temp-written' | 'journal-renamed' | 'snapshot-written-before-journal';

/** Only the officer's account may read the work in these files (Pontianak Pasal 33(2)). */
const STORE_FILE_MODE = 0o600;

interface Meta {
  databaseId: string;
  generation: number;
  schemaVersion: number;
}

type SnapshotLoad = { kind: 'missing' } | { kind: 'corrupt'; reason: string } | { kind: 'ok'; db: SqlJsDatabase; meta: Meta };

const sqlJsByWasm = new Map<string, Promise<SqlJsStatic>>();

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One sql.js instance per wasm file: compiling the module is the slow part of opening. */
function loadSqlJs(wasmPath?: string): Promise<SqlJsStatic> {
  const file = wasmPath ?? require.resolve('sql.js/dist/sql-wasm.wasm');
  let pending = sqlJsByWasm.get(file);
  if (!pending) {
    pending = (async () => {
      let wasm: Buffer;
      try {
        wasm = await fs.readFile(file);
      } catch (err) {
        throw new BerkasError('SQLJS_MISSING', `Mesin basis data (sql-wasm.wasm) tidak dapat dibaca dari ${file}: ${errorText(err)}. Pasang ulang Berkas.`);
      }
      return initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    })();
    sqlJsByWasm.set(file, pending);
    pending.catch(() => sqlJsByWasm.delete(file));
  }
  return pending;
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new BerkasError('DB_READ_FAILED', `Berkas ${file} tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? errorText(err)}). Periksa izin folder data.`);
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

function readMeta(db: SqlJsDatabase): Meta | null {
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

async function loadSnapshot(sql: SqlJsStatic, file: string): Promise<SnapshotLoad> {
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
function stampNow(): string {
  const d = new Date();
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** A free "<name>.rusak-<stamp>[-n]" beside the file (rename would silently replace an existing one). */
async function asideName(file: string, stamp: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = `${file}.rusak-${stamp}${n === 1 ? '' : `-${n}`}`;
    if (!(await exists(candidate))) return candidate;
  }
}

async function moveAside(file: string, stamp: string): Promise<string> {
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
async function removeStaleTemps(dir: string): Promise<void> {
  const pattern = /^\.berkas\.(db|journal)\.[0-9a-f]{12}\.tmp$/;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => pattern.test(n)).map((n) => fs.rm(path.join(dir, n), { force: true }).catch(() => undefined)));
}

class SqljsStore implements Database {
  private db: SqlJsDatabase;
  private meta: Meta;
  private journal: fs.FileHandle | null = null;
  private journalSize = 0;
  private nextCompactionAt: number;
  private queue: Promise<unknown> = Promise.resolve();
  private isClosed = false;
  private isCompactionQueued = false;
  /** Set when memory and disk might disagree; every later write is refused until the folder is reopened. */
  private failure: BerkasError | null = null;
  private lock: DirLock | null = null;

  readonly snapshotPath: string;
  readonly journalPath: string;

  private constructor(
    private readonly sql: SqlJsStatic,
    readonly dir: string,
    private readonly journalLimit: number,
    private readonly pause: (point: StorePausePoint) => Promise<void>,
    db: SqlJsDatabase,
    meta: Meta,
  ) {
    this.db = db;
    this.meta = meta;
    this.snapshotPath = path.join(dir, SNAPSHOT_FILE);
    this.journalPath = path.join(dir, JOURNAL_FILE);
    this.nextCompactionAt = journalLimit;
  }

  static async open(
    sql: SqlJsStatic,
    dir: string,
    journalLimit: number,
    pause: (point: StorePausePoint) => Promise<void>,
    notices: StoreNotice[],
  ): Promise<SqljsStore> {
    const snapshotPath = path.join(dir, SNAPSHOT_FILE);
    const journalPath = path.join(dir, JOURNAL_FILE);
    await removeStaleTemps(dir);
    // Folders made before the files were created 0600 are tightened here; a failure (FAT, Windows) changes nothing.
    await Promise.all([snapshotPath, journalPath].map((f) => fs.chmod(f, STORE_FILE_MODE).catch(() => undefined)));
    // Journal first: if it cannot be read, no snapshot has been loaded into memory yet.
    let journalBytes = await readOptional(journalPath);
    let loaded = await loadSnapshot(sql, snapshotPath);

    if (loaded.kind === 'corrupt') {
      const stamp = stampNow();
      const movedDb = await moveAside(snapshotPath, stamp);
      const movedJournal = journalBytes ? await moveAside(journalPath, stamp) : null;
      journalBytes = null;
      notices.push({
        code: 'DB_MOVED_ASIDE',
        message:
          `Basis data ${snapshotPath} rusak (${loaded.reason}) sehingga tidak dapat dibuka. Berkas aslinya tidak diubah dan disimpan sebagai ` +
          `${path.basename(movedDb)}${movedJournal ? ` (jurnalnya sebagai ${path.basename(movedJournal)})` : ''} di folder ${dir}. ` +
          'Berkas memulai basis data baru yang kosong; serahkan berkas yang rusak itu kepada petugas TI untuk dipulihkan.',
      });
      loaded = { kind: 'missing' };
    }

    let store: SqljsStore;
    if (loaded.kind === 'missing') {
      if (journalBytes && journalBytes.length > 0 && hasSomethingToLose(journalBytes, scanJournal(journalBytes), null)) {
        const moved = await moveAside(journalPath, stampNow());
        notices.push({
          code: 'JOURNAL_MOVED_ASIDE',
          message: `Jurnal ${journalPath} ditemukan tanpa basis data ${SNAPSHOT_FILE}; isinya tidak dapat diterapkan dan disimpan sebagai ${path.basename(moved)} di folder ${dir}.`,
        });
      }
      journalBytes = null;
      const db = new sql.Database();
      const meta: Meta = { databaseId: randomBytes(16).toString('hex'), generation: 1, schemaVersion: 0 };
      // Untyped value column: ids are text, counters are integers.
      db.run('CREATE TABLE berkas_meta (key TEXT PRIMARY KEY, value NOT NULL)');
      db.run("INSERT INTO berkas_meta (key, value) VALUES ('database_id', ?), ('generation', ?), ('schema_version', ?)", [meta.databaseId, meta.generation, meta.schemaVersion]);
      store = new SqljsStore(sql, dir, journalLimit, pause, db, meta);
      try {
        await writeFileAtomic(snapshotPath, db.export(), STORE_FILE_MODE, () => pause('snapshot-temp-written'));
      } catch (err) {
        db.close();
        throw err;
      }
    } else {
      store = new SqljsStore(sql, dir, journalLimit, pause, loaded.db, loaded.meta);
    }

    try {
      await store.attachJournal(journalBytes, notices);
    } catch (err) {
      await store.dispose();
      throw err;
    }
    store.setQueryOnly(true);
    return store;
  }

  /** Replays a matching journal, or replaces one that does not belong to this snapshot. */
  private async attachJournal(bytes: Buffer | null, notices: StoreNotice[]): Promise<void> {
    const scan = bytes ? scanJournal(bytes) : null;
    const header = scan?.header;
    if (!scan || !header || header.databaseId !== this.meta.databaseId || header.generation !== this.meta.generation) {
      if (bytes && bytes.length > 0 && scan && hasSomethingToLose(bytes, scan, this.meta)) {
        const moved = await moveAside(this.journalPath, stampNow());
        const why = !header
          ? 'kepalanya rusak'
          : header.databaseId !== this.meta.databaseId
            ? 'milik basis data lain'
            : `generasinya (${header.generation}) lebih baru daripada basis data (${this.meta.generation}); mungkin ${SNAPSHOT_FILE} diganti dengan salinan lama`;
        notices.push({
          code: 'JOURNAL_MOVED_ASIDE',
          message: `Jurnal ${this.journalPath} tidak diterapkan karena ${why}. Isinya disimpan sebagai ${path.basename(moved)} di folder ${this.dir}; periksa apakah ada perubahan terakhir yang hilang.`,
        });
      }
      await this.createJournal();
      return;
    }

    let validEnd = scan.validEnd;
    let isDamaged = scan.tail === 'damaged';
    for (const record of scan.records) {
      try {
        this.applyCommitted(decodePayload(record.payload));
      } catch {
        // A record with a good checksum that cannot be applied: stop here, as at a torn record.
        validEnd = record.start;
        isDamaged = true;
        break;
      }
    }
    // Replayed records may include migrations, which move schema_version.
    this.meta = readMeta(this.db) ?? this.meta;
    if (isDamaged) {
      const copy = await asideName(this.journalPath, stampNow());
      try {
        await fs.copyFile(this.journalPath, copy);
      } catch (err) {
        throw describeFsError(err, copy);
      }
      notices.push({
        code: 'JOURNAL_DAMAGED',
        message: `Jurnal ${this.journalPath} rusak setelah bait ke-${validEnd}; perubahan sesudah titik itu tidak dapat dipulihkan. Salinan utuh jurnal disimpan sebagai ${path.basename(copy)} di folder ${this.dir}.`,
      });
    }
    try {
      this.journal = await fs.open(this.journalPath, 'r+');
      if (validEnd < (bytes?.length ?? 0)) {
        await this.journal.truncate(validEnd);
        await this.journal.datasync();
      }
    } catch (err) {
      throw describeFsError(err, this.journalPath);
    }
    this.journalSize = validEnd;
    if (this.journalSize >= this.journalLimit) this.scheduleCompaction();
  }

  private async createJournal(): Promise<void> {
    await writeFileAtomic(this.journalPath, encodeHeader(this.meta), STORE_FILE_MODE, () => this.pause('journal-temp-written'));
    await this.pause('journal-renamed');
    try {
      this.journal = await fs.open(this.journalPath, 'r+');
    } catch (err) {
      throw describeFsError(err, this.journalPath);
    }
    this.journalSize = JOURNAL_HEADER_LEN;
    this.nextCompactionAt = this.journalLimit;
  }

  private setQueryOnly(isOn: boolean): void {
    this.db.run(`PRAGMA query_only = ${isOn ? 'ON' : 'OFF'}`);
  }

  /** Runs statements exactly as replay will (no params: a script; params: the first statement). */
  private runStatements(statements: SqlStatement[]): void {
    statements.forEach((s, i) => {
      try {
        if (s.params === undefined) this.db.run(s.sql);
        else this.db.run(s.sql, s.params);
      } catch (err) {
        throw new BerkasError(
          'DB_WRITE_REJECTED',
          `Perubahan tidak disimpan: pernyataan ke-${i + 1} ditolak basis data (${errorText(err)}). Tidak ada yang berubah.`,
          { statement: i, sql: s.sql.slice(0, 200) },
        );
      }
    });
  }

  /** Used by replay: memory only, one transaction per record. */
  private applyCommitted(statements: SqlStatement[]): void {
    this.db.run('BEGIN');
    try {
      this.runStatements(statements);
      this.db.run('COMMIT');
    } catch (err) {
      this.db.run('ROLLBACK');
      throw err;
    }
  }

  /** True while the transaction write() opened is still open (a statement may have ended it: COMMIT, END, ROLLBACK). */
  private isOwnTransactionOpen(): boolean {
    try {
      this.db.run('BEGIN');
    } catch {
      return true;
    }
    this.db.run('ROLLBACK');
    return false;
  }

  private ensureOpen(): void {
    if (this.isClosed) throw new BerkasError('DB_CLOSED', `Basis data di ${this.dir} sudah ditutup.`);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlValue[]): T[] {
    this.ensureOpen();
    let stmt: ReturnType<SqlJsDatabase['prepare']> | undefined;
    try {
      stmt = this.db.prepare(sql);
      if (params !== undefined) stmt.bind(params);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } catch (err) {
      throw new BerkasError('DB_QUERY_FAILED', `Pembacaan basis data gagal: ${errorText(err)}.`, { sql: sql.slice(0, 200) });
    } finally {
      stmt?.free();
    }
  }

  schemaVersion(): number {
    return this.meta.schemaVersion;
  }

  /**
   * Queued like a write: while one waits for its fsync its transaction is open
   * in memory (sql.js refuses to export then, and the rows are not yet
   * acknowledged), so the export runs between writes and holds only committed state.
   */
  exportSnapshot(): Promise<Uint8Array> {
    return this.enqueue(async () => {
      this.ensureOpen();
      if (this.failure) throw this.failure;
      try {
        return this.db.export();
      } catch (err) {
        throw new BerkasError('DB_EXPORT_FAILED', `Salinan basis data ${this.snapshotPath} tidak dapat dibuat: ${errorText(err)}.`);
      }
    });
  }

  write(statements: SqlStatement[]): Promise<void> {
    let normalized: SqlStatement[];
    let payload: Buffer;
    try {
      normalized = normalizeStatements(statements);
      payload = encodePayload(normalized);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.enqueue(() => this.persist(normalized, payload));
  }

  private async persist(statements: SqlStatement[], payload: Buffer): Promise<void> {
    this.ensureOpen();
    if (this.failure) throw this.failure;
    if (statements.length === 0) return;
    // A compaction that could not start a new journal leaves none: create it before touching memory.
    if (!this.journal) await this.createJournal();
    const journal = this.journal!;

    this.setQueryOnly(false);
    this.db.run('BEGIN');
    try {
      this.runStatements(statements);
      if (!this.isOwnTransactionOpen()) {
        // The statements committed part of themselves; memory no longer matches disk.
        await this.reloadFromDisk();
        throw new BerkasError('DB_WRITE_REJECTED', 'Perubahan tidak disimpan: pernyataan tidak boleh memuat BEGIN, COMMIT, END, atau ROLLBACK sendiri. Tidak ada yang berubah.');
      }
    } catch (err) {
      if (!this.isClosed && this.failure === null) {
        try {
          this.db.run('ROLLBACK');
        } catch {
          // Already rolled back (or reloaded) above.
        }
        this.setQueryOnly(true);
      }
      throw err;
    }
    this.setQueryOnly(true);

    const record = encodeRecord(payload);
    const start = this.journalSize;
    try {
      await journal.write(record, 0, record.length, start);
      await journal.datasync();
    } catch (err) {
      this.db.run('ROLLBACK');
      try {
        await journal.truncate(start);
        await journal.datasync();
      } catch {
        this.failure = new BerkasError(
          'DB_UNAVAILABLE',
          `Penyimpanan ke ${this.journalPath} gagal dan jurnal tidak dapat dikembalikan. Tutup lalu buka kembali Berkas sebelum menyimpan lagi.`,
        );
      }
      throw describeFsError(err, this.journalPath);
    }
    this.journalSize = start + record.length;
    try {
      this.db.run('COMMIT');
    } catch (err) {
      // Only an out-of-memory can get here; the change is durable and returns on reopen.
      this.failure = new BerkasError('DB_UNAVAILABLE', `Basis data di memori gagal diperbarui (${errorText(err)}). Perubahan sudah tercatat di ${this.journalPath}; tutup lalu buka kembali Berkas.`);
      throw this.failure;
    }
    if (this.journalSize >= this.nextCompactionAt) this.scheduleCompaction();
  }

  /** Memory = snapshot + journal as on disk: the way back after statements escaped their transaction. */
  private async reloadFromDisk(): Promise<void> {
    const loaded = await loadSnapshot(this.sql, this.snapshotPath);
    const bytes = await readOptional(this.journalPath);
    if (loaded.kind !== 'ok' || !bytes) {
      this.failure = new BerkasError('DB_UNAVAILABLE', `Basis data ${this.snapshotPath} tidak dapat dimuat ulang. Tutup lalu buka kembali Berkas.`);
      throw this.failure;
    }
    this.db.close();
    this.db = loaded.db;
    this.meta = loaded.meta;
    const scan = scanJournal(bytes.subarray(0, this.journalSize));
    if (scan.header?.generation === this.meta.generation && scan.header.databaseId === this.meta.databaseId) {
      for (const record of scan.records) this.applyCommitted(decodePayload(record.payload));
    }
    this.meta = readMeta(this.db) ?? this.meta;
    this.setQueryOnly(true);
  }

  private scheduleCompaction(): void {
    if (this.isCompactionQueued) return;
    this.isCompactionQueued = true;
    void this.enqueue(async () => {
      this.isCompactionQueued = false;
      if (this.isClosed || this.failure) return;
      try {
        await this.compact();
      } catch {
        // Every acknowledged write is already in the journal; try again once it has grown a little more.
        this.nextCompactionAt = this.journalSize + this.journalLimit / 4;
      }
    });
  }

  /** Snapshot with generation + 1, then a fresh journal; see the comment at the top for crash safety. */
  private async compact(): Promise<void> {
    const next = this.meta.generation + 1;
    this.setQueryOnly(false);
    this.db.run("UPDATE berkas_meta SET value = ? WHERE key = 'generation'", [next]);
    this.setQueryOnly(true);
    try {
      await writeFileAtomic(this.snapshotPath, this.db.export(), STORE_FILE_MODE, () => this.pause('snapshot-temp-written'));
    } catch (err) {
      this.setQueryOnly(false);
      this.db.run("UPDATE berkas_meta SET value = ? WHERE key = 'generation'", [this.meta.generation]);
      this.setQueryOnly(true);
      throw err;
    }
    this.meta = { ...this.meta, generation: next };
    // From here the old journal must never receive another record: it would be ignored on open.
    const old = this.journal;
    this.journal = null;
    await old?.close().catch(() => undefined);
    await this.pause('snapshot-written-before-journal');
    await this.createJournal();
  }

  async migrate(migrations: Migration[]): Promise<void> {
    const sorted = [...migrations].sort((a, b) => a.version - b.version);
    sorted.forEach((m, i) => {
      if (!Number.isSafeInteger(m.version) || m.version < 1 || (i > 0 && sorted[i - 1]!.version === m.version)) {
        throw new BerkasError('MIGRATION_INVALID', `Daftar migrasi tidak sah: nomor ${m.version} (${m.name}) harus bilangan bulat positif yang unik.`);
      }
    });
    const latest = sorted.at(-1)?.version ?? 0;
    if (this.meta.schemaVersion > latest) {
      throw new BerkasError(
        'DB_TOO_NEW',
        `Basis data ${this.snapshotPath} dibuat oleh versi Berkas yang lebih baru (skema ${this.meta.schemaVersion}, aplikasi ini hanya mengenal sampai ${latest}). Perbarui Berkas; basis data tidak diubah.`,
      );
    }
    for (const m of sorted) {
      if (m.version <= this.meta.schemaVersion) continue;
      const statements: SqlStatement[] = [
        ...m.statements.map((sql) => ({ sql })),
        { sql: "UPDATE berkas_meta SET value = ? WHERE key = 'schema_version'", params: [m.version] },
      ];
      try {
        await this.enqueue(() => this.persist(statements, encodePayload(statements)));
      } catch (err) {
        const detail = err instanceof BerkasError ? err.message : errorText(err);
        throw new BerkasError('MIGRATION_FAILED', `Migrasi basis data nomor ${m.version} (${m.name}) gagal; basis data tetap pada skema ${this.meta.schemaVersion}. ${detail}`, {
          version: m.version,
        });
      }
      this.meta = { ...this.meta, schemaVersion: m.version };
    }
  }

  holdLock(lock: DirLock): void {
    this.lock = lock;
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      if (this.isClosed) return;
      // Folding the journal into the snapshot makes the next open a plain load.
      if (!this.failure && this.journal && this.journalSize > JOURNAL_HEADER_LEN) {
        try {
          await this.compact();
        } catch {
          // The journal still holds every acknowledged write; the next open replays it.
        }
      }
      await this.dispose();
    });
  }

  /** Frees memory, the journal handle and the folder lock, without writing. */
  async dispose(): Promise<void> {
    this.isClosed = true;
    await this.journal?.close().catch(() => undefined);
    this.journal = null;
    this.db.close();
    await this.lock?.release();
    this.lock = null;
  }
}

/**
 * Whether replacing this journal could discard acknowledged writes. A journal
 * of an older generation of the same database holds only writes that are
 * already in the snapshot; anything else with records might be the only copy.
 */
function hasSomethingToLose(bytes: Uint8Array, scan: JournalScan, meta: Meta | null): boolean {
  // A header that does not decode with no intact record anywhere after it is what a kill during a
  // non-atomic creation leaves (or a stray tear appended where no journal was): nothing was ever acknowledged.
  if (!scan.header) return scan.records.length > 0 || containsIntactRecord(bytes);
  if (scan.records.length === 0 && scan.tail !== 'damaged') return false;
  return !(meta && scan.header.databaseId === meta.databaseId && scan.header.generation < meta.generation);
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<{ db: Database; notices: StoreNotice[] }> {
  const dir = path.resolve(opts.dir);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, dir);
  }
  const lock = await acquireDirLock(dir);
  const notices: StoreNotice[] = [];
  let store: SqljsStore | undefined;
  try {
    const sql = await loadSqlJs(opts.wasmPath);
    const pause = opts.pauseAt ?? (() => Promise.resolve());
    store = await SqljsStore.open(sql, dir, opts.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT_BYTES, pause, notices);
    store.holdLock(lock);
    await store.migrate(opts.migrations);
    return { db: store, notices };
  } catch (err) {
    if (store) await store.dispose();
    else await lock.release();
    throw err;
  }
}
