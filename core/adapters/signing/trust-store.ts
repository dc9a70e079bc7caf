/**
 * Trust roots as files in <data folder>/trust-roots (PEM or DER), so
 * Diskominfo can distribute the BSrE roots by copying files, and the CLI and
 * the app read the same set.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TrustStore } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { describeFsError, writeFileAtomic } from '../fs-atomic';

const extensions = /\.(pem|crt|cer|der)$/i;

export function createFileTrustStore(dir: string): TrustStore {
  return {
    async list() {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        const errno = (err as NodeJS.ErrnoException).code;
        throw new BerkasError('TRUST_READ', `Folder akar tepercaya ${dir} tidak dapat dibaca (${errno ?? 'galat'}).`, { dir, errno: errno ?? 'unknown' });
      }
      const out: { fileName: string; der: Uint8Array }[] = [];
      for (const name of names.filter((n) => extensions.test(n)).sort()) {
        out.push({ fileName: name, der: new Uint8Array(await fs.readFile(path.join(dir, name))) });
      }
      return out;
    },
    async add(fileName, der) {
      const safe = path.basename(fileName).replace(/[^A-Za-z0-9._-]+/g, '_').replace(extensions, '') || 'akar';
      try {
        await fs.mkdir(dir, { recursive: true });
      } catch (err) {
        throw describeFsError(err, dir);
      }
      await writeFileAtomic(path.join(dir, `${safe}.der`), der);
    },
  };
}
