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
 *
 * This file opens the folder; the running store is sqljs-store.ts and the
 * reading and setting aside of the files on disk is sqljs-files.ts.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import type { Database } from '../ports';
import { describeFsError, writeFileAtomic } from './fs-atomic';
import type { Migration } from './migrations';
import { acquireDirLock } from './store-lock';
import { scanJournal } from './store-journal';
import {
  JOURNAL_FILE,
  SNAPSHOT_FILE,
  STORE_FILE_MODE,
  hasSomethingToLose,
  loadSnapshot,
  loadSqlJs,
  moveAside,
  readOptional,
  removeStaleTemps,
  stampNow,
  type Meta,
  type StoreNotice,
  type StorePausePoint,
} from './sqljs-files';
import { SqljsStore } from './sqljs-store';

export { JOURNAL_FILE, SNAPSHOT_FILE, type StoreNotice, type StorePausePoint } from './sqljs-files';

const DEFAULT_JOURNAL_LIMIT_BYTES = 4 * 1024 * 1024;

export interface OpenDatabaseOptions {
  dir: string;
  migrations: Migration[];
  wasmPath?: string;
  /** Journal size that triggers a compaction (default 4 MB); tests use a small one to compact often. */
  journalLimitBytes?: number;
  /** Crash tests only: awaited at each named point of a file's creation, so a kill can land exactly there. */
  pauseAt?: (point: StorePausePoint) => Promise<void>;
}

/** Loads the snapshot (setting a damaged one aside, or creating the first) and hands the journal to the store. */
async function openStore(
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
    await store.start(journalBytes, notices);
  } catch (err) {
    await store.dispose();
    throw err;
  }
  return store;
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
    store = await openStore(sql, dir, opts.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT_BYTES, pause, notices);
    store.holdLock(lock);
    await store.migrate(opts.migrations);
    return { db: store, notices };
  } catch (err) {
    if (store) await store.dispose();
    else await lock.release();
    throw err;
  }
}
