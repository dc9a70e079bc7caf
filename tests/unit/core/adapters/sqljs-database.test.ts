import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { JOURNAL_FILE, SNAPSHOT_FILE, openDatabase } from '../../../../core/adapters/sqljs-database';
import { JOURNAL_HEADER_LEN, containsIntactRecord, decodeHeader, encodeHeader, encodePayload, encodeRecord, scanJournal } from '../../../../core/adapters/store-journal';
import { migrations as appMigrations, type Migration } from '../../../../core/adapters/migrations';
import type { Database } from '../../../../core/ports';

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-db-test-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(tempDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** What a kill at this instant would leave: the files as they are on disk right now. */
async function crashImage(dir: string): Promise<string> {
  const copy = await tempDir();
  for (const name of [SNAPSHOT_FILE, JOURNAL_FILE]) {
    await fs.copyFile(path.join(dir, name), path.join(copy, name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  return copy;
}

const probe: Migration[] = [{ version: 1, name: 'probe', statements: ['CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT, bin BLOB)'] }];

function insert(id: number, body = `row ${id}`, bin: Uint8Array | null = null) {
  return { sql: 'INSERT INTO t (id, body, bin) VALUES (?, ?, ?)', params: [id, body, bin] };
}

function ids(db: Database): number[] {
  return db.query<{ id: number }>('SELECT id FROM t ORDER BY id').map((r) => r.id);
}

function generation(db: Database): number {
  return db.query<{ value: number }>("SELECT value FROM berkas_meta WHERE key = 'generation'")[0]!.value;
}

async function journalSize(dir: string): Promise<number> {
  return (await fs.stat(path.join(dir, JOURNAL_FILE))).size;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('migrations', () => {
  it('applies each migration once, in version order, whatever order they are listed in', async () => {
    const dir = await tempDir();
    const list: Migration[] = [
      { version: 3, name: 'three', statements: ["INSERT INTO log (v) VALUES ('3')"] },
      { version: 1, name: 'one', statements: ['CREATE TABLE log (n INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)', "INSERT INTO log (v) VALUES ('1')"] },
      { version: 2, name: 'two', statements: ["INSERT INTO log (v) VALUES ('2')"] },
    ];
    const first = await openDatabase({ dir, migrations: list });
    expect(first.db.schemaVersion()).toBe(3);
    await first.db.close();

    const second = await openDatabase({ dir, migrations: [...list, { version: 4, name: 'four', statements: ["INSERT INTO log (v) VALUES ('4')"] }] });
    expect(second.db.schemaVersion()).toBe(4);
    expect(second.db.query('SELECT v FROM log ORDER BY n').map((r) => r.v)).toEqual(['1', '2', '3', '4']);
    await second.db.close();
  });

  it('creates the documents table of the real migration list', async () => {
    const dir = await tempDir();
    const { db, notices } = await openDatabase({ dir, migrations: appMigrations });
    expect(notices).toEqual([]);
    expect(db.schemaVersion()).toBe(appMigrations.at(-1)!.version);
    expect(db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'documents'")).toHaveLength(1);
    await db.close();
  });

  it('a failing migration leaves the schema at the previous version', async () => {
    const dir = await tempDir();
    const broken: Migration[] = [...probe, { version: 2, name: 'broken', statements: ['CREATE TABLE u (x)', 'INSERT INTO missing_table VALUES (1)'] }];
    const err = await errorOf(openDatabase({ dir, migrations: broken }));
    expect(err.code).toBe('MIGRATION_FAILED');
    expect(err.message).toContain('nomor 2 (broken)');
    const { db } = await openDatabase({ dir, migrations: probe });
    expect(db.schemaVersion()).toBe(1);
    expect(db.query("SELECT name FROM sqlite_master WHERE name = 'u'")).toEqual([]);
    await db.close();
  });

  it('refuses a database made by a newer version and leaves it usable', async () => {
    const dir = await tempDir();
    const newer: Migration[] = [...probe, { version: 2, name: 'later', statements: ['CREATE TABLE later (x)'] }];
    await (await openDatabase({ dir, migrations: newer })).db.close();
    const err = await errorOf(openDatabase({ dir, migrations: probe }));
    expect(err.code).toBe('DB_TOO_NEW');
    const again = await openDatabase({ dir, migrations: newer });
    expect(again.db.schemaVersion()).toBe(2);
    await again.db.close();
  });
});

describe('writes', () => {
  it('keeps data across close and reopen, including blobs', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const bin = new Uint8Array([0, 1, 2, 250, 255]);
    await db.write([insert(1, 'satu', bin), insert(2, 'dua')]);
    await db.close();
    const again = await openDatabase({ dir, migrations: probe });
    expect(again.db.query('SELECT id, body, bin FROM t ORDER BY id')).toEqual([
      { id: 1, body: 'satu', bin },
      { id: 2, body: 'dua', bin: null },
    ]);
    await again.db.close();
  });

  it('an acknowledged write survives a crash (journal replay), and unicode and blobs round-trip', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const bin = new Uint8Array(300).map((_, i) => (i * 7) % 256);
    const text = 'Rp 186.000.000 — Dinas Komunikasi 📄 \u{1F1EE}\u{1F1E9}';
    await db.write([insert(1, text, bin)]);
    await db.write([{ sql: 'UPDATE t SET body = body || ? WHERE id = ?', params: ['!', 1] }]);
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(replayed.db.query('SELECT body, bin FROM t')).toEqual([{ body: `${text}!`, bin }]);
    expect(replayed.notices).toEqual([]);
    await replayed.db.close();
  });

  it('copies parameters at call time, so later mutation by the caller changes nothing', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const bin = new Uint8Array([1, 2, 3]);
    const pending = db.write([insert(1, 'x', bin)]);
    bin[0] = 99;
    await pending;
    expect(db.query('SELECT bin FROM t')[0]!.bin).toEqual(new Uint8Array([1, 2, 3]));
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(replayed.db.query('SELECT bin FROM t')[0]!.bin).toEqual(new Uint8Array([1, 2, 3]));
    await replayed.db.close();
  });

  it('an SQL error in any statement leaves neither memory nor disk changed', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    const before = await journalSize(dir);
    const err = await errorOf(db.write([insert(2), insert(3), insert(1)]));
    expect(err.code).toBe('DB_WRITE_REJECTED');
    expect(err.message).toContain('pernyataan ke-3');
    expect(ids(db)).toEqual([1]);
    expect(await journalSize(dir)).toBe(before);
    await db.write([insert(2)]);
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(ids(replayed.db)).toEqual([1, 2]);
    await replayed.db.close();
  });

  it('refuses parameters JSON cannot carry faithfully, before touching anything', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const before = await journalSize(dir);
    for (const bad of [Infinity, NaN, true, undefined, { a: 1 }]) {
      const err = await errorOf(db.write([{ sql: 'INSERT INTO t (id, body) VALUES (?, ?)', params: [1, bad as unknown as string] }]));
      expect(err.code).toBe('DB_BAD_STATEMENT');
      expect(err.message).toContain('parameter ke-2 pada pernyataan ke-1');
    }
    expect((await errorOf(db.write('DROP TABLE t' as unknown as []))).code).toBe('DB_BAD_STATEMENT');
    expect(ids(db)).toEqual([]);
    expect(await journalSize(dir)).toBe(before);
    await db.close();
  });

  it('a statement that ends the transaction itself is rejected and undone', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    const err = await errorOf(db.write([{ sql: "INSERT INTO t (id, body) VALUES (2, 'x'); COMMIT; INSERT INTO t (id, body) VALUES (3, 'y')" }]));
    expect(err.code).toBe('DB_WRITE_REJECTED');
    expect(ids(db)).toEqual([1]);
    await db.write([insert(4)]);
    expect(ids(db)).toEqual([1, 4]);
    await db.close();
  });

  it('query() cannot change data behind the journal', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const err = (() => {
      try {
        db.query("INSERT INTO t (id, body) VALUES (1, 'x')");
      } catch (e) {
        return e as { code: string };
      }
      return null;
    })();
    expect(err?.code).toBe('DB_QUERY_FAILED');
    expect(ids(db)).toEqual([]);
    await db.close();
  });

  it('a read asked again (its statement kept prepared) sees later writes, new parameters and new columns; one that failed midway holds nothing', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1), insert(2)]);
    const byId = (id: number) => db.query<{ body: string }>('SELECT body FROM t WHERE id = ?', [id]);
    expect(byId(1)).toEqual([{ body: 'row 1' }]);
    expect(byId(2)).toEqual([{ body: 'row 2' }]);
    await db.write([{ sql: 'UPDATE t SET body = ? WHERE id = ?', params: ['dua', 2] }]);
    expect(byId(2)).toEqual([{ body: 'dua' }]);
    // Asked without parameters, it binds none: nothing of the call before.
    expect(db.query('SELECT body FROM t WHERE id = ?')).toEqual([]);
    expect(byId(3)).toEqual([]);
    // Row 2 overflows abs(): the statement fails after handing out row 1.
    const overflow = 'SELECT id, abs(CASE WHEN id = 2 THEN -9223372036854775807 - 1 ELSE id END) AS a FROM t ORDER BY id';
    expect(() => db.query(overflow)).toThrow(expect.objectContaining({ code: 'DB_QUERY_FAILED' }));
    // A statement left stepping would lock the table against this.
    await db.write([{ sql: 'ALTER TABLE t ADD COLUMN note TEXT' }, { sql: "UPDATE t SET note = 'catatan' WHERE id = 1" }]);
    expect(db.query('SELECT * FROM t WHERE id = ?', [1])).toEqual([{ id: 1, body: 'row 1', bin: null, note: 'catatan' }]);
    await db.write([{ sql: 'DROP TABLE t' }]);
    expect(() => byId(1)).toThrow(expect.objectContaining({ code: 'DB_QUERY_FAILED' }));
    // SQLite's own rollback journal stays in memory (durability is the store's journal), after a reopen too.
    expect(db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'memory' }]);
    await db.close();
    const again = await openDatabase({ dir, migrations: probe });
    expect(again.db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'memory' }]);
    await again.db.close();
  });

  it('serializes concurrent writes: all land, in call order', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([{ sql: 'CREATE TABLE seq (n INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER)' }]);
    await Promise.all(Array.from({ length: 60 }, (_, i) => db.write([{ sql: 'INSERT INTO seq (v) VALUES (?)', params: [i] }])));
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(replayed.db.query<{ v: number }>('SELECT v FROM seq ORDER BY n').map((r) => r.v)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    await replayed.db.close();
  });

  it('rejects use after close', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.close();
    await db.close();
    expect((await errorOf(db.write([insert(1)]))).code).toBe('DB_CLOSED');
    expect(() => db.query('SELECT 1')).toThrow(expect.objectContaining({ code: 'DB_CLOSED' }));
  });
});

