/**
 * The .berkas-backup file format (docs/BACKUP-FORMAT.md is the prose version):
 * constants, the header, and the pure checks both the writer and the reader
 * apply. No I/O and no crypto here; core/adapters/backup does both.
 *
 *   magic (16) | header length L (u32 BE) | header JSON (L) | SHA-256 of the preceding bytes (32)
 *   chunk 0 | chunk 1 | ... | chunk n-1          each = AES-256-GCM ciphertext + 16-byte tag
 *
 * The plaintext the chunks carry is a sequence of entries followed by a
 * manifest; see ENTRY_TAG / MANIFEST_TAG.
 */
import { BerkasError } from '../errors';
import { packagePathKey, packagePathProblem } from '../files/package-path';

export const BACKUP_EXTENSION = '.berkas-backup';

/**
 * "\x89BERKAS-BACKUP\r\n": the high first byte catches a 7-bit transfer, the
 * CR LF a text-mode newline conversion (the PNG trick).
 */
export const BACKUP_MAGIC: readonly number[] = [0x89, ...Array.from('BERKAS-BACKUP', (c) => c.charCodeAt(0)), 0x0d, 0x0a];
export const MAGIC_LEN = 16;
/** magic + u32 header length */
export const PREAMBLE_LEN = MAGIC_LEN + 4;
export const HEADER_HASH_LEN = 32;
export const MAX_HEADER_JSON_BYTES = 64 * 1024;

/** The format this code writes and the newest it reads. Framing (magic, length, hash) never changes across versions. */
export const BACKUP_FORMAT_VERSION = 1;

export const GCM_TAG_LEN = 16;
export const NONCE_PREFIX_LEN = 8;
export const SALT_LEN = 16;
export const KEY_CHECK_LEN = 16;
/** scrypt output: 32 bytes of AES key, then 32 bytes that only make the key check. */
export const DERIVED_KEY_LEN = 64;

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The chunk counter is a u32 in the nonce. */
export const MAX_CHUNKS = 0xffffffff;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** About 0.35 s and 128 MiB on a 2-core office desktop (measured; see docs/BACKUP-FORMAT.md). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * What a reader accepts from a header, which it reads before it can
 * authenticate anything: a hostile N or r could otherwise ask for gigabytes.
 */
export const SCRYPT_LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16, maxMemoryBytes: 1024 * 1024 * 1024 };

/** Memory scrypt needs for these parameters (128·N·r bytes), for Node's maxmem. */
export function scryptMemoryBytes(params: ScryptParams): number {
  return 128 * params.N * params.r;
}

export interface BackupHeader {
  format: 'berkas-backup';
  formatVersion: number;
  appVersion: string;
  /** The database's migration number, so a restore refuses a schema this app cannot open. */
  schemaVersion: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string; keyLength: number };
  cipher: { name: 'AES-256-GCM'; construction: 'STREAM'; chunkSize: number; noncePrefix: string; tagLength: number };
  /** First 16 bytes of HMAC-SHA256(key check half of the scrypt output, KEY_CHECK_LABEL), base64. */
  keyCheck: string;
  /** Length of the plaintext the chunks carry; fixes the number of chunks and the file length. */
  plaintextBytes: number;
}

export const KEY_CHECK_LABEL = 'berkas-backup key check v1';

/** Plaintext record tags. */
export const ENTRY_TAG = 0x46; // 'F': u16 path length, path (ASCII), u64 size, bytes
export const MANIFEST_TAG = 0x4d; // 'M': u32 length, manifest text
export const ENTRY_OVERHEAD = 1 + 2 + 8;
export const MANIFEST_OVERHEAD = 1 + 4;
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
export const MAX_ENTRY_PATH_LEN = 512;

export function chunkCount(plaintextBytes: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(plaintextBytes / chunkSize));
}

