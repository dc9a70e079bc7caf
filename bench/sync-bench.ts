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
 * - ingest of 1,000 small submissions on loopback (server as its own process).
 *
 * Run: npx tsx bench/sync-bench.ts (or npm run bench -- sync).
 * BERKAS_SYNC_BENCH_COUNT scales the ingest (default 1000),
 * BERKAS_SYNC_BENCH_GOODPUT_MIB the goodput payload (default 3).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWorkspace, type Workspace } from '../core/app/workspace';
import { inProcessClient } from '../core/app/in-process';
import { createServices, type Services } from '../core/app/services';
import type { BerkasApi } from '../core/api/contract';
import { distinctBlobs, parseStoredManifest } from '../core/domain/outbox/manifest';
import { startIntakeServer } from '../server/intake-server';
import { FaultProxy } from '../tests/integration/helpers/fault-proxy';
import { enrollmentCode, freePort, spawnServer } from '../tests/integration/helpers/intake';
import { outboxSettings, randomFile, signedPdf, tempDir } from '../tests/integration/helpers/outbox-fixtures';
import type { BenchResult } from './store-bench';

const linkBitsPerSecond = 1_000_000;

async function client(dir: string, opd: string, serverUrl: string, code: string): Promise<{ ws: Workspace; services: Services; api: BerkasApi }> {
  const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
  const services = createServices(ws);
  const api = inProcessClient(services);
  await api.saveSettings(outboxSettings(opd));
  await api.enroll({ serverUrl, code });
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

async function ingestBench(root: string): Promise<BenchResult[]> {
  const count = Number(process.env.BERKAS_SYNC_BENCH_COUNT ?? '1000') || 1000;
  const serverDir = path.join(root, 'server-ingest');
  const port = await freePort();
  const server = await spawnServer(serverDir, port);
  try {
    const c = await client(path.join(root, 'client-ingest'), 'BENCHC', server.url, await enrollmentCode(serverDir, 'BENCHC'));
    const prepStart = performance.now();
    for (let i = 0; i < count; i++) {
      await c.api.outboxAdd({
        fileName: `kecil-${i}.pdf`,
        contentBase64: Buffer.from(await signedPdf(`Kiriman kecil ${i}`)).toString('base64'),
        dataJson: JSON.stringify({ nomor: i }),
        type: 'laporan',
        period: '2025-06',
      });
    }
    const prepSeconds = (performance.now() - prepStart) / 1000;
    const start = performance.now();
    const report = await c.services.outbox.sendPending();
    const seconds = (performance.now() - start) / 1000;
    if (report.delivered.length !== count) throw new Error(`ingest delivered ${report.delivered.length} of ${count}`);
    await c.ws.close();
    return [
      { name: `sync: ingest of ${count} small submissions (signed PDF + data.json, ~35 KB) on loopback, server in its own process, all receipts verified`, value: seconds, unit: 's' },
      { name: `sync: ingest rate of those ${count} submissions`, value: count / seconds, unit: 'submissions/s' },
      { name: `sync: packaging the same ${count} submissions (signature check, BagIt ZIP, verification), for comparison`, value: prepSeconds, unit: 's' },
    ];
  } finally {
    await server.kill('SIGTERM');
  }
}

export async function runSyncBench(): Promise<BenchResult[]> {
  const root = await tempDir('sync-bench');
  const previous = process.env.BERKAS_VAULT_PASSPHRASE;
  process.env.BERKAS_VAULT_PASSPHRASE = 'frasa-brankas-bench-sinkron';
  try {
    return [...(await linkBenches(root)), ...(await ingestBench(root))];
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
