/**
 * What the hostile-input limits of issue 11 cost on real inputs, each next to
 * a reference measured in the same run, runs interleaved so that the load of
 * the shared machine falls on both alike:
 *  - .xlsx: the real fixtures (an officer's rencana aksi, an asset-system
 *    export) and a 2,000-stage workbook, read by readXlsx (preflight counts,
 *    exceljs with unread sheet parts skipped, cells to text) against the same
 *    read without the preflight, the exceljs load of every part as the reader
 *    did before next to the load that skips what Berkas does not read (the
 *    difference is what skipping saves), and the preflight alone;
 *  - .p12: the real certificate files opened by parsePkcs12 (limits checked,
 *    derivations on the thread pool and in the worker), the checks alone (the
 *    depth walk of the file, the only check that is not a comparison), and the
 *    same open when the worker must first start (the first in a process).
 * Run: npx tsx bench/limits-bench.ts   (or npm run bench -- limits)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { preflightXlsx } from '../core/adapters/rencana-aksi/xlsx-preflight';
import { IGNORED_SHEET_NODES, loadCheckedXlsx, readXlsx } from '../core/adapters/rencana-aksi/xlsx-reader';
import { createTableFiles } from '../core/adapters/rencana-aksi/table-files';
import { parsePkcs12 } from '../core/adapters/signing/pkcs12';
import { stopKdfWorker } from '../core/adapters/signing/pkcs12-kdf';
import { nestingDepth, pkcs12Limits } from '../core/adapters/signing/pkcs12-limits';
import { planToSheets } from '../core/domain/rencana-aksi';
import { syntheticPlan } from './rencana-aksi-bench';
import { median } from './stats';
import type { BenchResult } from './store-bench';

const repo = path.resolve(__dirname, '..');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(repo, 'tests/fixtures', name)));

/** Runs each variant `runs` times, interleaved; the medians of wall time and of this process's CPU time, in ms. */
async function interleaved(runs: number, variants: (() => Promise<unknown>)[]): Promise<{ wall: number; cpu: number }[]> {
  const wall = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, variant] of variants.entries()) {
      const start = performance.now();
      const used = process.cpuUsage();
      await variant();
      const spent = process.cpuUsage(used);
      wall[i]?.push(performance.now() - start);
      cpu[i]?.push((spent.user + spent.system) / 1000);
    }
  }
  return variants.map((_, i) => ({ wall: median(wall[i] ?? []), cpu: median(cpu[i] ?? []) }));
}

async function bareExceljs(bytes: Uint8Array, ignoreNodes: string[] = []): Promise<void> {
  await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as unknown as Parameters<ExcelJS.Xlsx['load']>[0], { ignoreNodes });
}

export async function runLimitsBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const big = await createTableFiles().write(planToSheets(syntheticPlan(2_000), { withSummary: true }), 'xlsx');
  // Warm-up: the first read in a process also loads and compiles exceljs.
  await readXlsx('warm-up.xlsx', fixture('rencana-aksi/prabumulih-excel.xlsx'));
  await bareExceljs(fixture('rencana-aksi/prabumulih-excel.xlsx'));
  const workbooks: [string, Uint8Array, number][] = [
    ['prabumulih-excel.xlsx', fixture('rencana-aksi/prabumulih-excel.xlsx'), 11],
    ['aset-simbada-2026.xlsx', fixture('reports/aset-simbada-2026.xlsx'), 11],
    ['2,000-stage rencana aksi', big, 5],
  ];
  for (const [name, bytes, runs] of workbooks) {
    const [full, unchecked, bare, skipping, pre] = (await interleaved(runs, [
      () => readXlsx(name, bytes),
      () => loadCheckedXlsx(name, bytes),
      () => bareExceljs(bytes),
      () => bareExceljs(bytes, IGNORED_SHEET_NODES),
      () => preflightXlsx(name, bytes),
    ])) as { wall: number; cpu: number }[];
    // CPU time: the machine is shared, and wall time there measures the neighbours as much as the read.
    const label = `${name} (${Math.round(bytes.length / 1024)} KB), CPU, median of ${runs}`;
    results.push({ name: `xlsx: read with the limits (preflight + exceljs + cells to text), ${label}`, value: full?.cpu ?? NaN, unit: 'ms' });
    results.push({ name: `xlsx: reference, the same read without the preflight, ${label}`, value: unchecked?.cpu ?? NaN, unit: 'ms' });
    results.push({ name: `xlsx: reference, exceljs load of every sheet part (as before; no cells read), ${label}`, value: bare?.cpu ?? NaN, unit: 'ms' });
    results.push({ name: `xlsx: exceljs load skipping the parts Berkas does not read (no cells read), ${label}`, value: skipping?.cpu ?? NaN, unit: 'ms' });
    results.push({ name: `xlsx: the preflight alone (all counts and limits), ${label}`, value: pre?.cpu ?? NaN, unit: 'ms' });
  }

  const password = 'rahasia-uji';
  for (const name of ['officer.p12', 'kepala.p12']) {
    const bytes = fixture(`signing/${name}`);
    const walks = 1000;
    const [open, cold, walk] = (await interleaved(9, [
      () => parsePkcs12(bytes, password, name),
      async () => {
        await stopKdfWorker();
        await parsePkcs12(bytes, password, name);
      },
      async () => {
        // The file is walked once whole and twice in parts (AuthenticatedSafe, SafeContents): three whole walks bound it.
        for (let i = 0; i < walks; i++) for (let w = 0; w < 3; w++) nestingDepth(bytes, pkcs12Limits.maxDepth);
      },
    ])) as { wall: number; cpu: number }[];
    results.push({ name: `p12: open ${name} (${bytes.length} bytes) with the limits, derivations off the event loop, wall, median of 9`, value: open?.wall ?? NaN, unit: 'ms' });
    results.push({ name: `p12: the same, first in a process (the derivation worker starts), wall, ${name}`, value: cold?.wall ?? NaN, unit: 'ms' });
    results.push({ name: `p12: of which the limit checks (three depth walks of the file), CPU, ${name}`, value: ((walk?.cpu ?? NaN) / walks) * 1000, unit: 'µs' });
  }
  return results;
}

if (require.main === module) {
  void runLimitsBench().then((rows) => {
    for (const row of rows) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}`);
  });
}
