/**
 * A plan as the sheet an officer would make of it (the Prabumulih layout), which
 * readPlanFromTable reads back to the same plan: key/value rows for the plan's
 * own fields, the header, a title row per kegiatan, the Output cell merged down
 * over its stages, the indikator/KAK columns only when the plan has them, and a
 * Jumlah row. The .xlsx also gets a "Ringkasan" sheet with the totals as numbers.
 */
import {
  CORE_FIELDS,
  EXTRA_FIELDS,
  FIELD_HEADERS,
  FUNDING_SOURCES,
  FUNDING_SOURCE_LABELS,
  type ColumnField,
  type ExtraField,
  type Output,
  type RencanaAksiPlan,
} from './model';
import { analyzePlan } from './analysis';
import type { CellRange, OutCell, OutSheet } from './table';
import { formatRupiah } from './text';
import { namaBulan } from '../format/tanggal';

const INDIKATOR_FIELDS: readonly ExtraField[] = ['indikatorTarget', 'indikatorSatuan'];
const KAK_FIELDS: readonly ExtraField[] = EXTRA_FIELDS.filter((f) => f.startsWith('kak'));

function extraValue(output: Output, field: ExtraField): string {
  switch (field) {
    case 'indikatorTarget':
      return output.indikator?.target ?? '';
    case 'indikatorSatuan':
      return output.indikator?.satuan ?? '';
    case 'mulaiBulan':
      // The month's name, as an officer writes it; January (the default) too, so the column is never half empty.
      return namaBulan[(output.startMonth ?? 1) - 1] ?? '';
    case 'kakLatarBelakang':
      return output.kak?.latarBelakang ?? '';
    case 'kakMaksudTujuan':
      return output.kak?.maksudTujuan ?? '';
    case 'kakSasaran':
      return output.kak?.sasaran ?? '';
    case 'kakKeluaran':
      return output.kak?.keluaran ?? '';
    case 'kakWaktu':
      return output.kak?.waktu ?? '';
    case 'kakBiaya':
      return output.kak?.biaya ?? '';
  }
}

function outputCell(output: Output): string {
  return [output.name, ...(output.subOutputs ?? []).map((s) => `- ${s}`)].join('\n');
}

/** The columns this plan needs: the six of the form, plus indikator, start month and KAK when used. */
export function exportColumns(plan: RencanaAksiPlan): ColumnField[] {
  const outputs = plan.activities.flatMap((a) => a.outputs);
  const columns: ColumnField[] = [...CORE_FIELDS];
  if (outputs.some((o) => o.indikator)) columns.push(...INDIKATOR_FIELDS);
  // Without it a re-import would start every output in January and the schedule would move (issue 15).
  if (outputs.some((o) => o.startMonth !== undefined && o.startMonth > 1)) columns.push('mulaiBulan');
  if (outputs.some((o) => o.kak)) columns.push(...KAK_FIELDS);
  return columns;
}

export interface ExportOptions {
  /** Add the "Ringkasan" sheet (totals per source and per output, as numbers). */
  withSummary: boolean;
}

export function planToSheets(plan: RencanaAksiPlan, options: ExportOptions): OutSheet[] {
  const columns = exportColumns(plan);
  const width = columns.length;
  const blank = (): OutCell[] => Array.from({ length: width }, () => '');
  const rows: OutCell[][] = [];
  const merges: CellRange[] = [];
  const boldRows: number[] = [];

  rows.push(['Judul', plan.title]);
  rows.push(['Kode OPD', plan.opdCode]);
  rows.push(['Tahun', String(plan.year)]);
  if (plan.programCode) rows.push(['Kode Program', plan.programCode]);
  rows.push([]);
  rows.push(columns.map((f) => FIELD_HEADERS[f]));
  const headerRow = rows.length;

  for (const activity of plan.activities) {
    const title = blank();
    title[0] = activity.name;
    rows.push(title);
    boldRows.push(rows.length);
    if (width > 1) merges.push({ top: rows.length, left: 1, bottom: rows.length, right: width });
    for (const output of activity.outputs) {
      const firstRow = rows.length + 1;
      const stageRows = output.stages.length === 0 ? [undefined] : output.stages;
      stageRows.forEach((stage, i) => {
        const row = blank();
        columns.forEach((field, c) => {
          if (field === 'output') row[c] = i === 0 ? outputCell(output) : '';
          else if (field === 'tahap') row[c] = stage?.tahap ?? '';
          else if (field === 'metode') row[c] = stage?.metode ?? '';
          else if (field === 'pelaksana') row[c] = stage?.pelaksana ?? '';
          else if (field === 'durasi') row[c] = stage?.durasi.text ?? '';
          else if (field === 'sumberDaya') row[c] = stage?.sumberDaya.text ?? '';
          else row[c] = i === 0 ? extraValue(output, field) : '';
        });
        rows.push(row);
      });
      // The Output cell merged down over its stages, as officers lay the form out.
      if (rows.length > firstRow) merges.push({ top: firstRow, left: 1, bottom: rows.length, right: 1 });
    }
  }

  const analysis = analyzePlan(plan, { positions: 'editor' });
  const total = blank();
  total[0] = 'Jumlah';
  total[columns.indexOf('sumberDaya')] = formatRupiah(analysis.totals.total);
  rows.push(total);
  boldRows.push(rows.length);

  const widths = columns.map((f) => (f === 'output' || f === 'tahap' ? 40 : f === 'sumberDaya' ? 28 : f.startsWith('kak') ? 50 : f === 'mulaiBulan' ? 14 : 20));
  const main: OutSheet = { name: 'Rencana Aksi', rows, merges, headerRow, boldRows, widths };
  if (!options.withSummary) return [main];

  const t = analysis.totals;
  const summary: OutCell[][] = [['Sumber dana', 'Jumlah (Rp)']];
  for (const source of FUNDING_SOURCES) {
    const amount = t.bySource[source];
    if (amount !== undefined) summary.push([FUNDING_SOURCE_LABELS[source], amount]);
  }
  if (t.unattributed > 0) summary.push(['Tanpa sumber dana', t.unattributed]);
  summary.push(['Total', t.total]);
  const summaryBold = [1, summary.length];
  summary.push([]);
  summary.push(['Kegiatan', 'Output', 'Subtotal (Rp)']);
  summaryBold.push(summary.length);
  for (const o of t.byOutput) summary.push([plan.activities[o.activity]?.name ?? '', o.name, o.subtotal]);
  return [main, { name: 'Ringkasan', rows: summary, merges: [], boldRows: summaryBold, widths: [40, 40, 20] }];
}
