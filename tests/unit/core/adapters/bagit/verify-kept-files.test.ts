/**
 * The verification hands the bytes it read to the packager (keptFiles), which
 * stores the bag's files from them instead of reading the ZIP again: they
 * must be the entries' own bytes, in the ZIP's order, and an entry the
 * verification did not read whole must say so (null), so the packager reads
 * the ZIP after all.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyBagZip } from '../../../../../core/adapters/bagit/verify';
import { openZip } from '../../../../../core/adapters/zip-reader/zip-reader';
import { makeBag } from '../../../../tools/make-bag';

let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-kept-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

async function entriesOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(file);
  try {
    const out = new Map<string, Buffer>();
    for (const e of zip.entries) if (!e.isDirectory) out.set(e.name, await zip.readEntry(e, 1024 * 1024));
    return out;
  } finally {
    await zip.close();
  }
}

describe('files kept by the bag verification', () => {
  it('are every entry\'s own bytes, in the ZIP\'s order, tag files and payload alike', async () => {
    const file = await makeBag(path.join(work, 'a.zip'), { payload: { 'data/laporan.txt': 'Laporan triwulan I\n', 'data/foto.bin': Buffer.alloc(70_000, 3) } });
    const kept = new Map<string, Buffer | null>();
    const verification = await verifyBagZip(file, { keptFiles: kept });
    expect(verification.valid).toBe(true);
    const actual = await entriesOf(file);
    expect([...kept.keys()]).toEqual([...actual.keys()]);
    for (const [name, bytes] of actual) expect(kept.get(name)?.equals(bytes)).toBe(true);
  });

  it('a tag file the verification never reads is null, so a caller reads the ZIP for it', async () => {
    const file = await makeBag(path.join(work, 'b.zip'), {
      payload: { 'data/laporan.txt': 'Laporan\n' },
      editAll: (files) => files.set('catatan.txt', Buffer.from('catatan bebas\n')),
    });
    const kept = new Map<string, Buffer | null>();
    await verifyBagZip(file, { keptFiles: kept });
    const names = [...kept.keys()];
    const note = names.find((n) => n.endsWith('catatan.txt'));
    expect(note).toBeDefined();
    expect(kept.get(note!)).toBeNull();
    expect(kept.get(names.find((n) => n.endsWith('data/laporan.txt'))!)?.toString()).toBe('Laporan\n');
  });
});
