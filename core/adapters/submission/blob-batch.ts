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
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../../ports';
import { describeFsError, fsyncDir } from '../fs-atomic';

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

/** fsync of a written file; opened for writing because Windows flushes only a handle that may write. */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function putBlobBatch(blobs: BlobStore, workDir: string, items: readonly BatchBlob[], synced: readonly SyncedFile[] = []): Promise<void> {
  const unique = new Map<string, Uint8Array>();
  for (const item of items) unique.set(item.sha256, item.bytes);
  const present = await Promise.all([...unique.keys()].map(async (sha) => [sha, await blobs.has(sha)] as const));
  const toWrite = present.filter(([, has]) => !has).map(([sha]) => ({ sha256: sha, bytes: unique.get(sha) as Uint8Array, tmp: path.join(workDir, `.blob-${randomBytes(6).toString('hex')}.tmp`) }));
  const moves: { from: string; sha256: string }[] = [];
  try {
    const kept: SyncedFile[] = [];
    for (const s of synced) {
      if (await blobs.has(s.sha256)) await fs.rm(s.file, { force: true });
      else kept.push(s);
    }
    await Promise.all([
      ...toWrite.map(async (w) => {
        const handle = await fs.open(w.tmp, 'wx', 0o644);
        try {
          await handle.writeFile(w.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
      ...kept.filter((s) => s.needsSync === true).map((s) => syncFile(s.file)),
    ]);
    moves.push(...toWrite.map((w) => ({ from: w.tmp, sha256: w.sha256 })), ...kept.map((s) => ({ from: s.file, sha256: s.sha256 })));
    // Every file is synced: the renames (each into its own or a shared folder) need no order among themselves.
    const dirs = new Set(moves.map((m) => path.dirname(blobs.pathOf(m.sha256))));
    await Promise.all([...dirs].map((d) => fs.mkdir(d, { recursive: true })));
    await Promise.all(moves.map((m) => fs.rename(m.from, blobs.pathOf(m.sha256))));
    await Promise.all([...dirs].map((d) => fsyncDir(d)));
  } catch (err) {
    await Promise.all(toWrite.map((w) => fs.rm(w.tmp, { force: true }).catch(() => undefined)));
    throw describeFsError(err, workDir);
  }
}