/** The exact length of a whole file: anything shorter was cut off, anything longer had bytes added. */
export function expectedFileSize(headerBlockLen: number, plaintextBytes: number, chunkSize: number): number {
  return headerBlockLen + plaintextBytes + chunkCount(plaintextBytes, chunkSize) * GCM_TAG_LEN;
}

/** One manifest line, as in BagIt's manifest-sha256.txt plus the size: "<sha256>  <size>  <path>\n". */
export function manifestLine(sha256: string, size: number, entryPath: string): string {
  return `${sha256}  ${size}  ${entryPath}\n`;
}

/** The manifest's length is known before any hash is: 64 hex digits per line. */
export function manifestLineLength(size: number, entryPath: string): number {
  return 64 + 2 + String(size).length + 2 + entryPath.length + 1;
}

export function entryRecordLength(entryPath: string, size: number): number {
  return ENTRY_OVERHEAD + entryPath.length + size;
}

/** Plaintext length of a backup holding these entries (all known before writing starts). */
export function plaintextLength(entries: readonly { path: string; size: number }[]): number {
  let total = MANIFEST_OVERHEAD;
  for (const e of entries) total += entryRecordLength(e.path, e.size) + manifestLineLength(e.size, e.path);
  return total;
}

// ---------------------------------------------------------------------------
// Entry paths. They come from a file someone handed the officer: hostile input.

export type EntryKind = 'database' | 'settings' | 'blob' | 'sealed' | 'outbox' | 'trust';

export const DATABASE_ENTRY = 'berkas.db';
export const SETTINGS_ENTRY = 'settings.json';

/**
 * The top-level folders a backup may hold, and what each is. A feature that
 * adds a folder to the data folder adds it here, or it is not backed up.
 * vault/ holds the sealed secrets (certificates with their keys, passwords,
 * device tokens), copied as sealed and never opened: in the desktop app
 * sealed by the OS key vault (safeStorage: DPAPI, Keychain, keyring), which
 * only the same user on the same computer can open; outside it by the
 * passphrase key file (core/adapters/key-vault-file.ts, "BKV1"), which its
 * passphrase opens anywhere. trust-roots/ holds the configured root
 * certificates (public), outbox/ the outbox's working files.
 */
export const BACKUP_FOLDERS: Readonly<Record<string, EntryKind>> = {
  blobs: 'blob',
  vault: 'sealed',
  outbox: 'outbox',
  'trust-roots': 'trust',
};

/** First bytes of a secret sealed by the passphrase key file; anything else in vault/ was sealed by the OS. */
export const PASSPHRASE_SEALED_MAGIC = 'BKV1';

/**
 * Stricter than the package name policy every package path meets (checked
 * first): ASCII only, no leading dot (hidden, temp files) or dash (read as an
 * option), at most 128 characters.
 */
const SEGMENT = /^[A-Za-z0-9_](?:[A-Za-z0-9._ -]{0,126}[A-Za-z0-9_-])?$/;
const BLOB_PATH = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const MAX_DEPTH = 8;

/** Why a path may not be written (in Indonesian), or null when it may. */
export function entryPathProblem(entryPath: string): string | null {
  if (entryPath.length === 0) return 'path kosong';
  if (entryPath.length > MAX_ENTRY_PATH_LEN) return `path lebih dari ${MAX_ENTRY_PATH_LEN} karakter`;
  // The one name policy of every package (core/domain/files/package-path.ts): traversal, absolute and
  // drive paths, UNC, backslashes, controls, ":", Windows device names, trailing dots and spaces.
  const shared = packagePathProblem(entryPath);
  if (shared) return shared.message;
  const segments = entryPath.split('/');
  if (segments.length > MAX_DEPTH) return `lebih dari ${MAX_DEPTH} tingkat folder`;
  for (const s of segments) {
    if (!SEGMENT.test(s)) return `bagian "${s.slice(0, 40)}" memuat karakter yang tidak diizinkan (hanya huruf, angka, spasi, titik, garis bawah, tanda hubung)`;
  }
  if (segments.length === 1) {
    return entryPath === DATABASE_ENTRY || entryPath === SETTINGS_ENTRY ? null : `"${entryPath}" bukan bagian ruang kerja Berkas`;
  }
  const top = segments[0] ?? '';
  if (!Object.prototype.hasOwnProperty.call(BACKUP_FOLDERS, top)) return `folder "${top}" bukan bagian ruang kerja Berkas`;
  if (top === 'blobs') {
    const m = BLOB_PATH.exec(entryPath);
    if (!m || m[2]!.slice(0, 2) !== m[1]) return 'bukan nama lampiran (blobs/ab/<64 heksadesimal berawalan ab>)';
  }
  return null;
}

