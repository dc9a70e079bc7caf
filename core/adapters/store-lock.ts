import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BerkasError } from '../domain/errors';
import { describeFsError } from './fs-atomic';

export const LOCK_FILE = 'berkas.lock';

/**
 * Where hard links are refused (FAT flash drives), the lock is created empty
 * and then written, so it is briefly empty; only an unreadable lock older than
 * this is treated as left behind by a crash.
 */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

interface LockContent {
  pid: number;
  host: string;
  token: string;
}

export interface DirLock {
  readonly path: string;
  release(): Promise<void>;
}

function parseLock(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent> | null;
    if (v && Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.token === 'string') {
      return { pid: v.pid as number, host: v.host, token: v.token };
    }
  } catch {
    // Falls through: an unreadable lock is judged by its age below.
  }
  return null;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user; it still holds the folder.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data folder: two processes appending to the same journal
 * would interleave records and each would compact over the other's snapshot.
 * The lock is a file created exclusively ('wx') holding our pid. A lock whose
 * pid is no longer alive on this computer was left by a crash and is taken
 * over; a lock written on another computer (a shared folder) cannot be checked
 * and is respected.
 */
export async function acquireDirLock(dir: string): Promise<DirLock> {
  const lockPath = path.join(dir, LOCK_FILE);
  const mine: LockContent = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    let isCreated: boolean;
    try {
      isCreated = await createLockFile(dir, lockPath, mine);
    } catch (err) {
      throw describeFsError(err, lockPath);
    }
    if (isCreated) {
      await removeLeftoverLockTemps(dir);
      return { path: lockPath, release: () => releaseLock(lockPath, mine.token) };
    }
    let text: string;
    let ageMs: number;
    try {
      text = await fs.readFile(lockPath, 'utf8');
      ageMs = Date.now() - (await fs.stat(lockPath)).mtimeMs;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
      throw describeFsError(err, lockPath);
    }
    const held = parseLock(text);
    let isStale: boolean;
    if (held) isStale = held.host === os.hostname() && !isProcessAlive(held.pid);
    else isStale = ageMs > UNREADABLE_LOCK_GRACE_MS;
    if (!isStale) {
      const who = held ? `PID ${held.pid}${held.host === os.hostname() ? '' : ` di komputer ${held.host}`}` : 'proses yang baru dimulai';
      throw new BerkasError(
        'WORKSPACE_LOCKED',
        `Folder data ${dir} sedang dipakai oleh Berkas lain (${who}). Tutup Berkas yang lain itu lebih dahulu. Bila yakin tidak ada Berkas lain yang berjalan, hapus berkas kunci ${lockPath}.`,
        { dir, lockPath, ...(held ? { pid: held.pid, host: held.host } : {}) },
      );
    }
    try {
      await fs.unlink(lockPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(err, lockPath);
    }
  }
  throw new BerkasError('WORKSPACE_LOCKED', `Folder data ${dir} diperebutkan beberapa proses Berkas sekaligus; coba buka lagi sebentar lagi.`, { dir, lockPath });
}

const LOCK_TEMP = /^\.berkas\.lock-[0-9a-f]{24}\.tmp$/;

/**
 * Creates the lock with its content already in it: written to a temp file,
 * then hard-linked to berkas.lock, which fails if the lock exists. A kill at
 * any instant leaves either no lock or a complete one, never an empty lock
 * that would keep the folder "in use" after a crash. Where the file system
 * has no hard links, falls back to an exclusive create, then write.
 * Returns false when the lock exists (or a holder cleared our temp file).
 */
async function createLockFile(dir: string, lockPath: string, mine: LockContent): Promise<boolean> {
  const content = JSON.stringify(mine);
  const temp = path.join(dir, `.${LOCK_FILE}-${mine.token}.tmp`);
  await writeSynced(temp, content);
  try {
    await fs.link(temp, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw err;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
  try {
    await writeSynced(lockPath, content);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Creates `file` exclusively with `content`; when the write or its sync fails (a full disk) the
 * file it created is removed again, so no empty lock or 0-byte temp file outlives the failure.
 */
async function writeSynced(file: string, content: string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(file).catch(() => undefined);
    throw err;
  }
  await handle.close();
}

/** Temp files of a lock attempt killed between writing and linking: ours to clear once we hold the lock. */
async function removeLeftoverLockTemps(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (LOCK_TEMP.test(name)) await fs.unlink(path.join(dir, name)).catch(() => undefined);
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  try {
    const held = parseLock(await fs.readFile(lockPath, 'utf8'));
    // Never remove a lock another process took over (e.g. after ours was deleted by hand).
    if (held?.token === token) await fs.unlink(lockPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(err, lockPath);
  }
}
