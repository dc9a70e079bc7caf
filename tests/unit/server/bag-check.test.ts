/**
 * The commit's bag check (server/intake/bag-check.ts) judges a small bag from
 * memory and a bag above 8 MiB from a scratch file: both give the same
 * answers (accepted with the main document's signatures, a changed file or a
 * damaged blob refused with the same code), and neither leaves a file behind.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkBag } from '../../../server/intake/bag-check';
import { createLocalBlobStorage } from '../../../server/storage/local-storage';
import { withKnownBytes } from '../../../server/storage/known-bytes';
import type { BlobStorage } from '../../../server/storage/blob-storage';
import { parseManifest, type Manifest } from '../../../server/protocol/manifest';
import { isIntakeError } from '../../../server/protocol/errors';
import { isBerkasError } from '../../../core/domain/errors';
import { buildPackage, fixture, removeTempDirs, tempDir } from '../../integration/helpers/server-client';

afterAll(() => removeTempDirs());

const now = new Date('2026-01-01T00:00:00Z');

async function bagOf(attachment: Buffer): Promise<{ manifest: Manifest; blobs: Map<string, Buffer> }> {
  const pkg = await buildPackage({
    opd: 'DISDIK',
    payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from('{"nomor":1}'), 'data/lampiran/lampiran.bin': attachment },
  });
  return { manifest: parseManifest(pkg.manifest), blobs: pkg.blobs };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isIntakeError(err) || isBerkasError(err)) return err.code;
    throw err;
  }
  return 'accepted';
}

describe.each([
  ['a small bag, judged in memory', 1000],
  ['a bag above 8 MiB, judged from a scratch file', 9 * 1024 * 1024],
])('checkBag: %s', (_name, size) => {
  let bag: { manifest: Manifest; blobs: Map<string, Buffer> };
  let dir: string;
  beforeAll(async () => {
    bag = await bagOf(randomBytes(size));
    dir = tempDir('bag-check');
  });
  const input = (blobs: BlobStorage, manifest = bag.manifest) => ({ manifest, blobs, tmpDir: path.join(dir, 'tmp'), trustRoots: [], now });
  const leftBehind = async () => (await fs.readdir(path.join(dir, 'tmp')).catch(() => [])).length;

  it('accepts the bag from its stored blobs and from the bytes the request holds, with the main document’s signature', async () => {
    const storage = createLocalBlobStorage(path.join(dir, 'server'));
    for (const [sha256, bytes] of bag.blobs) await storage.appendChunk('DISDIK', sha256, 0, bytes, bytes.length);
    const stored = await checkBag(input(storage));
    const known = await checkBag(input(withKnownBytes(storage, bag.blobs)));
    expect(stored.signatures).toHaveLength(1);
    expect(stored.signatures[0]?.integrity).toBe('valid');
    expect(known).toEqual(stored);
    expect(await leftBehind()).toBe(0);
  });

  it('refuses a bag whose payload no longer matches its manifest (BAG_INVALID), leaving nothing behind', async () => {
    const dataJson = bag.manifest.files.find((f) => f.path === 'data/data.json');
    const changed = Buffer.from('{"nomor":2}');
    const { sha256Hex } = await import('../../../server/storage/blob-storage');
    const manifest: Manifest = {
      ...bag.manifest,
      files: bag.manifest.files.map((f) => (f === dataJson ? { ...f, sha256: sha256Hex(changed), size: changed.length } : f)),
    };
    const blobs = new Map(bag.blobs);
    blobs.set(sha256Hex(changed), changed);
    const storage = createLocalBlobStorage(path.join(dir, 'server-2'));
    expect(await codeOf(checkBag(input(withKnownBytes(storage, blobs), manifest)))).toBe('BAG_INVALID');
    expect(await leftBehind()).toBe(0);
  });

  it('refuses a blob damaged at rest (BLOB_HASH_MISMATCH), leaving nothing behind', async () => {
    const storage = createLocalBlobStorage(path.join(dir, 'server-3'));
    for (const [sha256, bytes] of bag.blobs) await storage.appendChunk('DISDIK', sha256, 0, bytes, bytes.length);
    const dataJson = bag.manifest.files.find((f) => f.path === 'data/data.json');
    await fs.writeFile(storage.pathOf(dataJson?.sha256 ?? ''), '{"nomor":9}');
    expect(await codeOf(checkBag(input(storage)))).toBe('BLOB_HASH_MISMATCH');
    expect(await leftBehind()).toBe(0);
  });

  it('refuses a bag whose blob is not stored (BLOB_MISSING), leaving nothing behind', async () => {
    const storage = createLocalBlobStorage(path.join(dir, 'server-4'));
    const pdf = bag.manifest.files.find((f) => f.path === 'data/rencana-aksi.pdf');
    for (const [sha256, bytes] of bag.blobs) if (sha256 !== pdf?.sha256) await storage.appendChunk('DISDIK', sha256, 0, bytes, bytes.length);
    expect(await codeOf(checkBag(input(storage)))).toBe('BLOB_MISSING');
    expect(await leftBehind()).toBe(0);
  });
});
