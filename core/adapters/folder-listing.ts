/**
 * What the "Telusuri…" dialog shows: one folder's subfolders and files, and the
 * places an officer starts from (home folder, drives, flash disks). The same
 * dialog serves Electron and `berkas ui`, so choosing a file never depends on
 * a native picker the browser build cannot have, and paths stay paths (a
 * 1 GB source tree is read where it is, never uploaded through the page).
 *
 * Read-only: it lists names, sizes and dates, never contents. Names starting
 * with a dot are left out (configuration folders, our own temp files).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerkasError } from '../domain/errors';
import type { FolderEntry, FolderListing, FolderPlace } from '../domain/files/folder-listing';

/** More than a person scrolls through; a folder with more says so and asks to type the name. */
export const MAX_LISTED_ENTRIES = 2000;

export interface ListFolderOptions {
  home: string;
  platform: NodeJS.Platform;
  /** Show only files ending with one of these (".berkas-backup"); folders are always shown. */
  extensions?: readonly string[];
  /** The user name, for /media/<user> and /run/media/<user> on Linux. */
  userName?: string;
  /** Also list the places (home, drives, mounted media); the dialog asks once, not on every folder. */
  isWithPlaces?: boolean;
}

function collator(): Intl.Collator {
  return new Intl.Collator('id', { numeric: true, sensitivity: 'base' });
}

async function statOrNull(p: string) {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(dir, { withFileTypes: true });
    return names.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => path.join(dir, d.name));
  } catch {
    return [];
  }
}

/** Home, then drives (Windows) or mounted media (Linux, macOS), then the root. */
export async function placesFor(options: Pick<ListFolderOptions, 'home' | 'platform' | 'userName'>): Promise<FolderPlace[]> {
  const places: FolderPlace[] = [{ kind: 'home', label: path.basename(options.home) || options.home, path: options.home }];
  if (options.platform === 'win32') {
    for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (await statOrNull(drive)) places.push({ kind: 'drive', label: `${letter}:`, path: drive });
    }
    return places;
  }
  const mountRoots =
    options.platform === 'darwin'
      ? ['/Volumes']
      : [...(options.userName ? [path.join('/media', options.userName), path.join('/run/media', options.userName)] : []), '/media', '/mnt'];
  const seen = new Set<string>();
  for (const root of mountRoots) {
    for (const mount of await subfolders(root)) {
      if (seen.has(mount) || (options.userName && mount === path.join('/media', options.userName))) continue;
      seen.add(mount);
      places.push({ kind: 'removable', label: path.basename(mount), path: mount });
    }
  }
  places.push({ kind: 'root', label: '/', path: '/' });
  return places;
}

function readProblem(err: unknown, dir: string): BerkasError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new BerkasError('FOLDER_FORBIDDEN', `Folder ${dir} tidak boleh dibaca oleh akun ini (${code}).`, { field: 'dir', folder: dir, systemCode: code });
  return new BerkasError('FOLDER_UNREADABLE', `Folder ${dir} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { field: 'dir', folder: dir, systemCode: code ?? 'unknown' });
}

/**
 * Lists `target`. A file lists its folder with the file selected; a path that
 * does not exist (a backup file not yet made) lists the nearest folder above
 * it that does, with the missing name offered as the file name.
 */
export async function listFolder(target: string, options: ListFolderOptions): Promise<FolderListing> {
  const isAbsolute = options.platform === 'win32' ? path.win32.isAbsolute(target) : path.isAbsolute(target);
  if (!isAbsolute) {
    const example = options.platform === 'win32' ? 'C:\\Users\\nama' : '/home/nama';
    throw new BerkasError('FOLDER_NOT_ABSOLUTE', `Tulis jalur lengkap dari akar (mis. ${example}), bukan "${target}".`, { field: 'dir', folder: target, example });
  }
  let dir = path.resolve(target);
  let selectedName: string | null = null;
  let missing: string | null = null;
  for (let depth = 0; ; depth++) {
    const stat = await statOrNull(dir);
    if (stat?.isDirectory()) break;
    if (stat && depth === 0) {
      selectedName = path.basename(dir);
    } else if (!stat && depth === 0) {
      missing = path.basename(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new BerkasError('FOLDER_NOT_FOUND', `Folder ${target} tidak ditemukan.`, { field: 'dir', folder: target });
    dir = parent;
  }
  let dirents;
  try {
    dirents = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw readProblem(err, dir);
  }
  const extensions = (options.extensions ?? []).map((e) => e.toLowerCase());
  const entries: FolderEntry[] = [];
  for (const d of dirents) {
    if (d.name.startsWith('.')) continue;
    const full = path.join(dir, d.name);
    // stat, not lstat: a link to a folder is browsed as the folder; a broken link is left out.
    const stat = d.isDirectory() || d.isFile() ? null : await statOrNull(full);
    const isDirectory = d.isDirectory() || (stat?.isDirectory() ?? false);
    const isFile = d.isFile() || (stat?.isFile() ?? false);
    if (!isDirectory && !isFile) continue;
    if (isFile && extensions.length > 0 && !extensions.some((e) => d.name.toLowerCase().endsWith(e))) continue;
    entries.push({ name: d.name, isDirectory, size: null, modifiedAt: null });
  }
  const order = collator();
  entries.sort((a, b) => (a.isDirectory === b.isDirectory ? order.compare(a.name, b.name) : a.isDirectory ? -1 : 1));
  const shown = entries.slice(0, MAX_LISTED_ENTRIES);
  // Sizes and dates of the files shown only: one stat each, never for a folder's whole tree.
  await Promise.all(
    shown
      .filter((e) => !e.isDirectory)
      .map(async (e) => {
        const stat = await statOrNull(path.join(dir, e.name));
        e.size = stat ? stat.size : null;
        e.modifiedAt = stat ? stat.mtime.toISOString() : null;
      }),
  );
  const parent = path.dirname(dir);
  return {
    dir,
    parent: parent === dir ? null : parent,
    separator: path.sep,
    entries: shown,
    isTruncated: entries.length > shown.length,
    selectedName,
    missingName: missing,
    places: options.isWithPlaces ? await placesFor(options) : [],
  };
}
