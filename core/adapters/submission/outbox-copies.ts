/**
 * Kept files out of the workspace: a signed revision's blob written where the
 * officer asks (checked against its name on the way out), and a file read
 * back from an outbox package ZIP when the revision's own copy is gone. A file
 * already at the target is never overwritten unless it is the same bytes.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { BlobStore } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import type { OutboxCopies } from '../../services/documents/ports';
import { describeFsError, fsyncDir } from '../fs-atomic';
import { openZip } from '../zip-reader/zip-reader';

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Refuses an existing target with other contents; true when it already holds `sha256`. */
async function isAlreadyThere(target: string, sha256: string): Promise<boolean> {
  try {
    const existing = await fs.stat(target);
    if (existing.isFile() && (await fileSha256(target)) === sha256) return true;
    throw new BerkasError('EXPORT_EXISTS', `Berkas ${target} sudah ada dan isinya lain; pilih nama lain. Berkas yang ada tidak ditimpa.`, { file: target });
  } catch (err) {
    if (isBerkasError(err)) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(err, target);
    return false;
  }
}

/** Streams `chunks` into a temp file beside `target`, checks the hash, then renames it into place. */
async function writeChecked(target: string, sha256: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
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
    if (hash.digest('hex') !== sha256) {
      throw new BerkasError('DOCUMENT_FILE_ALTERED', `Berkas ${sha256.slice(0, 12)}… di penyimpanan komputer ini berubah sejak ditandatangani; tidak ditulis ke ${target}.`, { sha256, shortSha256: sha256.slice(0, 12), target });
    }
    await fs.rename(tmp, target);
    await fsyncDir(dir);
    return size;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (isBerkasError(err)) throw err;
    throw describeFsError(err, target);
  }
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
      const target = path.resolve(outPath);
      if (await isAlreadyThere(target, sha256)) return { path: target, size: (await fs.stat(target)).size };
      const source = blobs.pathOf(sha256);
      try {
        await fs.access(source);
      } catch {
        throw new BerkasError('DOCUMENT_FILE_MISSING', `Berkas ${sha256.slice(0, 12)}… tidak ada lagi di penyimpanan komputer ini (${source}).`, { sha256, shortSha256: sha256.slice(0, 12), source });
      }
      const size = await writeChecked(target, sha256, createReadStream(source, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>);
      return { path: target, size };
    },

    async writeBytes(bytes, outPath) {
      const target = path.resolve(outPath);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (await isAlreadyThere(target, sha256)) return { path: target, size: bytes.length };
      const size = await writeChecked(target, sha256, [bytes]);
      return { path: target, size };
    },
  };
}
