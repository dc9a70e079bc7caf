/**
 * Files handed over by a transport: the CLI names a path, the page sends the
 * bytes. Services read packages from disk (a ZIP is streamed, never held
 * whole), so bytes from the page are put on disk first, under a temp name.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IncomingFiles } from '../ports';
import { BerkasError } from '../domain/errors';
import { describeFsError } from './fs-atomic';

/** `tempDir`: a folder of the workspace the backup skips ".*.tmp" names in. */
export function createIncomingFiles(tempDir: string): IncomingFiles {
  /**
   * Only ever read under its temp name and removed after use; a write that
   * fails part-way removes it at once, and a kill leaves only a ".*.tmp" name
   * that nothing reads and the backup skips.
   */
  async function writeTemp(fileName: string, bytes: Uint8Array): Promise<string> {
    const file = path.join(tempDir, `.masuk-${randomBytes(6).toString('hex')}-${path.basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_')}.tmp`);
    let handle: fs.FileHandle | undefined;
    try {
      await fs.mkdir(tempDir, { recursive: true });
      handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(bytes);
      await handle.close();
      handle = undefined;
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await fs.rm(file, { force: true }).catch(() => undefined);
      throw describeFsError(err, file);
    }
    return file;
  }

  return {
    async read(file) {
      try {
        return new Uint8Array(await fs.readFile(file));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new BerkasError('FILE_NOT_FOUND', `Berkas ${file} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file, errno: code ?? 'unknown' });
      }
    },
    async isFolder(file) {
      const stat = await fs.stat(file).catch(() => null);
      return stat?.isDirectory() === true;
    },
    async withTempFile(fileName, bytes, use) {
      const temp = await writeTemp(fileName, bytes);
      try {
        return await use(temp);
      } finally {
        await fs.rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}
