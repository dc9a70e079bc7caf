/**
 * Reference data against the real intake server (server/, in this process):
 * a rencana aksi accepted by Diskominfo reaches another OPD's catalog through
 * referenceSync and its duplicate check; ETags make the second fetch a 304;
 * the sync runs on its own after the outbox delivered; a body altered on the
 * way, one that is not a catalog, and one too large are refused and the old
 * catalog stays. A small proxy in front of the server plays the hostile link,
 * for /v1/reference/ only (sending goes through untouched).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import type { BerkasApi } from '../../core/api/contract';
import { createServices, type Services } from '../../core/app/services';
import { SERVER_CATALOG_FILE_NAME } from '../../core/services/reference-sync-service';
import { MAX_REFERENCE_CATALOG_BYTES } from '../../core/domain/outbox/reference';
import { BerkasError } from '../../core/domain/errors';
import type { RencanaAksiPlan } from '../../core/domain/rencana-aksi';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { outboxSettings, repoRoot, signedPdf, tempDir } from './helpers/outbox-fixtures';

jest.setTimeout(120_000);

type Mode = 'pass' | 'tamper' | 'invalid' | 'huge' | 'down';

let root: string;
let server: RunningServer;
let proxy: http.Server;
let proxyUrl: string;
let mode: Mode = 'pass';
const seen: { path: string; status: number }[] = [];

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function failure(p: Promise<unknown>): Promise<BerkasError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a BerkasError');
}

/** Forwards to the intake server; on /v1/reference/ it misbehaves as `mode` says. */
function startProxy(port: number): Promise<void> {
  proxy = http.createServer((req, res) => {
    const isReference = (req.url ?? '').startsWith('/v1/reference/');
    const hostile = isReference ? mode : 'pass';
    if (hostile === 'down') {
      req.socket.destroy();
      return;
    }
    if (hostile === 'huge') {
      const total = MAX_REFERENCE_CATALOG_BYTES + 1024 * 1024;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(total) });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    const headers = { ...req.headers };
    // A hostile answer must be a full body, not a 304.
    if (hostile !== 'pass') delete headers['if-none-match'];
    const upstream = http.request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        const outHeaders = { ...up.headers };
        if (isReference) seen.push({ path: req.url ?? '', status: up.statusCode ?? 0 });
        if (hostile === 'tamper' && up.statusCode === 200) {
          // One activity renamed on the way; the ETag still names the server's body.
          body = Buffer.from(body.toString('utf8').replace('"activity":"', '"activity":"Palsu '), 'utf8');
        }
        if (hostile === 'invalid' && up.statusCode === 200) {
          // Not a catalog, yet with an ETag that matches it: the catalog reader must refuse it.
          body = Buffer.from(JSON.stringify({ format: 'berkas-katalog-kegiatan', version: 1, entries: [{ opdCode: '', activity: 'Tanpa OPD' }] }), 'utf8');
          outHeaders.etag = `"${createHash('sha256').update(body).digest('hex')}"`;
        }
        outHeaders['content-length'] = String(body.length);
        res.writeHead(up.statusCode ?? 502, outHeaders);
        res.end(body);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => {
    proxy.listen(0, '127.0.0.1', () => {
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      resolve();
    });
  });
}

interface Client {
  ws: Workspace;
  services: Services;
  api: BerkasApi;
}

async function client(name: string, opd: string, isEnrolled = true): Promise<Client> {
  const ws = await openWorkspace({ dataDir: path.join(root, name), transport: 'in-process' });
  const services = createServices(ws);
  const api = inProcessClient(services);
  await api.saveSettings(outboxSettings(opd));
  if (isEnrolled) {
    const { code } = await server.intake.service.createEnrollmentCode(opd, `Dinas ${opd}`);
    await api.enroll({ serverUrl: proxyUrl, code });
  }
  return { ws, services, api };
}

/** The fixture sheet as this client's plan (not stored). */
async function fixturePlan(c: Client): Promise<RencanaAksiPlan> {
  const csv = await fs.readFile(path.join(repoRoot, 'tests/fixtures/rencana-aksi/prabumulih-excel.csv'));
  return (await c.api.rencanaAksiImport({ fileName: 'prabumulih-excel.csv', contentBase64: b64(csv) })).plan;
}

