/** The Prabumulih worked example as a plan, read by the domain from the fixture (as the import does). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPlanFromTable, type EditorRow, type RencanaAksiPlan, type TableFile } from '../../../../core/domain/rencana-aksi';
import { rowsOf } from '../../../../renderer/src/features/rencana-aksi/plan-edits';

const fixture = path.join(__dirname, '../../../fixtures/rencana-aksi/prabumulih-contoh.tsv');

export function prabumulihPlan(year = 2025): RencanaAksiPlan {
  const rows = readFileSync(fixture, 'utf8').replace(/\n$/, '').split('\n').map((line) => line.split('\t'));
  const table: TableFile = { fileName: 'prabumulih-contoh.tsv', format: 'tsv', sheets: [{ name: 'contoh', rows, merges: [] }] };
  return readPlanFromTable(table, { id: 'contoh', year, opdCode: 'BAPPEDA' }).plan;
}

/** Rows of the example: 1 kegiatan, then the stages (editor rows are 1-based in findings, 0-based here). */
export const R = { activity: 0, arsitektur: 1, sosialisasi: 2, formatData: 3, formatDataAgain: 4, dfd: 5, pelatihan: 12, pelatihanAdmin: 13, review: 17 } as const;

export function row(plan: RencanaAksiPlan, index: number): EditorRow {
  const r = rowsOf(plan)[index];
  if (!r) throw new Error(`no row ${index}`);
  return r;
}

/** Each output's name followed by its stages' tahap, to compare a plan's shape after an edit. */
export function tahaps(plan: RencanaAksiPlan): string[][] {
  return plan.activities.flatMap((a) => a.outputs.map((o) => [o.name, ...o.stages.map((s) => s.tahap)]));
}
