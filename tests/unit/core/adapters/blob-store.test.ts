import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { createBlobStore } from '../../../../core/adapters/blob-store';

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-blob-test-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(tempDirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under dir, relative, so a leftover temp file cannot hide. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('blob store', () => {
  it('stores bytes under dir/ab/<sha256> and reads them back', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(dir);
    const bytes = new TextEncoder().encode('Rencana aksi SPBE 2025');
    const { sha256: hash, size } = await blobs.put(bytes);
    expect(hash).toBe(sha256(bytes));
    expect(size).toBe(bytes.length);
    expect(blobs.pathOf(hash)).toBe(path.join(dir, hash.slice(0, 2), hash));
    expect(await listFiles(dir)).toEqual([path.join(hash.slice(0, 2), hash)]);
    expect(await blobs.has(hash)).toBe(true);
    expect(Buffer.from(await blobs.read(hash)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stores empty content', async () => {
    const blobs = createBlobStore(await tempDir());
    const { sha256: hash, size } = await blobs.put(new Uint8Array(0));
    expect(hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(size).toBe(0);
    expect((await blobs.read(hash)).length).toBe(0);
  });

  it('does not rewrite content it already holds, whether given as bytes or as a file', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const bytes = randomBytes(10_000);
    const first = await blobs.put(bytes);
    const before = await fs.stat(blobs.pathOf(first.sha256));
    expect(await blobs.put(Buffer.from(bytes))).toEqual(first);
    const source = path.join(dir, 'lampiran.bin');
    await fs.writeFile(source, bytes);
    expect(await blobs.put({ path: source })).toEqual(first);
    const after = await fs.stat(blobs.pathOf(first.sha256));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await listFiles(path.join(dir, 'blobs'))).toEqual([path.join(first.sha256.slice(0, 2), first.sha256)]);
  });

  it('streams a file: hashes while copying, never reading it whole', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const source = path.join(dir, 'kode-sumber.zip');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await fs.writeFile(source, bytes);
    const readFile = jest.spyOn(fs, 'readFile');
    const { sha256: hash, size } = await blobs.put({ path: source });
    expect(readFile).not.toHaveBeenCalled();
    expect(hash).toBe(sha256(bytes));
    expect(size).toBe(bytes.length);
    expect((await fs.readFile(blobs.pathOf(hash))).equals(bytes)).toBe(true);
    expect(await listFiles(path.join(dir, 'blobs'))).toEqual([path.join(hash.slice(0, 2), hash)]);
  });

  it('heals a stored file whose size no longer matches its name', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(dir);
    const bytes = randomBytes(2000);
    const { sha256: hash } = await blobs.put(bytes);
    await fs.writeFile(blobs.pathOf(hash), bytes.subarray(0, 100));
    await blobs.put(bytes);
    expect((await fs.readFile(blobs.pathOf(hash))).equals(bytes)).toBe(true);
  });

  it('leaves no blob and no temp file when the disk fills mid-copy', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const source = path.join(dir, 'besar.bin');
    await fs.writeFile(source, randomBytes(200_000));
    const handle = await fs.open(source, 'r');
    const proto = Object.getPrototypeOf(handle) as { write(): Promise<unknown> };
    await handle.close();
    jest.spyOn(proto, 'write').mockRejectedValueOnce(fsError('ENOSPC'));
    await expect(blobs.put({ path: source })).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(await listFiles(path.join(dir, 'blobs'))).toEqual([]);
  });

  it('leaves no blob when the final rename fails', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    jest.spyOn(fs, 'rename').mockRejectedValue(fsError('EROFS'));
    await expect(blobs.put(randomBytes(100))).rejects.toMatchObject({ code: 'READ_ONLY' });
    const source = path.join(dir, 'x.bin');
    await fs.writeFile(source, randomBytes(100));
    await expect(blobs.put({ path: source })).rejects.toMatchObject({ code: 'READ_ONLY' });
    expect(await listFiles(path.join(dir, 'blobs'))).toEqual([]);
  });

  it('reports a missing blob and missing or invalid sources in Indonesian', async () => {
    const dir = await tempDir();
    const blobs = createBlobStore(dir);
    const absent = 'a'.repeat(64);
    expect(await blobs.has(absent)).toBe(false);
    await expect(blobs.read(absent)).rejects.toMatchObject({ code: 'BLOB_MISSING', message: expect.stringContaining('tidak ada') });
    await expect(blobs.put({ path: path.join(dir, 'tidak-ada.pdf') })).rejects.toMatchObject({ code: 'BLOB_SOURCE_MISSING', message: expect.stringContaining('tidak-ada.pdf') });
    await expect(blobs.put({ path: dir })).rejects.toMatchObject({ code: 'BLOB_SOURCE_INVALID' });
    await expect(blobs.put({ path: '' })).rejects.toMatchObject({ code: 'BLOB_SOURCE_INVALID' });
  });

  it.each([
    '../../../../etc/passwd',
    `${'a'.repeat(62)}/..`,
    `../${'b'.repeat(61)}`,
    'a'.repeat(63),
    'a'.repeat(65),
    `${'g'.repeat(64)}`,
    `${'a'.repeat(63)}\0`,
    `${'a'.repeat(64)}\n`,
    '',
  ])('refuses %j as a hash before it becomes a path', async (hostile) => {
    const blobs = createBlobStore(await tempDir());
    expect(() => blobs.pathOf(hostile)).toThrow(expect.objectContaining({ code: 'INVALID_SHA256' }));
    await expect(blobs.has(hostile)).rejects.toMatchObject({ code: 'INVALID_SHA256' });
    await expect(blobs.read(hostile)).rejects.toMatchObject({ code: 'INVALID_SHA256' });
  });

  it('accepts an upper-case hash as the same blob', async () => {
    const blobs = createBlobStore(await tempDir());
    const { sha256: hash } = await blobs.put(new Uint8Array([1, 2, 3]));
    expect(blobs.pathOf(hash.toUpperCase())).toBe(blobs.pathOf(hash));
    expect(await blobs.has(hash.toUpperCase())).toBe(true);
  });
});
