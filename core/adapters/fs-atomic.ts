import { closeSync, createReadStream, fsync, openSync, promises as fs, statSync, constants as fsConstants, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { BerkasError, isBerkasError } from '../domain/errors';

const fsyncFd = promisify(fsync);

/** Indonesian message for the filesystem errors an officer can actually hit. */
export function describeFsError(err: unknown, target: string): BerkasError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return new BerkasError('DISK_FULL', `Disk penuh: ${target} tidak dapat disimpan. Kosongkan ruang lalu coba lagi; data yang sudah tersimpan tidak berubah.`, { target });
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new BerkasError('READ_ONLY', `Folder tidak dapat ditulisi (${code}): ${target}. Periksa izin folder data; data yang sudah tersimpan tidak berubah.`, { target, systemCode: code });
    case 'EDQUOT':
      return new BerkasError('DISK_FULL', `Kuota disk habis: ${target} tidak dapat disimpan.`, { target });
    default:
      return new BerkasError('WRITE_FAILED', `Gagal menulis ${target}${code ? ` (${code})` : ''}. Data yang sudah tersimpan tidak berubah.`, { target, systemCode: code ?? 'unknown' });
  }
}

/** Whether anything (a file, a folder, a dangling link) has this name. */
export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** `base`, or `base-2`, `base-3`…: the first name nothing on disk has (a rename would silently replace an existing file). */
export async function freeName(base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await pathExists(candidate))) return candidate;
  }
}

/**
 * A file's stat, or null when nothing (or nothing reachable) is there. A plain stat: the kernel answers it
 * from its cache in microseconds, where a trip through the thread pool, and for the usual "no such file" an
 * error object with its stack, cost far more on every blob of every package (issue 16).
 */
export function statIfPresent(file: string): Stats | null {
  try {
    return statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** fsync a directory so a rename inside it survives power loss (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  // Opening and closing a folder are answered from the kernel's cache: plain calls. Only the sync, which
  // waits for the disk, goes through the thread pool (each trip through it costs more than the call; issue 16).
  let fd: number;
  try {
    fd = openSync(dir, fsConstants.O_RDONLY);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; rename is still atomic there.
    return;
  }
  try {
    await fsyncFd(fd);
  } catch {
    // As above: a folder that cannot be synced.
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a whole file so that a reader sees either the old or the new content,
 * never a mix: temp file in the same folder, fsync, rename over, fsync folder.
 * On any failure the temp file is removed and the old file is untouched.
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string, mode?: number, beforeRename?: () => Promise<void>): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode ?? 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // A test seam: crash tests pause here to be killed with the temp file complete and the target untouched.
    await beforeRename?.();
    await fs.rename(tmp, target);
    await fsyncDir(dir);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw describeFsError(err, target);
  }
}

/** The SHA-256 (hex) of a file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface VerifiedCopyRequest {
  target: string;
  /** What the bytes must hash to. */
  sha256: string;
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** The refusal for a file already at the target with other contents (it is never overwritten). */
  existsError: () => BerkasError;
  /** The refusal for bytes that do not hash to `sha256`: nothing is written then. */
  mismatchError: () => BerkasError;
}

/**
 * Writes a stream of bytes to a new file `tmp` (refused if it exists), hashing
 * them on the way, and syncs it. On any failure the file is closed and
 * removed, and the failure is thrown as it came.
 */
export async function writeHashedTemp(tmp: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
    for await (const bytes of chunks) {
      hash.update(bytes);
      size += bytes.length;
      await handle.write(bytes);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    return { sha256: hash.digest('hex'), size };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * A kept file copied out where the officer asks (an export, a flash drive),
 * checked against its SHA-256 on the way: written to a temp file beside the
 * target, synced, hashed while written, and renamed into place only when the
 * hash is right. A target that already holds these very bytes is left as it
 * is; one with other contents is refused, never overwritten.
 */
export async function copyVerified(request: VerifiedCopyRequest): Promise<{ path: string; size: number }> {
  const target = path.resolve(request.target);
  try {
    const existing = await fs.stat(target);
    if (existing.isFile() && (await fileSha256(target)) === request.sha256) return { path: target, size: existing.size };
    throw request.existsError();
  } catch (err) {
    if (isBerkasError(err)) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(err, target);
  }
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const written = await writeHashedTemp(tmp, request.chunks);
    if (written.sha256 !== request.sha256) throw request.mismatchError();
    await fs.rename(tmp, target);
    await fsyncDir(dir);
    return { path: target, size: written.size };
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (isBerkasError(err)) throw err;
    throw describeFsError(err, target);
  }
}
