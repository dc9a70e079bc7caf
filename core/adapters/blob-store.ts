import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { BlobStore } from '../ports';
import { BerkasError } from '../domain/errors';
import { describeFsError, fsyncDir, statIfPresent, writeFileAtomic } from './fs-atomic';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/**
 * Attachments as files named by their SHA-256: dir/ab/abcdef… (a two-character
 * fan-out keeps folders small). A name is the hash of the content, so a file
 * that exists under its name is already the right content: putting the same
 * bytes again writes nothing. Every file appears by rename of a fsynced temp
 * file, so a crash never leaves a partial blob under a real name.
 *
 * Hashes arrive from packages, the database and IPC; only 64 hex characters
 * are ever turned into a path, which rules out traversal ("../", separators).
 */
export function createBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);

  function checkedHash(sha256: unknown): string {
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
      const shown = typeof sha256 === 'string' ? `"${sha256.slice(0, 80)}"` : typeof sha256;
      throw new BerkasError('INVALID_SHA256', `Sidik SHA-256 lampiran tidak sah: ${shown}. Yang diterima hanya 64 karakter heksadesimal.`, { value: shown });
    }
    return sha256.toLowerCase();
  }

  function pathOf(sha256: string): string {
    const hash = checkedHash(sha256);
    return path.join(root, hash.slice(0, 2), hash);
  }

  /** A plain stat (see statIfPresent): asked for every blob stored, and usually about a name not there yet. */
  async function sizeIfPresent(file: string): Promise<number | null> {
    const st = statIfPresent(file);
    return st?.isFile() === true ? st.size : null;
  }

  async function ensureFolder(folder: string): Promise<void> {
    try {
      await fs.mkdir(folder, { recursive: true });
    } catch (err) {
      throw describeFsError(err, folder);
    }
  }

  async function putBytes(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = pathOf(sha256);
    // Same name means same content; a size mismatch can only be damage, which a rewrite heals.
    if ((await sizeIfPresent(target)) === bytes.byteLength) return { sha256, size: bytes.byteLength };
    await ensureFolder(path.dirname(target));
    await writeFileAtomic(target, bytes);
    return { sha256, size: bytes.byteLength };
  }

  /** Hashes while copying into a temp file, so a large attachment is never held in memory whole. */
  async function putFile(source: string): Promise<{ sha256: string; size: number }> {
    await ensureFolder(root);
    const tmp = path.join(root, `.incoming-${randomBytes(8).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(tmp, 'wx', 0o644);
    } catch (err) {
      throw describeFsError(err, tmp);
    }
    let isReading = true;
    try {
      for await (const chunk of createReadStream(source)) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        isReading = false;
        await handle.write(bytes);
        isReading = true;
      }
      isReading = false;
      await handle.sync();
      await handle.close();
      handle = undefined;
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      if (!isReading) throw describeFsError(err, tmp);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new BerkasError('BLOB_SOURCE_MISSING', `Berkas lampiran tidak ditemukan: ${source}.`, { path: source });
      if (code === 'EISDIR') throw new BerkasError('BLOB_SOURCE_INVALID', `${source} adalah folder, bukan berkas; pilih berkas lampiran.`, { path: source });
      throw new BerkasError('BLOB_SOURCE_UNREADABLE', `Berkas lampiran ${source} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { path: source, systemCode: code ?? 'unknown' });
    }
    const sha256 = hash.digest('hex');
    const target = pathOf(sha256);
    try {
      if ((await sizeIfPresent(target)) === size) {
        await fs.rm(tmp, { force: true });
        return { sha256, size };
      }
      await ensureFolder(path.dirname(target));
      await fs.rename(tmp, target);
      await fsyncDir(path.dirname(target));
      await fsyncDir(root);
    } catch (err) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw describeFsError(err, target);
    }
    return { sha256, size };
  }

  return {
    put(source) {
      if (source instanceof Uint8Array) return putBytes(source);
      if (!source || typeof source.path !== 'string' || source.path === '') {
        return Promise.reject(new BerkasError('BLOB_SOURCE_INVALID', 'Lampiran tidak sah: berikan isi berkas atau path berkas.'));
      }
      return putFile(source.path);
    },
    async has(sha256) {
      return (await sizeIfPresent(pathOf(sha256))) !== null;
    },
    async read(sha256) {
      const file = pathOf(sha256);
      try {
        return await fs.readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new BerkasError('BLOB_MISSING', `Lampiran ${sha256.toLowerCase()} tidak ada di penyimpanan lampiran (${file}).`, { sha256: sha256.toLowerCase(), file });
        }
        const reason = (err as NodeJS.ErrnoException).code ?? errorText(err);
        throw new BerkasError('BLOB_UNREADABLE', `Lampiran ${file} tidak dapat dibaca (${reason}).`, { file, reason });
      }
    },
    pathOf,
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