async function sendPlan(c: Client, plan: RencanaAksiPlan, label: string): Promise<string> {
  const item = await c.api.outboxAdd({
    fileName: `${label}.pdf`,
    contentBase64: b64(await signedPdf(label)),
    dataJson: JSON.stringify({ format: 'berkas-rencana-aksi', version: 1, plan }),
    type: 'rencana-aksi',
    period: String(plan.year),
    title: plan.title,
  });
  const report = await c.services.outbox.sendPending();
  expect(report.delivered).toEqual([item.id]);
  return item.id;
}

let disdik: Client;
let bappeda: Client;
let disdikPlan: RencanaAksiPlan;

beforeAll(async () => {
  process.env.BERKAS_VAULT_PASSPHRASE = 'frasa-brankas-uji-referensi';
  process.env.BERKAS_SYNC_IDLE_TIMEOUT_MS = '3000';
  process.env.BERKAS_OUTBOX_BACKOFF_CAP_MS = '200';
  root = await tempDir('reference-sync');
  server = await startIntakeServer({ dataDir: path.join(root, 'server'), port: 0 });
  await startProxy(server.port);
  disdik = await client('disdik', 'DISDIK');
  bappeda = await client('bappeda', 'BAPPEDA');
  disdikPlan = await fixturePlan(disdik);
});

