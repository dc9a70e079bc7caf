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

/** A signed file kept, checked once (hashed and found intact) and its stamp recorded: where every case starts. */
async function keptAndRecorded() {
  const kept = await blobs.put(new TextEncoder().encode('isi yang ditandatangani'));
  const first = oneRun();
  expect(await first.check.condition(kept.sha256, kept.size)).toBe('utuh');
  expect(first.hashed).toHaveLength(1);
  await settle();
  const file = blobs.pathOf(kept.sha256);
  // Blobs are kept read-only; the tests play someone who changes them anyway.
  await fs.chmod(file, 0o644);
  return { kept, file };
}

/** One later run's verdict on the kept file, and how many files it hashed for it. */
async function laterRun(kept: { sha256: string; size: number }) {
  const run = oneRun();
  const condition = await run.check.condition(kept.sha256, kept.size);
  await settle();
  return { condition, hashes: run.hashed.length };
}

describe('blob check with stamps recorded in the database', () => {
  it('hashes a kept file once, and not on later runs while its size and mtime stay', async () => {
    const { kept } = await keptAndRecorded();
    expect(await laterRun(kept)).toEqual({ condition: 'utuh', hashes: 0 });
  });

  it('still reports a file changed behind the app’s back (same size, new bytes) after it was recorded intact', async () => {
    const { kept, file } = await keptAndRecorded();
    const before = await fs.stat(file);
    await fs.writeFile(file, 'isi yang DITANDATANGANI');
    // A later mtime than the recorded one, whatever the clock's resolution.
    await fs.utimes(file, before.atime, new Date(before.mtimeMs + 5_000));
    expect(await laterRun(kept)).toEqual({ condition: 'berubah', hashes: 1 });
    // The verdict is kept too: still altered on the next run, without reading the file again.
    expect(await laterRun(kept)).toEqual({ condition: 'berubah', hashes: 0 });
  });

  it('reports a file of another size as altered and a gone one as missing, without hashing', async () => {
    const { kept, file } = await keptAndRecorded();
    await fs.appendFile(file, ' tambahan');
    expect(await laterRun(kept)).toEqual({ condition: 'berubah', hashes: 0 });
    await fs.rm(file);
    expect(await laterRun(kept)).toEqual({ condition: 'hilang', hashes: 0 });
  });

  it('hashes again a file restored with its old content (new inode or mtime) and trusts it from then on', async () => {
    const { kept, file } = await keptAndRecorded();
    const before = await fs.stat(file);
    const bytes = await fs.readFile(file);
    await fs.rm(file);
    await fs.writeFile(file, bytes);
    // A restore writes the file anew; its mtime is later even where the freed inode is reused at once.
    await fs.utimes(file, before.atime, new Date(before.mtimeMs + 5_000));
    expect(await laterRun(kept)).toEqual({ condition: 'utuh', hashes: 1 });
    expect(await laterRun(kept)).toEqual({ condition: 'utuh', hashes: 0 });
  });
});