describe('compaction', () => {
  it('folds the journal into a new snapshot generation once it passes the limit', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe, journalLimitBytes: 4096 });
    const startGeneration = generation(db);
    expect(ids(db)).toEqual([]);
    for (let i = 1; i <= 120; i++) await db.write([insert(i, 'x'.repeat(100))]);
    // One more write waits behind any compaction still queued.
    await db.write([insert(121)]);
    expect(generation(db)).toBeGreaterThan(startGeneration + 2);
    expect(await journalSize(dir)).toBeLessThan(4096 + 1024);
    // Statements kept prepared before the snapshots were exported still read the live database.
    expect(ids(db)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(ids(replayed.db)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    await replayed.db.close();
  });

  it('close() leaves an empty journal and a snapshot with everything', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    await db.close();
    expect(await journalSize(dir)).toBe(JOURNAL_HEADER_LEN);
    await fs.rm(path.join(dir, JOURNAL_FILE));
    const again = await openDatabase({ dir, migrations: probe });
    expect(ids(again.db)).toEqual([1]);
    await again.db.close();
  });

  it('a crash between the new snapshot and the new journal does not apply old records twice', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe, journalLimitBytes: 2048 });
    await db.write([insert(1)]);
    const before = await crashImage(dir);
    const oldJournal = await fs.readFile(path.join(before, JOURNAL_FILE));
    for (let i = 2; i <= 40; i++) await db.write([insert(i, 'y'.repeat(80))]);
    await db.write([insert(41)]);
    // New snapshot beside a journal of an earlier generation whose records (row 1) the snapshot already holds.
    const image = await crashImage(dir);
    await fs.writeFile(path.join(image, JOURNAL_FILE), oldJournal);
    const snapshotGeneration = generation(db);
    expect(decodeHeader(oldJournal)!.generation).toBeLessThan(snapshotGeneration);
    await db.close();
    const reopened = await openDatabase({ dir: image, migrations: probe });
    expect(reopened.notices).toEqual([]);
    expect(ids(reopened.db)).toContain(1);
    expect(ids(reopened.db).length).toBeGreaterThan(1);
    await reopened.db.write([insert(100)]);
    await reopened.db.close();
    const last = await openDatabase({ dir: image, migrations: probe });
    expect(ids(last.db)).toContain(100);
    await last.db.close();
  });
});

