import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../../../core/adapters/sqljs-database';
import type { Migration } from '../../../../../core/adapters/migrations';
import { errorOf, removeTempDirs, tempDir } from './helpers';

afterEach(removeTempDirs);

const probe: Migration[] = [{ version: 1, name: 'probe', statements: ['CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'] }];
const insert = (id: number, body: string | null = `baris ${id}`) => ({ sql: 'INSERT INTO t (id, body) VALUES (?, ?)', params: [id, body] });

/** Opens snapshot bytes as a data folder of their own, the way a restore does. */
async function rowsOf(snapshot: Uint8Array): Promise<number[]> {
  const dir = await tempDir();
  await fs.writeFile(path.join(dir, 'berkas.db'), snapshot);
  const { db, notices } = await openDatabase({ dir, migrations: probe });
  try {
    expect(notices).toEqual([]);
    return db.query<{ id: number }>('SELECT id FROM t ORDER BY id').map((r) => r.id);
  } finally {
    await db.close();
  }
}

describe('Database.exportSnapshot (sql.js store)', () => {
  it('is a whole SQLite database of everything acknowledged so far', async () => {
    const { db } = await openDatabase({ dir: await tempDir(), migrations: probe });
    try {
      await db.write([insert(1), insert(2)]);
      await db.write([insert(3)]);
      const snapshot = await db.exportSnapshot();
      expect(Buffer.from(snapshot.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
      expect(await rowsOf(snapshot)).toEqual([1, 2, 3]);
    } finally {
      await db.close();
    }
  });

  it('waits for a write in flight instead of exporting half of it, and never holds a rejected one', async () => {
    const { db } = await openDatabase({ dir: await tempDir(), migrations: probe });
    try {
      await db.write([insert(1)]);
      const pending = db.write([insert(2), insert(3)]);
      const failing = db.write([insert(4), insert(5, null)]);
      const snapshot = db.exportSnapshot();
      await pending;
      expect((await errorOf(failing)).code).toBe('DB_WRITE_REJECTED');
      expect(await rowsOf(await snapshot)).toEqual([1, 2, 3]);
    } finally {
      await db.close();
    }
  });

  it('leaves the store as it was: reads stay read-only, writes go on', async () => {
    const { db } = await openDatabase({ dir: await tempDir(), migrations: probe });
    try {
      await db.exportSnapshot();
      expect(() => db.query("INSERT INTO t (id, body) VALUES (9, 'lewat query')")).toThrow(expect.objectContaining({ code: 'DB_QUERY_FAILED' }));
      await db.write([insert(10)]);
      expect(db.query('SELECT id FROM t')).toEqual([{ id: 10 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses once the store is closed', async () => {
    const { db } = await openDatabase({ dir: await tempDir(), migrations: probe });
    await db.close();
    expect((await errorOf(db.exportSnapshot())).code).toBe('DB_CLOSED');
  });
});