export function entryKind(entryPath: string): EntryKind {
  if (entryPath === DATABASE_ENTRY) return 'database';
  if (entryPath === SETTINGS_ENTRY) return 'settings';
  const kind = BACKUP_FOLDERS[entryPath.split('/')[0] ?? ''];
  if (!kind) throw new BerkasError('BACKUP_UNSAFE_ENTRY', `Path "${entryPath.slice(0, 80)}" bukan bagian ruang kerja Berkas.`, { entryPath: entryPath.slice(0, 200) });
  return kind;
}

/** Names that collide on Windows and macOS (case-insensitive file systems) are one name: the package policy's key. */
export function entryKey(entryPath: string): string {
  return packagePathKey(entryPath);
}

// ---------------------------------------------------------------------------
// The header, read before anything can be authenticated.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isBase64 = (v: unknown, bytes: number): v is string =>
  typeof v === 'string' && v.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * The header as data, or null when it is not a header this format defines.
 * Only called after the header hash matched, so null means a writer bug or a
 * crafted file, never a flipped bit.
 */
export function parseBackupHeader(value: unknown): BackupHeader | null {
  if (!isRecord(value) || value.format !== 'berkas-backup' || !isPositiveInt(value.formatVersion)) return null;
  if (typeof value.appVersion !== 'string' || value.appVersion.length > 64) return null;
  if (typeof value.schemaVersion !== 'number' || !Number.isSafeInteger(value.schemaVersion) || value.schemaVersion < 0) return null;
  if (typeof value.createdAt !== 'string' || Number.isNaN(Date.parse(value.createdAt))) return null;
  const { kdf, cipher } = value;
  if (!isRecord(kdf) || kdf.name !== 'scrypt' || !isPositiveInt(kdf.N) || !isPositiveInt(kdf.r) || !isPositiveInt(kdf.p)) return null;
  if (!isBase64(kdf.salt, SALT_LEN) || kdf.keyLength !== DERIVED_KEY_LEN) return null;
  if (!isRecord(cipher) || cipher.name !== 'AES-256-GCM' || cipher.construction !== 'STREAM' || cipher.tagLength !== GCM_TAG_LEN) return null;
  if (!isPositiveInt(cipher.chunkSize) || !isBase64(cipher.noncePrefix, NONCE_PREFIX_LEN)) return null;
  if (!isBase64(value.keyCheck, KEY_CHECK_LEN) || !isPositiveInt(value.plaintextBytes)) return null;
  return {
    format: 'berkas-backup',
    formatVersion: value.formatVersion,
    appVersion: value.appVersion,
    schemaVersion: value.schemaVersion,
    createdAt: value.createdAt,
    kdf: { name: 'scrypt', N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt, keyLength: DERIVED_KEY_LEN },
    cipher: { name: 'AES-256-GCM', construction: 'STREAM', chunkSize: cipher.chunkSize, noncePrefix: cipher.noncePrefix, tagLength: GCM_TAG_LEN },
    keyCheck: value.keyCheck,
    plaintextBytes: value.plaintextBytes,
  };
}

