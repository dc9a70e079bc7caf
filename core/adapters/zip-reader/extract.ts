/**
 * Unpacks a checked ZIP into a new folder, for the server's import and for
 * anyone who needs the files on disk. Nothing can be written outside the
 * target: names were already refused by the reader, each destination is
 * checked again against the target, files are created exclusively (never
 * through an existing file or link), and the work happens in a sibling
 * folder that becomes the target only when every entry has been written.
 */
import { promises as fs, createWriteStream } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { BerkasError } from '../../domain/errors';
import { describeFsError } from '../fs-atomic';
import { openZip } from './zip-reader';
import { entryRefusal, shownName, type ZipLimits } from './entry-rules';

export interface ExtractResult {
  files: number;
  bytes: number;
}

export async function extractZip(
  zipPath: string,
  targetDir: string,
  options: { limits?: Partial<ZipLimits>; signal?: AbortSignal } = {},
): Promise<ExtractResult> {
  const target = path.resolve(targetDir);
  const exists = await fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) throw new BerkasError('EXTRACT_TARGET_EXISTS', `Folder tujuan ${target} sudah ada; pilih folder baru agar tidak ada berkas yang tertimpa.`, { folder: target });

  const zip = await openZip(zipPath, options.limits);
  const archive = path.basename(zipPath);
  const work = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  let files = 0;
  let bytes = 0;
  try {
    await fs.mkdir(work, { recursive: false }).catch((err: unknown) => {
      throw describeFsError(err, work);
    });
    for (const entry of zip.entries) {
      options.signal?.throwIfAborted();
      const destination = path.resolve(work, ...entry.name.split('/'));
      const relative = path.relative(work, destination);
      // Second line of defence behind checkEntryName: whatever the platform makes of the name, it stays inside.
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        throw entryRefusal('ZIP_PATH_TRAVERSAL', archive, `entri "${shownName(entry.name)}" akan ditulis di luar folder tujuan.`, entry.name);
      }
      if (entry.isDirectory) {
        await fs.mkdir(destination, { recursive: true });
        continue;
      }
      await fs.mkdir(path.dirname(destination), { recursive: true });
      const source = await zip.openEntry(entry, options.signal);
      // 'wx': O_CREAT|O_EXCL, which also refuses to follow a link at the final name.
      await pipeline(source, createWriteStream(destination, { flags: 'wx', mode: 0o644 }));
      files += 1;
      bytes += entry.uncompressedSize;
    }
    await fs.rename(work, target);
    return { files, bytes };
  } catch (err) {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof BerkasError || (err as Error).name === 'AbortError') throw err;
    throw describeFsError(err, target);
  } finally {
    await zip.close();
  }
}
