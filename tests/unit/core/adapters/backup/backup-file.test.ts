import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeBackupFile, encodeHeaderBlock, type BackupSource } from '../../../../../core/adapters/backup/backup-writer';
import { openBackupFile } from '../../../../../core/adapters/backup/backup-reader';
import { verifyBackupFile } from '../../../../../core/adapters/backup/archiver';
import { GCM_TAG_LEN, HEADER_HASH_LEN, PREAMBLE_LEN, type BackupHeader } from '../../../../../core/domain/backup/format';
import type { BackupProgress } from '../../../../../core/domain/backup/types';
import {
  cheapScrypt,
  collectingSink,
  craftBackup,
  entryRecord,
  errorOf,
  manifestFor,
  manifestRecord,
  passphrase,
  removeTempDirs,
  sha256,
  supported,
  tempDir,
  type RawEntry,
} from './helpers';

afterEach(removeTempDirs);

const chunkSize = 1024;
const blobBytes = randomBytes(2500);
const blobPath = `blobs/${sha256(blobBytes).slice(0, 2)}/${sha256(blobBytes)}`;

async function sampleSources(dir: string): Promise<BackupSource[]> {
  const blobFile = path.join(dir, 'blob.bin');
  await fs.writeFile(blobFile, blobBytes);
  const sealedFile = path.join(dir, 'sealed.bin');
  await fs.writeFile(sealedFile, Buffer.from('BKV1 sealed bytes'));
  const db = Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(700)]);
  return [
    { path: 'berkas.db', size: db.length, bytes: db },
    { path: 'settings.json', size: 3, bytes: Buffer.from('{}\n') },
    { path: blobPath, size: blobBytes.length, file: blobFile },
    { path: 'vault/cert.sealed', size: 17, file: sealedFile },
    { path: 'outbox/kosong.txt', size: 0, bytes: Buffer.alloc(0) },
  ];
}

/** A backup with cheap test settings, changed by `overrides`; the options named in `defaults` are left to writeBackupFile. */
async function makeBackup(dir: string, overrides: Partial<Parameters<typeof writeBackupFile>[0]> = {}, defaults: ('scrypt' | 'chunkSize')[] = []): Promise<string> {
  const outPath = path.join(dir, 'a.berkas-backup');
  const options = {
    outPath,
    passphrase,
    appVersion: '0.1.0',
    schemaVersion: 5,
    createdAt: new Date('2021-06-17T03:00:00Z'),
    sources: overrides.sources ?? (await sampleSources(dir)),
    scrypt: cheapScrypt,
    chunkSize,
    ...overrides,
  };
  for (const name of defaults) delete options[name];
  await writeBackupFile(options);
  return outPath;
}

async function readAll(file: string, pass = passphrase) {
  const opened = await openBackupFile(file, pass, supported);
  try {
    const sink = collectingSink();
    const summary = await opened.readAll(sink);
    return { sink, summary, header: opened.header };
  } finally {
    await opened.close();
  }
}

function headerBlockLength(bytes: Buffer): number {
  return PREAMBLE_LEN + bytes.readUInt32BE(16) + HEADER_HASH_LEN;
}

