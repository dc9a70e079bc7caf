/**
 * Puts several small blobs into the content-addressed store with one
 * durability barrier for all of them (group commit), instead of a file fsync
 * and a folder fsync per blob: every temp file is written, then all are
 * synced at once (the thread pool runs the syncs side by side and the file
 * system commits them in one journal transaction), then renamed under their
 * names, then each folder that received one is synced once. The store's rule
 * holds throughout: a file under its name is complete, synced and right.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsync, mkdirSync, openSync, renameSync, rmSync, write, writeSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BlobStore } from '../../ports';
import { describeFsError, fsyncDir, statIfPresent } from '../fs-atomic';

export interface BatchBlob {
  sha256: string;
  bytes: Uint8Array;
}

/** A file already written (the bag writer's scratch ZIP) to be moved under its hash in the same barrier. */
export interface SyncedFile {
  sha256: string;
  file: string;
  /** Not synced yet: it is synced beside the batch's own files, before any of them is renamed. */
  needsSync?: boolean;
}

/**
 * Blobs up to this size are written with plain synchronous calls (a stat, an open, one write into the page
 * cache, a rename: microseconds each), and only the syncs, which wait for the disk, go to the thread pool.
 * Each asynchronous call is a round trip through the pool that, on a busy machine, costs far more than the
 * call itself: a small package's ~60 of them were the largest part of storing it (issue 16). Larger blobs
 * are written asynchronously, so a big write never holds the event loop.
 */
const inlineBytes = 256 * 1024;

const fsyncFd = promisify(fsync);
const writeFd = promisify(write);

/** fsync of a descriptor, then closed; the descriptor is opened for writing because Windows flushes only a handle that may write. */
async function syncAndClose(fd: number): Promise<void> {
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

function isHeld(blobs: BlobStore, sha256: string): boolean {
  return statIfPresent(blobs.pathOf(sha256))?.isFile() === true;
}

/** Writes bytes into a new file, inline when small; returns its descriptor, still open for the sync. */
async function writeUnsynced(file: string, bytes: Uint8Array): Promise<number> {
  const fd = openSync(file, 'wx', 0o644);
  try {
    if (bytes.byteLength <= inlineBytes) {
      for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
    } else {
      for (let at = 0; at < bytes.byteLength; ) at += (await writeFd(fd, bytes, at, bytes.byteLength - at)).bytesWritten;
    }
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

/**
 * A rename into the blob's fan folder, which is made only when the rename finds it missing (a new store)
 * rather than asked for every blob; true when it was made.
 */
function moveIntoFanFolder(from: string, target: string): boolean {
  try {
    renameSync(from, target);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(from)) throw err;
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(from, target);
    return true;
  }
}

export async function putBlobBatch(blobs: BlobStore, workDir: string, items: readonly BatchBlob[], synced: readonly SyncedFile[] = []): Promise<void> {
  const unique = new Map<string, Uint8Array>();
  for (const item of items) unique.set(item.sha256, item.bytes);
  const toWrite = [...unique].filter(([sha]) => !isHeld(blobs, sha)).map(([sha256, bytes]) => ({ sha256, bytes, tmp: path.join(workDir, `.blob-${randomBytes(6).toString('hex')}.tmp`) }));
  const written: string[] = [];
  try {
    const kept: SyncedFile[] = [];
    for (const s of synced) {
      if (isHeld(blobs, s.sha256)) rmSync(s.file, { force: true });
      else kept.push(s);
    }
    // Every file is created and written before the first sync starts: a create in a folder while a sync
    // runs on the pool waits for the file system's journal commit (milliseconds each on ext4).
    const fds: number[] = [];
    let problem: unknown = null;
    try {
      for (const w of toWrite) {
        written.push(w.tmp);
        fds.push(await writeUnsynced(w.tmp, w.bytes));
      }
      for (const s of kept) if (s.needsSync === true) fds.push(openSync(s.file, 'r+'));
    } catch (err) {
      problem = err;
    }
    if (problem !== null) {
      for (const fd of fds) closeSync(fd);
      throw problem;
    }
    // One barrier: every new file and every file not synced yet, side by side on the pool; all settle before a failure is told.
    const barrier = await Promise.allSettled(fds.map(syncAndClose));
    const failed = barrier.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const moves = [...toWrite.map((w) => ({ from: w.tmp, sha256: w.sha256 })), ...kept.map((s) => ({ from: s.file, sha256: s.sha256 }))];
    // Every file is synced: the renames need no order among themselves.
    const dirs = new Set<string>();
    for (const m of moves) {
      const target = blobs.pathOf(m.sha256);
      dirs.add(path.dirname(target));
      // A fan folder made now is a new entry in the blobs folder: that one is synced too.
      if (moveIntoFanFolder(m.from, target)) dirs.add(path.dirname(path.dirname(target)));
    }
    await Promise.all([...dirs].map(fsyncDir));
  } catch (err) {
    for (const tmp of written) rmSync(tmp, { force: true });
    throw describeFsError(err, workDir);
  }
}
