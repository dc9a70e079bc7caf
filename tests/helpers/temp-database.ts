/**
 * A fresh database with every app migration in its own temp folder, for each
 * test of a file: opened before each test (handed to `onOpen`), closed and
 * removed after it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../core/adapters/migrations';
import { openDatabase } from '../../core/adapters/sqljs-database';
import type { Database } from '../../core/ports';

export function useTempDatabase(prefix: string, onOpen: (db: Database) => void): void {
  let opened: { db: Database; dir: string } | null = null;
  beforeEach(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    opened = { db: (await openDatabase({ dir, migrations })).db, dir };
    onOpen(opened.db);
  });
  afterEach(async () => {
    if (!opened) return;
    const { db, dir } = opened;
    opened = null;
    await db.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
}
