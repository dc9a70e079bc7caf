/**
 * Signing benchmark (issue 4 item 9): render a 40-page rencana aksi as
 * PDF/A-2b and sign it (PAdES B-B, RSA 2048), then add a second signature
 * as an incremental update. Each run is a fresh child process so its peak
 * RSS is the work's own, not that of whatever ran before in the bench runner.
 * Run: npx tsx bench/signing-bench.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './stats';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const RUNS = 3;
/** Stages that make the document 40 pages (checked: the page count is part of the result name). */
const STAGES = 310;
const repo = path.resolve(__dirname, '..');

interface Measurement {
  pages: number;
  renderSignMs: number;
  secondSignatureMs: number;
  verifyMs: number;
  changeAnalysisMs: number;
  pdfsigMs: number;
  peakRssMb: number;
  bytes: number;
}

async function measure(): Promise<Measurement> {
  const { analyzePlan } = await import('../core/domain/rencana-aksi');
  const { createDocumentRenderer } = await import('../core/adapters/pdf/document-renderer');
  const { createSigningEngine } = await import('../core/adapters/signing/signing-engine');
  const { syntheticSigningPlan } = await import('./signing-bench-plan');
  const assetsDir = path.join(repo, 'assets');
  const engine = createSigningEngine({ assetsDir });
  const renderer = createDocumentRenderer(assetsDir);
  const p12 = (name: string) => new Uint8Array(readFileSync(path.join(repo, 'tests/fixtures/signing', name)));
  const officer = await engine.openP12(p12('officer.p12'), 'rahasia-uji', 'officer.p12');
  const kepala = await engine.openP12(p12('kepala.p12'), 'rahasia-uji', 'kepala.p12');
  const plan = syntheticSigningPlan(STAGES);

  const start = performance.now();
  const totals = analyzePlan(plan).totals;
  const now = new Date();
  const rendered = await renderer.renderRencanaAksi({
    documentId: plan.id,
    nomor: 'RA-BENCH',
    plan,
    totals,
    government: 'Pemerintah Kota Pontianak',
    city: 'Pontianak',
    documentName: 'Rencana Aksi Pelaksanaan SPBE',
    opdName: 'Dinas Pendidikan Kota Pontianak',
    opdCode: 'DISDIK',
    preparer: { caption: 'Disusun oleh,', jabatan: 'Kepala Bidang Perencanaan', name: 'Budi Santoso', nip: '198703122010011002' },
    approver: { caption: 'Menyetujui,', jabatan: 'Kepala Dinas Pendidikan', name: 'Siti Aminah', nip: '197805142003122001' },
    date: now,
    offsetMinutes: 420,
    appVersion: 'bench',
    regionId: 'pontianak',
  });
  const options = { fileName: 'bench.pdf', isCertified: true, reason: 'Penyusun', certify: true, signedAt: now, offsetMinutes: 420 } as const;
  const first = await engine.signPdf(rendered.pdf, officer, { ...options, role: 'penyusun' });
  const renderSignMs = performance.now() - start;
  const secondStart = performance.now();
  const second = await engine.signPdf(first.pdf, kepala, { ...options, role: null, reason: 'Menyetujui', certify: false });
  const secondSignatureMs = performance.now() - secondStart;

  // Verification of the twice-signed file, with the analysis of what changed after the first signature (issue 11),
  // and that analysis alone; pdfsig on the same bytes is the reference (it checks digests and CMS, no change analysis).
  const { verifyPdf } = await import('../core/adapters/signing/pdf-verifier');
  const { changesAfterSignature, readLayout } = await import('../core/adapters/signing/pdf-changes');
  const verifyStart = performance.now();
  const report = await verifyPdf({ pdf: second.pdf, fileName: 'bench.pdf', trustRoots: [], now });
  const verifyMs = performance.now() - verifyStart;
  if (report.integrity !== 'utuh' || report.signatures.length !== 2) throw new Error(`bench PDF judged ${report.integrity}`);
  const analysisStart = performance.now();
  changesAfterSignature(second.pdf, first.pdf.length, readLayout(second.pdf));
  const changeAnalysisMs = performance.now() - analysisStart;
  const file = path.join(os.tmpdir(), `berkas-bench-${process.pid}.pdf`);
  writeFileSync(file, second.pdf);
  const pdfsigStart = performance.now();
  const pdfsig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  const pdfsigMs = performance.now() - pdfsigStart;
  rmSync(file, { force: true });
  if (pdfsig.status !== 0) throw new Error(`pdfsig: ${pdfsig.stderr}`);
  return { pages: rendered.pages, renderSignMs, secondSignatureMs, verifyMs, changeAnalysisMs, pdfsigMs, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: second.pdf.length };
}

export async function runSigningBench(): Promise<BenchResult[]> {
  const runs: Measurement[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(path.join(repo, 'node_modules/.bin/tsx'), [__filename, '--measure'], { encoding: 'utf8', cwd: repo });
    if (child.status !== 0) throw new Error(`signing bench child failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Measurement);
  }
  const pages = runs[0]?.pages ?? 0;
  const kb = Math.round((runs[0]?.bytes ?? 0) / 1024);
  return [
    { name: `signing: render PDF/A + sign (PAdES B-B) a ${pages}-page rencana aksi (${STAGES} stages), wall time, median of ${RUNS}`, value: median(runs.map((r) => r.renderSignMs)), unit: 'ms' },
    { name: `signing: second signature (incremental update) on the ${pages}-page PDF (${kb} KB), median of ${RUNS}`, value: median(runs.map((r) => r.secondSignatureMs)), unit: 'ms' },
    { name: `signing: verify the twice-signed ${pages}-page PDF (digests, CMS, chain, changes after each signature), median of ${RUNS}`, value: median(runs.map((r) => r.verifyMs)), unit: 'ms' },
    { name: `signing: of which the analysis of changes after the first signature, median of ${RUNS}`, value: median(runs.map((r) => r.changeAnalysisMs)), unit: 'ms' },
    { name: `signing: reference: pdfsig on the same file (process included), median of ${RUNS}`, value: median(runs.map((r) => r.pdfsigMs)), unit: 'ms' },
    { name: `signing: peak RSS of the process rendering and signing the ${pages}-page rencana aksi, max of ${RUNS}`, value: Math.max(...runs.map((r) => r.peakRssMb)), unit: 'MB' },
  ];
}

if (require.main === module) {
  if (process.argv.includes('--measure')) {
    measure().then(
      (m) => process.stdout.write(`${JSON.stringify(m)}\n`),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else {
    runSigningBench()
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
}
