/**
 * Rencana aksi benchmark (issue 3 item 9): import and validate 10,000 stages
 * from .xlsx and from .csv (read + header/plan mapping + totals and findings),
 * and the keystroke-to-totals cost at 2,000 stages (the pure analysis the
 * editor runs after every edit). Run: npx tsx bench/rencana-aksi-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { createTableFiles } from '../core/adapters/rencana-aksi/table-files';
import { analyzePlan, buildCatalogIndex, planToSheets, readPlanFromTable, type Activity, type RencanaAksiPlan } from '../core/domain/rencana-aksi';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const IMPORT_RUNS = 5;
const ANALYSIS_RUNS = 50;

const DURASI = ['1 Bulan', '2 minggu', '4 Bulan', '1 Hari', '2 Hari, 5 Kali', '1 Hari, 2 Kali', '3 bulan'];
const SUMBER = ['APBD : 10 Juta', 'APBD: Rp 7.500.000', 'APBN : 15 jt', 'APBD Provinsi : 3 Juta', 'Hibah : 25.000.000', 'APBD : 0,25 M', ''];
const PELAKSANA = ['Vendor', 'KOMINFO', 'KOMINFO dan VENDOR', 'Kantor KOMINFO', ''];

/** A plan of `stages` stages, 20 per output, 10 outputs per kegiatan, varied text. */
export function syntheticPlan(stages: number): RencanaAksiPlan {
  const activities: Activity[] = [];
  let n = 0;
  for (let a = 0; n < stages; a++) {
    const activity: Activity = { name: `Kegiatan ${a + 1}: pengembangan sistem informasi ${a % 13}`, outputs: [] };
    for (let o = 0; o < 10 && n < stages; o++) {
      const output: Activity['outputs'][number] = { name: `Output ${a + 1}.${o + 1}`, stages: [] };
      if (o % 3 === 0) output.indikator = { target: String(o + 1), satuan: 'dokumen' };
      for (let s = 0; s < 20 && n < stages; s++, n++) {
        output.stages.push({
          tahap: `Tahap ${n % 1500} penyusunan dokumen dan koordinasi`,
          metode: s % 4 === 0 ? '' : 'Rapat / FGD',
          pelaksana: PELAKSANA[n % PELAKSANA.length] ?? '',
          durasi: { text: DURASI[n % DURASI.length] ?? '' },
          sumberDaya: { text: SUMBER[n % SUMBER.length] ?? '' },
        });
      }
      activity.outputs.push(output);
    }
    activities.push(activity);
  }
  return { id: 'bench', opdCode: 'DPMD', year: 2025, title: `Rencana aksi ${stages} tahap`, activities };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export async function runRencanaAksiBench(): Promise<BenchResult[]> {
  const files = createTableFiles();
  const big = syntheticPlan(10_000);
  const results: BenchResult[] = [];
  const catalog = buildCatalogIndex(Array.from({ length: 2000 }, (_, i) => ({ opdCode: `OPD${i % 40}`, opdName: '', activity: `Kegiatan ${i}: pengembangan sistem informasi ${i % 13}` })));

  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await files.write(planToSheets(big, { withSummary: format === 'xlsx' }), format);
    const times: number[] = [];
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const start = performance.now();
      const table = await files.read(`bench.${format}`, bytes);
      const { plan } = readPlanFromTable(table, { id: 'b', year: 2025 });
      const analysis = analyzePlan(plan, { catalog });
      times.push(performance.now() - start);
      if (analysis.stageCount !== 10_000) throw new Error(`bench: ${analysis.stageCount} tahap terbaca, bukan 10.000`);
    }
    results.push({ name: `rencana aksi: import + validate 10,000 stages from .${format} (${Math.round(bytes.length / 1024)} KB), median of ${IMPORT_RUNS}`, value: median(times), unit: 'ms' });
  }

  const small = syntheticPlan(2_000);
  const times: number[] = [];
  for (let run = 0; run < ANALYSIS_RUNS; run++) {
    // One keystroke: the officer edits one budget cell, the editor recomputes totals and findings.
    const stage = small.activities[run % small.activities.length]?.outputs[0]?.stages[0];
    if (stage) stage.sumberDaya = { text: `APBD : ${run + 1} Juta` };
    const start = performance.now();
    analyzePlan(small, { catalog, positions: 'editor' });
    times.push(performance.now() - start);
  }
  results.push({ name: `rencana aksi: keystroke-to-totals (analyzePlan, 2,000 stages), median of ${ANALYSIS_RUNS}`, value: median(times), unit: 'ms' });
  results.push({ name: `rencana aksi: keystroke-to-totals (analyzePlan, 2,000 stages), max of ${ANALYSIS_RUNS}`, value: Math.max(...times), unit: 'ms' });
  return results;
}

if (require.main === module) {
  runRencanaAksiBench()
    .then((results) => {
      const width = Math.max(...results.map((r) => r.name.length));
      console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(9)}  unit`);
      for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(1).padStart(9)}  ${r.unit}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
