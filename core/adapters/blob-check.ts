/**
 * Whether a kept blob still holds the bytes its name promises (issue 13, bad
 * input: a signed revision whose file is missing or altered on disk is named
 * in the list, never silently re-signed). A blob is hashed again in full only
 * when its size, mtime or inode differ from those recorded when it was last
 * hashed: `berkas documents list` runs in a new process each time, and reading
 * every kept package again on each run made it slower with every document.
 * The verdict is recorded in the database (table blob_stamps), so the next run
 * trusts it while the file's stamp is the same. An edit of the file, a copy
 * over it or a restore gives it a new mtime and is hashed again.
 */
import { promises as fs } from 'node:fs';
import type { BlobStore } from '../ports';
import type { BlobCheck, BlobCondition } from '../services/documents/ports';
import { fileSha256 } from './fs-atomic';

/** What a blob looked like on disk when it was last hashed, and what the hash said. */
export interface BlobStamp {
  stamp: string;
  condition: BlobCondition;
}

/** Where the stamps last longer than one process (blob-stamp-repository.ts). */
export interface BlobStamps {
  get(sha256: string): BlobStamp | null;
  /** Many at once: the first list after an upgrade records every kept file. */
  set(entries: ReadonlyMap<string, BlobStamp>): Promise<void>;
}

export function createBlobCheck(blobs: BlobStore, stamps: BlobStamps, hashFile: (file: string) => Promise<string> = fileSha256): BlobCheck {
  // Stamps waiting for the write under way: recorded together in one write when it ends.
  let waiting = new Map<string, BlobStamp>();
  let writing: Promise<void> | null = null;

  function record(sha256: string, stamp: BlobStamp): void {
    waiting.set(sha256, stamp);
    if (writing) return;
    const flush = async (): Promise<void> => {
      while (waiting.size > 0) {
        const batch = waiting;
        waiting = new Map();
        // A stamp not written only costs a hash on the next run: the check's verdict stands either way.
        await stamps.set(batch).catch(() => undefined);
      }
      writing = null;
    };
    writing = flush();
  }

  return {
    async condition(sha256, size) {
      const key = sha256.toLowerCase();
      const file = blobs.pathOf(key);
      let stat;
      try {
        stat = await fs.stat(file);
      } catch {
        return 'hilang';
      }
      if (!stat.isFile()) return 'hilang';
      if (stat.size !== size) return 'berubah';
      const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
      const known = waiting.get(key) ?? stamps.get(key);
      if (known?.stamp === stamp) return known.condition;
      let condition: BlobCondition;
      try {
        condition = (await hashFile(file)) === key ? 'utuh' : 'berubah';
      } catch {
        // Present but unreadable (permissions, a bad sector): what it holds is not what was signed as far as anyone can tell.
        condition = 'berubah';
      }
      record(key, { stamp, condition });
      return condition;
    },
  };
}
