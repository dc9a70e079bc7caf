/**
 * The Diskominfo console with 50 OPDs × 5 years of submissions (10,000 rows:
 * per OPD and year a plan and its accepted revision, four quarterly reports,
 * a handover bundle and 33 incident reports), on the embedded store and, when
 * DATABASE_URL is set, on PostgreSQL. Rows go straight into the store (the
 * commit path's PDF checks are benchmarked elsewhere); facts are read by the
 * same factsOf as at commit. Measured through HTTP with a logged-in reviewer:
 *  - time to first byte of the list: first page, the page past row 10,000
 *    (keyset), a filtered page, a search, title order;
 *  - reference in the same run: the same deep page read with OFFSET 9,950;
 *  - time to first byte of the consolidation page per year (cold: computed)
 *    and again (cached), and the process's resident memory around it.
 * Run: npx tsx bench/console-bench.ts   (or npm run bench -- console)
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadProfiles } from '../core/adapters/profile-loader';
import { startIntakeServer, type RunningServer } from '../server/intake-server';
import { openSqljsRunner } from '../server/store/sqljs-runner';
import { openPostgresRunner } from '../server/store/postgres-runner';
import type { SqlParam, SqlRunner } from '../server/store/sql-runner';
import { factsOf, titleOf } from '../server/consolidation/facts';
import { runAdminVerb } from '../server/admin';
import { median } from './stats';
import type { BenchResult } from './store-bench';

const repo = path.resolve(__dirname, '..');
const OPDS = 50;
const YEARS = [2021, 2022, 2023, 2024, 2025];
const PASSWORD = 'kata-sandi-bench-konsol';
const VOCAB = ['Pengembangan SIM Sekolah', 'Portal Satu Data', 'Aplikasi Puskesmas Keliling', 'Pelatihan Operator', 'Jaringan Intranet Kantor', 'Sistem Arsip Elektronik', 'Dashboard Eksekutif', 'Layanan Perizinan Daring', 'Pengadaan Server', 'Keamanan Informasi', 'Aplikasi Kepegawaian', 'Sistem Informasi Keuangan'];

function uuidv7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = ((b[6] as number) & 0x0f) | 0x70;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const COLUMNS = [
  'id', 'opd', 'type', 'period', 'revision_of', 'app_version', 'main_document', 'report_type', 'profile_id', 'manifest_sha256', 'manifest_json', 'state', 'source', 'total_bytes', 'file_count',
  'created_at', 'committed_at', 'receipt_json', 'signatures_json', 'review_status', 'review_note', 'review_decided_at', 'review_by', 'last_error_json', 'updated_at', 'signer_check_json',
  'title', 'facts_json', 'search_text', 'replaced_by', 'trust',
];

interface Row {
  id: string;
  opd: string;
  type: string;
  period: string;
  revisionOf: string | null;
  reportType: string | null;
  at: number;
  status: string;
  replacedBy: string | null;
  data: unknown;
}

/** 10,000 committed submissions, generated deterministically enough for the figures to mean the same each run. */
function generate(): { opds: [string, string][]; rows: Row[] } {
  const opds: [string, string][] = Array.from({ length: OPDS }, (_, i) => [`OPD${String(i + 1).padStart(2, '0')}`, `Dinas Uji ${String(i + 1).padStart(2, '0')}`]);
  const rows: Row[] = [];
  opds.forEach(([code], o) => {
    for (const year of YEARS) {
      const day = (m: number, d: number, h = o % 20) => Date.UTC(year, m - 1, d, h, o % 60);
      const activities = Array.from({ length: 8 }, (_, i) => ({
        name: VOCAB[(o * 5 + i * 7) % VOCAB.length] as string,
        outputs: [{ name: 'Keluaran', stages: [{ tahap: 'Pelaksanaan', metode: 'FGD', pelaksana: 'Vendor', durasi: { text: '1 Bulan' }, sumberDaya: { text: `${['APBD', 'APBN', 'HIBAH'][i % 3]} : ${(i + 1) * 5} Juta` } }] }],
      }));
      const plan = (title: string) => ({ format: 'berkas-rencana-aksi', version: 1, plan: { year, title, activities } });
      const first = uuidv7(day(1, 20));
      const revision = uuidv7(day(2, 10));
      rows.push({ id: first, opd: code, type: 'rencana-aksi', period: String(year), revisionOf: null, reportType: null, at: day(1, 20), status: 'diterima', replacedBy: revision, data: plan(`Rencana Aksi ${code} ${year}`) });
      rows.push({ id: revision, opd: code, type: 'rencana-aksi', period: String(year), revisionOf: first, reportType: null, at: day(2, 10), status: 'diterima', replacedBy: null, data: plan(`Rencana Aksi ${code} ${year} (revisi)`) });
      [4, 7, 10, 13].forEach((month, q) => {
        const at = Date.UTC(month > 12 ? year + 1 : year, (month - 1) % 12, 5 + ((o + q) % 20));
        rows.push({ id: uuidv7(at), opd: code, type: 'laporan', period: `${year}-T${q + 1}`, revisionOf: null, reportType: 'laporan-egov', at, status: 'diterima', replacedBy: null, data: null });
      });
      const app = { name: `${VOCAB[o % VOCAB.length]} ${code}`, version: `${year - 2020}.0`, purpose: VOCAB[o % VOCAB.length], owningOpd: code, vendor: 'CV Bench', fundingSource: 'APBD', fundingYear: year, repository: '' };
      rows.push({ id: uuidv7(day(6, 1)), opd: code, type: 'serah-terima', period: String(year), revisionOf: null, reportType: null, at: day(6, 1), status: 'diterima', replacedBy: null, data: { application: app, items: [] } });
      for (let i = 0; i < 33; i++) {
        const at = day(1 + (i % 12), 1 + (i % 27), i % 24);
        const date = new Date(at).toISOString().slice(0, 10);
        rows.push({ id: uuidv7(at), opd: code, type: 'laporan', period: date, revisionOf: null, reportType: 'insiden', at, status: i % 3 === 0 ? 'menunggu' : 'diterima', replacedBy: null, data: null });
      }
    }
  });
  return { opds, rows };
}

