/**
 * Kotak keluar benchmark (issue 7 item 10), against the real intake server:
 *
 * - goodput over an emulated 1 Mbit/s link (a token-bucket proxy in this
 *   process, 20 ms each way), as a fraction of the link rate: payload bytes
 *   of one submission over the time from the first request to the verified
 *   receipt (goal ≥ 0.9);
 * - bytes sent twice after a forced disconnect in the middle of a chunk
 *   (every connection cut at half the upload), compared with the same upload
 *   without the cut;
 * - ingest of 1,000 small submissions on loopback (server as its own process),
 *   beside the reference: a bare Node server that writes and fsyncs each
 *   package (bench/reference-intake-server.ts), as a ratio; the client's
 *   packaging time per submission (median, 90th percentile);
 * - the same ingest from 16 apps sending at once.
 *
 * Run: npx tsx bench/sync-bench.ts (or npm run bench -- sync).
 * BERKAS_SYNC_BENCH_COUNT scales the ingest (default 1000),
 * BERKAS_SYNC_BENCH_GOODPUT_MIB the goodput payload (default 3).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWorkspace, type Workspace } from '../core/app/workspace';
import { inProcessClient } from '../core/app/in-process';
import { createServices, type Services } from '../core/app/services';
import type { BerkasApi } from '../core/api/contract';
import { isBerkasError } from '../core/domain/errors';
import { distinctBlobs, parseStoredManifest } from '../core/domain/outbox/manifest';
import { startIntakeServer } from '../server/intake-server';
import { FaultProxy } from '../tests/integration/helpers/fault-proxy';
import { enrollmentCode, freePort, spawnServer } from '../tests/integration/helpers/intake';
import { outboxSettings, randomFile, signedPdf, tempDir } from '../tests/integration/helpers/outbox-fixtures';
import type { BenchResult } from './store-bench';
import { median, percentile, processCpuMs } from './stats';

const linkBitsPerSecond = 1_000_000;

async function client(dir: string, opd: string, serverUrl: string, code: string): Promise<{ ws: Workspace; services: Services; api: BerkasApi }> {
  const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
  const services = createServices(ws);
  const api = inProcessClient(services);
  await api.saveSettings(outboxSettings(opd));
  // Enrollments from one address are rate-limited (10, then one per 6 s): many apps on this machine wait their turn.
  for (;;) {
    try {
      await api.enroll({ serverUrl, code });
      break;
    } catch (err) {
      const wait = isBerkasError(err) && err.code === 'RATE_LIMITED' ? Number((err.details as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0) : 0;
      if (!wait) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return { ws, services, api };
}

function payloadOf(ws: Workspace, id: string): number {
  const [row] = ws.db.query<{ manifest: string }>('SELECT manifest FROM outbox_items WHERE id = ?', [id]);
  return distinctBlobs(parseStoredManifest(row!.manifest)).reduce((a, b) => a + b.size, 0);
}

async function addWithAttachment(api: BerkasApi, dir: string, n: number, bytes: number): Promise<string> {
  const file = path.join(dir, `lampiran-${n}.bin`);
  await randomFile(file, bytes, `bench:${n}`);
  const item = await api.outboxAdd({
    fileName: `bench-${n}.pdf`,
    contentBase64: Buffer.from(await signedPdf(`Bench ${n}`)).toString('base64'),
    dataJson: JSON.stringify({ bench: n }),
    type: 'laporan',
    period: '2025',
    attachmentPaths: [file],
  });
  await fs.rm(file);
  return item.id;
}

async function linkBenches(root: string): Promise<BenchResult[]> {
  const serverDir = path.join(root, 'server-link');
  const server = await startIntakeServer({ dataDir: serverDir, port: 0 });
  const results: BenchResult[] = [];
  try {
    // Goodput over 1 Mbit/s.
    const slow = new FaultProxy(server.port, { seed: 1, rateBitsPerSecond: linkBitsPerSecond, latencyMs: 20 });
    await slow.listen();
    const mib = Number(process.env.BERKAS_SYNC_BENCH_GOODPUT_MIB ?? '3') || 3;
    const { code } = await server.intake.service.createEnrollmentCode('BENCHA', null);
    const a = await client(path.join(root, 'client-goodput'), 'BENCHA', slow.url, code);
    const id = await addWithAttachment(a.api, root, 0, Math.round(mib * 1024 * 1024));
    const payload = payloadOf(a.ws, id);
    const start = performance.now();
    const report = await a.services.outbox.sendPending();
    const seconds = (performance.now() - start) / 1000;
    if (report.delivered.length !== 1) throw new Error(`goodput run did not deliver: ${JSON.stringify(report)}`);
    results.push({
      name: `sync: goodput over an emulated 1 Mbit/s link (20 ms each way), ${(payload / 2 ** 20).toFixed(1)} MiB submission, manifest to verified receipt, as a fraction of the link rate`,
      value: (payload * 8) / seconds / linkBitsPerSecond,
      unit: 'ratio',
    });
    await a.ws.close();
    await slow.close();

    // Bytes sent twice after a forced disconnect mid-chunk.
    const fast = new FaultProxy(server.port, { seed: 2, rateBitsPerSecond: 40_000_000 });
    await fast.listen();
    const b = await client(path.join(root, 'client-cut'), 'BENCHB', fast.url, (await server.intake.service.createEnrollmentCode('BENCHB', null)).code);
    const size = 8 * 1024 * 1024;
    const plain = await addWithAttachment(b.api, root, 1, size);
    const cut = await addWithAttachment(b.api, root, 2, size);
    const service = b.services.outbox;
    await b.api.outboxHold({ id: cut });
    let before = fast.stats.bytesUp;
    await service.sendPending();
    const baseline = fast.stats.bytesUp - before - payloadOf(b.ws, plain);
    await b.api.outboxResume({ id: cut });
    before = fast.stats.bytesUp;
    let isCut = false;
    fast.onUpstreamBytes = (total) => {
      if (!isCut && total - before > size / 2) {
        isCut = true;
        fast.cutAll();
      }
    };
    await service.sendPending({ isPatient: true });
    const resent = fast.stats.bytesUp - before - payloadOf(b.ws, cut) - baseline;
    results.push({ name: 'sync: bytes sent twice after a forced disconnect halfway through an 8 MiB upload (1 MiB chunks; beyond the same upload without it)', value: Math.max(0, Math.round(resent / 1024)), unit: 'KiB' });
    await b.ws.close();
    await fast.close();
  } finally {
    await server.close();
  }
  return results;
}

/** Packages one small submission (signed PDF + data.json) in the client; returns the milliseconds it took. */
async function addSmall(api: BerkasApi, i: number): Promise<number> {
  const pdf = Buffer.from(await signedPdf(`Kiriman kecil ${i}`)).toString('base64');
  const start = performance.now();
  await api.outboxAdd({ fileName: `kecil-${i}.pdf`, contentBase64: pdf, dataJson: JSON.stringify({ nomor: i }), type: 'laporan', period: '2025-06' });
  return performance.now() - start;
}

