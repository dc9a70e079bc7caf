/**
 * A bag ZIP held in memory (the intake server's small bags) goes through the
 * very reader and verifier a file goes through: every hostile ZIP is refused
 * with the same code, message and details, every bag gets the same verdict,
 * and the bytes read are the same, whether the ZIP lies in a file or in a Buffer.
 */
import { promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBagZip, verifyBagZipBytes, type BagVerification } from '../../../../../core/adapters/bagit/verify';
import { openZip, openZipBytes, type ZipArchive } from '../../../../../core/adapters/zip-reader/zip-reader';
import type { ZipLimits } from '../../../../../core/adapters/zip-reader/entry-rules';
import { BerkasError } from '../../../../../core/domain/errors';
import { makeBag, type BagSpec } from '../../../../tools/make-bag';

const hostile = path.resolve(__dirname, '../../../../fixtures/hostile-zips');
const wellFormed = new Set(['ok.zip', 'ok-descriptor.zip']);
/** The one fixture refused only under a smaller limit than the default (as in hostile-zips.test.ts). */
const limitsOf = (name: string): Partial<ZipLimits> => (name === 'total-too-large.zip' ? { maxTotalBytes: 1_500_000 } : {});

type Outcome = { refused: { code: string; message: string; details: unknown } } | { entries: [string, number, string][] };

/** Opens and reads every entry, as verification does; the refusal, or every entry's name, size and bytes. */
async function readAll(open: () => Promise<ZipArchive>): Promise<Outcome> {
  try {
    const zip = await open();
    try {
      const entries: [string, number, string][] = [];
      for (const entry of zip.entries) {
        if (entry.isDirectory) continue;
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openEntry(entry)) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        entries.push([entry.name, bytes.length, bytes.toString('base64')]);
      }
      return { entries };
    } finally {
      await zip.close();
    }
  } catch (err) {
    if (!(err instanceof BerkasError)) throw err;
    return { refused: { code: err.code, message: err.message, details: err.details } };
  }
}

async function verdictOf(verify: () => Promise<BagVerification>): Promise<unknown> {
  try {
    const { file: _file, ...verdict } = await verify();
    return verdict;
  } catch (err) {
    if (!(err instanceof BerkasError)) throw err;
    return { refused: { code: err.code, message: err.message, details: err.details } };
  }
}

// Read synchronously so it.each sees the list; hostile-zips.test.ts keeps the corpus and its expectations complete.
const fixtures = readdirSync(hostile).filter((n) => n.endsWith('.zip')).sort();

describe('a ZIP read from memory', () => {
  it('covers the whole hostile corpus', () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });

  it.each(fixtures)('%s: the same refusal or the same entries as from its file', async (name) => {
    const file = path.join(hostile, name);
    const bytes = await fs.readFile(file);
    const fromFile = await readAll(() => openZip(file, limitsOf(name)));
    const fromMemory = await readAll(() => openZipBytes(bytes, name, limitsOf(name)));
    expect(fromMemory).toEqual(fromFile);
    if (wellFormed.has(name)) expect(fromMemory).toHaveProperty('entries');
    else expect((fromMemory as { refused: { code: string } }).refused.code).toMatch(/^ZIP_/);
  });

  it.each(fixtures)('%s: the same bag verdict or refusal as from its file', async (name) => {
    const file = path.join(hostile, name);
    const bytes = await fs.readFile(file);
    const fromFile = await verdictOf(() => verifyBagZip(file, { limits: limitsOf(name) }));
    const fromMemory = await verdictOf(() => verifyBagZipBytes(bytes, name, { limits: limitsOf(name) }));
    expect(fromMemory).toEqual(fromFile);
  });

  it('names the bag it was given in the verdict and in its refusals', async () => {
    const bytes = await fs.readFile(path.join(hostile, 'traversal.zip'));
    await expect(openZipBytes(bytes, 'kiriman-1.zip')).rejects.toMatchObject({ code: 'ZIP_PATH_TRAVERSAL', message: expect.stringContaining('Paket kiriman-1.zip ditolak') });
    const truncated = bytes.subarray(0, bytes.length - 10);
    await expect(openZipBytes(truncated, 'kiriman-2.zip')).rejects.toMatchObject({ code: 'ZIP_CORRUPT', message: expect.stringContaining('kiriman-2.zip') });
  });
});

describe('a bag verified from memory', () => {
  let work: string;
  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-bag-memory-'));
  });
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  const payload = { 'data/laporan.txt': 'Laporan triwulan I\n'.repeat(50), 'data/foto.bin': Buffer.alloc(70_000, 3) };
  let n = 0;

  it.each<[string, Partial<BagSpec>, boolean]>([
    ['a conforming bag', {}, true],
    ['SHA-512 and MD5 manifests', { algorithms: ['sha512', 'md5'] }, true],
    ['a payload file changed after its manifest', { editAll: (f) => void f.set('data/laporan.txt', Buffer.from('diubah\n')) }, false],
    ['a file left out of the manifest', { omitFrom: { sha256: ['data/foto.bin'] } }, false],
    ['no bagit.txt', { editAll: (f) => void f.delete('bagit.txt') }, false],
    ['a false Payload-Oxum', { bagInfo: 'Payload-Oxum: 1.1\n' }, false],
  ])('%s: the same verdict as from its file', async (_name, spec, valid) => {
    const file = await makeBag(path.join(work, `bag-${++n}.zip`), { payload, ...spec });
    const fromFile = await verdictOf(() => verifyBagZip(file));
    const bytes = await fs.readFile(file);
    const fromMemory = await verdictOf(() => verifyBagZipBytes(bytes, path.basename(file)));
    expect(fromMemory).toEqual(fromFile);
    expect(fromMemory).toMatchObject({ valid });
  });

  it('reports a damaged entry as one mismatched file, as from its file', async () => {
    const file = await makeBag(path.join(work, 'rusak.zip'), { payload });
    const zip = await openZip(file);
    const entry = zip.entries.find((e) => e.name.endsWith('data/laporan.txt'));
    await zip.close();
    const bytes = await fs.readFile(file);
    const at = (entry?.dataStart ?? 0) + 2;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await fs.writeFile(file, bytes);
    const fromFile = await verdictOf(() => verifyBagZip(file));
    const fromMemory = await verdictOf(() => verifyBagZipBytes(bytes, 'rusak.zip'));
    expect(fromMemory).toEqual(fromFile);
    expect(fromMemory).toMatchObject({ valid: false, mismatched: ['data/laporan.txt'] });
  });
});
