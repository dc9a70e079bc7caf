import { promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openZip, type ZipArchive, type ZipEntry } from '../../../../../core/adapters/zip-reader/zip-reader';
import { extractZip } from '../../../../../core/adapters/zip-reader/extract';
import type { ZipLimits } from '../../../../../core/adapters/zip-reader/entry-rules';
import { spawnSync } from 'node:child_process';
import { BerkasError } from '../../../../../core/domain/errors';

const dir = path.resolve(__dirname, '../../../../fixtures/hostile-zips');

/** Every hostile fixture and the one reason it must be refused for (rule: the package name policy's, in details.rule). */
const expected: Record<string, { code: string; rule?: string; limits?: Partial<ZipLimits> }> = {
  'traversal.zip': { code: 'ZIP_PATH_TRAVERSAL' },
  'backslash-traversal.zip': { code: 'ZIP_PATH_TRAVERSAL' },
  'absolute.zip': { code: 'ZIP_ABSOLUTE_PATH' },
  'drive-letter.zip': { code: 'ZIP_ABSOLUTE_PATH' },
  'backslash.zip': { code: 'ZIP_BAD_NAME' },
  'symlink.zip': { code: 'ZIP_SYMLINK' },
  'duplicate.zip': { code: 'ZIP_DUPLICATE' },
  'duplicate-case.zip': { code: 'ZIP_DUPLICATE' },
  'duplicate-nfc.zip': { code: 'ZIP_DUPLICATE' },
  'file-and-folder.zip': { code: 'ZIP_DUPLICATE' },
  'lying-size-long.zip': { code: 'ZIP_SIZE_MISMATCH' },
  'lying-size-short.zip': { code: 'ZIP_SIZE_MISMATCH' },
  'zip-bomb.zip': { code: 'ZIP_RATIO' },
  'overlapping.zip': { code: 'ZIP_OVERLAP' },
  'too-many.zip': { code: 'ZIP_TOO_MANY' },
  'encrypted.zip': { code: 'ZIP_ENCRYPTED' },
  'truncated-central-directory.zip': { code: 'ZIP_CORRUPT' },
  'local-header-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'crc-mismatch.zip': { code: 'ZIP_CORRUPT' },
  'unsupported-method.zip': { code: 'ZIP_UNSUPPORTED' },
  'total-too-large.zip': { code: 'ZIP_TOO_LARGE', limits: { maxTotalBytes: 1_500_000 } },
  'reserved-con.zip': { code: 'ZIP_BAD_NAME', rule: 'reserved-name' },
  'reserved-nul-txt.zip': { code: 'ZIP_BAD_NAME', rule: 'reserved-name' },
  'reserved-com1-php.zip': { code: 'ZIP_BAD_NAME', rule: 'reserved-name' },
  'reserved-superscript.zip': { code: 'ZIP_BAD_NAME', rule: 'reserved-name' },
  'reserved-space-before-dot.zip': { code: 'ZIP_BAD_NAME', rule: 'reserved-name' },
  'trailing-dot-twin.zip': { code: 'ZIP_BAD_NAME', rule: 'trailing-dot-or-space' },
  'trailing-space-twin.zip': { code: 'ZIP_BAD_NAME', rule: 'trailing-dot-or-space' },
  'alternate-stream.zip': { code: 'ZIP_BAD_NAME', rule: 'colon' },
  'windows-forbidden-char.zip': { code: 'ZIP_BAD_NAME', rule: 'windows-forbidden-character' },
  'unc-path.zip': { code: 'ZIP_ABSOLUTE_PATH', rule: 'unc' },
  'home-directory.zip': { code: 'ZIP_BAD_NAME', rule: 'home-directory' },
  'hidden-gap-entry.zip': { code: 'ZIP_GAP' },
  'prefix-bytes.zip': { code: 'ZIP_GAP' },
  'gap-before-central.zip': { code: 'ZIP_GAP' },
  'local-size-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'local-crc-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'local-method-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'local-flags-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'descriptor-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  'unicode-path-mismatch.zip': { code: 'ZIP_HEADER_MISMATCH' },
  // Caught by yauzl itself, said with Berkas's reasons (yauzl-refusals.ts).
  'trailing-bytes.zip': { code: 'ZIP_CORRUPT' },
  'strong-encryption.zip': { code: 'ZIP_ENCRYPTED' },
  'extra-field-overflow.zip': { code: 'ZIP_CORRUPT' },
};

/** Archives every reader must take: plain entries, and entries followed by data descriptors (yazl, Java, macOS). */
const wellFormed: Record<string, number> = { 'ok.zip': 24 + 50_000, 'ok-descriptor.zip': 24 + 50_000 };

/**
 * Where `unzip -t` (Info-ZIP) can judge, it agrees: it fails on these. It
 * cannot see names that only Windows minds, gaps it does not walk, or sizes
 * it does not compare, so the rest are Berkas's own refusals.
 */
const unzipAlsoRefuses = [
  'crc-mismatch.zip',
  'encrypted.zip',
  'local-crc-mismatch.zip',
  'local-header-mismatch.zip',
  'local-method-mismatch.zip',
  'local-size-mismatch.zip',
  'overlapping.zip',
  'strong-encryption.zip',
  'too-many.zip',
  'truncated-central-directory.zip',
  'unsupported-method.zip',
];

