/**
 * The judgments of the safe ZIP reader that need no file: names, types and
 * sizes of entries as the central directory declares them. Each refusal is a
 * BerkasError with a stable reason code (tests, logs, the server's receipts)
 * and a message in Bahasa Indonesia naming the package and the entry.
 */
import { BerkasError } from '../../domain/errors';
import { findPackagePathTwin, packagePathProblem, type PackagePathRule } from '../../domain/files/package-path';

/** Refusals always about one entry: their English texts name it (renderer/src/i18n/errors/packages.en.ts). */
export type ZipEntryRefusalCode =
  | 'ZIP_PATH_TRAVERSAL'
  | 'ZIP_ABSOLUTE_PATH'
  | 'ZIP_SYMLINK'
  | 'ZIP_DUPLICATE'
  | 'ZIP_SIZE_MISMATCH'
  | 'ZIP_RATIO'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_OVERLAP'
  | 'ZIP_HEADER_MISMATCH';

/** Refusals of the archive as a whole, or of an entry not always known (yauzl's, a name that is not UTF-8). */
export type ZipArchiveRefusalCode = 'ZIP_BAD_NAME' | 'ZIP_TOO_MANY' | 'ZIP_ENCRYPTED' | 'ZIP_UNSUPPORTED' | 'ZIP_GAP' | 'ZIP_CORRUPT';

export type ZipRefusalCode = ZipEntryRefusalCode | ZipArchiveRefusalCode;

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

export function zipRefusal(code: ZipArchiveRefusalCode, archive: string, message: string, entry?: string): BerkasError {
  const details: { archive: string; reason: ZipRefusalCode; entry?: string } = { archive, reason: code };
  if (entry !== undefined) details.entry = entry;
  return new BerkasError(code, `Paket ${archive} ditolak: ${message}`, details);
}

/** A refusal of one entry: `entry` is its name as read, `entryName` the same as shown in messages. */
export function entryRefusal(code: ZipEntryRefusalCode, archive: string, message: string, entry: string): BerkasError {
  return new BerkasError(code, `Paket ${archive} ditolak: ${message}`, { archive, reason: code, entry, entryName: shownName(entry) });
}

/** An entry name as shown in messages: escapes control characters so a CR cannot rewrite the line. */
export function shownName(name: string): string {
  return JSON.stringify(name).slice(1, -1).slice(0, 300);
}

// CP437, the encoding of names without the UTF-8 flag (APPNOTE appendix D), bytes 0x80-0xFF.
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/**
 * An entry's name from its raw bytes. Decoded here, not by yauzl: yauzl
 * shows CP437's low bytes as glyphs (0x01 as "☺"), which would let through a
 * name that unzip writes with the control byte itself, and it replaces
 * invalid UTF-8 silently, so two tools would disagree on the name.
 */
export function decodeEntryName(raw: Buffer, isUtf8: boolean, archive: string): string {
  if (isUtf8) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw zipRefusal('ZIP_BAD_NAME', archive, `nama entri "${raw.toString('latin1').slice(0, 100)}" ditandai UTF-8 tetapi bukan UTF-8 yang sah.`);
    }
  }
  let out = '';
  for (const byte of raw) out += byte < 0x80 ? String.fromCharCode(byte) : (cp437High[byte - 0x80] as string);
  return out;
}

const codeOfRule: Partial<Record<PackagePathRule, ZipEntryRefusalCode>> = {
  traversal: 'ZIP_PATH_TRAVERSAL',
  unc: 'ZIP_ABSOLUTE_PATH',
  absolute: 'ZIP_ABSOLUTE_PATH',
  'drive-letter': 'ZIP_ABSOLUTE_PATH',
};

/**
 * Checks a raw entry name against the package name policy
 * (core/domain/files/package-path.ts) and returns it without a trailing "/"
 * (directories). The refusal names the rule in details.rule.
 */
export function checkEntryName(raw: string, archive: string): string {
  const name = raw.endsWith('/') && raw !== '/' ? raw.slice(0, -1) : raw;
  const problem = raw === '/' ? packagePathProblem('') : packagePathProblem(name);
  if (problem) {
    const code = codeOfRule[problem.rule];
    const message = `entri "${shownName(raw)}" ${problem.message}.`;
    const refusal = code ? entryRefusal(code, archive, message, raw) : zipRefusal('ZIP_BAD_NAME', archive, message, raw);
    (refusal.details as Record<string, unknown>).rule = problem.rule;
    throw refusal;
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
      throw entryRefusal('ZIP_SYMLINK', archive, `entri "${shownName(name)}" adalah tautan simbolik (symlink), yang dapat menunjuk ke luar folder tujuan.`, name);
    }
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw zipRefusal('ZIP_UNSUPPORTED', archive, `entri "${shownName(name)}" adalah berkas khusus (perangkat, pipa atau soket), bukan berkas biasa.`, name);
    }
  } else if ((externalAttributes & dosReparsePoint) !== 0) {
    throw entryRefusal('ZIP_SYMLINK', archive, `entri "${shownName(name)}" adalah reparse point (tautan Windows).`, name);
  }
}

/** Refuses equal names, names equal once case and Unicode are folded, and a file that is also a folder. */
export function checkDuplicates(entries: readonly { name: string; isDirectory: boolean }[], archive: string): void {
  const twin = findPackagePathTwin(entries.map((e) => ({ path: e.name, isDirectory: e.isDirectory })));
  if (twin) {
    const refusal = entryRefusal('ZIP_DUPLICATE', archive, `${twin.message}.`, twin.second);
    (refusal.details as Record<string, unknown>).rule = twin.rule;
    throw refusal;
  }
}

/** Refuses an entry whose declared sizes alone already break a limit. */
export function checkEntrySizes(
  entry: { name: string; method: number; compressedSize: number; uncompressedSize: number; isDirectory: boolean },
  limits: ZipLimits,
  archive: string,
): void {
  if (entry.isDirectory && entry.uncompressedSize !== 0) {
    throw zipRefusal('ZIP_CORRUPT', archive, `folder "${shownName(entry.name)}" mengaku berisi data.`, entry.name);
  }
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw entryRefusal('ZIP_SIZE_MISMATCH', archive, `entri "${shownName(entry.name)}" tidak dimampatkan tetapi ukurannya berbeda (${entry.compressedSize} dan ${entry.uncompressedSize} bita).`, entry.name);
  }
  if (entry.uncompressedSize >= limits.ratioFloorBytes) {
    const ratio = entry.compressedSize === 0 ? Infinity : entry.uncompressedSize / entry.compressedSize;
    if (ratio > limits.maxRatio) {
      const shownRatio = Number.isFinite(ratio) ? `${Math.round(ratio)}:1` : 'tak terhingga';
      throw entryRefusal('ZIP_RATIO', archive, `entri "${shownName(entry.name)}" mengembang ${shownRatio} (batas ${limits.maxRatio}:1): ciri bom ZIP.`, entry.name);
    }
  }
}