afterAll(async () => {
  await disdik?.ws.close();
  await bappeda?.ws.close();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('catalog from the intake server', () => {
  it('brings an accepted plan of another OPD into the catalog and its duplicate check; the second fetch is a 304', async () => {
    const id = await sendPlan(disdik, disdikPlan, 'rencana-disdik');
    // The send cycle fetched the catalog on its own: nothing accepted yet.
    expect((await disdik.api.rencanaAksiCatalogGet({})).info).toMatchObject({ fileName: SERVER_CATALOG_FILE_NAME, entryCount: 0 });
    // Not accepted yet: the catalog the server serves has none of it.
    const before = await bappeda.api.referenceSync({});
    expect(before.catalog).toMatchObject({ status: 'updated', entryCount: 0, serverUrl: proxyUrl });

    await server.intake.service.decide(id, 'diterima', null, 'admin-uji');
    const synced = await bappeda.api.referenceSync({});
    const activityCount = disdikPlan.activities.filter((a) => a.name.trim() !== '').length;
    expect(synced.catalog).toMatchObject({ status: 'updated', entryCount: activityCount, opdCount: 1 });

    const snapshot = await bappeda.api.rencanaAksiCatalogGet({});
    expect(snapshot.info).toMatchObject({ fileName: SERVER_CATALOG_FILE_NAME, entryCount: activityCount, opdCount: 1 });
    expect(snapshot.entries.every((e) => e.opdCode === 'DISDIK' && e.opdName === 'Dinas DISDIK')).toBe(true);
    expect(snapshot.entries.map((e) => e.activity)).toContain(disdikPlan.activities[0]?.name);

    // Bappeda plans the same activity: flagged against Disdik's accepted plan.
    const own = await fixturePlan(bappeda);
    expect(own.opdCode).toBe('BAPPEDA');
    const findings = (await bappeda.api.rencanaAksiValidate({ plan: own })).findings.filter((f) => f.code === 'KEGIATAN_GANDA_KATALOG');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]?.message).toContain('DISDIK');
    // Disdik's own plan is not a duplicate of itself.
    const disdikFindings = (await disdik.api.rencanaAksiValidate({ plan: disdikPlan })).findings.filter((f) => f.code === 'KEGIATAN_GANDA_KATALOG');
    expect(disdikFindings).toEqual([]);

    seen.length = 0;
    const again = await bappeda.api.referenceSync({});
    expect(again.catalog).toMatchObject({ status: 'unchanged', entryCount: activityCount, importedAt: synced.catalog.importedAt });
    expect(seen).toEqual([{ path: '/v1/reference/catalog', status: 304 }]);
  });

  it('runs on its own after the outbox delivered, and a failure there never holds up sending', async () => {
    // Disdik's plan was accepted after its last send cycle: the next one brings it in.
    expect((await disdik.api.rencanaAksiCatalogGet({})).info?.entryCount).toBe(0);
    await sendPlan(disdik, { ...disdikPlan, id: '', title: `${disdikPlan.title} (perubahan)` }, 'rencana-disdik-2');
    const info = (await disdik.api.rencanaAksiCatalogGet({})).info;
    expect(info).toMatchObject({ fileName: SERVER_CATALOG_FILE_NAME, opdCount: 1 });
    expect(disdik.services.referenceSync.lastFailure()).toBeNull();

    mode = 'down';
    try {
      await sendPlan(disdik, { ...disdikPlan, id: '', title: `${disdikPlan.title} (perubahan kedua)` }, 'rencana-disdik-3');
      const reason = disdik.services.referenceSync.lastFailure();
      expect(reason?.message).toMatch(/^Katalog kegiatan tidak dapat diperbarui dari server http:\/\/127\.0\.0\.1:\d+: .+ Katalog yang ada tetap dipakai\.$/);
      expect((await disdik.api.rencanaAksiCatalogGet({})).info).toEqual(info);
    } finally {
      mode = 'pass';
    }
  });

  // The failure is the sync's own (refused by the catalog check, or failed on the way), the reason below it as its cause.
  it.each([
    ['tamper', 'REFERENCE_SYNC_FAILED', 'REFERENCE_TAMPERED', /tidak cocok dengan sidik ETag-nya/],
    ['invalid', 'REFERENCE_REFUSED', 'CATALOG_INVALID', /ditolak: Katalog kegiatan katalog-kegiatan-server\.json tidak sah: entri ke-1, kolom "opdCode": kode OPD kosong\./],
    ['huge', 'REFERENCE_SYNC_FAILED', 'REFERENCE_TOO_LARGE', /lebih dari 32 MiB/],
  ] as const)('refuses a %s body and keeps the catalog it had', async (hostile, code, cause, message) => {
    const before = await bappeda.api.rencanaAksiCatalogGet({});
    expect(before.entries.length).toBeGreaterThan(0);
    mode = hostile;
    try {
      const err = await failure(bappeda.api.referenceSync({}));
      expect(err.code).toBe(code);
      expect(err.details?.['cause']).toMatchObject({ code: cause });
      expect(err.message).toMatch(message);
      expect(err.message).toContain('Katalog yang ada tetap dipakai.');
    } finally {
      mode = 'pass';
    }
    expect(await bappeda.api.rencanaAksiCatalogGet({})).toEqual(before);
    // The remembered ETag still belongs to the installed catalog.
    expect((await bappeda.api.referenceSync({})).catalog.status).toBe('unchanged');
  });

  it('says why when the device is not enrolled or the server cannot be reached', async () => {
    const lone = await client('lone', 'DINKES', false);
    try {
      const err = await failure(lone.api.referenceSync({}));
      expect(err.code).toBe('NOT_ENROLLED');
      expect(err.message).toContain('perangkat ini belum terdaftar');
    } finally {
      await lone.ws.close();
    }
    mode = 'down';
    try {
      const err = await failure(bappeda.api.referenceSync({}));
      expect(err.code).toBe('REFERENCE_SYNC_FAILED');
      expect(err.details?.['cause']).toMatchObject({ code: expect.stringMatching(/^NETWORK_/) });
      expect(err.message).toMatch(/^Katalog kegiatan tidak dapat diperbarui dari server http:\/\/127\.0\.0\.1:\d+: /);
    } finally {
      mode = 'pass';
    }
  });

  it('a catalog file imported by hand replaces the server copy; the next sync fetches the whole catalog again', async () => {
    const file = Buffer.from(JSON.stringify({ format: 'berkas-katalog-kegiatan', version: 1, entries: [{ opdCode: 'DINKES', opdName: 'Dinas Kesehatan', activity: 'Sistem Puskesmas' }] }));
    await bappeda.api.rencanaAksiCatalogImport({ fileName: 'katalog-manual.json', contentBase64: b64(file) });
    const synced = await bappeda.api.referenceSync({});
    expect(synced.catalog.status).toBe('updated');
    expect((await bappeda.api.rencanaAksiCatalogGet({})).entries.some((e) => e.opdCode === 'DINKES')).toBe(false);
  });
});
