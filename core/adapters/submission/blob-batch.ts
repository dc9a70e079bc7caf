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

/** A file already synced (the bag writer's ZIP) to be moved under its hash in the same barrier. */
export interface SyncedFile {
  sha256: string;
  file: string;
}

export async function putBlobBatch(blobs: BlobStore, workDir: string, items: readonly BatchBlob[], synced: readonly SyncedFile[] = []): Promise<void> {
  const unique = new Map<string, Uint8Array>();
  for (const item of items) unique.set(item.sha256, item.bytes);
  const present = await Promise.all([...unique.keys()].map(async (sha) => [sha, await blobs.has(sha)] as const));
  const toWrite = present.filter(([, has]) => !has).map(([sha]) => ({ sha256: sha, bytes: unique.get(sha) as Uint8Array, tmp: path.join(workDir, `.blob-${randomBytes(6).toString('hex')}.tmp`) }));
  const moves: { from: string; sha256: string }[] = [];
  try {
    await Promise.all(
      toWrite.map(async (w) => {
        const handle = await fs.open(w.tmp, 'wx', 0o644);
        try {
          await handle.writeFile(w.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    moves.push(...toWrite.map((w) => ({ from: w.tmp, sha256: w.sha256 })));
    for (const s of synced) {
      if (await blobs.has(s.sha256)) await fs.rm(s.file, { force: true });
      else moves.push({ from: s.file, sha256: s.sha256 });
    }
    const dirs = new Set<string>();
    for (const m of moves) {
      const target = blobs.pathOf(m.sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(m.from, target);
      dirs.add(path.dirname(target));
    }
    await Promise.all([...dirs].map((d) => fsyncDir(d)));
  } catch (err) {
    await Promise.all(toWrite.map((w) => fs.rm(w.tmp, { force: true }).catch(() => undefined)));
    throw describeFsError(err, workDir);
  }
}
