/**
 * Kept files out of the workspace: a signed revision's blob written where the
 * officer asks (checked against its name on the way out), and a file read
 * back from an outbox package ZIP when the revision's own copy is gone. A file
 * already at the target is never overwritten unless it is the same bytes.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { BlobStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import type { OutboxCopies } from '../../services/documents/ports';
import { copyVerified } from '../fs-atomic';
import { openZip } from '../zip-reader/zip-reader';

/** The refusal for a file at the target with other contents. */
function exists(target: string): BerkasError {
  return new BerkasError('EXPORT_EXISTS', `Berkas ${target} sudah ada dan isinya lain; pilih nama lain. Berkas yang ada tidak ditimpa.`, { file: target });
}

function altered(sha256: string, target: string): BerkasError {
  return new BerkasError('DOCUMENT_FILE_ALTERED', `Berkas ${sha256.slice(0, 12)}… di penyimpanan komputer ini berubah sejak ditandatangani; tidak ditulis ke ${target}.`, { sha256, shortSha256: sha256.slice(0, 12), target });
}

export function createOutboxCopies(blobs: BlobStore): OutboxCopies {
  return {
    async extract(packageSha256, wanted, maxBytes) {
      let zip;
      try {
        zip = await openZip(blobs.pathOf(packageSha256));
      } catch {
        return null; // The package is gone or unreadable too: there is no copy to offer.
      }
      try {
        // A submission bag sits at the ZIP's root or in its one top folder.
        const entry = zip.entries.find((e) => !e.isDirectory && (e.name === wanted || e.name.endsWith(`/${wanted}`)));
        return entry ? new Uint8Array(await zip.readEntry(entry, maxBytes)) : null;
      } catch {
        return null;
      } finally {
        await zip.close();
      }
    },

    async writeBlob(sha256, outPath) {
      const source = blobs.pathOf(sha256);
      // Checked only once the target is known not to hold these bytes already: then the blob must be there.
      async function* blobBytes(): AsyncIterable<Uint8Array> {
        try {
          await fs.access(source);
        } catch {
          throw new BerkasError('DOCUMENT_FILE_MISSING', `Berkas ${sha256.slice(0, 12)}… tidak ada lagi di penyimpanan komputer ini (${source}).`, { sha256, shortSha256: sha256.slice(0, 12), source });
        }
        yield* createReadStream(source, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>;
      }
      const target = path.resolve(outPath);
      return copyVerified({ target, sha256, chunks: blobBytes(), existsError: () => exists(target), mismatchError: () => altered(sha256, target) });
    },

    async writeBytes(bytes, outPath) {
      const target = path.resolve(outPath);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return copyVerified({ target, sha256, chunks: [bytes], existsError: () => exists(target), mismatchError: () => altered(sha256, target) });
    },
  };
}
