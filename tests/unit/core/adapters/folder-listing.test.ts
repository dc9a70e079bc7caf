import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_LISTED_ENTRIES, listFolder, placesFor } from '../../../../core/adapters/folder-listing';
import { fileNameProblem, joinListed } from '../../../../core/domain/files/folder-listing';

let root: string;
const options = () => ({ home: root, platform: 'linux' as const });

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-browse-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('listFolder', () => {
  it('lists folders first, then files, in Indonesian order with numbers by value; hides dot names', async () => {
    await fs.mkdir(path.join(root, 'Laporan 10'));
    await fs.mkdir(path.join(root, 'laporan 2'));
    await fs.mkdir(path.join(root, '.config'));
    await fs.writeFile(path.join(root, 'b.pdf'), 'x');
    await fs.writeFile(path.join(root, 'A.pdf'), 'xyz');
    await fs.writeFile(path.join(root, '.rahasia'), 'x');
    await fs.symlink(path.join(root, 'tidak-ada'), path.join(root, 'tautan-rusak'));
    await fs.symlink(path.join(root, 'Laporan 10'), path.join(root, 'tautan-folder'));

    const listing = await listFolder(root, options());

    expect(listing.entries.map((e) => `${e.isDirectory ? 'd' : 'f'} ${e.name}`)).toEqual(['d laporan 2', 'd Laporan 10', 'd tautan-folder', 'f A.pdf', 'f b.pdf']);
    expect(listing.entries.find((e) => e.name === 'A.pdf')).toMatchObject({ size: 3, modifiedAt: expect.stringMatching(/^\d{4}-/) });
    expect(listing.entries.find((e) => e.name === 'laporan 2')).toMatchObject({ size: null, modifiedAt: null });
    expect(listing).toMatchObject({ dir: root, parent: path.dirname(root), separator: '/', isTruncated: false, selectedName: null, missingName: null });
  });

  it('lists the places (a probe per drive on Windows) only when asked', async () => {
    expect((await listFolder(root, options())).places).toEqual([]);
    expect((await listFolder(root, { ...options(), isWithPlaces: true })).places[0]).toEqual({ kind: 'home', label: path.basename(root), path: root });
  });

  it('shows only the asked extensions among files, never hiding folders', async () => {
    await fs.mkdir(path.join(root, 'flashdisk'));
    await fs.writeFile(path.join(root, 'juni.BERKAS-BACKUP'), 'x');
    await fs.writeFile(path.join(root, 'catatan.txt'), 'x');
    const listing = await listFolder(root, { ...options(), extensions: ['.berkas-backup'] });
    expect(listing.entries.map((e) => e.name)).toEqual(['flashdisk', 'juni.BERKAS-BACKUP']);
  });

  it('a file lists its folder with the file selected; a path not made yet lists the nearest folder', async () => {
    await fs.writeFile(path.join(root, 'paket.zip'), 'x');
    expect(await listFolder(path.join(root, 'paket.zip'), options())).toMatchObject({ dir: root, selectedName: 'paket.zip', missingName: null });
    expect(await listFolder(path.join(root, 'baru', 'cadangan.berkas-backup'), options())).toMatchObject({ dir: root, selectedName: null, missingName: 'cadangan.berkas-backup' });
  });

  it('refuses relative paths and says which folder cannot be read', async () => {
    await expect(listFolder('dokumen', options())).rejects.toMatchObject({ code: 'FOLDER_NOT_ABSOLUTE', message: expect.stringContaining('"dokumen"') });
    await expect(listFolder('C:dokumen', { ...options(), platform: 'win32' })).rejects.toMatchObject({ code: 'FOLDER_NOT_ABSOLUTE' });
    if (process.getuid?.() !== 0) {
      const locked = path.join(root, 'terkunci');
      await fs.mkdir(locked, { mode: 0o000 });
      await expect(listFolder(locked, options())).rejects.toMatchObject({ code: 'FOLDER_FORBIDDEN', message: expect.stringContaining(locked) });
    }
  });

  it('stops at a cap and says so', async () => {
    await Promise.all(Array.from({ length: MAX_LISTED_ENTRIES + 5 }, (_, i) => fs.writeFile(path.join(root, `f${i}.txt`), '')));
    const listing = await listFolder(root, options());
    expect(listing.entries).toHaveLength(MAX_LISTED_ENTRIES);
    expect(listing.isTruncated).toBe(true);
  });
});

describe('placesFor', () => {
  it('starts at home and ends at the root on Linux', async () => {
    const places = await placesFor({ home: root, platform: 'linux', userName: 'pengguna-yang-tidak-ada' });
    expect(places[0]).toEqual({ kind: 'home', label: path.basename(root), path: root });
    expect(places.at(-1)).toEqual({ kind: 'root', label: '/', path: '/' });
  });
});

describe('joinListed and fileNameProblem', () => {
  it('joins with the listing computer’s separator, once', () => {
    expect(joinListed({ dir: 'E:\\', separator: '\\' }, 'cadangan.berkas-backup')).toBe('E:\\cadangan.berkas-backup');
    expect(joinListed({ dir: 'C:\\Users\\budi', separator: '\\' }, 'a.zip')).toBe('C:\\Users\\budi\\a.zip');
    expect(joinListed({ dir: '/', separator: '/' }, 'a.zip')).toBe('/a.zip');
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['../a.zip', 'separator'],
    ['a\\b.zip', 'separator'],
    ['..', 'invalid'],
    ['a?.zip', 'invalid'],
    ['a\u0001.zip', 'invalid'],
    ['cadangan juni.berkas-backup', null],
  ])('%j → %s', (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });
});
