import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE, acquireDirLock } from '../../../../core/adapters/store-lock';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-lock-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('acquireDirLock', () => {
  it('writes a complete lock (never an empty one) and leaves no temp file beside it', async () => {
    const lock = await acquireDirLock(dir);
    const held = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string };
    expect(held).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(await fs.readdir(dir)).toEqual([LOCK_FILE]);
    await expect(acquireDirLock(dir)).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED', message: expect.stringContaining(`PID ${process.pid}`) });
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it.each([
    ['with hard links', false],
    ['on a file system without hard links (FAT)', true],
  ])('a full disk while the lock is written leaves neither a 0-byte temp file nor an empty lock (%s)', async (_label, isWithoutLinks) => {
    const linkSpy = isWithoutLinks
      ? jest.spyOn(fs, 'link').mockRejectedValue(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' }))
      : null;
    const realOpen = fs.open.bind(fs);
    const spy = jest.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await realOpen(file, flags, mode);
      if (flags === 'wx') {
        handle.writeFile = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      }
      return handle;
    });
    try {
      await expect(acquireDirLock(dir)).rejects.toMatchObject({ code: 'DISK_FULL' });
    } finally {
      spy.mockRestore();
      linkSpy?.mockRestore();
    }
    expect(await fs.readdir(dir)).toEqual([]);
    const lock = await acquireDirLock(dir);
    await lock.release();
  });

  it('clears the temp file of an attempt killed between writing and linking, once it holds the lock', async () => {
    // What a process SIGKILLed mid-acquire leaves: its temp file, and no lock.
    const leftover = `.${LOCK_FILE}-${'a'.repeat(24)}.tmp`;
    await fs.writeFile(path.join(dir, leftover), JSON.stringify({ pid: 999_999, host: os.hostname(), token: 'a'.repeat(24) }));
    const lock = await acquireDirLock(dir);
    expect(await fs.readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
  });

  it('takes over at once the lock of a process killed while holding it', async () => {
    // A real process that takes the lock and is killed: its pid is gone, its lock stays.
    const child = spawnSync(
      process.execPath,
      ['-r', require.resolve('tsx/cjs'), '-e', `require(${JSON.stringify(path.resolve(__dirname, '../../../../core/adapters/store-lock'))}).acquireDirLock(${JSON.stringify(dir)}).then(() => process.kill(process.pid, 'SIGKILL'))`],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const left = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(left.pid).toBe(child.pid);
    const lock = await acquireDirLock(dir);
    expect((JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    await lock.release();
  });

  it('respects a fresh unreadable lock (being written where hard links are refused), names it as just started', async () => {
    await fs.writeFile(path.join(dir, LOCK_FILE), '');
    await expect(acquireDirLock(dir)).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED', message: expect.stringContaining('proses yang baru dimulai') });
  });

  it('takes over an unreadable lock older than the grace period', async () => {
    await fs.writeFile(path.join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(path.join(dir, LOCK_FILE), old, old);
    const lock = await acquireDirLock(dir);
    await lock.release();
  });
});
