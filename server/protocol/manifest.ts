/**
 * The submission manifest (PROTOCOL.md §3): validation of what a client sends
 * (untrusted JSON), its hash, and its derivation from a bag's bag-info.txt
 * (§2.3) so the online path and the flash-drive path agree byte for byte.
 */
import { findPackagePathTwin, packagePathProblem } from '../../core/domain/files/package-path';
import { tagValue } from '../../core/domain/handover/bagit';
import { sha256Hex } from './canonical-json';
import { IntakeError } from './errors';
import { isOpdCode, isSha256, isSubmissionId } from './ids';
import {
  BAG_INFO_FIELDS,
  canonicalJson,
  PERIOD_PATTERN,
  PROTOCOL_VERSION,
  SUBMISSION_TYPES,
  sortedManifest,
  type Manifest,
  type ManifestFile,
  type SubmissionType,
} from '../../core/domain/outbox/manifest';

// One definition of the wire format for the app and the server (core/domain/outbox/manifest.ts).
export { BAG_INFO_FIELDS, PROTOCOL_VERSION, SUBMISSION_TYPES, sortedManifest, type Manifest, type ManifestFile, type SubmissionType };

export const LIMITS = {
  maxFiles: 20_000,
  minFiles: 3,
  maxPathBytes: 1024,
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
  maxChunkBytes: 1024 * 1024,
  maxManifestBodyBytes: 8 * 1024 * 1024,
  maxSmallBodyBytes: 64 * 1024,
  maxShortText: 64,
} as const;

export const PERIOD = PERIOD_PATTERN;
const APP_VERSION = /^[0-9A-Za-z.+_-]{1,64}$/;
const SHORT_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const REQUIRED_TAG_FILES = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'];
const KNOWN_KEYS = new Set(['protocol', 'submissionId', 'type', 'opd', 'period', 'revisionOf', 'appVersion', 'mainDocument', 'reportType', 'profileId', 'files']);

function invalid(field: string, message: string, rule?: string): never {
  throw new IntakeError('MANIFEST_INVALID', `Manifes tidak sah: ${message}`, { details: rule === undefined ? { field } : { field, rule } });
}

export function manifestSha256(manifest: Manifest): string {
  return sha256Hex(canonicalJson(sortedManifest(manifest)));
}

export function totalBytes(manifest: Manifest): number {
  return manifest.files.reduce((sum, f) => sum + f.size, 0);
}

/** Distinct blobs of a manifest with their sizes. */
export function blobsOf(manifest: Manifest): Map<string, number> {
  const blobs = new Map<string, number>();
  for (const f of manifest.files) blobs.set(f.sha256, f.size);
  return blobs;
}

function text(value: unknown, field: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) invalid(field, `kolom "${field}" ${what} (diterima: ${shown(value)}).`);
  return value;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === undefined) return 'tidak ada';
  return typeof value === 'object' ? (value === null ? 'null' : Array.isArray(value) ? 'daftar' : 'objek') : String(value);
}

