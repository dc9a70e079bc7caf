/**
 * The catalog of other OPDs' activities that Diskominfo distributes, so that an
 * OPD can see before submitting that its kegiatan duplicates another agency's
 * (Pontianak Pasal 9 ayat (2); Banjarmasin Pasal 12 ayat (8) for applications).
 *
 * Distributed as JSON:
 *   {
 *     "format": "berkas-katalog-kegiatan", "version": 1,
 *     "issuedBy": "Diskominfo Kota Prabumulih", "issuedAt": "2025-01-15",
 *     "entries": [
 *       { "opdCode": "DISDIK", "opdName": "Dinas Pendidikan", "year": 2025,
 *         "activity": "Pengembangan SIM Sekolah", "output": "Pengembangan Aplikasi",
 *         "programCode": "2.16.03" }
 *     ]
 *   }
 * or as a CSV/XLSX table with the headers
 *   Kode OPD | Nama OPD | Tahun | Kegiatan | Output | Kode Program
 * (Tahun, Output and Kode Program may be empty or absent).
 */
import { BerkasError } from '../errors';
import type { TableSheet } from './table';
import { cleanCell, columnLetter, comparisonKey, wordsOf } from './text';

export interface CatalogEntry {
  opdCode: string;
  opdName: string;
  /** Budget year; absent means the activity runs every year. */
  year?: number;
  activity: string;
  output?: string;
  programCode?: string;
  /** Title of the accepted rencana aksi the activity is in (the intake server's catalog names it). */
  plan?: string;
}

export interface Catalog {
  issuedBy?: string;
  issuedAt?: string;
  entries: CatalogEntry[];
}

export const CATALOG_FORMAT = 'berkas-katalog-kegiatan';
export const MAX_CATALOG_ENTRIES = 100_000;

export interface CatalogIndex {
  byActivity: Map<string, CatalogEntry[]>;
}

export function buildCatalogIndex(entries: readonly CatalogEntry[]): CatalogIndex {
  const byActivity = new Map<string, CatalogEntry[]>();
  for (const entry of entries) {
    const key = comparisonKey(entry.activity);
    if (!key) continue;
    const list = byActivity.get(key);
    if (list) list.push(entry);
    else byActivity.set(key, [entry]);
  }
  return { byActivity };
}

/** Entries of other OPDs, for the same year (or every year), naming the same activity. */
export function catalogDuplicates(index: CatalogIndex, activity: string, opdCode: string, year: number): CatalogEntry[] {
  const own = opdCode.trim().toLowerCase();
  return (index.byActivity.get(comparisonKey(activity)) ?? []).filter(
    (e) => e.opdCode.trim().toLowerCase() !== own && (e.year === undefined || e.year === year),
  );
}

