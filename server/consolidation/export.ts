/**
 * Every consolidation table as a sheet, for .xlsx (exceljs, the app's writer)
 * and CSV (the app's writer: formula-injection safe, UTF-8 with BOM). Money
 * stays a number (Rupiah format in .xlsx); years and counts are written as
 * text so no spreadsheet shows them as money. OPD names, plan titles and
 * activity names come from OPDs and are only ever written as text.
 */
import { FUNDING_SOURCES, FUNDING_SOURCE_LABELS } from '../../core/domain/rencana-aksi/model';
import type { OutCell, OutSheet } from '../../core/domain/rencana-aksi/table';
import { writeCsv } from '../../core/adapters/rencana-aksi/csv-writer';
import { writeXlsx } from '../../core/adapters/rencana-aksi/xlsx-writer';
import type { Consolidation } from './consolidate';
import { COMPLIANCE_LABELS } from './compliance';

export const TABLES = ['anggaran', 'total-anggaran', 'duplikasi', 'aplikasi', 'kepatuhan'] as const;
export type TableKey = (typeof TABLES)[number];

export const TABLE_TITLES: Record<TableKey, string> = {
  anggaran: 'Anggaran per OPD',
  'total-anggaran': 'Total anggaran per tahun',
  duplikasi: 'Kegiatan ganda antar OPD',
  aplikasi: 'Katalog aplikasi',
  kepatuhan: 'Kepatuhan laporan',
};

function sheet(name: string, header: string[], rows: OutCell[][], widths?: number[]): OutSheet {
  return { name, rows: [header, ...rows], merges: [], headerRow: 1, ...(widths ? { widths } : {}) };
}

const sourceHeaders = [...FUNDING_SOURCES.map((s) => FUNDING_SOURCE_LABELS[s]), 'Tanpa sumber', 'Jumlah'];

export function sheetOf(c: Consolidation, table: TableKey): OutSheet {
  switch (table) {
    case 'anggaran':
      return sheet(
        'Anggaran per OPD',
        ['Tahun', 'Kode OPD', 'Nama OPD', 'Rencana aksi', ...sourceHeaders, 'Tahap tak terbaca'],
        c.budgets.rows.map((r) => [String(r.year), r.opd, r.opdName, String(r.plans), ...FUNDING_SOURCES.map((s) => r[s]), r.unattributed, r.total, String(r.unreadableStages)]),
        [8, 12, 36, 12, ...sourceHeaders.map(() => 18), 14],
      );
    case 'total-anggaran':
      return sheet(
        'Total anggaran',
        ['Tahun', 'Jumlah OPD', 'Rencana aksi', ...sourceHeaders],
        [
          ...c.budgets.totals.map((t) => [String(t.year), String(t.opds), String(t.plans), ...FUNDING_SOURCES.map((s) => t[s]), t.unattributed, t.total]),
          ['Semua tahun', '', '', ...FUNDING_SOURCES.map((s) => c.budgets.grandTotal[s]), c.budgets.grandTotal.unattributed, c.budgets.grandTotal.total],
        ],
        [12, 12, 12, ...sourceHeaders.map(() => 18)],
      );
    case 'duplikasi':
      return sheet(
        'Kegiatan ganda',
        ['Tahun', 'Kecocokan', 'Kegiatan', 'Kode OPD', 'Nama OPD', 'Rencana aksi', 'Id pengiriman'],
        c.duplicates.flatMap((g) => g.entries.map((e) => [String(g.year), g.match === 'sama' ? 'Sama' : 'Mirip', e.activity, e.opd, e.opdName, e.planTitle, e.submissionId])),
        [8, 10, 40, 12, 30, 36, 38],
      );
    case 'aplikasi':
      return sheet(
        'Katalog aplikasi',
        ['Nama aplikasi', 'Versi', 'Kode OPD', 'Nama OPD', 'OPD pemilik (berita acara)', 'Pengembang', 'Sumber dana', 'Tahun anggaran', 'Dokumen lengkap', 'Kurang', 'Repositori', 'Fungsi sama dengan', 'Id pengiriman'],
        c.applications.map((a) => [
          a.name,
          a.version,
          a.opd,
          a.opdName,
          a.owningOpd,
          a.vendor,
          a.fundingSource,
          a.fundingYear === null ? '' : String(a.fundingYear),
          a.isComplete === null ? 'Tidak diketahui' : a.isComplete ? 'Lengkap' : 'Belum lengkap',
          a.missing.join('; '),
          a.repository,
          a.sameFunction.map((f) => `${f.name} (${f.opd})`).join('; '),
          a.submissionId,
        ]),
        [28, 10, 12, 30, 30, 24, 16, 10, 14, 40, 36, 36, 38],
      );
    case 'kepatuhan': {
      const t = c.compliance;
      return sheet(
        'Kepatuhan laporan',
        ['Kode OPD', 'Nama OPD', 'Laporan', 'Periode', 'Jatuh tempo', 'Keadaan', 'Tanggal masuk', 'Id pengiriman'],
        t ? t.rows.flatMap((r) => r.cells.map((cell) => [r.opd, r.opdName, r.reportName, cell.period, cell.due, COMPLIANCE_LABELS[cell.state], cell.receivedOn ?? '', cell.submissionId ?? ''])) : [],
        [12, 30, 36, 10, 12, 20, 12, 38],
      );
    }
    default:
      throw new Error(`unknown table ${String(table)}`);
  }
}

export function csvOf(c: Consolidation, table: TableKey): Uint8Array {
  return writeCsv(sheetOf(c, table));
}

/** One workbook: one table, or every table on its own sheet. */
export function xlsxOf(c: Consolidation, tables: readonly TableKey[]): Promise<Uint8Array> {
  return writeXlsx(tables.map((t) => sheetOf(c, t)));
}
