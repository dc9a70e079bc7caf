/** What the "Telusuri…" dialog is shown: one folder, and the places to start from. */
export interface FolderEntry {
  name: string;
  isDirectory: boolean;
  /** Bytes, for files; null for folders and files that could not be read. */
  size: number | null;
  /** ISO time of the last change, for files. */
  modifiedAt: string | null;
}

export interface FolderPlace {
  kind: 'home' | 'drive' | 'removable' | 'root';
  /** "budi", "E:", "FLASHDISK", "/". */
  label: string;
  path: string;
}

export interface FolderListing {
  /** The folder listed (absolute). */
  dir: string;
  /** Its parent, null at the root of a drive. */
  parent: string | null;
  /** "/" or "\\": how the computer running Berkas joins a folder and a name. */
  separator: string;
  /** Folders first, then files, each in Indonesian alphabetical order (numbers by value). */
  entries: FolderEntry[];
  /** More entries than shown: type the name instead. */
  isTruncated: boolean;
  /** The file the request named, when it named a file. */
  selectedName: string | null;
  /** The last name of a path that does not exist yet (a file to be made). */
  missingName: string | null;
  /** Only when asked (the dialog's first listing): on Windows each drive letter is probed. */
  places: FolderPlace[];
}

/** The full path of `name` inside the listed folder, joined the way the listing's computer does. */
export function joinListed(listing: Pick<FolderListing, 'dir' | 'separator'>, name: string): string {
  return listing.dir.endsWith(listing.separator) ? `${listing.dir}${name}` : `${listing.dir}${listing.separator}${name}`;
}

export type FileNameProblem = 'empty' | 'separator' | 'invalid';

/** A file name the officer typed in the dialog must be one name, no folder parts, nothing Windows refuses. */
export function fileNameProblem(name: string): FileNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (/[\\/]/.test(trimmed)) return 'separator';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (trimmed === '.' || trimmed === '..' || /[<>:"|?*\u0000-\u001f]/.test(trimmed)) return 'invalid';
  return null;
}
