/**
 * The judgments of the safe ZIP reader that need no file: names, types and
 * sizes of entries as the central directory declares them. Each refusal is a
 * BerkasError with a stable reason code (tests, logs, the server's receipts)
 * and a message in Bahasa Indonesia naming the package and the entry.
 */
import { BerkasError } from '../../domain/errors';
import { foldName } from '../../domain/handover/bagit';

export type ZipRefusalCode =
  | 'ZIP_PATH_TRAVERSAL'
  | 'ZIP_ABSOLUTE_PATH'
  | 'ZIP_BAD_NAME'
  | 'ZIP_SYMLINK'
  | 'ZIP_DUPLICATE'
  | 'ZIP_SIZE_MISMATCH'
  | 'ZIP_RATIO'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_TOO_MANY'
  | 'ZIP_ENCRYPTED'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_CORRUPT';

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed : compressed, per entry. */
  maxRatio: number;
  /**
   * The ratio limit applies from this uncompressed size up: a 20 KB file of
   * spaces compresses 500:1 and harms nobody; a bomb has to be large to hurt.
   */
  ratioFloorBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export function zipRefusal(code: ZipRefusalCode, archive: string, message: string, entry?: string): BerkasError {
  const details: Record<string, unknown> = { archive, reason: code };
  if (entry !== undefined) details.entry = entry;
  return new BerkasError(code, `Paket ${archive} ditolak: ${message}`, details);
}

/** An entry name as shown in messages: escapes control characters so a CR cannot rewrite the line. */
export function shownName(name: string): string {
  return JSON.stringify(name).slice(1, -1).slice(0, 300);
}

/**
 * Checks a raw entry name and returns it without a trailing "/" (directories).
 * Refuses anything that could land outside the target folder on any system.
 */
export function checkEntryName(raw: string, archive: string): string {
  const shown = shownName(raw);
  if (raw === '' || raw === '/') throw zipRefusal('ZIP_BAD_NAME', archive, 'ada entri tanpa nama.', raw);
  const segments = raw.split(/[/\\]/);
  // "..", wherever it sits and whichever slash divides it, climbs out of the target folder.
  if (segments.includes('..')) {
    throw zipRefusal('ZIP_PATH_TRAVERSAL', archive, `entri "${shown}" memuat ".." yang dapat menulis di luar folder tujuan.`, raw);
  }
  if (raw.startsWith('/') || raw.startsWith('\\')) {
    throw zipRefusal('ZIP_ABSOLUTE_PATH', archive, `entri "${shown}" memakai jalur mutlak (diawali garis miring).`, raw);
  }
  if (/^[A-Za-z]:/.test(raw)) {
    throw zipRefusal('ZIP_ABSOLUTE_PATH', archive, `entri "${shown}" memakai huruf drive (${raw.slice(0, 2)}).`, raw);
  }
  if (raw.includes('\\')) {
    throw zipRefusal('ZIP_BAD_NAME', archive, `entri "${shown}" memakai garis miring terbalik (\\) sebagai pemisah folder.`, raw);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw zipRefusal('ZIP_BAD_NAME', archive, `entri "${shown}" memuat karakter kendali.`, raw);
  }
  const name = raw.endsWith('/') ? raw.slice(0, -1) : raw;
  if (name.split('/').some((s) => s === '' || s === '.')) {
    throw zipRefusal('ZIP_BAD_NAME', archive, `entri "${shown}" memuat bagian jalur kosong atau ".".`, raw);
  }
  return name;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const hostUnix = 3;
const hostOsx = 19;
const dosReparsePoint = 0x400;

/** Refuses symbolic links and special files, by the "version made by" host and the external attributes. */
export function checkEntryType(name: string, versionMadeBy: number, externalAttributes: number, archive: string): void {
  const host = versionMadeBy >>> 8;
  if (host === hostUnix || host === hostOsx) {
    const type = (externalAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) {
      throw zipRefusal('ZIP_SYMLINK', archive, `entri "${shownName(name)}" adalah tautan simbolik (symlink), yang dapat menunjuk ke luar folder tujuan.`, name);
    }
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw zipRefusal('ZIP_UNSUPPORTED', archive, `entri "${shownName(name)}" adalah berkas khusus (perangkat, pipa atau soket), bukan berkas biasa.`, name);
    }
  } else if ((externalAttributes & dosReparsePoint) !== 0) {
    throw zipRefusal('ZIP_SYMLINK', archive, `entri "${shownName(name)}" adalah reparse point (tautan Windows).`, name);
  }
}

/** Refuses equal names, names equal once case and Unicode are folded, and a file that is also a folder. */
export function checkDuplicates(entries: readonly { name: string; isDirectory: boolean }[], archive: string): void {
  const files = new Map<string, string>();
  const dirs = new Map<string, string>();
  for (const e of entries) {
    const key = foldName(e.name);
    const target = e.isDirectory ? dirs : files;
    const other = e.isDirectory ? files : dirs;
    const first = target.get(key) ?? other.get(key);
    if (first !== undefined) {
      const how = first === e.name ? 'tercantum dua kali' : `bertabrakan dengan "${shownName(first)}" (beda huruf besar/kecil atau normalisasi Unicode)`;
      throw zipRefusal('ZIP_DUPLICATE', archive, `entri "${shownName(e.name)}" ${how}.`, e.name);
    }
    target.set(key, e.name);
  }
  // "a" as a file and "a/b": unpacking one destroys or is blocked by the other.
  for (const e of entries) {
    const parts = e.name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const file = files.get(foldName(parent));
      if (file !== undefined) {
        throw zipRefusal('ZIP_DUPLICATE', archive, `"${shownName(file)}" adalah berkas sekaligus folder dari "${shownName(e.name)}".`, e.name);
      }
    }
  }
}

/** Refuses an entry whose declared sizes alone already break a limit. */
export function checkEntrySizes(
  entry: { name: string; method: number; compressedSize: number; uncompressedSize: number; isDirectory: boolean },
  limits: ZipLimits,
  archive: string,
): void {
  const shown = shownName(entry.name);
  if (entry.isDirectory && entry.uncompressedSize !== 0) {
    throw zipRefusal('ZIP_CORRUPT', archive, `folder "${shown}" mengaku berisi data.`, entry.name);
  }
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw zipRefusal('ZIP_SIZE_MISMATCH', archive, `entri "${shown}" tidak dimampatkan tetapi ukurannya berbeda (${entry.compressedSize} dan ${entry.uncompressedSize} bita).`, entry.name);
  }
  if (entry.uncompressedSize >= limits.ratioFloorBytes) {
    const ratio = entry.compressedSize === 0 ? Infinity : entry.uncompressedSize / entry.compressedSize;
    if (ratio > limits.maxRatio) {
      const shownRatio = Number.isFinite(ratio) ? `${Math.round(ratio)}:1` : 'tak terhingga';
      throw zipRefusal('ZIP_RATIO', archive, `entri "${shown}" mengembang ${shownRatio} (batas ${limits.maxRatio}:1): ciri bom ZIP.`, entry.name);
    }
  }
}
