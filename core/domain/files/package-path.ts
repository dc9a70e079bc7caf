/**
 * The one name policy for every path inside a package Berkas reads or writes:
 * ZIP entries (core/adapters/zip-reader), BagIt manifests, the online
 * submission manifest (core/domain/outbox/manifest.ts, server/protocol),
 * `server import` and the backup format. A package is unpacked on Windows at
 * Diskominfo as often as on Linux, so a name is refused when any common file
 * system would store it as something else, or as nothing: there a name that
 * differs from the signed berita acara only by a trailing dot overwrites it,
 * "NUL.txt" disappears into a device, and "a.pdf:x" writes a hidden stream.
 */

export type PackagePathRule =
  | 'empty'
  | 'traversal'
  | 'unc'
  | 'absolute'
  | 'drive-letter'
  | 'backslash'
  | 'control-character'
  | 'colon'
  | 'windows-forbidden-character'
  | 'empty-segment'
  | 'dot-segment'
  | 'trailing-dot-or-space'
  | 'reserved-name'
  | 'segment-too-long'
  | 'home-directory';

export interface PackagePathProblem {
  rule: PackagePathRule;
  /** Reads after the path: `jalur "x" <message>`, in Bahasa Indonesia. */
  message: string;
}

/** Longest name one folder entry may have: 255 is the limit of NTFS (UTF-16 units) and ext4 (bytes) alike. */
export const maxSegmentBytes = 255;

// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (Windows also maps the superscripts ¹ ² ³ to the ports), CONIN$ and
// CONOUT$: Windows opens the device whatever follows the first dot and whatever spaces precede it.
const reservedBase = /^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9\u00b9\u00b2\u00b3])$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const controlCharacter = /[\u0000-\u001f\u007f]/;
const windowsForbidden = /[<>"|?*]/;

function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function quoted(segment: string): string {
  return `"${JSON.stringify(segment.slice(0, 60)).slice(1, -1)}"`;
}

/** Why one folder or file name cannot be stored as itself on Windows, or null. */
function segmentProblem(segment: string): PackagePathProblem | null {
  if (segment === '') return { rule: 'empty-segment', message: 'memuat bagian jalur kosong (dua garis miring berurutan)' };
  if (segment === '.') return { rule: 'dot-segment', message: 'memuat bagian jalur "." (titik)' };
  if (/[. ]$/.test(segment)) {
    return { rule: 'trailing-dot-or-space', message: `memuat nama ${quoted(segment)} yang berakhir dengan titik atau spasi; Windows membuangnya sehingga berkas itu menimpa berkas lain` };
  }
  const base = (segment.split('.')[0] as string).replace(/ +$/, '');
  if (reservedBase.test(base)) {
    return { rule: 'reserved-name', message: `memuat nama ${quoted(segment)}, nama perangkat Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9) yang tidak dapat menjadi berkas` };
  }
  if (utf8Bytes(segment) > maxSegmentBytes) return { rule: 'segment-too-long', message: `memuat nama lebih dari ${maxSegmentBytes} bita` };
  return null;
}

/**
 * Why a "/"-separated path cannot be in a package, or null. Directories are
 * given without their trailing "/". The first rule that applies names the
 * problem, so "..\\x" is traversal before it is a backslash.
 */
export function packagePathProblem(path: string): PackagePathProblem | null {
  if (path === '') return { rule: 'empty', message: 'kosong' };
  const segments = path.split(/[/\\]/);
  if (segments.includes('..')) return { rule: 'traversal', message: 'memuat ".." yang dapat menulis di luar folder tujuan' };
  if (/^[/\\]{2}/.test(path)) return { rule: 'unc', message: 'memakai jalur jaringan UNC (diawali dua garis miring)' };
  if (path.startsWith('/') || path.startsWith('\\')) return { rule: 'absolute', message: 'memakai jalur mutlak (diawali garis miring)' };
  if (/^[A-Za-z]:/.test(path)) return { rule: 'drive-letter', message: `memakai huruf drive (${path.slice(0, 2)}), jalur mutlak di Windows` };
  if (path.includes('\\')) return { rule: 'backslash', message: 'memakai garis miring terbalik (\\) sebagai pemisah folder' };
  if (controlCharacter.test(path)) return { rule: 'control-character', message: 'memuat karakter kendali (misalnya ganti baris)' };
  if (path.includes(':')) return { rule: 'colon', message: 'memuat titik dua (:), yang di Windows menulis aliran data tersembunyi (alternate data stream)' };
  const forbidden = windowsForbidden.exec(path);
  if (forbidden) return { rule: 'windows-forbidden-character', message: `memuat karakter "${forbidden[0]}" yang tidak diizinkan Windows (< > " | ? *)` };
  for (const segment of path.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  // RFC 8493 §7: "~user" at the start is a home folder to a shell and to naive unpackers.
  if (path.startsWith('~')) return { rule: 'home-directory', message: 'diawali "~", yang dibaca sebagai folder rumah pengguna' };
  return null;
}

/**
 * One key per path as a case-insensitive, Unicode-normalising file system
 * (NTFS, APFS, exFAT) stores it: two paths with the same key become one file
 * there. Simple (one-to-one) case mapping, as NTFS's upcase table: "ß" stays
 * itself rather than becoming "SS".
 */
export function packagePathKey(path: string): string {
  // eslint-disable-next-line no-control-regex -- the ASCII range, the common case, folds in one call
  if (/^[\u0000-\u007f]*$/.test(path)) return path.toUpperCase();
  let key = '';
  for (const ch of path.normalize('NFC')) {
    const upper = ch.toUpperCase();
    key += upper.length === ch.length || [...upper].length === 1 ? upper : ch;
  }
  return key;
}

export interface PackagePathTwin {
  /** The path met first. */
  first: string;
  second: string;
  rule: 'duplicate' | 'case-or-normalization-twin' | 'file-and-folder';
  message: string;
}

function twin(first: string, second: string, rule: PackagePathTwin['rule']): PackagePathTwin {
  const messages: Record<PackagePathTwin['rule'], string> = {
    duplicate: `jalur "${second}" tercantum dua kali`,
    'case-or-normalization-twin': `jalur "${second}" dan "${first}" hanya berbeda huruf besar/kecil atau normalisasi Unicode (NFC/NFD); di Windows dan macOS keduanya menjadi satu berkas`,
    'file-and-folder': `"${first}" adalah berkas sekaligus folder dari "${second}"`,
  };
  return { first, second, rule, message: messages[rule] };
}

/**
 * The first pair of paths that one file system would store as one: equal,
 * equal once case and Unicode normalisation are folded, or a file that is
 * also a folder of another path. Folders are given with isDirectory, their
 * paths without the trailing "/".
 */
export function findPackagePathTwin(paths: readonly (string | { path: string; isDirectory: boolean })[]): PackagePathTwin | null {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  const items = paths.map((p) => (typeof p === 'string' ? { path: p, isDirectory: false, key: packagePathKey(p) } : { ...p, key: packagePathKey(p.path) }));
  for (const { path, isDirectory, key } of items) {
    const first = files.get(key) ?? folders.get(key);
    if (first !== undefined) {
      return twin(first, path, first === path ? 'duplicate' : 'case-or-normalization-twin');
    }
    (isDirectory ? folders : files).set(key, path);
  }
  // "a" as a file and "a/b": unpacking one destroys or is blocked by the other.
  // Folding never moves a "/", so the key's prefixes are the folded prefixes of the path.
  for (const { path, key } of items) {
    let at = key.indexOf('/');
    while (at > 0) {
      const file = files.get(key.slice(0, at));
      if (file !== undefined) return twin(file, path, 'file-and-folder');
      at = key.indexOf('/', at + 1);
    }
  }
  return null;
}