/** Opens and reads every entry, as verification does. */
async function readAll(file: string, limits?: Partial<ZipLimits>): Promise<number> {
  const zip: ZipArchive = await openZip(file, limits);
  try {
    let bytes = 0;
    for (const entry of zip.entries) {
      if (entry.isDirectory) continue;
      for await (const chunk of await zip.openEntry(entry)) bytes += (chunk as Buffer).length;
    }
    return bytes;
  } finally {
    await zip.close();
  }
}

describe('hostile ZIP corpus', () => {
  it('has an expectation for every fixture and a fixture for every expectation', async () => {
    const files = (await fs.readdir(dir)).filter((n) => n.endsWith('.zip') && !(n in wellFormed)).sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(wellFormed))('reads the well-formed control archive %s', async (name, bytes) => {
    expect(await readAll(path.join(dir, name))).toBe(bytes);
  });

  it.each(Object.entries(expected))('refuses %s with its reason', async (name, { code, rule, limits }) => {
    const failure = await readAll(path.join(dir, name), limits).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(BerkasError);
    expect((failure as BerkasError).code).toBe(code);
    // Indonesian, and names the package.
    expect((failure as BerkasError).message).toContain(`Paket ${name} ditolak`);
    if (rule !== undefined) expect((failure as BerkasError).details?.rule).toBe(rule);
  });

  it('agrees with unzip -t wherever unzip can judge', () => {
    const verdicts = [...Object.keys(wellFormed), ...unzipAlsoRefuses].map((name) => {
      const tested = spawnSync('unzip', ['-tqq', path.join(dir, name)], { input: '', encoding: 'utf8' });
      return [name, tested.status === 0];
    });
    expect(verdicts).toEqual([...Object.keys(wellFormed).map((n) => [n, true]), ...unzipAlsoRefuses.map((n) => [n, false])]);
  });

  it('stops a lying entry at the declared size + 1: no byte past the declaration reaches the reader', async () => {
    const zip = await openZip(path.join(dir, 'lying-size-long.zip'));
    let delivered = 0;
    const failure = await (async () => {
      for await (const chunk of await zip.openEntry(zip.entries[0]!)) delivered += (chunk as Buffer).length;
    })().catch((err: unknown) => err);
    await zip.close();
    expect((failure as BerkasError).code).toBe('ZIP_SIZE_MISMATCH');
    expect(delivered).toBeLessThanOrEqual(1000);
  });

  it('names the offending entry without letting control characters through', async () => {
    const failure = (await readAll(path.join(dir, 'traversal.zip')).catch((e: unknown) => e)) as BerkasError;
    expect(failure.details).toMatchObject({ entry: 'data/../../berkas-jahat.txt', reason: 'ZIP_PATH_TRAVERSAL' });
  });
});

describe('openZip', () => {
  const openDescriptors = () => readdirSync('/proc/self/fd').length;

  (process.platform === 'linux' ? it : it.skip)('lets go of the file when closed, even with an entry left half-read', async () => {
    const before = openDescriptors();
    const zip = await openZip(path.join(dir, 'ok.zip'));
    const entry = zip.entries.find((e) => e.name === 'data/sumber.js') as ZipEntry;
    const stream = await zip.openEntry(entry);
    expect(openDescriptors()).toBe(before + 1);
    await zip.close();
    expect(stream.destroyed).toBe(true);
    expect(openDescriptors()).toBe(before);
    await expect(zip.openEntry(entry)).rejects.toMatchObject({ code: 'ZIP_CORRUPT' });
  });

  it('says what yauzl refused in Indonesian, and keeps yauzl’s own words for the log', async () => {
    const failure = (await readAll(path.join(dir, 'trailing-bytes.zip')).catch((e: unknown) => e)) as BerkasError;
    expect(failure.message).toBe(
      'Paket trailing-bytes.zip ditolak: ada bita sesudah akhir direktori pusat, atau komentarnya memuat tanda akhir direktori: isinya dapat dibaca dua cara.',
    );
    expect(String(failure.details?.cause)).toMatch(/^Invalid comment length/);
    const strong = (await readAll(path.join(dir, 'strong-encryption.zip')).catch((e: unknown) => e)) as BerkasError;
    expect(strong.message).toContain('entri ke-1 direktori pusat: terenkripsi');
  });
});

describe('extractZip', () => {
  let work: string;
  beforeEach(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-extract-'));
  });
  afterEach(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  it('unpacks a good archive into a new folder', async () => {
    const target = path.join(work, 'keluar');
    const result = await extractZip(path.join(dir, 'ok.zip'), target);
    expect(result).toEqual({ files: 2, bytes: 50_024 });
    expect(await fs.readFile(path.join(target, 'data', 'halo.txt'), 'utf8')).toBe('Halo, ini berkas biasa.\n');
  });

  it.each(['traversal.zip', 'absolute.zip', 'symlink.zip', 'lying-size-long.zip', 'crc-mismatch.zip'])(
    'writes nothing anywhere for %s',
    async (name) => {
      const target = path.join(work, 'sasaran', 'keluar');
      await fs.mkdir(path.dirname(target));
      await expect(extractZip(path.join(dir, name), target)).rejects.toBeInstanceOf(BerkasError);
      // Neither the target, nor a partial folder, nor anything climbing out of it.
      expect(await fs.readdir(path.join(work, 'sasaran'))).toEqual([]);
      expect(await fs.readdir(work)).toEqual(['sasaran']);
    },
  );

  it('refuses to unpack over an existing folder', async () => {
    await expect(extractZip(path.join(dir, 'ok.zip'), work)).rejects.toMatchObject({ code: 'EXTRACT_TARGET_EXISTS' });
  });
});
