/**
 * Partial blob uploads (PROTOCOL.md §5.2), durable chunk by chunk.
 *
 * One file per (OPD, blob): <data-dir>/uploads/<OPD>/<sha256>.part. Its
 * length IS the committed offset: a chunk is checked against its checksum in
 * memory first, then appended and fdatasync'ed, and only then acknowledged.
 * A kill mid-append leaves a prefix of a checked chunk, which is still
 * correct data, so the length stays a truthful resume point; no database
 * write per chunk. The last chunk hashes the whole blob; a match is renamed
 * into the content-addressed blob store (core/adapters/blob-store.ts layout),
 * a mismatch is discarded. Uploads are per OPD so one agency's partial
 * upload can neither be seen nor completed by another's token.
 *
 * So nothing half-written is ever served or counted (issue 18): a blob file
 * appears under its name only by rename of a complete, fsynced file whose
 * hash is its name, and a .part is never read as a blob. Its tail is the one
 * place a crash can leave bytes nobody acknowledged — a prefix of a checked
 * chunk after a kill; after a power cut, on some filesystems, possibly
 * garbage — and the whole-blob hash at the last chunk catches what the
 * prefix rule does not (BLOB_HASH_MISMATCH, upload again from 0, §5.2).
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, constants as fsConstants, createReadStream, fdatasync, open as openCallback, promises as fs, renameSync, write } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../core/ports';
import { describeFsError, fsyncDir, statIfPresent } from '../../core/adapters/fs-atomic';
import { KeyedMutex } from '../store/sql-runner';
import { chunkOutOfRange, hashMismatch, offsetMismatch, type UploadState } from '../storage/blob-storage';

export type { UploadState };

export class UploadArea {
  private readonly root: string;
  private readonly locks = new KeyedMutex();
  /** Running hashes of uploads in progress, so the last chunk need not re-read the file. */
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();
  /** Every fan folder made and synced, once per process, when the first whole blob finds its own missing. */
  private fanFolders: Promise<void> | undefined;

  constructor(
    dataDir: string,
    private readonly blobs: BlobStore,
  ) {
    this.root = path.join(path.resolve(dataDir), 'uploads');
  }

  private partPath(opd: string, sha256: string): string {
    // Both are checked by the caller (OPD code pattern, 64 hex): no separators can reach the path.
    return path.join(this.root, opd, `${sha256}.part`);
  }

  async offsetOf(opd: string, sha256: string): Promise<number> {
    return (await this.partSize(opd, sha256)) ?? 0;
  }

  /** The .part file's length, or null when there is none (nothing to remove then); a plain stat (statIfPresent). */
  private async partSize(opd: string, sha256: string): Promise<number | null> {
    return statIfPresent(this.partPath(opd, sha256))?.size ?? null;
  }

  /**
   * Appends one chunk at `offset` of a blob of `total` bytes. Returns the new
   * offset, and whether the blob is now complete and stored.
   */
  async append(opd: string, sha256: string, offset: number, chunk: Buffer, total: number, replace = false): Promise<UploadState> {
    const key = `${opd}/${sha256}`;
    return this.locks.run(key, async () => {
      const file = this.partPath(opd, sha256);
      let part = await this.partSize(opd, sha256);
      if (part !== null && part > total) {
        // Longer than the blob can be: not a prefix of it, so nothing in it can be kept.
        await fs.rm(file, { force: true });
        this.hashes.delete(key);
        part = null;
      }
      const current = part ?? 0;
      if (offset !== current) throw offsetMismatch(sha256, offset, current);
      if (offset + chunk.length > total) throw chunkOutOfRange(sha256, offset, chunk.length, total);
      if (offset === 0 && chunk.length === total && total > 0) {
        // The whole blob in one chunk (most files of a small submission): checked in memory and stored
        // directly, without a .part file and its syncs.
        await this.storeWhole(sha256, chunk, replace);
        this.hashes.delete(key);
        // An empty .part a stepwise upload left: it is this blob's, now stored. No .part, nothing to remove.
        if (part !== null) await fs.rm(file, { force: true });
        return { offset: total, isComplete: true };
      }
      if (chunk.length > 0) {
        const dir = path.dirname(file);
        let handle: fs.FileHandle | undefined;
        try {
          await fs.mkdir(dir, { recursive: true });
          handle = await fs.open(file, 'a', 0o600);
          await handle.write(chunk);
          await handle.datasync();
          await handle.close();
          handle = undefined;
          if (offset === 0) await fsyncDir(dir);
        } catch (err) {
          await handle?.close().catch(() => undefined);
          // Whatever reached the file is a prefix of a checked chunk; the length tells the client where to resume.
          this.hashes.delete(key);
          throw describeFsError(err, file);
        }
        const running = this.hashes.get(key);
        if (running && running.offset === offset) {
          running.hash.update(chunk);
          running.offset += chunk.length;
        } else if (offset === 0) {
          this.hashes.set(key, { hash: createHash('sha256').update(chunk), offset: chunk.length });
        } else {
          this.hashes.delete(key);
        }
      }
      const next = offset + chunk.length;
      if (next < total) return { offset: next, isComplete: false };
      await this.finish(key, sha256, file, total, replace);
      return { offset: total, isComplete: true };
    });
  }

  /**
   * Makes the missing fan folder (<data-dir>/blobs/<xx>) durable before a blob goes in: a blob counts as
   * held only once every folder on its path is synced. The first time in a process, all 256 fan folders
   * (and the blobs folder) are made at once and their two parent folders synced once, rather than a
   * mkdir and two folder syncs for each of the 256 a fresh store meets; a folder still missing after that
   * (removed since) is made and its parents synced alone.
   */
  private async makeFanFolder(dir: string): Promise<void> {
    this.fanFolders ??= this.makeAllFanFolders().catch((err: unknown) => {
      // Tried again by the next blob: a full disk or a permission fixed meanwhile is not remembered.
      this.fanFolders = undefined;
      throw err;
    });
    await this.fanFolders;
    if ((await fs.mkdir(dir, { recursive: true })) === undefined) return;
    await fsyncDir(path.dirname(dir));
    await fsyncDir(path.dirname(path.dirname(dir)));
  }

  private async makeAllFanFolders(): Promise<void> {
    // The blob store's own layout: the folder of a name beginning with each two hex digits.
    const fans = Array.from({ length: 256 }, (_, i) => path.dirname(this.blobs.pathOf(`${i.toString(16).padStart(2, '0')}${'0'.repeat(62)}`)));
    const root = path.dirname(fans[0] as string);
    await fs.mkdir(root, { recursive: true });
    await Promise.all(fans.map((fan) => fs.mkdir(fan).catch(() => undefined)));
    await fsyncDir(root);
    await fsyncDir(path.dirname(root));
  }

  /**
   * A whole blob from memory: temp file, its data synced, renamed to its name, the folder synced — and no
   * call more than that. The fan folder is created only when the temp file cannot be (a new store), and
   * the data is written with O_DSYNC where that is fdatasync's equal (Linux), so the write is the sync.
   */
  private async storeWhole(sha256: string, bytes: Buffer, replace: boolean): Promise<void> {
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== sha256) throw hashMismatch(sha256, digest);
    if (!replace && (await this.blobs.has(sha256))) return;
    const target = this.blobs.pathOf(sha256);
    const dir = path.dirname(target);
    const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    // Descriptors rather than FileHandles, and plain calls where the kernel answers from its cache (close,
    // rename): the create, the synced write and the folder's sync go through the thread pool.
    let fd: number | undefined;
    try {
      fd = await openFd(tmp, wholeBlobFlags, 0o600).catch(async (err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        await this.makeFanFolder(dir);
        return openFd(tmp, wholeBlobFlags, 0o600);
      });
      for (let at = 0; at < bytes.length; ) at += (await writeFd(fd, bytes, at, bytes.length - at)).bytesWritten;
      if (!isWriteSynced) await fdatasyncFd(fd);
      const opened = fd;
      fd = undefined;
      closeSync(opened);
      renameSync(tmp, target);
      await fsyncDir(dir);
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw describeFsError(err, target);
    }
  }

  private async finish(key: string, sha256: string, file: string, total: number, replace = false): Promise<void> {
    const running = this.hashes.get(key);
    this.hashes.delete(key);
    let digest: string;
    if (total === 0) digest = createHash('sha256').digest('hex');
    else if (running && running.offset === total) digest = running.hash.digest('hex');
    else digest = await hashFile(file);
    if (digest !== sha256) {
      await fs.rm(file, { force: true });
      throw hashMismatch(sha256, digest);
    }
    const target = this.blobs.pathOf(sha256);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (total === 0) await fs.writeFile(file, new Uint8Array(0));
      // Same name means same content: when another OPD already stored it, the part is simply dropped.
      if (!replace && (await this.blobs.has(sha256))) {
        await fs.rm(file, { force: true });
      } else {
        await fs.rename(file, target);
        await fsyncDir(path.dirname(target));
      }
      await fsyncDir(path.dirname(file));
    } catch (err) {
      throw describeFsError(err, target);
    }
  }

  /** Stores a stream (an imported package's entry) as a blob; returns its SHA-256 and size. */
  async storeStream(source: Readable): Promise<{ sha256: string; size: number }> {
    const dir = path.join(this.root, '.import');
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `${randomBytes(8).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      for await (const chunk of source) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        await handle.write(bytes);
      }
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await handle.close();
    const sha256 = hash.digest('hex');
    const target = this.blobs.pathOf(sha256);
    if (await this.blobs.has(sha256)) {
      await fs.rm(tmp, { force: true });
    } else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(tmp, target);
      await fsyncDir(path.dirname(target));
    }
    return { sha256, size };
  }
}

const openFd = promisify(openCallback);
const fdatasyncFd = promisify(fdatasync);
const writeFd = promisify(write);

/**
 * O_DSYNC makes each write return only once its data (and the size that reaches it) is on disk: on Linux
 * exactly what write + fdatasync gives. Elsewhere libuv's fdatasync may be stronger (macOS: F_FULLFSYNC),
 * or the flag does not exist (Windows), so there the data is synced by datasync as before.
 */
const isWriteSynced = process.platform === 'linux' && typeof fsConstants.O_DSYNC === 'number';
const wholeBlobFlags = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (isWriteSynced ? fsConstants.O_DSYNC : 0);

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
