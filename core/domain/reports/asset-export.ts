/**
 * The asset register as sheets for .xlsx: title rows, the header the import
 * recognises (so an exported register imports back unchanged), one row per
 * device with the condition written out, and a summary sheet.
 */
import type { OutSheet } from '../rencana-aksi/table';
import { ASSET_COLUMNS } from './definitions';
import { categoryCounts, conditionCounts } from './assets';
import { displayValue } from './validate';
import type { TableRow } from './values';

export interface AssetExportMeta {
  opdName: string;
  opdCode: string;
  government: string;
  typeName: string;
  periodLabel: string;
}

export function assetsToSheets(rows: readonly TableRow[], meta: AssetExportMeta): OutSheet[] {
  const title = [meta.typeName.toUpperCase()];
  const headerRow = 5;
  const out: OutSheet['rows'] = [
    title,
    [`${meta.government} — ${meta.opdName}${meta.opdCode ? ` (${meta.opdCode})` : ''}`],
    [`Periode: ${meta.periodLabel}`],
    [],
    ['No', ...ASSET_COLUMNS.map((c) => c.label)],
  ];
  rows.forEach((r, i) => {
    out.push([i + 1, ...ASSET_COLUMNS.map((c) => displayValue(c, r.cells[c.key] ?? ''))]);
  });
  const summary: OutSheet['rows'] = [['Kondisi', 'Jumlah']];
  for (const c of conditionCounts(rows)) summary.push([c.label, c.count]);
  summary.push(['Jumlah perangkat', rows.length], [], ['Kategori', 'Jumlah']);
  for (const c of categoryCounts(rows, 50)) summary.push([c.label, c.count]);
  return [
    {
      name: 'Inventaris TIK',
      rows: out,
      merges: [],
      headerRow,
      boldRows: [1],
      widths: [6, 22, 10, 20, 28, 20, 10, 14, 24, 24, 24],
    },
    { name: 'Ringkasan', rows: summary, merges: [], headerRow: 1, widths: [28, 12] },
  ];
}
