/**
 * Whether a kept blob still holds the bytes its name promises (issue 13, bad
 * input: a signed revision whose file is missing or altered on disk is named
 * in the list, never silently re-signed). A blob is hashed again in full; the
 * verdict is remembered for as long as the file's size, mtime and inode stay
 * the same, so a list shown again does not read every package again.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import type { BlobStore } from '../ports';
import type { BlobCheck, BlobCondition } from '../services/documents/ports';

export function createBlobCheck(blobs: BlobStore): BlobCheck {
  const seen = new Map<string, { stamp: string; condition: BlobCondition }>();

  async function hashOf(file: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  return {
    async condition(sha256, size) {
      const file = blobs.pathOf(sha256);
      let stat;
      try {
        stat = await fs.stat(file);
      } catch {
        seen.delete(sha256);
        return 'hilang';
      }
      if (!stat.isFile()) return 'hilang';
      if (stat.size !== size) return 'berubah';
      const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
      const known = seen.get(sha256);
      if (known?.stamp === stamp) return known.condition;
      let condition: BlobCondition;
      try {
        condition = (await hashOf(file)) === sha256.toLowerCase() ? 'utuh' : 'berubah';
      } catch {
        // Present but unreadable (permissions, a bad sector): what it holds is not what was signed as far as anyone can tell.
        condition = 'berubah';
      }
      seen.set(sha256, { stamp, condition });
      return condition;
    },
  };
}