/** Why these scrypt parameters are refused (in Indonesian), or null. */
export function scryptParamsProblem(params: ScryptParams): string | null {
  const logN = Math.log2(params.N);
  if (!Number.isInteger(logN) || logN < SCRYPT_LIMITS.minLogN || logN > SCRYPT_LIMITS.maxLogN) {
    return `N=${params.N} harus pangkat dua antara 2^${SCRYPT_LIMITS.minLogN} dan 2^${SCRYPT_LIMITS.maxLogN}`;
  }
  if (params.r > SCRYPT_LIMITS.maxR) return `r=${params.r} melebihi ${SCRYPT_LIMITS.maxR}`;
  if (params.p > SCRYPT_LIMITS.maxP) return `p=${params.p} melebihi ${SCRYPT_LIMITS.maxP}`;
  if (scryptMemoryBytes(params) > SCRYPT_LIMITS.maxMemoryBytes) return 'memerlukan memori lebih dari 1 GB';
  return null;
}

export function chunkSizeProblem(chunkSize: number): string | null {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    return `ukuran potongan ${chunkSize} di luar ${MIN_CHUNK_SIZE}–${MAX_CHUNK_SIZE} bait`;
  }
  return null;
}

/** Compares "1.2.10" with "1.10.0" numerically; a pre-release tag counts below its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.trim().replace(/^v/, '').split('-', 2);
    return { parts: core.split('.').map((x) => Number.parseInt(x, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

export interface SupportedVersions {
  appVersion: string;
  /** The newest database migration this app knows. */
  schemaVersion: number;
}

/** Why this app cannot restore a backup made by a newer one (in Indonesian), or null. */
export function tooNewProblem(header: Pick<BackupHeader, 'formatVersion' | 'appVersion' | 'schemaVersion'>, supported: SupportedVersions): string | null {
  if (header.formatVersion > BACKUP_FORMAT_VERSION) {
    return `format berkas cadangan versi ${header.formatVersion}, sedangkan Berkas ${supported.appVersion} hanya mengenal sampai versi ${BACKUP_FORMAT_VERSION}`;
  }
  if (compareVersions(header.appVersion, supported.appVersion) > 0) {
    return `dibuat oleh Berkas ${header.appVersion}, lebih baru daripada Berkas ${supported.appVersion} di komputer ini`;
  }
  if (header.schemaVersion > supported.schemaVersion) {
    return `basis datanya berskema ${header.schemaVersion}, sedangkan Berkas ${supported.appVersion} hanya mengenal sampai ${supported.schemaVersion}`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Passphrases and file names.

export const MIN_PASSPHRASE_LENGTH = 10;
export const MAX_PASSPHRASE_LENGTH = 1024;

/**
 * Why a new passphrase is refused (in Indonesian), or null. Only the length is
 * checked: the backup is as strong as this passphrase and the scrypt cost.
 */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH) return `Frasa sandi terlalu pendek: paling sedikit ${MIN_PASSPHRASE_LENGTH} karakter (sekarang ${length}).`;
  if (length > MAX_PASSPHRASE_LENGTH) return `Frasa sandi terlalu panjang: paling banyak ${MAX_PASSPHRASE_LENGTH} karakter.`;
  if (passphrase.trim() !== passphrase) return 'Frasa sandi tidak boleh diawali atau diakhiri spasi (mudah salah ketik saat memulihkan).';
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "berkas-cadangan-2021-06-17.berkas-backup", in the officer's local date. */
export function backupFileName(date: Date): string {
  return `berkas-cadangan-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}${BACKUP_EXTENSION}`;
}

/** "YYYYMMDD-HHMMSS" in local time, for the folder a restore moves aside. */
export function folderStamp(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Suffix of the folder that held the workspace before a restore: "<dataDir>.sebelum-pulih-YYYYMMDD-HHMMSS". */
export const BEFORE_RESTORE_SUFFIX = '.sebelum-pulih-';
/** Suffix of the restored workspace an undo moves aside: "<dataDir>.hasil-pulih-YYYYMMDD-HHMMSS". */
export const UNDONE_RESTORE_SUFFIX = '.hasil-pulih-';