/** Checks untrusted JSON against §3; throws MANIFEST_INVALID naming the field. */
export function parseManifest(raw: unknown): Manifest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) invalid('manifest', 'kolom "manifest" harus berupa objek JSON.');
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) if (!KNOWN_KEYS.has(key)) invalid(key, `kolom "${key}" tidak dikenal pada protokol versi ${PROTOCOL_VERSION}.`);
  if (m.protocol !== PROTOCOL_VERSION) invalid('protocol', `kolom "protocol" harus ${PROTOCOL_VERSION} (diterima: ${shown(m.protocol)}).`);
  if (!isSubmissionId(m.submissionId)) invalid('submissionId', `kolom "submissionId" harus UUIDv7 (huruf kecil) atau ULID (diterima: ${shown(m.submissionId)}).`);
  if (typeof m.type !== 'string' || !(SUBMISSION_TYPES as readonly string[]).includes(m.type)) {
    invalid('type', `kolom "type" harus salah satu dari ${SUBMISSION_TYPES.join(', ')} (diterima: ${shown(m.type)}).`);
  }
  if (!isOpdCode(m.opd)) invalid('opd', `kolom "opd" harus kode OPD huruf besar, angka, titik, garis bawah atau tanda hubung, paling banyak 32 karakter (diterima: ${shown(m.opd)}).`);
  const period = text(m.period, 'period', PERIOD, 'harus berbentuk YYYY, YYYY-T1…T4, YYYY-S1/S2, YYYY-MM atau YYYY-MM-DD');
  if (m.revisionOf !== null && !isSubmissionId(m.revisionOf)) invalid('revisionOf', `kolom "revisionOf" harus null atau id pengiriman (UUIDv7/ULID) (diterima: ${shown(m.revisionOf)}).`);
  if (m.revisionOf === m.submissionId) invalid('revisionOf', 'kolom "revisionOf" tidak boleh sama dengan "submissionId".');
  const appVersion = text(m.appVersion, 'appVersion', APP_VERSION, 'harus berupa versi aplikasi, 1–64 karakter');
  if (m.reportType !== undefined) text(m.reportType, 'reportType', SHORT_KEY, 'harus kunci jenis laporan huruf kecil, 1–64 karakter');
  if (m.profileId !== undefined) text(m.profileId, 'profileId', SHORT_KEY, 'harus id profil huruf kecil, 1–64 karakter');

  if (!Array.isArray(m.files)) invalid('files', 'kolom "files" harus berupa daftar.');
  if (m.files.length < LIMITS.minFiles || m.files.length > LIMITS.maxFiles) {
    invalid('files', `kolom "files" memuat ${m.files.length} berkas; harus ${LIMITS.minFiles}–${LIMITS.maxFiles}.`);
  }
  const files: ManifestFile[] = [];
  const paths = new Set<string>();
  const sizeOfBlob = new Map<string, number>();
  let total = 0;
  m.files.forEach((rawFile: unknown, i: number) => {
    const where = `files[${i}]`;
    if (typeof rawFile !== 'object' || rawFile === null || Array.isArray(rawFile)) invalid(where, `${where} harus berupa objek {path, sha256, size}.`);
    const f = rawFile as Record<string, unknown>;
    for (const key of Object.keys(f)) if (key !== 'path' && key !== 'sha256' && key !== 'size') invalid(`${where}.${key}`, `${where}: kolom "${key}" tidak dikenal.`);
    if (typeof f.path !== 'string' || f.path === '') invalid(`${where}.path`, `${where}.path harus berupa teks tidak kosong.`);
    const p = f.path;
    if (Buffer.byteLength(p, 'utf8') > LIMITS.maxPathBytes) invalid(`${where}.path`, `jalur ${shown(p)} lebih dari ${LIMITS.maxPathBytes} bita.`);
    // The package name policy every reader of a package applies (core/domain/files/package-path.ts).
    const problem = packagePathProblem(p);
    if (problem) invalid(`${where}.path`, `jalur ${shown(p)} ${problem.message}.`, problem.rule);
    if (paths.has(p)) invalid(`${where}.path`, `jalur ${shown(p)} tercantum dua kali.`);
    paths.add(p);
    if (!isSha256(f.sha256)) invalid(`${where}.sha256`, `${where}.sha256 untuk ${shown(p)} harus 64 karakter heksadesimal huruf kecil.`);
    if (typeof f.size !== 'number' || !Number.isSafeInteger(f.size) || f.size < 0 || f.size > LIMITS.maxFileBytes) {
      invalid(`${where}.size`, `${where}.size untuk ${shown(p)} harus bilangan bulat 0–${LIMITS.maxFileBytes}.`);
    }
    const known = sizeOfBlob.get(f.sha256);
    if (known !== undefined && known !== f.size) invalid(`${where}.size`, `${shown(p)}: SHA-256 yang sama tercantum dengan ukuran berbeda (${known} dan ${f.size} bita).`);
    sizeOfBlob.set(f.sha256, f.size);
    total += f.size;
    files.push({ path: p, sha256: f.sha256, size: f.size });
  });
  if (total > LIMITS.maxTotalBytes) invalid('files', `jumlah ukuran berkas ${total} bita melebihi batas ${LIMITS.maxTotalBytes} bita.`);
  const twin = findPackagePathTwin(files.map((f) => f.path));
  if (twin) invalid('files', `${twin.message}.`, twin.rule);
  for (const tag of REQUIRED_TAG_FILES) if (!paths.has(tag)) invalid('files', `berkas ${tag} wajib ada di akar bag.`);
  if (typeof m.mainDocument !== 'string' || !paths.has(m.mainDocument) || !m.mainDocument.startsWith('data/') || !/\.pdf$/i.test(m.mainDocument)) {
    invalid('mainDocument', `kolom "mainDocument" harus jalur PDF di bawah data/ yang tercantum di "files" (diterima: ${shown(m.mainDocument)}).`);
  }

  const manifest: Manifest = {
    protocol: 1,
    submissionId: m.submissionId,
    type: m.type as SubmissionType,
    opd: m.opd,
    period,
    revisionOf: m.revisionOf,
    appVersion,
    mainDocument: m.mainDocument,
    files,
  };
  if (m.reportType !== undefined) manifest.reportType = m.reportType as string;
  if (m.profileId !== undefined) manifest.profileId = m.profileId as string;
  return manifest;
}

/** The manifest fields bag-info.txt declares (§2.1), as the manifest would carry them. */
export function metadataFromBagInfo(bagInfo: readonly [string, string][]): Omit<Manifest, 'files' | 'protocol'> & { missing: string[] } {
  const get = (label: string) => tagValue(bagInfo, label);
  const missing: string[] = [];
  const need = (label: string) => {
    const value = get(label);
    if (value === undefined || value === '') missing.push(label);
    return value ?? '';
  };
  const meta: Omit<Manifest, 'files' | 'protocol'> & { missing: string[] } = {
    submissionId: need(BAG_INFO_FIELDS.submissionId),
    type: need(BAG_INFO_FIELDS.type) as SubmissionType,
    opd: need(BAG_INFO_FIELDS.opd),
    period: need(BAG_INFO_FIELDS.period),
    revisionOf: get(BAG_INFO_FIELDS.revisionOf) || null,
    appVersion: need(BAG_INFO_FIELDS.appVersion),
    mainDocument: need(BAG_INFO_FIELDS.mainDocument),
    missing,
  };
  const reportType = get(BAG_INFO_FIELDS.reportType);
  const profileId = get(BAG_INFO_FIELDS.profileId);
  if (reportType) meta.reportType = reportType;
  if (profileId) meta.profileId = profileId;
  return meta;
}

/** The first manifest field that bag-info.txt contradicts, or null. */
export function metadataMismatch(manifest: Manifest, bagInfo: readonly [string, string][]): { field: string; label: string; expected: string; found: string } | null {
  const meta = metadataFromBagInfo(bagInfo);
  for (const key of Object.keys(BAG_INFO_FIELDS) as (keyof typeof BAG_INFO_FIELDS)[]) {
    const expected = manifest[key] ?? '';
    const found = meta[key] ?? '';
    if (expected !== found) return { field: key, label: BAG_INFO_FIELDS[key], expected: String(expected), found: String(found) };
  }
  return null;
}

export { canonicalJson };