describe('damaged files', () => {
  async function populated(): Promise<{ dir: string; snapshot: Buffer }> {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    for (let i = 1; i <= 200; i++) await db.write([insert(i, 'isi dokumen '.repeat(20))]);
    await db.close();
    return { dir, snapshot: await fs.readFile(path.join(dir, SNAPSHOT_FILE)) };
  }

  const cases: [string, (good: Buffer) => Buffer][] = [
    ['not a database at all', () => Buffer.from('ini bukan basis data, hanya teks biasa yang cukup panjang '.repeat(10))],
    ['empty', () => Buffer.alloc(0)],
    ['cut in half', (good) => good.subarray(0, Math.floor(good.length / 2))],
    ['cut inside the header', (good) => good.subarray(0, 60)],
    ['pages overwritten with garbage', (good) => {
      const bad = Buffer.from(good);
      for (let i = 4096; i < bad.length; i += 97) bad[i] = (bad[i]! + 151) % 256;
      return bad;
    }],
  ];

  it.each(cases)('moves a snapshot that is %s aside, keeps its bytes, and starts fresh with a notice', async (_label, damage) => {
    const { dir, snapshot } = await populated();
    const bad = damage(snapshot);
    await fs.writeFile(path.join(dir, SNAPSHOT_FILE), bad);
    const { db, notices } = await openDatabase({ dir, migrations: probe });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.code).toBe('DB_MOVED_ASIDE');
    const aside = (await fs.readdir(dir)).filter((n) => /^berkas\.db\.rusak-\d{8}-\d{6}$/.test(n));
    expect(aside).toHaveLength(1);
    expect(notices[0]!.message).toContain(aside[0]);
    expect(notices[0]!.message).toContain('rusak');
    expect(Buffer.compare(await fs.readFile(path.join(dir, aside[0]!)), bad)).toBe(0);
    expect((await fs.readdir(dir)).some((n) => /^berkas\.journal\.rusak-/.test(n))).toBe(true);
    expect(ids(db)).toEqual([]);
    await db.write([insert(1)]);
    await db.close();
    const again = await openDatabase({ dir, migrations: probe });
    expect(again.notices).toEqual([]);
    expect(ids(again.db)).toEqual([1]);
    await again.db.close();
  });

  it('moves aside a sound SQLite file that is not a Berkas database', async () => {
    const { dir } = await populated();
    const other = await tempDir();
    const { db } = await openDatabase({ dir: other, migrations: probe });
    await db.close();
    const foreign = await fs.readFile(path.join(other, SNAPSHOT_FILE));
    // Rename berkas_meta inside a copy by opening it through sql.js would need the engine here; corrupting its name is enough.
    const idx = foreign.indexOf('berkas_meta');
    foreign.write('xerkas_meta', idx, 'latin1');
    await fs.writeFile(path.join(dir, SNAPSHOT_FILE), foreign);
    const opened = await openDatabase({ dir, migrations: probe });
    expect(opened.notices.map((n) => n.code)).toEqual(['DB_MOVED_ASIDE']);
    await opened.db.close();
  });

  it('ignores and cuts off a torn journal tail, then appends cleanly after it', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    await db.write([insert(2)]);
    const complete = await crashImage(dir);
    await db.write([insert(3, 'z'.repeat(500))]);
    const withThird = await crashImage(dir);
    await db.close();
    const full = await fs.readFile(path.join(withThird, JOURNAL_FILE));
    const validLength = (await fs.stat(path.join(complete, JOURNAL_FILE))).size;
    for (const cut of [validLength + 3, validLength + 8, full.length - 1]) {
      const image = await crashImage(withThird);
      await fs.writeFile(path.join(image, JOURNAL_FILE), full.subarray(0, cut));
      const reopened = await openDatabase({ dir: image, migrations: probe });
      expect(reopened.notices).toEqual([]);
      expect(ids(reopened.db)).toEqual([1, 2]);
      expect(await journalSize(image)).toBe(validLength);
      await reopened.db.write([insert(4)]);
      const after = await crashImage(image);
      await reopened.db.close();
      const scan = scanJournal(await fs.readFile(path.join(after, JOURNAL_FILE)));
      expect(scan.tail).toBe('clean');
      const last = await openDatabase({ dir: after, migrations: probe });
      expect(ids(last.db)).toEqual([1, 2, 4]);
      await last.db.close();
    }
  });

  it('treats a zero-filled tail (power loss) as torn', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    const image = await crashImage(dir);
    await db.close();
    await fs.appendFile(path.join(image, JOURNAL_FILE), Buffer.alloc(4096));
    const reopened = await openDatabase({ dir: image, migrations: probe });
    expect(reopened.notices).toEqual([]);
    expect(ids(reopened.db)).toEqual([1]);
    await reopened.db.close();
  });

  it('stops at a damaged record in the middle, keeps a copy of the journal, and says so', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    for (let i = 1; i <= 3; i++) await db.write([insert(i)]);
    const image = await crashImage(dir);
    await db.close();
    const journalPath = path.join(image, JOURNAL_FILE);
    const bytes = await fs.readFile(journalPath);
    const records = scanJournal(bytes).records;
    // records[0] is the migration; flip a byte inside the payload of the second data record.
    const target = records[2]!;
    bytes[target.start + 12] = bytes[target.start + 12]! ^ 0xff;
    await fs.writeFile(journalPath, bytes);
    const reopened = await openDatabase({ dir: image, migrations: probe });
    expect(reopened.notices.map((n) => n.code)).toEqual(['JOURNAL_DAMAGED']);
    expect(ids(reopened.db)).toEqual([1]);
    const copies = (await fs.readdir(image)).filter((n) => n.startsWith('berkas.journal.rusak-'));
    expect(copies).toHaveLength(1);
    expect(reopened.notices[0]!.message).toContain(copies[0]);
    expect(Buffer.compare(await fs.readFile(path.join(image, copies[0]!)), bytes)).toBe(0);
    await reopened.db.close();
  });

  it('moves aside a journal from a newer generation instead of applying or deleting it', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    await db.close();
    const oldSnapshot = await fs.readFile(path.join(dir, SNAPSHOT_FILE));
    const again = await openDatabase({ dir, migrations: probe });
    await again.db.write([insert(2)]);
    await again.db.close();
    const third = await openDatabase({ dir, migrations: probe });
    await third.db.write([insert(3)]);
    const image = await crashImage(dir);
    await third.db.close();
    await fs.writeFile(path.join(image, SNAPSHOT_FILE), oldSnapshot);
    const reopened = await openDatabase({ dir: image, migrations: probe });
    expect(reopened.notices.map((n) => n.code)).toEqual(['JOURNAL_MOVED_ASIDE']);
    expect(reopened.notices[0]!.message).toContain('lebih baru');
    expect(ids(reopened.db)).toEqual([1]);
    await reopened.db.close();
  });
});