/** The reference's rate: each body POSTed in turn to a bare server (its own process) that writes and fsyncs it. */
async function referenceRate(root: string, bodies: readonly Buffer[]): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'reference-intake-server.ts'), path.join(root, 'reference')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (c: string) => {
        out += c;
        const m = /port (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`reference server exited (${code})`)));
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: Buffer) =>
      new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'Content-Type': 'application/zip', 'Content-Length': String(body.length) } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`reference answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end(body);
      });
    const start = performance.now();
    for (const body of bodies) await post(body);
    const seconds = (performance.now() - start) / 1000;
    agent.destroy();
    return bodies.length / seconds;
  } finally {
    child.kill('SIGTERM');
  }
}

async function ingestBench(root: string): Promise<BenchResult[]> {
  const count = Number(process.env.BERKAS_SYNC_BENCH_COUNT ?? '1000') || 1000;
  const serverDir = path.join(root, 'server-ingest');
  const port = await freePort();
  const server = await spawnServer(serverDir, port);
  try {
    const c = await client(path.join(root, 'client-ingest'), 'BENCHC', server.url, await enrollmentCode(serverDir, 'BENCHC'));
    const packaging: number[] = [];
    for (let i = 0; i < count; i++) packaging.push(await addSmall(c.api, i));
    // The reference receives each package's own bytes (its BagIt ZIP), one POST per submission.
    const rows = c.ws.db.query<{ package_sha256: string }>('SELECT package_sha256 FROM outbox_items ORDER BY seq');
    const bodies = await Promise.all(rows.map(async (r) => Buffer.from(await c.ws.blobs.read(r.package_sha256))));
    const meanBytes = bodies.reduce((a, b) => a + b.length, 0) / bodies.length;
    const serverCpuBefore = await processCpuMs(server.process.pid ?? -1);
    const appCpuBefore = process.cpuUsage();
    const start = performance.now();
    const report = await c.services.outbox.sendPending();
    const seconds = (performance.now() - start) / 1000;
    const appCpu = process.cpuUsage(appCpuBefore);
    const serverCpuAfter = await processCpuMs(server.process.pid ?? -1);
    if (report.delivered.length !== count) throw new Error(`ingest delivered ${report.delivered.length} of ${count}`);
    await c.ws.close();
    const reference = await referenceRate(root, bodies);
    const rate = count / seconds;
    return [
      { name: `sync: ingest of ${count} small submissions (signed PDF + data.json, ${(meanBytes / 1024).toFixed(0)} KB package) on loopback, one sender, server in its own process, all receipts verified`, value: seconds, unit: 's' },
      { name: `sync: ingest rate of those ${count} submissions (goal 100)`, value: rate, unit: 'submissions/s' },
      { name: 'sync: reference — a bare Node HTTP server (own process) receiving each package in one POST, write + fsync per submission', value: reference, unit: 'submissions/s' },
      { name: 'sync: Berkas ingest rate as a ratio of the reference (goal 0.5)', value: rate / reference, unit: 'ratio' },
      ...(serverCpuBefore !== null && serverCpuAfter !== null
        ? [{ name: 'sync: server CPU time per submission while ingesting (all its threads, /proc)', value: (serverCpuAfter - serverCpuBefore) / count, unit: 'ms' }]
        : []),
      { name: 'sync: app CPU time per submission while sending (all its threads)', value: (appCpu.user + appCpu.system) / 1000 / count, unit: 'ms' },
      { name: `sync: client packaging of one small submission (signature check, BagIt ZIP, verification), median of ${count} (goal 10)`, value: median(packaging), unit: 'ms' },
      { name: `sync: client packaging, 90th percentile of ${count}`, value: percentile(packaging, 90), unit: 'ms' },
    ];
  } finally {
    await server.kill('SIGTERM');
  }
}

/** Sixteen apps (one OPD each) sending at once to one server process; the rate over all of them. */
async function concurrentIngestBench(root: string): Promise<BenchResult[]> {
  const senders = 16;
  const count = Number(process.env.BERKAS_SYNC_BENCH_COUNT ?? '1000') || 1000;
  const each = Math.max(1, Math.round(count / senders));
  const serverDir = path.join(root, 'server-concurrent');
  const server = await spawnServer(serverDir, await freePort());
  const clients: Awaited<ReturnType<typeof client>>[] = [];
  try {
    for (let s = 0; s < senders; s++) {
      const opd = `BENCH${String(s).padStart(2, '0')}`;
      clients.push(await client(path.join(root, `client-${opd}`), opd, server.url, await enrollmentCode(serverDir, opd)));
    }
    for (const [s, c] of clients.entries()) for (let i = 0; i < each; i++) await addSmall(c.api, s * each + i);
    const serverCpuBefore = await processCpuMs(server.process.pid ?? -1);
    const appCpuBefore = process.cpuUsage();
    const start = performance.now();
    const reports = await Promise.all(clients.map((c) => c.services.outbox.sendPending()));
    const seconds = (performance.now() - start) / 1000;
    const appCpu = process.cpuUsage(appCpuBefore);
    const serverCpuAfter = await processCpuMs(server.process.pid ?? -1);
    const delivered = reports.reduce((a, r) => a + r.delivered.length, 0);
    if (delivered !== senders * each) throw new Error(`16 senders delivered ${delivered} of ${senders * each}`);
    return [
      { name: `sync: ingest rate with ${senders} concurrent senders (${each} small submissions each, ${senders * each} in all), one server process`, value: delivered / seconds, unit: 'submissions/s' },
      ...(serverCpuBefore !== null && serverCpuAfter !== null
        ? [{ name: `sync: server CPU time per submission with ${senders} senders (all its threads, /proc)`, value: (serverCpuAfter - serverCpuBefore) / delivered, unit: 'ms' }]
        : []),
      { name: `sync: CPU time per submission of the ${senders} apps (one process, all threads)`, value: (appCpu.user + appCpu.system) / 1000 / delivered, unit: 'ms' },
    ];
  } finally {
    for (const c of clients) await c.ws.close();
    await server.kill('SIGTERM');
  }
}

export async function runSyncBench(): Promise<BenchResult[]> {
  const root = await tempDir('sync-bench');
  const previous = process.env.BERKAS_VAULT_PASSPHRASE;
  process.env.BERKAS_VAULT_PASSPHRASE = 'frasa-brankas-bench-sinkron';
  try {
    return [...(await linkBenches(root)), ...(await ingestBench(root)), ...(await concurrentIngestBench(root))];
  } finally {
    if (previous === undefined) delete process.env.BERKAS_VAULT_PASSPHRASE;
    else process.env.BERKAS_VAULT_PASSPHRASE = previous;
    await fs.rm(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runSyncBench()
    .then((results) => {
      const width = Math.max(...results.map((r) => r.name.length));
      console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(9)}  unit`);
      for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.value < 10 ? 3 : 1).padStart(9)}  ${r.unit}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
