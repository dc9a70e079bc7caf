import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exchangeWorkspaceEntries, newestBeforeRestore, undoInPlace } from '../../../../../core/adapters/backup/in-place-restore';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-exchange-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = await fs.readFile(full, 'utf8');
    }
  }
  return out;
}

async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
}

describe('exchangeWorkspaceEntries', () => {
  it('moves only workspace entries: the browser profile and the lock stay, the staged ones come in', async () => {
    const data = path.join(root, 'data');
    const staged = path.join(root, '.data.pulih-x');
    await write(data, { 'berkas.db': 'lama', 'settings.json': 'lama', 'blobs/ab/1': 'lama', 'berkas.lock': 'kunci', 'Local Storage/leveldb': 'chromium' });
    await write(staged, { 'berkas.db': 'baru', 'vault/k': 'baru' });

    const result = await exchangeWorkspaceEntries(data, staged, path.join(root, 'data.sebelum-pulih-1'));

    expect(await tree(data)).toEqual({ 'berkas.db': 'baru', 'vault/k': 'baru', 'berkas.lock': 'kunci', 'Local Storage/leveldb': 'chromium' });
    expect(result).toEqual({ aside: path.join(root, 'data.sebelum-pulih-1'), movedIn: 2 });
    expect(await tree(result.aside!)).toEqual({ 'berkas.db': 'lama', 'settings.json': 'lama', 'blobs/ab/1': 'lama' });
  });

  it.each([1, 3, 5])('puts everything back when rename number %i fails', async (failAt) => {
    const data = path.join(root, 'data');
    const staged = path.join(root, '.data.pulih-x');
    const before = { 'berkas.db': 'lama', 'settings.json': 'lama', 'blobs/ab/1': 'lama', 'outbox/p.zip': 'lama' };
    await write(data, before);
    await write(staged, { 'berkas.db': 'baru', 'settings.json': 'baru', 'blobs/cd/2': 'baru' });
    let calls = 0;
    const flaky = async (from: string, to: string) => {
      calls++;
      if (calls === failAt) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      await fs.rename(from, to);
    };

    await expect(exchangeWorkspaceEntries(data, staged, path.join(root, 'data.sebelum-pulih-1'), flaky)).rejects.toMatchObject({
      code: 'BACKUP_SWAP_FAILED',
      message: expect.stringContaining('EBUSY'),
    });
    expect(await tree(data)).toEqual(before);
    expect(await tree(staged)).toEqual({ 'berkas.db': 'baru', 'settings.json': 'baru', 'blobs/cd/2': 'baru' });
    expect((await fs.readdir(root)).sort()).toEqual(['.data.pulih-x', 'data']);
  });

  it('undo puts back the newest folder a restore moved aside and keeps the restored one', async () => {
    const data = path.join(root, 'data');
    await write(data, { 'berkas.db': 'hasil' });
    await write(path.join(root, 'data.sebelum-pulih-20210617-090000'), { 'berkas.db': 'lebih lama' });
    await write(path.join(root, 'data.sebelum-pulih-20210617-100000'), { 'berkas.db': 'terbaru' });
    expect(await newestBeforeRestore(data)).toBe(path.join(root, 'data.sebelum-pulih-20210617-100000'));

    const undone = await undoInPlace(data, new Date(2021, 5, 17, 11, 0, 0));

    expect(await tree(data)).toEqual({ 'berkas.db': 'terbaru' });
    expect(undone.movedAside).toBe(path.join(root, 'data.hasil-pulih-20210617-110000'));
    expect(await tree(undone.movedAside!)).toEqual({ 'berkas.db': 'hasil' });
    expect(await newestBeforeRestore(data)).toBe(path.join(root, 'data.sebelum-pulih-20210617-090000'));
  });
});