describe('a journal whose header is torn (issue 18)', () => {
  /** A fresh folder as a kill during the first journal's creation leaves it: the snapshot, and this journal. */
  async function freshImage(journal: Buffer): Promise<string> {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: [] });
    const image = await crashImage(dir);
    await db.close();
    await fs.writeFile(path.join(image, JOURNAL_FILE), journal);
    return image;
  }

  const header = () => encodeHeader({ databaseId: 'ab'.repeat(16), generation: 1 });
  const orphan = () => encodeRecord(encodePayload([{ sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT, bin BLOB)' }]));
  const quiet: [string, () => Buffer][] = [
    ['one byte of a header', () => header().subarray(0, 1)],
    ['35 bytes of a header', () => header().subarray(0, 35)],
    ['a header with its checksum unwritten', () => Buffer.concat([header().subarray(0, 32), Buffer.alloc(4)])],
    ['a torn header followed by a torn first record', () => Buffer.concat([header().subarray(0, 30), Buffer.alloc(6), orphan().subarray(0, 20)])],
    ['zeros', () => Buffer.alloc(116)],
  ];

  it.each(quiet)('starts afresh without a notice from %s: nothing in it was ever acknowledged', async (_label, journal) => {
    const image = await freshImage(journal());
    const { db, notices } = await openDatabase({ dir: image, migrations: probe });
    expect(notices).toEqual([]);
    expect((await fs.readdir(image)).filter((n) => n.includes('rusak'))).toEqual([]);
    await db.write([insert(1)]);
    await db.close();
    const again = await openDatabase({ dir: image, migrations: probe });
    expect(again.notices).toEqual([]);
    expect(ids(again.db)).toEqual([1]);
    await again.db.close();
  });

  it('moves aside, with the notice, a journal whose header is torn but which holds intact records after it', async () => {
    const damaged = Buffer.concat([Buffer.alloc(36, 0x55), orphan()]);
    const image = await freshImage(damaged);
    const { db, notices } = await openDatabase({ dir: image, migrations: probe });
    expect(notices.map((n) => n.code)).toEqual(['JOURNAL_MOVED_ASIDE']);
    expect(notices[0]!.message).toContain('kepalanya rusak');
    const aside = (await fs.readdir(image)).filter((n) => n.startsWith('berkas.journal.rusak-'));
    expect(aside).toHaveLength(1);
    expect(Buffer.compare(await fs.readFile(path.join(image, aside[0]!)), damaged)).toBe(0);
    await db.close();
  });

  it('finds an intact record even past a damaged one when the header is torn', async () => {
    const damaged = Buffer.concat([header().subarray(0, 20), Buffer.alloc(16), Buffer.from([9, 9, 9, 9, 1, 2, 3, 4, 5]), orphan()]);
    expect(containsIntactRecord(damaged)).toBe(true);
    expect(containsIntactRecord(Buffer.concat([header().subarray(0, 20), Buffer.alloc(16), orphan().subarray(0, orphan().length - 1)]))).toBe(false);
    const image = await freshImage(damaged);
    const { db, notices } = await openDatabase({ dir: image, migrations: probe });
    expect(notices.map((n) => n.code)).toEqual(['JOURNAL_MOVED_ASIDE']);
    await db.close();
  });

  it('creates the snapshot and the journal whole: every creation passes its named points in order, through a temp file', async () => {
    const dir = await tempDir();
    const seen: string[] = [];
    const pauseAt = async (point: string) => {
      const names = await fs.readdir(dir);
      seen.push(`${point} ${names.filter((n) => n.endsWith('.tmp')).length > 0 ? 'temp' : 'no-temp'}`);
    };
    const { db } = await openDatabase({ dir, migrations: probe, journalLimitBytes: 512, pauseAt });
    for (let i = 1; i <= 10; i++) await db.write([insert(i, 'x'.repeat(100))]);
    await db.close();
    expect(seen.slice(0, 3)).toEqual(['snapshot-temp-written temp', 'journal-temp-written temp', 'journal-renamed no-temp']);
    expect(seen).toContain('snapshot-written-before-journal no-temp');
  });

  it('keeps the database and journal readable by the officer only (0600)', async () => {
    if (process.platform === 'win32') return;
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    expect((await fs.stat(path.join(dir, SNAPSHOT_FILE))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(dir, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
    await db.close();
    // A folder made by an older Berkas (0644) is tightened when opened.
    await fs.chmod(path.join(dir, SNAPSHOT_FILE), 0o644);
    await fs.chmod(path.join(dir, JOURNAL_FILE), 0o644);
    const again = await openDatabase({ dir, migrations: probe });
    expect((await fs.stat(path.join(dir, SNAPSHOT_FILE))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(dir, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
    await again.db.close();
  });
});

describe('folder lock', () => {
  it('refuses a second open of the same folder while the first is open, naming folder and pid', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const err = await errorOf(openDatabase({ dir, migrations: probe }));
    expect(err.code).toBe('WORKSPACE_LOCKED');
    expect(err.message).toContain(dir);
    expect(err.message).toContain(`PID ${process.pid}`);
    await db.close();
    await expect(fs.stat(path.join(dir, 'berkas.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await openDatabase({ dir, migrations: probe });
    await again.db.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    await fs.writeFile(path.join(dir, 'berkas.lock'), JSON.stringify({ pid: dead, host: os.hostname(), token: 'old' }));
    const { db } = await openDatabase({ dir, migrations: probe });
    const held = JSON.parse(await fs.readFile(path.join(dir, 'berkas.lock'), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await db.close();
  });

  it('respects a lock written on another computer', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'berkas.lock'), JSON.stringify({ pid: 1, host: 'komputer-lain', token: 'x' }));
    const err = await errorOf(openDatabase({ dir, migrations: probe }));
    expect(err.code).toBe('WORKSPACE_LOCKED');
    expect(err.message).toContain('komputer-lain');
  });

  it('releases the lock when opening fails', async () => {
    const dir = await tempDir();
    const bad: Migration[] = [{ version: 1, name: 'bad', statements: ['NOT SQL'] }];
    expect((await errorOf(openDatabase({ dir, migrations: bad }))).code).toBe('MIGRATION_FAILED');
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.close();
  });
});

describe('disk failures', () => {
  async function fileHandlePrototype(): Promise<Record<string, unknown>> {
    const handle = await fs.open(__filename, 'r');
    const proto = Object.getPrototypeOf(handle) as Record<string, unknown>;
    await handle.close();
    return proto;
  }

  function fsError(code: string): NodeJS.ErrnoException {
    return Object.assign(new Error(`${code}: simulated`), { code });
  }

  it('a full disk during fsync rejects the write, undoes it in memory, and cuts it from the journal', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    await db.write([insert(1)]);
    const before = await journalSize(dir);
    const proto = await fileHandlePrototype();
    // The record bytes do reach the file; only the fsync "fails", so the store must remove them itself.
    jest.spyOn(proto as { datasync(): Promise<void> }, 'datasync').mockRejectedValueOnce(fsError('ENOSPC'));
    const err = await errorOf(db.write([insert(2)]));
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toContain(JOURNAL_FILE);
    expect(ids(db)).toEqual([1]);
    expect(await journalSize(dir)).toBe(before);
    await db.write([insert(3)]);
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(ids(replayed.db)).toEqual([1, 3]);
    await replayed.db.close();
  });

  it('a read-only failure of the append itself rejects with READ_ONLY and changes nothing', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe });
    const proto = await fileHandlePrototype();
    jest.spyOn(proto as { write(): Promise<unknown> }, 'write').mockRejectedValueOnce(fsError('EROFS'));
    const err = await errorOf(db.write([insert(1)]));
    expect(err.code).toBe('READ_ONLY');
    expect(ids(db)).toEqual([]);
    await db.write([insert(2)]);
    expect(ids(db)).toEqual([2]);
    await db.close();
  });

  it('a failed compaction does not fail the write that triggered it, and loses nothing', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe, journalLimitBytes: 1024 });
    const startGeneration = generation(db);
    const rename = jest.spyOn(fs, 'rename').mockRejectedValue(fsError('ENOSPC'));
    for (let i = 1; i <= 30; i++) await db.write([insert(i, 'w'.repeat(100))]);
    expect(rename).toHaveBeenCalled();
    expect(generation(db)).toBe(startGeneration);
    const image = await crashImage(dir);
    rename.mockRestore();
    await db.write([insert(31)]);
    await db.close();
    expect(await journalSize(dir)).toBe(JOURNAL_HEADER_LEN);
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(ids(replayed.db)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await replayed.db.close();
    const reopened = await openDatabase({ dir, migrations: probe });
    expect(ids(reopened.db)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    await reopened.db.close();
  });

  it('when the new journal cannot be created after a compaction, writes are refused rather than lost', async () => {
    const dir = await tempDir();
    const { db } = await openDatabase({ dir, migrations: probe, journalLimitBytes: 1024 });
    let renames = 0;
    const realRename = fs.rename.bind(fs);
    // Let the snapshot rename through, then fail every journal rename.
    jest.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      if (String(to).endsWith(JOURNAL_FILE)) {
        renames++;
        throw fsError('ENOSPC');
      }
      return realRename(from, to);
    });
    const acked: number[] = [];
    let failed: { id: number; code?: string | undefined } | null = null;
    for (let i = 1; i <= 50 && !failed; i++) {
      try {
        await db.write([insert(i, 'v'.repeat(100))]);
        acked.push(i);
      } catch (err) {
        failed = { id: i, code: (err as { code?: string }).code };
      }
    }
    expect(renames).toBeGreaterThan(0);
    expect(failed?.code).toBe('DISK_FULL');
    expect(ids(db)).toEqual(acked);
    jest.restoreAllMocks();
    await db.write([insert(100)]);
    const image = await crashImage(dir);
    await db.close();
    const replayed = await openDatabase({ dir: image, migrations: probe });
    expect(ids(replayed.db)).toEqual([...acked, 100]);
    await replayed.db.close();
  });
});
