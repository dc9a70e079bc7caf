/**
 * The submission manifest of the intake protocol (server/PROTOCOL.md §2.3,
 * §3) as the app builds it: canonical JSON, the Berkas-* fields of
 * bag-info.txt, and the derivation from a bag's files. Pure, so the outbox
 * service, the packager and the renderer share one reading; hashing (SHA-256)
 * happens in the adapters.
 */
import { BerkasError } from '../errors';
import { findPackagePathTwin, packagePathProblem } from '../files/package-path';
import { tagValue } from '../handover/bagit';
import { formatByteSize } from '../format/byte-size';
import { namaBulan } from '../format/tanggal';

export const PROTOCOL_VERSION = 1;
export const SUBMISSION_TYPES = ['rencana-aksi', 'serah-terima', 'laporan'] as const;
export type SubmissionType = (typeof SUBMISSION_TYPES)[number];

/** Indonesian names of the submission types, for lists and messages. */
export const submissionTypeLabels: Record<SubmissionType, string> = {
  'rencana-aksi': 'Rencana aksi',
  'serah-terima': 'Serah terima aplikasi',
  laporan: 'Laporan',
};

export const PERIOD_PATTERN = /^\d{4}(-(T[1-4]|S[12]|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const OPD_CODE = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const APP_VERSION = /^[0-9A-Za-z.+_-]{1,64}$/;
const SHORT_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Limits of PROTOCOL.md §3 and §12, checked before anything is sent. */
export const MANIFEST_LIMITS = {
  minFiles: 3,
  maxFiles: 20_000,
  maxPathBytes: 1024,
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
} as const;

/** Bytes of one upload chunk (PROTOCOL.md §5.2). */
export const CHUNK_BYTES = 1024 * 1024;

export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && (UUID_V7.test(value) || ULID.test(value));
}

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

export function isOpdCode(value: unknown): value is string {
  return typeof value === 'string' && OPD_CODE.test(value);
}

/**
 * A report's period code as the protocol writes periods: reports say "2026-Q3" for a
 * triwulan, the protocol "2026-T3"; semesters, years and event days are the same.
 */
export function submissionPeriodOfReport(code: string): string {
  return code.replace(/^(\d{4})-Q([1-4])$/, '$1-T$2');
}

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

export function isSubmissionType(value: unknown): value is SubmissionType {
  return typeof value === 'string' && (SUBMISSION_TYPES as readonly string[]).includes(value);
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

/** A package's manifest: the values it carries (SubmissionMeta, below) and every file with its hash. */
export interface Manifest extends SubmissionMeta {
  protocol: 1;
  files: ManifestFile[];
}

/** bag-info.txt labels of the manifest fields (PROTOCOL.md §2.1). */
export const BAG_INFO_FIELDS = {
  submissionId: 'Berkas-Submission-Id',
  type: 'Berkas-Type',
  opd: 'Berkas-OPD',
  period: 'Berkas-Period',
  revisionOf: 'Berkas-Revision-Of',
  appVersion: 'Berkas-App-Version',
  mainDocument: 'Berkas-Main-Document',
  reportType: 'Berkas-Report-Type',
  profileId: 'Berkas-Profile',
} as const;

/**
 * Canonical JSON (PROTOCOL.md §1.2): keys sorted by UTF-16 code units, no
 * whitespace, strings as JSON.stringify writes them, non-negative safe
 * integers only; members whose value is undefined do not exist.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new BerkasError('CANONICAL_JSON', `JSON kanonik hanya memuat bilangan bulat tak negatif, bukan ${value}.`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new BerkasError('CANONICAL_JSON', `JSON kanonik tidak memuat nilai berjenis ${typeof value}.`);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The manifest with its files in canonical order: what is hashed and what is sent. */
export function sortedManifest(manifest: Manifest): Manifest {
  return { ...manifest, files: [...manifest.files].sort((a, b) => compareCodeUnits(a.path, b.path)) };
}

/** The UTF-8 text whose SHA-256 is the manifestSha256. */
export function manifestCanonicalText(manifest: Manifest): string {
  return canonicalJson(sortedManifest(manifest));
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function refuse(field: string, message: string, rule?: string): never {
  throw new BerkasError('PACKAGE_METADATA_INVALID', message, rule === undefined ? { field } : { field, rule });
}

/** The Berkas-* values a package carries; what a new package is built from. */
export interface SubmissionMeta {
  submissionId: string;
  type: SubmissionType;
  opd: string;
  period: string;
  revisionOf: string | null;
  appVersion: string;
  mainDocument: string;
  reportType?: string;
  profileId?: string;
}

/** Checks the values a package will carry, naming the bag-info.txt field of the first wrong one. */
export function checkSubmissionMeta(meta: SubmissionMeta): SubmissionMeta {
  const where = (key: keyof typeof BAG_INFO_FIELDS) => `${BAG_INFO_FIELDS[key]} (bag-info.txt)`;
  if (!isSubmissionId(meta.submissionId)) refuse('submissionId', `${where('submissionId')}: "${String(meta.submissionId).slice(0, 60)}" bukan UUIDv7 atau ULID.`);
  if (!isSubmissionType(meta.type)) refuse('type', `${where('type')}: "${String(meta.type).slice(0, 40)}" bukan salah satu dari ${SUBMISSION_TYPES.join(', ')}.`);
  if (!isOpdCode(meta.opd)) refuse('opd', `${where('opd')}: kode OPD "${String(meta.opd).slice(0, 40)}" tidak sah (huruf besar, angka, titik, garis bawah, tanda hubung; paling banyak 32 karakter).`);
  if (!isPeriod(meta.period)) refuse('period', `${where('period')}: periode "${String(meta.period).slice(0, 40)}" tidak sah (contoh: 2025, 2025-T1, 2025-S2, 2025-06, 2025-06-17).`);
  if (meta.revisionOf !== null && !isSubmissionId(meta.revisionOf)) refuse('revisionOf', `${where('revisionOf')}: "${String(meta.revisionOf).slice(0, 60)}" bukan id kiriman (UUIDv7 atau ULID).`);
  if (!APP_VERSION.test(meta.appVersion)) refuse('appVersion', `${where('appVersion')}: versi aplikasi "${meta.appVersion.slice(0, 40)}" tidak sah.`);
  if (!meta.mainDocument.startsWith('data/') || !/\.pdf$/i.test(meta.mainDocument) || packagePathProblem(meta.mainDocument) !== null) {
    refuse('mainDocument', `${where('mainDocument')}: "${meta.mainDocument.slice(0, 80)}" harus berkas .pdf di bawah data/.`);
  }
  if (meta.reportType !== undefined && !SHORT_KEY.test(meta.reportType)) refuse('reportType', `${where('reportType')}: "${meta.reportType.slice(0, 40)}" tidak sah.`);
  if (meta.profileId !== undefined && !SHORT_KEY.test(meta.profileId)) refuse('profileId', `${where('profileId')}: "${meta.profileId.slice(0, 40)}" tidak sah.`);
  if (meta.type !== 'laporan' && meta.reportType !== undefined) refuse('reportType', `${where('reportType')} hanya untuk kiriman berjenis laporan.`);
  return meta;
}

/** The Berkas-* lines of bag-info.txt, in the order PROTOCOL.md §2.1 lists them. */
export function bagInfoFieldsOf(meta: SubmissionMeta): [string, string][] {
  const fields: [string, string][] = [
    [BAG_INFO_FIELDS.submissionId, meta.submissionId],
    [BAG_INFO_FIELDS.type, meta.type],
    [BAG_INFO_FIELDS.opd, meta.opd],
    [BAG_INFO_FIELDS.period, meta.period],
  ];
  if (meta.revisionOf !== null) fields.push([BAG_INFO_FIELDS.revisionOf, meta.revisionOf]);
  fields.push([BAG_INFO_FIELDS.appVersion, meta.appVersion], [BAG_INFO_FIELDS.mainDocument, meta.mainDocument]);
  if (meta.reportType !== undefined) fields.push([BAG_INFO_FIELDS.reportType, meta.reportType]);
  if (meta.profileId !== undefined) fields.push([BAG_INFO_FIELDS.profileId, meta.profileId]);
  return fields;
}

/** The Berkas-* values read back from a bag's bag-info.txt (a package from anywhere). */
export function submissionMetaFromBagInfo(bagInfo: readonly [string, string][]): SubmissionMeta {
  const required = (key: keyof typeof BAG_INFO_FIELDS): string => {
    const value = tagValue(bagInfo, BAG_INFO_FIELDS[key]);
    if (value === undefined || value === '') refuse(key, `bag-info.txt tidak memuat ${BAG_INFO_FIELDS[key]}; paket ini bukan kiriman Berkas.`);
    return value;
  };
  const optional = (key: keyof typeof BAG_INFO_FIELDS): string | undefined => {
    const value = tagValue(bagInfo, BAG_INFO_FIELDS[key]);
    return value === undefined || value === '' ? undefined : value;
  };
  const submissionId = required('submissionId');
  const type = required('type');
  if (!isSubmissionType(type)) refuse('type', `${BAG_INFO_FIELDS.type} (bag-info.txt): "${type.slice(0, 40)}" bukan salah satu dari ${SUBMISSION_TYPES.join(', ')}.`);
  const reportType = optional('reportType');
  const profileId = optional('profileId');
  return checkSubmissionMeta({
    submissionId,
    type,
    opd: required('opd'),
    period: required('period'),
    revisionOf: optional('revisionOf') ?? null,
    appVersion: required('appVersion'),
    mainDocument: required('mainDocument'),
    ...(reportType !== undefined ? { reportType } : {}),
    ...(profileId !== undefined ? { profileId } : {}),
  });
}

/**
 * The manifest of a bag (PROTOCOL.md §2.3): its Berkas-* values and every
 * regular file with SHA-256 and size, sorted by path. Refuses what the server
 * would refuse (§3), naming the file, so a package that cannot be sent never
 * enters the queue.
 */
export function buildManifest(meta: SubmissionMeta, files: readonly ManifestFile[]): Manifest {
  checkSubmissionMeta(meta);
  const sorted = [...files].sort((a, b) => compareCodeUnits(a.path, b.path));
  if (sorted.length < MANIFEST_LIMITS.minFiles || sorted.length > MANIFEST_LIMITS.maxFiles) {
    refuse('files', `Paket memuat ${sorted.length} berkas; kiriman harus memuat ${MANIFEST_LIMITS.minFiles} sampai ${MANIFEST_LIMITS.maxFiles} berkas.`);
  }
  const bySha = new Map<string, number>();
  let total = 0;
  for (const f of sorted) {
    const problem = packagePathProblem(f.path);
    if (problem) refuse('files', `Berkas ${JSON.stringify(f.path).slice(1, -1)} dalam paket: jalurnya ${problem.message}.`, problem.rule);
    if (utf8Length(f.path) > MANIFEST_LIMITS.maxPathBytes) refuse('files', `Jalur ${f.path.slice(0, 80)}… lebih dari ${MANIFEST_LIMITS.maxPathBytes} bita.`);
    if (!isSha256(f.sha256)) refuse('files', `Sidik SHA-256 berkas ${f.path} tidak sah.`);
    if (!Number.isSafeInteger(f.size) || f.size < 0 || f.size > MANIFEST_LIMITS.maxFileBytes) refuse('files', `Berkas ${f.path} berukuran ${Number.isSafeInteger(f.size) && f.size >= 0 ? formatByteSize(f.size) : String(f.size)}, bukan ukuran yang sah atau melebihi batas 2 GB per berkas.`);
    const seen = bySha.get(f.sha256);
    if (seen !== undefined && seen !== f.size) refuse('files', `Berkas ${f.path} bersidik sama dengan berkas lain tetapi ukurannya berbeda.`);
    bySha.set(f.sha256, f.size);
    total += f.size;
  }
  if (total > MANIFEST_LIMITS.maxTotalBytes) refuse('files', `Isi paket ${formatByteSize(total)}, melebihi batas 4 GB per kiriman.`);
  const paths = sorted.map((f) => f.path);
  const twin = findPackagePathTwin(paths);
  if (twin) refuse('files', `Paket tidak sah: ${twin.message}.`, twin.rule);
  for (const tag of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) {
    if (!paths.includes(tag)) refuse('files', `Paket tidak memuat ${tag}.`);
  }
  if (!paths.includes(meta.mainDocument)) refuse('mainDocument', `Dokumen utama ${meta.mainDocument} (Berkas-Main-Document) tidak ada di dalam paket.`);
  return {
    protocol: PROTOCOL_VERSION,
    submissionId: meta.submissionId,
    type: meta.type,
    opd: meta.opd,
    period: meta.period,
    revisionOf: meta.revisionOf,
    appVersion: meta.appVersion,
    mainDocument: meta.mainDocument,
    ...(meta.reportType !== undefined ? { reportType: meta.reportType } : {}),
    ...(meta.profileId !== undefined ? { profileId: meta.profileId } : {}),
    files: sorted,
  };
}

/** The distinct blobs of a manifest (a file may appear under several paths), in manifest order. */
export function distinctBlobs(manifest: Manifest): { sha256: string; size: number }[] {
  const seen = new Set<string>();
  const out: { sha256: string; size: number }[] = [];
  for (const f of manifest.files) {
    if (seen.has(f.sha256)) continue;
    seen.add(f.sha256);
    out.push({ sha256: f.sha256, size: f.size });
  }
  return out;
}

/** Reads a stored manifest back (the outbox keeps it as canonical JSON). */
export function parseStoredManifest(text: string): Manifest {
  const value = JSON.parse(text) as Manifest;
  if (value === null || typeof value !== 'object' || value.protocol !== PROTOCOL_VERSION || !Array.isArray(value.files)) {
    throw new BerkasError('OUTBOX_CORRUPT', 'Manifes kiriman di basis data rusak.');
  }
  return value;
}

const HEX = '0123456789abcdef';

/**
 * A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then version 7,
 * 74 random bits and the variant. Ids of packages made later sort later.
 */
export function uuidV7(unixMs: number, random: Uint8Array): string {
  if (!Number.isSafeInteger(unixMs) || unixMs < 0 || unixMs >= 2 ** 48) throw new BerkasError('UUID_TIME', `Waktu ${unixMs} di luar jangkauan UUIDv7.`, { time: unixMs });
  if (random.length < 10) throw new BerkasError('UUID_RANDOM', 'UUIDv7 memerlukan 10 bita acak.');
  const bytes = new Uint8Array(16);
  let t = unixMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let hex = '';
  for (const b of bytes) hex += (HEX[b >> 4] as string) + (HEX[b & 15] as string);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Tahun 2025", "Triwulan II 2025", "Semester I 2025 (as the report calendar writes it)", "Juni 2025", "17 Juni 2025". */
export function periodLabel(period: string): string {
  const m = /^(\d{4})(?:-(?:T([1-4])|S([12])|(\d{2})(?:-(\d{2}))?))?$/.exec(period);
  if (!m) return period;
  const [, year, triwulan, semester, month, day] = m;
  if (triwulan) return `Triwulan ${ROMAN[Number(triwulan) - 1]} ${year}`;
  if (semester) return `Semester ${ROMAN[Number(semester) - 1]} ${year}`;
  if (month && day) return `${Number(day)} ${namaBulan[Number(month) - 1]} ${year}`;
  if (month) return `${namaBulan[Number(month) - 1]} ${year}`;
  return `Tahun ${year}`;
}

/**
 * The payload path of the signed PDF from the officer's file name: plain
 * ASCII letters, digits, dot, dash and underscore (a name every tool and
 * file system keeps as is), always ending in .pdf.
 */
export function mainDocumentPath(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.pdf$/i, '');
  const clean = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `data/${clean || 'dokumen'}.pdf`;
}

/** The file name the app suggests for a flash-drive copy (PROTOCOL.md §2.4). */
export function packageFileName(opd: string, submissionId: string): string {
  return `berkas-${opd}-${submissionId}.zip`;
}
