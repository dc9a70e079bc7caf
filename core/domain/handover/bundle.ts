/**
 * A berkas serah terima (handover bundle) as the officer builds it: the
 * application record, and for each item of the region's checklist the files
 * attached. Files live in the content-addressed blob store; the bundle keeps
 * only their names, sizes and SHA-256, which is also what the berita acara lists.
 */
import type { ApplicationRecord } from './application';
import type { LanguageShare } from './languages';
import type { SecretFinding } from './secrets';

export interface AttachedFile {
  /** Path inside the item, "/"-separated, starting with the attachment name: "aplikasi/src/index.php". */
  path: string;
  size: number;
  sha256: string;
}

export interface Attachment {
  /** Base name of the picked file or folder; unique within its item. */
  name: string;
  kind: 'file' | 'folder';
  /** Where it was picked from, to show the officer (not used to read again). */
  sourcePath: string;
  files: AttachedFile[];
  bytes: number;
  attachedAt: string;
  /** Source code only: what was left out, the languages seen, the secrets warned about. */
  excluded?: { count: number; bytes: number; folders: string[] };
  languages?: LanguageShare[];
  secrets?: SecretFinding[];
}

export interface PackageRecord {
  /** Where the ZIP was written. */
  path: string;
  sha256: string;
  size: number;
  createdAt: string;
  /** "OctetCount.StreamCount" of the payload, as in bag-info.txt. */
  payloadOxum: string;
  /** SHA-256 of the package this one corrects, when it is a later revision. */
  replaces?: string;
}

export interface HandoverBundle {
  id: string;
  profileId: string;
  application: ApplicationRecord;
  /** By checklist item key. */
  items: Record<string, Attachment[]>;
  /** Folder names left out when a source folder is attached (VCS, build output); adjustable. */
  excludes: string[];
  /** Packages made from this bundle, oldest first: a package is never rewritten, a correction is a new one. */
  packages: PackageRecord[];
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** The payload path of an attached file inside the bag. */
export function payloadPathOf(itemKey: string, file: AttachedFile): string {
  return `data/${itemKey}/${file.path}`;
}

/** Fixed payload names: the signed berita acara and the structured data (ARCHITECTURE.md, Submissions). */
export const beritaAcaraPath = 'data/berita-acara-serah-terima.pdf';
export const dataJsonPath = 'data/data.json';

export function totalsOf(attachments: readonly Attachment[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const a of attachments) {
    files += a.files.length;
    bytes += a.bytes;
  }
  return { files, bytes };
}