async function fill(runner: SqlRunner, opds: [string, string][], rows: Row[]): Promise<void> {
  const profiles = (await loadProfiles(path.join(repo, 'assets', 'profiles'))).list();
  await runner.tx(async (tx) => {
    for (const [code, name] of opds) await tx.run('INSERT INTO opds (code, name, created_at) VALUES (?, ?, ?)', [code, name, '2020-01-01T00:00:00.000Z']);
  });
  const manifest = (r: Row) => JSON.stringify({ protocol: 1, submissionId: r.id, type: r.type, opd: r.opd, period: r.period, revisionOf: r.revisionOf, appVersion: '0.1.0', mainDocument: 'data/dokumen.pdf', files: [] });
  for (let i = 0; i < rows.length; i += 250) {
    const part = rows.slice(i, i + 250).map((r): SqlParam[] => {
      const at = new Date(r.at).toISOString();
      const facts = factsOf({ type: r.type, period: r.period, reportType: r.reportType, profileId: 'prabumulih', paths: new Set(), profiles, dataJson: r.data ? Buffer.from(JSON.stringify(r.data)) : null });
      const title = titleOf(facts);
      return [
        r.id, r.opd, r.type, r.period, r.revisionOf, '0.1.0', 'data/dokumen.pdf', r.reportType, 'prabumulih', 'f'.repeat(64), manifest(r), 'committed', 'online', 1000, 4,
        at, at, null, '[]', r.status, null, r.status === 'menunggu' ? null : at, r.status === 'menunggu' ? null : 'bench', null, at, JSON.stringify({ verdict: 'belum-pasti', opd: r.opd, opdName: r.opd, signers: [] }),
        title, JSON.stringify(facts), `${r.opd} ${title} ${r.period} ${r.id}`.toLowerCase(), r.replacedBy, 'belum-tepercaya',
      ];
    });
    await runner.tx(async (tx) => {
      await tx.run(`INSERT INTO submissions (${COLUMNS.join(', ')}) VALUES ${part.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`, part.flat());
    });
  }
}

function get(url: string, cookie: string): Promise<{ ttfbMs: number; totalMs: number; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers: { Cookie: cookie } }, (res) => {
      const ttfbMs = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ttfbMs, totalMs: performance.now() - t0, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url }, body: `username=bench&password=${PASSWORD}` });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

async function measure(label: string, runs: number, fn: () => Promise<number>): Promise<BenchResult> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return { name: label, value: median(times), unit: 'ms (median)' };
}

