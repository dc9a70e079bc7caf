/**
 * The group commit of small blobs: every blob lands under its hash whole, a
 * blob already held is not rewritten, a written file (the package ZIP, synced
 * before or with them) moves in with them, and a failure leaves no temp file
 * and no blob under a wrong name.
 */
import { createHash } from 'node:crypto';
import fsModule, { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBlobStore } from '../../../../../core/adapters/blob-store';
import { putBlobBatch } from '../../../../../core/adapters/submission/blob-batch';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-blob-batch-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

it('stores every blob under its hash, keeps one already held, and moves a synced file in', async () => {
  const blobs = createBlobStore(path.join(dir, 'blobs'));
  const work = path.join(dir, 'work');
  await fs.mkdir(work);
  const held = Buffer.from('sudah ada');
  await blobs.put(held);
  const before = (await fs.stat(blobs.pathOf(sha(held)))).mtimeMs;
  const a = Buffer.from('bagit.txt isi');
  const b = Buffer.alloc(40_000, 3);
  const zip = path.join(work, 'paket.tmp');
  const zipBytes = Buffer.from('PK pura-pura');
  await fs.writeFile(zip, zipBytes);
  await putBlobBatch(blobs, work, [{ sha256: sha(a), bytes: a }, { sha256: sha(b), bytes: b }, { sha256: sha(a), bytes: a }, { sha256: sha(held), bytes: held }], [{ sha256: sha(zipBytes), file: zip }]);
  for (const bytes of [a, b, held, zipBytes]) expect(sha(await blobs.read(sha(bytes)))).toBe(sha(bytes));
  expect((await fs.stat(blobs.pathOf(sha(held)))).mtimeMs).toBe(before);
  expect(await fs.readdir(work)).toEqual([]);
});

it('syncs a file not synced yet with the batch and moves it in; one the store already holds is dropped', async () => {
  const blobs = createBlobStore(path.join(dir, 'blobs'));
  const work = path.join(dir, 'work');
  await fs.mkdir(work);
  const a = Buffer.from('manifest-sha256.txt isi');
  const zipBytes = Buffer.alloc(30_000, 7);
  const zip = path.join(work, 'paket.tmp');
  await fs.writeFile(zip, zipBytes);
  const held = Buffer.from('paket lama');
  await blobs.put(held);
  const again = path.join(work, 'lagi.tmp');
  await fs.writeFile(again, held);
  await putBlobBatch(blobs, work, [{ sha256: sha(a), bytes: a }], [
    { sha256: sha(zipBytes), file: zip, needsSync: true },
    { sha256: sha(held), file: again, needsSync: true },
  ]);
  for (const bytes of [a, zipBytes, held]) expect(sha(await blobs.read(sha(bytes)))).toBe(sha(bytes));
  expect(await fs.readdir(work)).toEqual([]);
});

it('leaves no temp file when the store cannot take the blobs', async () => {
  const root = path.join(dir, 'blobs');
  const blobs = createBlobStore(root);
  const work = path.join(dir, 'work');
  await fs.mkdir(work);
  const a = Buffer.from('isi a');
  // The fan-out folder's place is taken by a file: the rename cannot happen.
  await fs.mkdir(root);
  await fs.writeFile(path.join(root, sha(a).slice(0, 2)), 'bukan folder');
  await expect(putBlobBatch(blobs, work, [{ sha256: sha(a), bytes: a }])).rejects.toMatchObject({ code: expect.any(String) });
  expect(await fs.readdir(work)).toEqual([]);
  expect(await blobs.has(sha(a))).toBe(false);
});

it('stores a blob past the inline size (written through the thread pool) whole, beside small ones', async () => {
  const blobs = createBlobStore(path.join(dir, 'blobs'));
  const work = path.join(dir, 'work');
  await fs.mkdir(work);
  const big = Buffer.alloc(600_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
  const small = Buffer.from('kecil');
  await putBlobBatch(blobs, work, [{ sha256: sha(big), bytes: big }, { sha256: sha(small), bytes: small }]);
  expect(Buffer.from(await blobs.read(sha(big))).equals(big)).toBe(true);
  expect(Buffer.from(await blobs.read(sha(small))).equals(small)).toBe(true);
  expect(await fs.readdir(work)).toEqual([]);
});

it('makes a fan folder only where the rename finds none: a new store, or one removed since', async () => {
  const blobs = createBlobStore(path.join(dir, 'blobs'));
  const work = path.join(dir, 'work');
  await fs.mkdir(work);
  const a = Buffer.from('isi pertama');
  const b = Buffer.from('isi kedua');
  await putBlobBatch(blobs, work, [{ sha256: sha(a), bytes: a }]);
  const mkdir = jest.spyOn(fsModule, 'mkdirSync');
  await fs.rm(path.dirname(blobs.pathOf(sha(a))), { recursive: true });
  await putBlobBatch(blobs, work, [{ sha256: sha(a), bytes: a }, { sha256: sha(b), bytes: b }]);
  expect(Buffer.from(await blobs.read(sha(a))).equals(a)).toBe(true);
  expect(Buffer.from(await blobs.read(sha(b))).equals(b)).toBe(true);
  expect(await fs.readdir(work)).toEqual([]);
  const fanOf = (bytes: Buffer) => path.dirname(blobs.pathOf(sha(bytes)));
  expect(mkdir.mock.calls.map((c) => c[0]).sort()).toEqual([...new Set([fanOf(a), fanOf(b)])].sort());
  // Both folders there now: nothing is made for the next blobs in them.
  mkdir.mockClear();
  const c = Buffer.from('isi ketiga');
  await fs.mkdir(fanOf(c), { recursive: true });
  await putBlobBatch(blobs, work, [{ sha256: sha(c), bytes: c }]);
  expect(mkdir).not.toHaveBeenCalled();
  mkdir.mockRestore();
});
