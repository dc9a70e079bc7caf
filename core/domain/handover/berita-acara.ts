/**
 * What the berita acara serah terima says (issue 5 item 4) and what data.json
 * holds: the application, every checklist item with its article, and every
 * file with its size and SHA-256. Built here, pure, so the PDF, data.json and
 * the manifest are three views of one list and cannot disagree.
 */
import type { RegionProfile } from '../profiles/profile';
import type { Settings } from '../settings/settings';
import { applicationFields, type ApplicationRecord } from './application';
import { payloadPathOf, type HandoverBundle } from './bundle';

export interface BeritaAcaraFile {
  /** Payload path in the bag: "data/kode-sumber/app/index.php". */
  path: string;
  size: number;
  sha256: string;
}

export interface BeritaAcaraItem {
  key: string;
  label: string;
  article: string;
  isRequired: boolean;
  files: BeritaAcaraFile[];
}

export interface BeritaAcaraInput {
  bundleId: string;
  /** Document number printed under the title. */
  nomor: string;
  date: Date;
  /** Minutes east of UTC of the officer's clock (WIB 420). */
  offsetMinutes: number;
  regionId: string;
  government: string;
  city: string;
  opdName: string;
  opdCode: string;
  ictOffice: string;
  /** "Perbup Jember No. 63/2017" and the handover article. */
  regulation: string;
  article: string;
  basis?: string;
  officer: { name: string; nip: string; jabatan: string };
  application: { label: string; value: string }[];
  items: BeritaAcaraItem[];
  totals: { files: number; bytes: number };
  /** SHA-256 of data/data.json, printed so the signed PDF vouches for the file list it carries. */
  dataJsonSha256: string;
  appVersion: string;
}

/** "BAST-2025-1A2B3C4D" (berita acara serah terima) when the officer gives no number. */
export function defaultHandoverNomor(bundleId: string, year: number): string {
  return `BAST-${year}-${bundleId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase()}`;
}

function applicationValue(record: ApplicationRecord, key: keyof ApplicationRecord): string {
  const value = record[key];
  if (key === 'fundingYear') return value ? String(value) : '-';
  return String(value).trim() || '-';
}

/** The items in the region's order with the payload paths of their files; items the region does not list are left out. */
export function itemsForPackage(profile: RegionProfile, bundle: HandoverBundle): BeritaAcaraItem[] {
  return profile.handover.items.map((item) => ({
    key: item.key,
    label: item.label,
    article: item.article,
    isRequired: item.isRequired,
    files: (bundle.items[item.key] ?? []).flatMap((a) => a.files.map((f) => ({ path: payloadPathOf(item.key, f), size: f.size, sha256: f.sha256 }))),
  }));
}

export interface HandoverDataJson {
  format: 'berkas/serah-terima-aplikasi';
  version: 1;
  bundleId: string;
  revision: number;
  /** SHA-256 of the package this one corrects, when it is a later revision. */
  replaces: string | null;
  createdAt: string;
  region: { id: string; name: string; regulation: string; article: string };
  opd: { name: string; code: string };
  officer: { name: string; nip: string; jabatan: string };
  application: ApplicationRecord;
  items: BeritaAcaraItem[];
}

export function buildDataJson(input: {
  profile: RegionProfile;
  bundle: HandoverBundle;
  settings: Settings;
  createdAt: Date;
}): HandoverDataJson {
  const { profile, bundle, settings } = input;
  const last = bundle.packages[bundle.packages.length - 1];
  return {
    format: 'berkas/serah-terima-aplikasi',
    version: 1,
    bundleId: bundle.id,
    revision: bundle.packages.length + 1,
    replaces: last ? last.sha256 : null,
    createdAt: input.createdAt.toISOString(),
    region: { id: profile.id, name: profile.name, regulation: profile.regulation.shortTitle, article: profile.handover.article },
    opd: { name: settings.opd.name, code: settings.opd.code },
    officer: { name: settings.officer.name, nip: settings.officer.nip, jabatan: settings.officer.jabatan },
    application: bundle.application,
    items: itemsForPackage(profile, bundle),
  };
}

export function buildBeritaAcara(input: {
  profile: RegionProfile;
  bundle: HandoverBundle;
  settings: Settings;
  date: Date;
  offsetMinutes: number;
  nomor?: string;
  dataJsonSha256: string;
  appVersion: string;
}): BeritaAcaraInput {
  const { profile, bundle, settings } = input;
  const items = itemsForPackage(profile, bundle);
  const files = items.flatMap((i) => i.files);
  return {
    bundleId: bundle.id,
    nomor: input.nomor?.trim() || defaultHandoverNomor(bundle.id, input.date.getFullYear()),
    date: input.date,
    offsetMinutes: input.offsetMinutes,
    regionId: profile.id,
    government: profile.terms.government,
    city: profile.terms.city,
    opdName: settings.opd.name,
    opdCode: settings.opd.code,
    ictOffice: profile.terms.ictOffice,
    regulation: profile.regulation.shortTitle,
    article: profile.handover.article,
    ...(profile.handover.basis ? { basis: profile.handover.basis } : {}),
    officer: { name: settings.officer.name, nip: settings.officer.nip, jabatan: settings.officer.jabatan },
    application: applicationFields.map((f) => ({ label: f.label, value: applicationValue(bundle.application, f.key) })),
    items,
    totals: { files: files.length, bytes: files.reduce((s, f) => s + f.size, 0) },
    dataJsonSha256: input.dataJsonSha256,
    appVersion: input.appVersion,
  };
}
