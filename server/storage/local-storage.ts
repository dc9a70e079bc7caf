/**
 * The embedded default: blobs as files named by their SHA-256 in D/blobs
 * (core/adapters/blob-store.ts layout) and partial uploads as append-only
 * D/uploads/<OPD>/<sha256>.part files (server/intake/uploads.ts). One node.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createBlobStore } from '../../core/adapters/blob-store';
import { statIfPresent } from '../../core/adapters/fs-atomic';
import { isBerkasError } from '../../core/domain/errors';
import { UploadArea } from '../intake/uploads';
import { blobDamaged, blobMissing, sha256Hex, type BlobStorage } from './blob-storage';

const HEX64 = /^[0-9a-f]{64}$/;

export function createLocalBlobStorage(dataDir: string): BlobStorage & { pathOf(sha256: string): string } {
  const root = path.join(path.resolve(dataDir), 'blobs');
  const blobs = createBlobStore(root);
  const uploads = new UploadArea(dataDir, blobs);

  /** A plain stat (core's statIfPresent): asked for every blob of every submission. */
  async function sizeOf(sha256: string): Promise<number | null> {
    const st = statIfPresent(blobs.pathOf(sha256));
    return st?.isFile() === true ? st.size : null;
  }

  return {
    kind: 'local',
    description: `folder ${root}`,
    pathOf: (sha256) => blobs.pathOf(sha256),
    has: async (sha256) => (await sizeOf(sha256)) !== null,
    sizeOf,
    async read(sha256) {
      let bytes: Uint8Array;
      try {
        bytes = await blobs.read(sha256);
      } catch (err) {
        if (isBerkasError(err) && err.code === 'BLOB_MISSING') throw blobMissing(sha256, root);
        throw err;
      }
      const actual = sha256Hex(bytes);
      if (actual !== sha256) throw blobDamaged(sha256, actual);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async open(sha256) {
      const file = blobs.pathOf(sha256);
      if ((await sizeOf(sha256)) === null) throw blobMissing(sha256, root);
      return createReadStream(file, { highWaterMark: 1024 * 1024 }) as Readable;
    },
    uploadOffset: (opd, sha256) => uploads.offsetOf(opd, sha256),
    appendChunk: (opd, sha256, offset, chunk, total, replace) => uploads.append(opd, sha256, offset, chunk, total, replace),
    putStream: (source) => uploads.storeStream(source),
    async *list() {
      let fans: string[];
      try {
        fans = (await fs.readdir(root)).filter((n) => /^[0-9a-f]{2}$/.test(n)).sort();
      } catch {
        return;
      }
      for (const fan of fans) {
        for (const name of (await fs.readdir(path.join(root, fan))).sort()) {
          if (!HEX64.test(name)) continue;
          const size = await sizeOf(name);
          if (size !== null) yield { sha256: name, size };
        }
      }
    },
    async cleanup() {
      // A whole-blob chunk's temp file (.<sha>.<hex>.tmp) a kill left beside the blobs; never read as a blob.
      let fans: string[];
      try {
        fans = (await fs.readdir(root)).filter((n) => /^[0-9a-f]{2}$/.test(n));
      } catch {
        return;
      }
      for (const fan of fans) {
        for (const name of await fs.readdir(path.join(root, fan))) {
          if (name.startsWith('.') && name.endsWith('.tmp')) await fs.rm(path.join(root, fan, name), { force: true });
        }
      }
    },
    close: async () => undefined,
  };
}