describe('writeBackupFile + openBackupFile', () => {
  it('round-trips every entry byte for byte, over several chunks', async () => {
    const dir = await tempDir();
    const sources = await sampleSources(dir);
    const file = await makeBackup(dir, { sources });
    const { sink, summary, header } = await readAll(file);
    expect(header.cipher.chunkSize).toBe(chunkSize);
    expect(header.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
    expect([...sink.files.keys()]).toEqual(sources.map((s) => s.path));
    for (const s of sources) {
      const expected = 'bytes' in s ? Buffer.from(s.bytes) : await fs.readFile(s.file);
      expect(sha256(sink.files.get(s.path)!)).toBe(sha256(expected));
    }
    expect(summary.contents).toEqual({ hasDatabase: true, hasSettings: true, blobCount: 1, blobBytes: 2500, sealedSecretCount: 1, outboxFileCount: 1, trustRootCount: 0 });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('writes the default scrypt cost (N=2^17, r=8, p=1) when not told otherwise', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir, {}, ['scrypt', 'chunkSize']);
    const verified = await verifyBackupFile(file, passphrase, supported);
    expect(verified.entryCount).toBe(5);
    const bytes = await fs.readFile(file);
    const header = JSON.parse(bytes.subarray(PREAMBLE_LEN, PREAMBLE_LEN + bytes.readUInt32BE(16)).toString('utf8')) as BackupHeader;
    expect(header.kdf).toMatchObject({ N: 131072, r: 8, p: 1 });
    expect(header.cipher.chunkSize).toBe(1024 * 1024);
  });

  it('reports progress up to the full plaintext length', async () => {
    const dir = await tempDir();
    const seen: BackupProgress[] = [];
    await makeBackup(dir, { onProgress: (p) => seen.push(p) });
    expect(seen[0]?.phase).toBe('key');
    expect(seen.some((p) => p.phase === 'writing' && p.bytesDone > 0 && p.bytesDone < p.bytesTotal)).toBe(true);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', entriesDone: 5, entriesTotal: 5 });
    expect(last.bytesDone).toBe(last.bytesTotal);
  });

  it('refuses to overwrite an existing file unless allowed', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir);
    const before = await fs.readFile(file);
    expect((await errorOf(makeBackup(dir))).code).toBe('BACKUP_EXISTS');
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    await makeBackup(dir, { isOverwriteAllowed: true });
    expect((await fs.readFile(file)).equals(before)).toBe(false);
  });

  it('refuses a missing target folder, naming it', async () => {
    const dir = await tempDir();
    const err = await errorOf(makeBackup(dir, { outPath: path.join(dir, 'tidak-ada', 'a.berkas-backup') }));
    expect(err.code).toBe('BACKUP_OUT_DIR_MISSING');
    expect(err.message).toContain(path.join(dir, 'tidak-ada'));
  });

  it('leaves no file and no temporary file when cancelled mid-write', async () => {
    const dir = await tempDir();
    const out = await tempDir();
    const controller = new AbortController();
    const err = await errorOf(
      makeBackup(dir, {
        outPath: path.join(out, 'a.berkas-backup'),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'writing' && p.bytesDone > 0) controller.abort();
        },
      }),
    );
    expect(err.code).toBe('BACKUP_CANCELLED');
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('leaves no file when a source changed size after it was listed', async () => {
    const dir = await tempDir();
    const out = await tempDir();
    const sources = await sampleSources(dir);
    const blob = sources[2] as Extract<BackupSource, { file: string }>;
    await fs.appendFile(blob.file, 'x');
    const err = await errorOf(makeBackup(dir, { outPath: path.join(out, 'a.berkas-backup'), sources }));
    expect(err.code).toBe('BACKUP_SOURCE_CHANGED');
    expect(err.message).toContain(blob.file);
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('refuses to write a path outside the workspace layout', async () => {
    const dir = await tempDir();
    const err = await errorOf(makeBackup(dir, { sources: [{ path: '../x', size: 1, bytes: Buffer.from('x') }] }));
    expect(err.code).toBe('BACKUP_UNSAFE_ENTRY');
  });
});

describe('a damaged or wrong file is refused before anything is decrypted', () => {
  it('wrong passphrase', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir);
    const err = await errorOf(openBackupFile(file, 'kuda-lari-cepat-sekalI', supported));
    expect(err.code).toBe('BACKUP_WRONG_PASSPHRASE');
    expect(err.message).toContain(file);
  });

  it('a passphrase typed in another Unicode normal form is the same passphrase', async () => {
    const dir = await tempDir();
    const composed = 'kata sandi rahasiá';
    const file = await makeBackup(dir, { passphrase: composed.normalize('NFC') });
    const { summary } = await readAll(file, composed.normalize('NFD'));
    expect(summary.entryCount).toBe(5);
  });

  it('not a backup at all', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'x.berkas-backup');
    await fs.writeFile(file, 'PK\u0003\u0004 this is a zip file, not a backup at all');
    expect((await errorOf(openBackupFile(file, passphrase, supported))).code).toBe('BACKUP_NOT_A_BACKUP');
    await fs.writeFile(file, '');
    expect((await errorOf(openBackupFile(file, passphrase, supported))).code).toBe('BACKUP_NOT_A_BACKUP');
  });

  it('a missing file, named', async () => {
    const err = await errorOf(openBackupFile('/tidak/ada.berkas-backup', passphrase, supported));
    expect(err).toMatchObject({ code: 'BACKUP_NOT_FOUND' });
    expect(err.message).toContain('/tidak/ada.berkas-backup');
  });

  it('truncated at any of several offsets', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir);
    const bytes = await fs.readFile(file);
    const h = headerBlockLength(bytes);
    const offsets = [1, 8, 15, 16, 19, 20, h - 1, h, h + 1, h + chunkSize + GCM_TAG_LEN, h + 2 * (chunkSize + GCM_TAG_LEN), bytes.length - GCM_TAG_LEN, bytes.length - 1];
    const cut = path.join(dir, 'cut.berkas-backup');
    for (const offset of offsets) {
      await fs.writeFile(cut, bytes.subarray(0, offset));
      const err = await errorOf(openBackupFile(cut, passphrase, supported));
      expect({ offset, code: err.code }).toEqual({ offset, code: 'BACKUP_TRUNCATED' });
    }
  });

  it('bytes appended after the end', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir);
    await fs.appendFile(file, Buffer.alloc(16));
    expect((await errorOf(openBackupFile(file, passphrase, supported))).code).toBe('BACKUP_TAMPERED');
  });

  it('one flipped bit in any byte of the file', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir, { sources: (await sampleSources(dir)).slice(0, 3) });
    const bytes = await fs.readFile(file);
    const h = headerBlockLength(bytes);
    const flipped = path.join(dir, 'flipped.berkas-backup');
    const codes = new Map<string, number[]>();
    // Every byte of the header block and of the first and last chunk; every 7th in between.
    for (let offset = 0; offset < bytes.length; offset++) {
      const isEdge = offset < h + chunkSize + GCM_TAG_LEN || offset >= bytes.length - chunkSize - GCM_TAG_LEN;
      if (!isEdge && offset % 7 !== 0) continue;
      // Every bit of the magic and the header length (where a flip could mimic another error); one bit elsewhere.
      const bits = offset < PREAMBLE_LEN ? [0, 1, 2, 3, 4, 5, 6, 7] : [offset % 8];
      for (const bit of bits) {
        const copy = Buffer.from(bytes);
        copy[offset]! ^= 1 << bit;
        await fs.writeFile(flipped, copy);
        let code = 'ACCEPTED';
        try {
          const opened = await openBackupFile(flipped, passphrase, supported);
          try {
            await opened.readAll(collectingSink());
          } finally {
            await opened.close();
          }
        } catch (err) {
          code = (err as { code: string }).code;
        }
        codes.set(code, [...(codes.get(code) ?? []), offset]);
      }
    }
    expect(codes.get('ACCEPTED')).toBeUndefined();
    expect(codes.get('BACKUP_WRONG_PASSPHRASE')).toBeUndefined();
    // A flipped bit inside the magic is still recognised as a damaged backup, not another kind of file.
    expect([...codes.keys()]).toEqual(['BACKUP_TAMPERED']);
  });

  it('two chunks swapped', async () => {
    const dir = await tempDir();
    const file = await makeBackup(dir);
    const bytes = await fs.readFile(file);
    const h = headerBlockLength(bytes);
    const len = chunkSize + GCM_TAG_LEN;
    const swapped = Buffer.concat([bytes.subarray(0, h), bytes.subarray(h + len, h + 2 * len), bytes.subarray(h, h + len), bytes.subarray(h + 2 * len)]);
    await fs.writeFile(file, swapped);
    const opened = await openBackupFile(file, passphrase, supported);
    try {
      const err = await errorOf(opened.readAll(collectingSink()));
      expect(err.code).toBe('BACKUP_TAMPERED');
      expect(err.message).toContain('potongan isi ke-1');
    } finally {
      await opened.close();
    }
  });

  it('the file cut at a chunk boundary and its header made to match is still refused (last-chunk flag)', async () => {
    const dir = await tempDir();
    const sources = await sampleSources(dir);
    const file = await makeBackup(dir, { sources });
    const bytes = await fs.readFile(file);
    const h = headerBlockLength(bytes);
    // Keep the first two chunks, rewrite the header to announce exactly that much: the second was sealed as "not last".
    const header = JSON.parse(bytes.subarray(PREAMBLE_LEN, h - HEADER_HASH_LEN).toString('utf8')) as BackupHeader;
    const forged = encodeHeaderBlock({ ...header, plaintextBytes: 2 * chunkSize });
    await fs.writeFile(file, Buffer.concat([forged.block, bytes.subarray(h, h + 2 * (chunkSize + GCM_TAG_LEN))]));
    const opened = await openBackupFile(file, passphrase, supported);
    try {
      // The header is in every chunk's AAD, so the very first chunk already fails.
      expect((await errorOf(opened.readAll(collectingSink()))).code).toBe('BACKUP_TAMPERED');
    } finally {
      await opened.close();
    }
  });

  it.each([
    [{ formatVersion: 2 }, 'format berkas cadangan versi 2'],
    [{ appVersion: '9.0.0' }, 'Berkas 9.0.0'],
    [{ schemaVersion: 99 }, 'skema 99'],
  ])('made by a newer Berkas (%j)', async (header, words) => {
    const dir = await tempDir();
    const file = path.join(dir, 'new.berkas-backup');
    const entries: RawEntry[] = [{ path: 'berkas.db', bytes: Buffer.from('db') }];
    await craftBackup(file, Buffer.concat([...entries.map(entryRecord), manifestRecord(manifestFor(entries))]), { header });
    const err = await errorOf(openBackupFile(file, passphrase, supported));
    expect(err.code).toBe('BACKUP_TOO_NEW');
    expect(err.message).toContain(words);
    // Refused even with the wrong passphrase: the version is read first.
    expect((await errorOf(openBackupFile(file, 'salah-sama-sekali', supported))).code).toBe('BACKUP_TOO_NEW');
  });

  it('a header asking for absurd scrypt memory is refused without running scrypt', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'x.berkas-backup');
    const entries: RawEntry[] = [{ path: 'berkas.db', bytes: Buffer.from('db') }];
    await craftBackup(file, Buffer.concat([...entries.map(entryRecord), manifestRecord(manifestFor(entries))]));
    const bytes = await fs.readFile(file);
    const h = headerBlockLength(bytes);
    const header = JSON.parse(bytes.subarray(PREAMBLE_LEN, h - HEADER_HASH_LEN).toString('utf8')) as BackupHeader;
    const forged = encodeHeaderBlock({ ...header, kdf: { ...header.kdf, N: 2 ** 24, r: 64 } });
    await fs.writeFile(file, Buffer.concat([forged.block, bytes.subarray(h)]));
    const err = await errorOf(openBackupFile(file, passphrase, supported));
    expect(err.code).toBe('BACKUP_TAMPERED');
    expect(err.message).toContain('parameter kunci');
  });
});