function fail(fileName: string, where: string, what: string): never {
  throw new BerkasError('CATALOG_INVALID', `Katalog kegiatan ${fileName} tidak sah: ${where}${what}`, { file: fileName });
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return cleanCell(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function yearOf(raw: string, onBad: () => never): number | undefined {
  if (raw === '') return undefined;
  if (!/^\d{4}$/.test(raw)) onBad();
  const year = Number(raw);
  if (year < 2000 || year > 2100) onBad();
  return year;
}

function entryOf(
  fields: { [K in 'opdCode' | 'opdName' | 'year' | 'activity' | 'output' | 'programCode' | 'plan']?: string | undefined },
  complain: (field: string, what: string) => never,
): CatalogEntry {
  const opdCode = fields.opdCode ?? '';
  const activity = fields.activity ?? '';
  if (!opdCode) complain('opdCode', 'kode OPD kosong');
  if (!activity) complain('activity', 'nama kegiatan kosong');
  if (opdCode.length > 32) complain('opdCode', 'kode OPD lebih dari 32 karakter');
  if (activity.length > 500) complain('activity', 'nama kegiatan lebih dari 500 karakter');
  const entry: CatalogEntry = { opdCode, opdName: (fields.opdName ?? '').slice(0, 300), activity };
  const year = yearOf(fields.year ?? '', () => complain('year', `tahun "${fields.year}" bukan tahun 2000–2100`));
  if (year !== undefined) entry.year = year;
  if (fields.output) entry.output = fields.output.slice(0, 500);
  if (fields.programCode) entry.programCode = fields.programCode.slice(0, 64);
  if (fields.plan) entry.plan = fields.plan.slice(0, 300);
  return entry;
}

/** Reads the JSON form; `fileName` names the file in messages. */
export function readCatalogJson(fileName: string, json: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (err) {
    fail(fileName, '', `bukan JSON yang sah (${(err as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(fileName, '', 'isi JSON harus berupa objek.');
  const root = data as Record<string, unknown>;
  if (root.format !== CATALOG_FORMAT) fail(fileName, 'kolom "format" ', `harus "${CATALOG_FORMAT}".`);
  if (root.version !== 1) fail(fileName, 'kolom "version" ', `harus 1 (yang didukung versi ini).`);
  if (!Array.isArray(root.entries)) fail(fileName, 'kolom "entries" ', 'harus berupa daftar.');
  if (root.entries.length > MAX_CATALOG_ENTRIES) {
    fail(fileName, 'kolom "entries" ', `memuat ${root.entries.length} entri; batasnya ${MAX_CATALOG_ENTRIES}.`);
  }
  const entries = root.entries.map((raw: unknown, i: number) => {
    const where = `entri ke-${i + 1}`;
    if (typeof raw !== 'object' || raw === null) fail(fileName, `${where}: `, 'harus berupa objek.');
    const r = raw as Record<string, unknown>;
    return entryOf(
      {
        opdCode: text(r.opdCode),
        opdName: text(r.opdName),
        year: text(r.year),
        activity: text(r.activity),
        output: text(r.output),
        programCode: text(r.programCode),
        plan: text(r.plan),
      },
      (field, what) => fail(fileName, `${where}, kolom "${field}": `, `${what}.`),
    );
  });
  const catalog: Catalog = { entries };
  const issuedBy = text(root.issuedBy);
  const issuedAt = text(root.issuedAt);
  if (issuedBy) catalog.issuedBy = issuedBy.slice(0, 300);
  if (issuedAt) catalog.issuedAt = issuedAt.slice(0, 40);
  return catalog;
}

type CatalogColumn = 'opdCode' | 'opdName' | 'year' | 'activity' | 'output' | 'programCode';

function catalogColumnOf(header: string): CatalogColumn | undefined {
  const w = wordsOf(header);
  if (/^kode (opd|skpd|perangkat daerah)$/.test(w) || w === 'opd code' || w === 'opdcode') return 'opdCode';
  if (/^(nama )?(opd|skpd|perangkat daerah)$/.test(w) || w === 'opd name') return 'opdName';
  if (w === 'tahun' || w === 'tahun anggaran' || w === 'year') return 'year';
  if (w === 'kegiatan' || w === 'nama kegiatan' || w === 'activity') return 'activity';
  if (w === 'output' || w === 'keluaran') return 'output';
  if (w === 'kode program' || w === 'program code' || w === 'programcode') return 'programCode';
  return undefined;
}

/** Reads the table form (first sheet whose header names Kode OPD and Kegiatan). */
export function readCatalogTable(fileName: string, sheets: readonly TableSheet[]): Catalog {
  for (const sheet of sheets) {
    const limit = Math.min(sheet.rows.length, 20);
    for (let r = 0; r < limit; r++) {
      const cells = sheet.rows[r] ?? [];
      const columns = new Map<CatalogColumn, number>();
      cells.forEach((cell, c) => {
        const col = catalogColumnOf(cell);
        if (col && !columns.has(col)) columns.set(col, c);
      });
      if (!columns.has('opdCode') || !columns.has('activity')) continue;
      const entries: CatalogEntry[] = [];
      for (let i = r + 1; i < sheet.rows.length; i++) {
        const row = sheet.rows[i] ?? [];
        if (row.every((cell) => cleanCell(cell) === '')) continue;
        if (entries.length >= MAX_CATALOG_ENTRIES) fail(fileName, `baris ${i + 1}: `, `lebih dari ${MAX_CATALOG_ENTRIES} entri.`);
        const get = (col: CatalogColumn) => {
          const at = columns.get(col);
          return at === undefined ? undefined : cleanCell(row[at] ?? '');
        };
        entries.push(
          entryOf(
            { opdCode: get('opdCode'), opdName: get('opdName'), year: get('year'), activity: get('activity'), output: get('output'), programCode: get('programCode') },
            (field, what) => fail(fileName, `baris ${i + 1}, kolom ${columnLetter((columns.get(field as CatalogColumn) ?? 0) + 1)}: `, `${what}.`),
          ),
        );
      }
      return { entries };
    }
  }
  throw new BerkasError(
    'CATALOG_INVALID',
    `Katalog kegiatan ${fileName} tidak sah: tidak ditemukan baris judul kolom dengan "Kode OPD" dan "Kegiatan" pada 20 baris pertama (kolom A dst.).`,
    { file: fileName },
  );
}
