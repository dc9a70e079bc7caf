/**
 * `npm run bench`: every benchmark of Berkas, one after another (never in
 * parallel: they would measure each other), printed as a Markdown table to
 * paste into BENCHMARKS.md together with the machine line. Not a test: no
 * figure here passes or fails anything.
 *   npm run bench                 all of them
 *   npm run bench -- store ui     only those named
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { BenchResult } from './store-bench';

type Suite = { name: string; load: () => Promise<() => Promise<BenchResult[]>> };

const suites: Suite[] = [
  { name: 'store', load: async () => (await import('./store-bench')).runStoreBench },
  { name: 'ui', load: async () => (await import('./ui-bench')).runUiBench },
  { name: 'rencana-aksi', load: async () => (await import('./rencana-aksi-bench')).runRencanaAksiBench },
  { name: 'signing', load: async () => (await import('./signing-bench')).runSigningBench },
  { name: 'backup', load: async () => (await import('./backup-bench')).runBackupBench },
  { name: 'handover', load: async () => (await import('./handover-bench')).runHandoverBench },
  { name: 'sync', load: async () => (await import('./sync-bench')).runSyncBench },
  { name: 'packaging', load: async () => (await import('./packaging-bench')).runPackagingBench },
  { name: 'reports', load: async () => (await import('./reports-bench')).runReportsBench },
  { name: 'limits', load: async () => (await import('./limits-bench')).runLimitsBench },
  { name: 'intake-limits', load: async () => (await import('./intake-limits-bench')).runIntakeLimitsBench },
  { name: 'console', load: async () => (await import('./console-bench')).runConsoleBench },
  { name: 'cli', load: async () => (await import('./cli-bench')).runCliBench },
];

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let chromium = 'chromium: not found';
  try {
    chromium = execFileSync(process.env.BERKAS_CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Reported as not found.
  }
  return `${os.type()} ${os.release()}, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromium}`;
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(value < 10 ? 2 : 1);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  if (wanted.length && chosen.length !== wanted.length) {
    console.error(`Unknown bench; known: ${suites.map((s) => s.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  console.log(`Machine: ${machine()}`);
  console.log(`Date: ${new Date().toISOString()}\n`);
  console.log('| suite | measure | value | unit |\n|---|---|---:|---|');
  for (const suite of chosen) {
    const run = await suite.load();
    const rows = await run();
    for (const row of rows) console.log(`| ${suite.name} | ${row.name} | ${format(row.value)} | ${row.unit} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
