/** The Prabumulih worked example as a plan, read by the domain from the fixture (as the import does). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readPlanFromTable, type RencanaAksiPlan, type TableFile } from '../../../../core/domain/rencana-aksi';

const fixture = path.join(__dirname, '../../../fixtures/rencana-aksi/prabumulih-contoh.tsv');

export function prabumulihPlan(year = 2025): RencanaAksiPlan {
  const rows = readFileSync(fixture, 'utf8').replace(/\n$/, '').split('\n').map((line) => line.split('\t'));
  const table: TableFile = { fileName: 'prabumulih-contoh.tsv', format: 'tsv', sheets: [{ name: 'contoh', rows, merges: [] }] };
  return readPlanFromTable(table, { id: 'contoh', year, opdCode: 'BAPPEDA' }).plan;
}
