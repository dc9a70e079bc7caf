/**
 * Issue 7 item 9: the kotak keluar over a link that drops, stalls and resets
 * mid-chunk (a seeded fault-injecting TCP proxy on 127.0.0.1), with the real
 * intake server as a child process:
 *
 * - 200 submissions, several of 50 MB, arrive exactly once and hash-identical,
 *   while the server is SIGKILLed mid-upload and restarted;
 * - the app SIGKILLed mid-upload resumes on restart, re-sending at most one chunk;
 * - OPD A's token cannot read or write OPD B's submissions.
 *
 * BERKAS_SYNC_FAULT_SCALE (default 1) scales the number of submissions and the
 * large file size, e.g. 0.1 for a quick run; BERKAS_SYNC_FAULT_SEED picks the faults.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import type { BerkasApi } from '../../core/api/contract';
import { createServices, type Services } from '../../core/app/services';
import { DEVICE_TOKEN_VAULT_NAME } from '../../core/services/outbox/outbox-service';
import { createSyncClient } from '../../core/adapters/sync-client/sync-client';
import { type BerkasError } from '../../core/domain/errors';
import { CHUNK_BYTES, distinctBlobs, manifestCanonicalText, parseStoredManifest } from '../../core/domain/outbox/manifest';
import type { OutboxItemView } from '../../core/domain/outbox/views';
import type { Manifest } from '../../core/domain/outbox/manifest';
import { FaultProxy } from './helpers/fault-proxy';
import { enrollmentCode, freePort, spawnServer, storedSubmissions, type ServerChild } from './helpers/intake';
import { outboxSettings, randomFile, repoRoot, signedPdf, tempDir } from './helpers/outbox-fixtures';

const scale = Math.min(1, Math.max(0.02, Number(process.env.BERKAS_SYNC_FAULT_SCALE ?? '1') || 1));
const seed = Number(process.env.BERKAS_SYNC_FAULT_SEED ?? '20250617');
const submissionCount = Math.max(10, Math.round(200 * scale));
const largeCount = Math.max(2, Math.round(4 * scale));
const largeBytes = Math.max(4 * CHUNK_BYTES, Math.round(50 * 1024 * 1024 * scale));
const passphrase = 'frasa-brankas-uji-gangguan';
const env = {
  BERKAS_VAULT_PASSPHRASE: passphrase,
  BERKAS_SYNC_IDLE_TIMEOUT_MS: '1500',
  BERKAS_OUTBOX_BACKOFF_CAP_MS: '400',
};

jest.setTimeout(8 * 60_000);

let root: string;
let serverDir: string;
let port: number;
let server: ServerChild;
let proxy: FaultProxy;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function workspace(name: string, opd: string): Promise<{ ws: Workspace; services: Services; api: BerkasApi; dir: string }> {
  const dir = path.join(root, name);
  const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
  const services = createServices(ws);
  const api = inProcessClient(services);
  await api.saveSettings(outboxSettings(opd));
  return { ws, services, api, dir };
}

async function enrol(api: BerkasApi, opd: string): Promise<void> {
  proxy.setFaulty(false);
  try {
    await api.enroll({ serverUrl: proxy.url, code: await enrollmentCode(serverDir, opd) });
  } finally {
    proxy.setFaulty(true);
  }
}

async function tokenOf(services: Services): Promise<string> {
  return new TextDecoder().decode((await services.vault(passphrase).open(DEVICE_TOKEN_VAULT_NAME)) as Uint8Array);
}

beforeAll(async () => {
  Object.assign(process.env, env);
  root = await tempDir('sync-fault');
  serverDir = path.join(root, 'server');
  port = await freePort();
  server = await spawnServer(serverDir, port);
  proxy = new FaultProxy(port, {
    seed,
    meanBytesToFault: 6 * CHUNK_BYTES,
    weights: { drop: 2, reset: 2, stall: 1 },
    stallMs: 5000,
    lostCommitAnswer: 0.05,
  });
  await proxy.listen();
});

afterAll(async () => {
  await proxy?.close();
  await server?.kill('SIGTERM');
  await fs.rm(root, { recursive: true, force: true });
});

describe('a bad link', () => {
  it(`carries ${submissionCount} submissions (${largeCount} of ${Math.round(largeBytes / 1024 / 1024)} MB) exactly once and hash-identical, across a server SIGKILL`, async () => {
    const started = Date.now();
    const { ws, services, api, dir } = await workspace('opd-a', 'OPDA');
    await enrol(api, 'OPDA');
    const files = path.join(dir, 'sumber');
    await fs.mkdir(files, { recursive: true });

    // Large ones early in the queue, so the server dies while one of them is on its way.
    const largeAt = new Set(Array.from({ length: largeCount }, (_, k) => 2 + Math.floor((k * submissionCount) / largeCount)));
    const expected = new Map<string, { attachmentSha: string; item: OutboxItemView; manifest: Manifest }>();
    for (let i = 0; i < submissionCount; i++) {
      const attachment = path.join(files, `lampiran-${i}.bin`);
      const size = largeAt.has(i) ? largeBytes : 1000 + ((i * 7919) % 120_000);
      const attachmentSha = await randomFile(attachment, size, `${seed}:${i}`);
      const item = await api.outboxAdd({
        fileName: `laporan-${i}.pdf`,
        contentBase64: b64(await signedPdf(`Laporan uji gangguan nomor ${i}`)),
        dataJson: JSON.stringify({ nomor: i }),
        type: 'laporan',
        period: `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
        attachmentPaths: [attachment],
      });
      expected.set(item.id, { attachmentSha, item, manifest: manifestOf(ws, item.id) });
      // The sources are in the package now; keep the temp folder small.
      await fs.rm(attachment);
    }
    const prepared = Date.now();
    const payloadBytes = [...expected.values()].reduce((sum, e) => sum + distinctBlobs(e.manifest).reduce((a, b) => a + b.size, 0), 0);

    // SIGKILL the server once, in the middle of a large upload; start it again a moment later.
    let killedWhile: { id: string | null; percent: number } | null = null;
    let restarted: Promise<void> | null = null;
    const outbox = services.outbox;
    proxy.onUpstreamBytes = (total) => {
      if (restarted || total < 2 * CHUNK_BYTES + largeBytes / 3) return;
      const current = outbox.overview().sender.currentId;
      const view = current ? outbox.get(current) : null;
      killedWhile = { id: current, percent: view?.percent ?? -1 };
      restarted = (async () => {
        await server.kill('SIGKILL');
        await sleep(1500);
        server = await spawnServer(serverDir, port);
      })();
    };

    outbox.start();
    const deadline = Date.now() + 6 * 60_000;
    let items: OutboxItemView[] = [];
    for (;;) {
      items = outbox.list();
      if (items.every((i) => i.status.receipt !== null)) break;
      if (Date.now() > deadline) {
        const stuck = items.filter((i) => i.status.receipt === null).slice(0, 5);
        throw new Error(`not delivered in time: ${JSON.stringify(stuck.map((i) => [i.id, i.status.state, i.status.lastError]))}`);
      }
      await sleep(250);
    }
    await outbox.stop();
    await restarted;
    const sent = Date.now();
    await ws.close();

    expect(killedWhile).not.toBeNull();
    expect(largeAt.has(items.findIndex((i) => i.id === killedWhile!.id))).toBe(true);
    expect(killedWhile!.percent).toBeGreaterThan(0);
    expect(killedWhile!.percent).toBeLessThan(100);
    // The link really was bad (at full scale every kind of fault happened).
    expect(proxy.stats.drops + proxy.stats.resets + proxy.stats.stalls).toBeGreaterThan(0);
    if (submissionCount >= 100) {
      expect(proxy.stats.drops + proxy.stats.resets).toBeGreaterThan(5);
      expect(proxy.stats.stalls).toBeGreaterThan(0);
      expect(proxy.stats.lostAnswers).toBeGreaterThan(0);
    }

    // Exactly once: one committed submission per package, nothing else, every file re-hashed from the server's disk.
    await server.kill('SIGTERM');
    const stored = await storedSubmissions(serverDir);
    server = await spawnServer(serverDir, port);
    const committed = stored.filter((s) => s.opd === 'OPDA' && s.state === 'committed');
    expect(committed.map((s) => s.id).sort()).toEqual([...expected.keys()].sort());
    expect(stored.filter((s) => s.opd === 'OPDA')).toHaveLength(submissionCount);
    for (const s of committed) {
      const local = expected.get(s.id)!;
      expect(s.manifestSha256).toBe(local.item.manifestSha256);
      for (const f of local.manifest.files) expect([s.id, f.path, s.files.get(f.path)]).toEqual([s.id, f.path, f.sha256]);
      const attachment = [...s.files.entries()].find(([p]) => p.startsWith('data/lampiran/'));
      expect(attachment?.[1]).toBe(local.attachmentSha);
    }
    // Every item holds the receipt of its own submission.
    for (const i of items) expect(i.status.receipt?.submissionId).toBe(i.id);

    // A broken connection costs at most the chunk in flight (plus request overhead), never a whole file again.
    const incidents = proxy.stats.drops + proxy.stats.resets + proxy.stats.stalls + proxy.stats.lostAnswers + 1;
    const overhead = proxy.stats.connections * 2048 + submissionCount * 64 * 1024;
    expect(proxy.stats.bytesUp).toBeLessThanOrEqual(payloadBytes + incidents * (CHUNK_BYTES + 4096) + overhead);
    console.log(
      `sync-fault: ${submissionCount} kiriman, ${(payloadBytes / 1024 / 1024).toFixed(1)} MiB; siapkan ${((prepared - started) / 1000).toFixed(1)} s, kirim ${((sent - prepared) / 1000).toFixed(1)} s; ` +
        `naik ${(proxy.stats.bytesUp / 1024 / 1024).toFixed(1)} MiB; gangguan ${JSON.stringify(proxy.stats)}`,
    );
  });

  it('resumes after the app itself is SIGKILLed mid-upload, re-sending at most one chunk', async () => {
    proxy.setFaulty(false);
    const { ws, api, dir } = await workspace('opd-c', 'OPDC');
    await enrol(api, 'OPDC');
    proxy.setFaulty(false);
    const attachment = path.join(dir, 'besar.bin');
    const attachmentSha = await randomFile(attachment, largeBytes, `${seed}:besar`);
    const item = await api.outboxAdd({ fileName: 'besar.pdf', contentBase64: b64(await signedPdf('dibunuh di tengah jalan')), dataJson: '{"besar":true}', type: 'laporan', period: '2025', attachmentPaths: [attachment] });
    const total = distinctBlobs(manifestOf(ws, item.id)).reduce((a, b) => a + b.size, 0);
    await ws.close();

    const runCli = (onBytes?: (sent: number, kill: () => void) => void) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; bytes: number }>((resolve) => {
        const start = proxy.stats.bytesUp;
        const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'outbox', 'send', '--wait', '--data-dir', dir], {
          cwd: repoRoot,
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        proxy.onUpstreamBytes = onBytes ? (n) => onBytes(n - start, () => child.kill('SIGKILL')) : null;
        child.on('exit', (code, signal) => {
          proxy.onUpstreamBytes = null;
          resolve({ code, signal, out, bytes: proxy.stats.bytesUp - start });
        });
      });

    let isKilled = false;
    const first = await runCli((sent, kill) => {
      if (!isKilled && sent > total * 0.4) {
        isKilled = true;
        kill();
      }
    });
    expect(first.signal).toBe('SIGKILL');

    // Reopened: the upload progress survived in the database, and the package waits to continue.
    const reopened = await openWorkspace({ dataDir: dir, transport: 'in-process' });
    const service = createServices(reopened).outbox;
    await service.ready;
    const after = service.get(item.id);
    expect(after.status.state).toBe('antre');
    expect(after.status.bytesSent).toBeGreaterThan(0);
    const persisted = service.uploads(item.id).reduce((a, u) => a + u.offset, 0);
    expect(persisted).toBeGreaterThan(total * 0.2);
    await reopened.close();

    const second = await runCli();
    expect([second.code, second.out]).toEqual([0, expect.stringContaining('terkirim 1')]);
    // What the second run sent is what the server lacked, plus at most the chunk the kill interrupted.
    expect(first.bytes + second.bytes).toBeLessThanOrEqual(total + CHUNK_BYTES + 64 * 1024);
    expect(second.bytes).toBeLessThanOrEqual(total - persisted + CHUNK_BYTES + 64 * 1024);

    const check = await openWorkspace({ dataDir: dir, transport: 'in-process' });
    try {
      const checked = createServices(check).outbox;
      const done = checked.get(item.id);
      expect(done.status.state).toBe('terkirim');
      expect(checked.uploads(item.id)).toEqual([]);
    } finally {
      await check.close();
    }
    await server.kill('SIGTERM');
    const stored = (await storedSubmissions(serverDir)).filter((s) => s.id === item.id);
    server = await spawnServer(serverDir, port);
    expect(stored).toHaveLength(1);
    expect([...stored[0]!.files.entries()].find(([p]) => p.startsWith('data/lampiran/'))?.[1]).toBe(attachmentSha);
  });

  it("keeps OPD A's token away from OPD B's submissions", async () => {
    proxy.setFaulty(false);
    const a = await workspace('iso-a', 'ISOA');
    const b = await workspace('iso-b', 'ISOB');
    try {
      await enrol(a.api, 'ISOA');
      await enrol(b.api, 'ISOB');
      proxy.setFaulty(false);
      const sent = await b.api.outboxAdd({ fileName: 'b.pdf', contentBase64: b64(await signedPdf('milik B')), dataJson: '{}', type: 'laporan', period: '2025' });
      await b.services.outbox.sendPending();
      // B opens a second submission and leaves it unsent: its blobs are expected, for B only.
      const pending = await b.api.outboxAdd({ fileName: 'b2.pdf', contentBase64: b64(await signedPdf('milik B, belum')), dataJson: '{}', type: 'laporan', period: '2025' });
      const http = createSyncClient({ idleTimeoutMs: 5000 });
      const connB = { serverUrl: proxy.url, token: await tokenOf(b.services) };
      const connA = { serverUrl: proxy.url, token: await tokenOf(a.services) };
      const pendingManifest = manifestOf(b.ws, pending.id);
      const opened = await http.openSubmission(connB, pendingManifest, pending.manifestSha256);
      expect(opened.missing.length).toBeGreaterThan(0);

      const refusal = async (p: Promise<unknown>) => {
        try {
          await p;
        } catch (err) {
          return err as BerkasError;
        }
        throw new Error('expected a refusal');
      };
      // Read: B's submissions do not exist for A.
      expect(await http.status(connA, sent.id)).toBeNull();
      expect(await http.status(connA, pending.id)).toBeNull();
      expect((await http.updates(connA, null, 500)).submissions.map((s) => s.submissionId)).not.toContain(sent.id);
      expect((await http.updates(connB, null, 500)).submissions.map((s) => s.submissionId)).toContain(sent.id);
      // Write: not under B's id, not as B, not into B's blobs, not B's commit.
      const asA = { ...pendingManifest, opd: 'ISOA' };
      expect((await refusal(http.openSubmission(connA, asA, createHash('sha256').update(manifestCanonicalText(asA)).digest('hex')))).code).toBe('SUBMISSION_ID_TAKEN');
      const stolen = manifestOf(b.ws, sent.id);
      expect((await refusal(http.openSubmission(connA, stolen, sent.manifestSha256))).code).toBe('OPD_MISMATCH');
      const blob = opened.missing[0]!;
      const tmp = path.join(root, 'curian.bin');
      await fs.writeFile(tmp, Buffer.alloc(blob.size));
      expect((await refusal(http.uploadBlob(connA, { ...blob, offset: 0 }, tmp))).code).toBe('BLOB_NOT_EXPECTED');
      expect((await refusal(http.commit(connA, pending.id, pending.manifestSha256))).code).toBe('SUBMISSION_NOT_FOUND');
      // B is untouched by all that: its pending package still goes through.
      expect((await b.services.outbox.sendPending()).delivered).toEqual([pending.id]);
      http.close();
    } finally {
      await a.ws.close();
      await b.ws.close();
    }
  });
});

function manifestOf(ws: Workspace, id: string): Manifest {
  const [row] = ws.db.query<{ manifest: string }>('SELECT manifest FROM outbox_items WHERE id = ?', [id]);
  return parseStoredManifest(row!.manifest);
}