describe('entries are hostile input even inside an authentic file', () => {
  async function readCrafted(plaintext: Buffer) {
    const dir = await tempDir();
    const file = path.join(dir, 'crafted.berkas-backup');
    await craftBackup(file, plaintext);
    const opened = await openBackupFile(file, passphrase, supported);
    try {
      return await opened.readAll(collectingSink());
    } finally {
      await opened.close();
    }
  }
  const db: RawEntry = { path: 'berkas.db', bytes: Buffer.from('database') };
  const plain = (entries: RawEntry[], manifest = manifestFor(entries)) => Buffer.concat([...entries.map(entryRecord), manifestRecord(manifest)]);

  it('reads a well-formed crafted file (the helper is faithful)', async () => {
    const summary = await readCrafted(plain([db, { path: 'outbox/a.zip', bytes: Buffer.from('zip') }]));
    expect(summary).toMatchObject({ entryCount: 2, contentBytes: 11 });
  });

  it.each(['../../etc/cron.d/x', '/etc/passwd', 'outbox/../../../x', 'outbox\\..\\x', 'C:x', 'berkas.lock', 'berkas.journal', 'elsewhere/x', 'outbox/\u00e9'])(
    'refuses the path %j',
    async (evil) => {
      const err = await errorOf(readCrafted(plain([db, { path: evil, bytes: Buffer.from('evil') }])));
      expect(err.code).toBe('BACKUP_UNSAFE_ENTRY');
    },
  );

  it('refuses a path that appears twice, also when only the case differs', async () => {
    const twice = await errorOf(readCrafted(plain([db, { path: 'outbox/a', bytes: Buffer.from('1') }, { path: 'outbox/a', bytes: Buffer.from('2') }])));
    expect(twice.code).toBe('BACKUP_UNSAFE_ENTRY');
    const cased = await errorOf(readCrafted(plain([db, { path: 'outbox/a', bytes: Buffer.from('1') }, { path: 'outbox/A', bytes: Buffer.from('2') }])));
    expect(cased.code).toBe('BACKUP_UNSAFE_ENTRY');
  });

  it('refuses an entry whose size runs past the end', async () => {
    const err = await errorOf(readCrafted(plain([db, { path: 'outbox/a', bytes: Buffer.from('abc'), declaredSize: 10_000 }], '')));
    expect(err.code).toBe('BACKUP_TAMPERED');
  });

  it('refuses a manifest that does not match the content, naming the entry', async () => {
    const entries = [db, { path: 'outbox/a', bytes: Buffer.from('abc') }];
    const lying = manifestFor(entries).replace(sha256(Buffer.from('abc')), sha256(Buffer.from('abd')));
    const err = await errorOf(readCrafted(plain(entries, lying)));
    expect(err.code).toBe('BACKUP_TAMPERED');
    expect(err.message).toContain('outbox/a');
  });

  it('refuses a backup without a database, and one without a manifest', async () => {
    expect((await errorOf(readCrafted(plain([{ path: 'outbox/a', bytes: Buffer.from('x') }])))).code).toBe('BACKUP_TAMPERED');
    expect((await errorOf(readCrafted(entryRecord(db)))).code).toBe('BACKUP_TAMPERED');
  });

  it('refuses content after the manifest and unknown record tags', async () => {
    expect((await errorOf(readCrafted(Buffer.concat([plain([db]), Buffer.from([0x46])])))).code).toBe('BACKUP_TAMPERED');
    expect((await errorOf(readCrafted(Buffer.concat([Buffer.from([0x58]), plain([db])])))).code).toBe('BACKUP_TAMPERED');
  });
});
