/**
 * A blob storage that serves some blobs from memory: the bytes a request has
 * just stored, hashed against their names and synced, so the commit of the
 * same request (bag check, signature check, signer check, the console's facts)
 * neither reads them back from disk or the object store nor hashes them again.
 * Everything else, and every write, goes to the storage underneath.
 */
import { Readable } from 'node:stream';
import type { BlobStorage } from './blob-storage';

export function withKnownBytes(storage: BlobStorage, known: ReadonlyMap<string, Buffer>): BlobStorage {
  if (known.size === 0) return storage;
  return {
    kind: storage.kind,
    description: storage.description,
    has: async (sha256) => known.has(sha256) || storage.has(sha256),
    sizeOf: async (sha256) => known.get(sha256)?.length ?? storage.sizeOf(sha256),
    read: async (sha256) => known.get(sha256) ?? storage.read(sha256),
    open: async (sha256) => {
      const bytes = known.get(sha256);
      return bytes ? Readable.from([bytes]) : storage.open(sha256);
    },
    uploadOffset: (opd, sha256) => storage.uploadOffset(opd, sha256),
    appendChunk: (opd, sha256, offset, chunk, total, replace) => storage.appendChunk(opd, sha256, offset, chunk, total, replace),
    putStream: (source) => storage.putStream(source),
    list: () => storage.list(),
    cleanup: () => storage.cleanup(),
    close: () => storage.close(),
  };
}
