/**
 * What of a data folder goes into a backup, besides the database snapshot and
 * the settings the service hands over: the files under BACKUP_FOLDERS
 * (attachments, sealed secrets as sealed, the outbox). Never the lock file or
 * the journal (the snapshot already holds every committed write), never
 * temporary files of an atomic write in progress, never a symbolic link
 * (it could point anywhere on the computer).
 *
 * Listed after the snapshot was taken: attachments are immutable and stored
 * before the row that names them, so every attachment the snapshot refers to
 * is already there.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import { BACKUP_FOLDERS, entryPathProblem } from '../../domain/backup/format';
import type { BackupSource } from './backup-writer';

export interface CollectedSources {
  sources: BackupSource[];
  /** Files left out, each with the reason, in Indonesian. */
  warnings: string[];
}

/** Temp files of writeFileAtomic (".name.hex.tmp") and of the blob store (".incoming-hex.tmp"). */
function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

async function listFolder(dataDir: string, relative: string, out: CollectedSources): Promise<void> {
  const dir = path.join(dataDir, ...relative.split('/'));
  let items: Dirent[];
  try {
    items = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    out.warnings.push(`Folder ${dir} tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? 'galat'}); isinya tidak ikut dicadangkan.`);
    return;
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    if (isTempName(item.name)) continue;
    const rel = `${relative}/${item.name}`;
    const full = path.join(dir, item.name);
    if (item.isSymbolicLink()) {
      out.warnings.push(`${full} adalah tautan simbolik; tidak ikut dicadangkan.`);
    } else if (item.isDirectory()) {
      await listFolder(dataDir, rel, out);
    } else if (item.isFile()) {
      const problem = entryPathProblem(rel);
      if (problem) {
        out.warnings.push(`${full} tidak ikut dicadangkan: ${problem}.`);
        continue;
      }
      let size: number;
      try {
        size = (await fs.lstat(full)).size;
      } catch (err) {
        out.warnings.push(`${full} tidak dapat dibaca (${(err as NodeJS.ErrnoException).code ?? 'galat'}); tidak ikut dicadangkan.`);
        continue;
      }
      out.sources.push({ path: rel, size, file: full });
    } else {
      out.warnings.push(`${full} bukan berkas biasa; tidak ikut dicadangkan.`);
    }
  }
}

export async function collectFolderSources(dataDir: string): Promise<CollectedSources> {
  const out: CollectedSources = { sources: [], warnings: [] };
  for (const folder of Object.keys(BACKUP_FOLDERS).sort()) await listFolder(path.resolve(dataDir), folder, out);
  return out;
}
