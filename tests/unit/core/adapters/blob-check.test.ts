import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBlobCheck } from '../../../../core/adapters/blob-check';
import { fileSha256 } from '../../../../core/adapters/fs-atomic';
import { createBlobStore } from '../../../../core/adapters/blob-store';
import { migrations } from '../../../../core/adapters/migrations';
import { createBlobStampRepository } from '../../../../core/adapters/repositories/blob-stamp-repository';
import { openDatabase } from '../../../../core/adapters/sqljs-database';
import type { BlobStamps } from '../../../../core/adapters/blob-check';
import type { BlobStore, Database } from '../../../../core/ports';

let dir: string;
let db: Database;
let blobs: BlobStore;
let writes: Promise<void>[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-blob-check-'));
  db = (await openDatabase({ dir: path.join(dir, 'db'), migrations })).db;
  blobs = createBlobStore(path.join(dir, 'blobs'));
  writes = [];
});
afterEach(async () => {
  await db.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A check as one run of `berkas documents list` makes it, counting the files it hashes. */
function oneRun() {
  const hashed: string[] = [];
  const repository = createBlobStampRepository(db);
  const stamps: BlobStamps = {
    get: (sha256) => repository.get(sha256),
    set: (entries) => {
      const written = repository.set(entries);
      writes.push(written);
      return written;
    },
  };
  const check = createBlobCheck(blobs, stamps, (file) => {
    hashed.push(file);
    return fileSha256(file);
  });
  return { check, hashed };
}

/** Lets the stamps a check recorded reach the database before the next run reads them. */
const settle = async () => {
  await Promise.all(writes);
};

describe('blob check with stamps recorded in the database', () => {
  it('hashes a kept file once, and on later runs only when its size or mtime changed', async () => {
    const kept = await blobs.put(new TextEncoder().encode('isi yang ditandatangani'));
    const first = oneRun();
    expect(await first.check.condition(kept.sha256, kept.size)).toBe('utuh');
    expect(first.hashed).toHaveLength(1);
    await settle();

    const second = oneRun();
    expect(await second.check.condition(kept.sha256, kept.size)).toBe('utuh');
    expect(second.hashed).toHaveLength(0);
  });

  it('still reports a file changed behind the app’s back (same size, new bytes) after it was recorded intact', async () => {
    const kept = await blobs.put(new TextEncoder().encode('isi yang ditandatangani'));
    expect(await oneRun().check.condition(kept.sha256, kept.size)).toBe('utuh');
    await settle();

    const file = blobs.pathOf(kept.sha256);
    const before = await fs.stat(file);
    await fs.chmod(file, 0o644);
    await fs.writeFile(file, 'isi yang DITANDATANGANI');
    // A later mtime than the recorded one, whatever the clock's resolution.
    await fs.utimes(file, before.atime, new Date(before.mtimeMs + 5_000));
    const later = oneRun();
    expect(await later.check.condition(kept.sha256, kept.size)).toBe('berubah');
    expect(later.hashed).toHaveLength(1);
    await settle();
    // The verdict is kept too: still altered on the next run, without reading the file again.
    const next = oneRun();
    expect(await next.check.condition(kept.sha256, kept.size)).toBe('berubah');
    expect(next.hashed).toHaveLength(0);
  });

  it('reports a file of another size as altered and a gone one as missing, without hashing', async () => {
    const kept = await blobs.put(new TextEncoder().encode('isi yang ditandatangani'));
    expect(await oneRun().check.condition(kept.sha256, kept.size)).toBe('utuh');
    await settle();
    const file = blobs.pathOf(kept.sha256);
    await fs.chmod(file, 0o644);
    await fs.appendFile(file, ' tambahan');
    const grown = oneRun();
    expect(await grown.check.condition(kept.sha256, kept.size)).toBe('berubah');
    await fs.rm(file);
    expect(await grown.check.condition(kept.sha256, kept.size)).toBe('hilang');
    expect(grown.hashed).toHaveLength(0);
  });

  it('hashes again a file restored with its old content (new inode or mtime) and trusts it from then on', async () => {
    const kept = await blobs.put(new TextEncoder().encode('isi yang ditandatangani'));
    expect(await oneRun().check.condition(kept.sha256, kept.size)).toBe('utuh');
    await settle();
    const file = blobs.pathOf(kept.sha256);
    const bytes = await fs.readFile(file);
    await fs.rm(file);
    await fs.writeFile(file, bytes);
    const restored = oneRun();
    expect(await restored.check.condition(kept.sha256, kept.size)).toBe('utuh');
    expect(restored.hashed).toHaveLength(1);
  });
});