async function benchStore(store: 'sqljs' | 'postgres', baseUrl: string | undefined): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-console-bench-'));
  let databaseUrl: string | undefined;
  let dbName = '';
  if (store === 'postgres' && baseUrl) {
    dbName = `berkas_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const { opds, rows } = generate();
  const runner = databaseUrl ? await openPostgresRunner(databaseUrl) : await openSqljsRunner(dataDir);
  const fillStart = performance.now();
  await fill(runner, opds, rows);
  const fillMs = performance.now() - fillStart;
  await runner.close();
  let server: RunningServer | null = null;
  const results: BenchResult[] = [{ name: `${store}: ${rows.length} submissions written (10,000 rows)`, value: fillMs / 1000, unit: 's' }];
  try {
    server = await startIntakeServer({ dataDir, port: 0, ...(databaseUrl ? { databaseUrl } : {}) });
    const running = server;
    await runAdminVerb({ service: running.intake.service, keys: running.intake.keys, now: () => new Date() }, 'reviewer-add', { username: 'bench', name: 'Bench', role: 'admin', password: PASSWORD });
    const cookie = await login(running.url);
    const url = (p: string) => `${running.url}${p}`;
    // The cursor of row 9,950 (newest first), as the "Berikutnya" link would carry it after 199 pages.
    const sorted = [...rows].sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : 1));
    const at = sorted[9_949] as Row;
    const cursor = Buffer.from(JSON.stringify([new Date(at.at).toISOString(), at.id])).toString('base64url');
    const deep = await get(url(`/admin/?after=${cursor}`), cookie);
    if (deep.status !== 200 || (deep.body.match(/<tr data-id=/g) ?? []).length !== 50) throw new Error(`deep page: ${deep.status}`);
    results.push(await measure(`${store}: list, first page (TTFB)`, 15, async () => (await get(url('/admin/'), cookie)).ttfbMs));
    results.push(await measure(`${store}: list, page after row 9,950 by keyset (TTFB)`, 15, async () => (await get(url(`/admin/?after=${cursor}`), cookie)).ttfbMs));
    results.push(
      await measure(`${store}: reference: the same 50 rows by OFFSET 9,950 (query only)`, 15, async () => {
        const t0 = performance.now();
        await running.intake.repo.listSubmissions({ state: 'committed', limit: 50, offset: 9_950, order: 'committed-desc' });
        return performance.now() - t0;
      }),
    );
    results.push(await measure(`${store}: list, one OPD, laporan, 2024 (TTFB)`, 15, async () => (await get(url('/admin/?opd=OPD17&type=laporan&period=2024'), cookie)).ttfbMs));
    results.push(await measure(`${store}: list, search "portal" (TTFB)`, 15, async () => (await get(url('/admin/?q=portal'), cookie)).ttfbMs));
    results.push(await measure(`${store}: list, by title (TTFB)`, 15, async () => (await get(url('/admin/?sort=title&dir=asc'), cookie)).ttfbMs));
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const watch = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 5);
    const cold: number[] = [];
    for (const year of YEARS) cold.push((await get(url(`/admin/konsolidasi?tahun=${year}`), cookie)).ttfbMs);
    const all = await get(url('/admin/konsolidasi'), cookie);
    clearInterval(watch);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    if (all.status !== 200 || !all.body.includes('Kepatuhan laporan')) throw new Error(`konsolidasi: ${all.status}`);
    results.push({ name: `${store}: consolidation page, one year, computed (TTFB)`, value: median(cold), unit: 'ms (median of 5 years)' });
    results.push({ name: `${store}: consolidation page, all 5 years, computed (TTFB)`, value: all.ttfbMs, unit: 'ms' });
    results.push(await measure(`${store}: consolidation page, cached (TTFB)`, 15, async () => (await get(url('/admin/konsolidasi?tahun=2025'), cookie)).ttfbMs));
    results.push({ name: `${store}: consolidation page size, all years`, value: Math.round(all.body.length / 1024), unit: 'KiB' });
    results.push({ name: `${store}: resident memory before consolidation`, value: Math.round(rssBefore / 2 ** 20), unit: 'MiB' });
    results.push({ name: `${store}: resident memory, peak while computing 6 consolidations`, value: Math.round(rssPeak / 2 ** 20), unit: 'MiB' });
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName && baseUrl) {
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
  return results;
}

export async function runConsoleBench(): Promise<BenchResult[]> {
  const results = await benchStore('sqljs', undefined);
  if (process.env.DATABASE_URL) results.push(...(await benchStore('postgres', process.env.DATABASE_URL)));
  else results.push({ name: 'postgres: skipped (DATABASE_URL not set)', value: 0, unit: '-' });
  return results;
}

if (require.main === module) {
  runConsoleBench()
    .then((rows) => {
      for (const r of rows) console.log(`| console | ${r.name} | ${r.value.toFixed(r.value < 10 ? 2 : 1)} | ${r.unit} |`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
