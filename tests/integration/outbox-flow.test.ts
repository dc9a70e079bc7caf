/**
 * The kotak keluar against the real intake server (server/, in this process):
 * enrollment, packaging a rencana aksi signed in Berkas with its plan,
 * sending with a verified receipt, hostile package ZIPs, the flash drive,
 * review results, hold/cancel, "hasil belum pasti", a revoked token and a
 * server that is down.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import type { BerkasApi } from '../../core/api/contract';
import { createServices, type Services } from '../../core/app/services';
import { DEVICE_TOKEN_VAULT_NAME, type OutboxService } from '../../core/services/outbox/outbox-service';
import { createSyncClient, verifyReceiptSignature } from '../../core/adapters/sync-client/sync-client';
import { BerkasError } from '../../core/domain/errors';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { runAdminVerb } from '../../server/admin';
import { FaultProxy } from './helpers/fault-proxy';
import { writeBagZip } from '../../core/adapters/bagit/bag-writer';
import { freePort, storedSha256 } from './helpers/intake';
import { outboxSettings, randomFile, repoRoot, signedPdf, tempDir, unsignedPdf } from './helpers/outbox-fixtures';
import { judgeBag } from '../tools/bagit-judge';

jest.setTimeout(120_000);

const passphrase = 'frasa-brankas-uji-kotak-keluar';
let root: string;
let serverDir: string;
let server: RunningServer;
let proxy: FaultProxy;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function failure(p: Promise<unknown>): Promise<BerkasError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof BerkasError) return err;
    throw err;
  }
  throw new Error('expected a BerkasError');
}

interface Client {
  ws: Workspace;
  api: BerkasApi;
  services: Services;
  outbox: OutboxService;
  dir: string;
}

async function client(name: string, opd: string, serverUrl?: string): Promise<Client> {
  const dir = path.join(root, name);
  const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
  const services = createServices(ws);
  const api = inProcessClient(services);
  await api.saveSettings(outboxSettings(opd));
  if (serverUrl) {
    const { code } = await server.intake.service.createEnrollmentCode(opd, `Dinas ${opd}`);
    await api.enroll({ serverUrl, code });
  }
  return { ws, api, services, outbox: services.outbox, dir };
}

const dataJson = (n: number) => JSON.stringify({ laporan: `uji ${n}`, nilai: n });

beforeAll(async () => {
  process.env.BERKAS_VAULT_PASSPHRASE = passphrase;
  process.env.BERKAS_SYNC_IDLE_TIMEOUT_MS = '3000';
  process.env.BERKAS_OUTBOX_BACKOFF_CAP_MS = '200';
  root = await tempDir('outbox-flow');
  serverDir = path.join(root, 'server');
  server = await startIntakeServer({ dataDir: serverDir, port: 0 });
  proxy = new FaultProxy(server.port, { seed: 7 });
  proxy.setFaulty(false);
  await proxy.listen();
});

afterAll(async () => {
  await proxy.close();
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('enrollment', () => {
  it('trades a one-time code for a device token kept only in the key vault', async () => {
    const c = await client('enroll', 'DISDIK');
    try {
      const wrong = await failure(c.api.enroll({ serverUrl: server.url, code: 'AAAA-BBBB-CCCC-DDDD' }));
      expect(wrong.code).toBe('ENROLLMENT_CODE_INVALID');
      const malformed = await failure(c.api.enroll({ serverUrl: server.url, code: '1234' }));
      expect(malformed.message).toContain('16 huruf/angka');

      const { code } = await server.intake.service.createEnrollmentCode('DISDIK', 'Dinas Pendidikan');
      const enrolled = await c.api.enroll({ serverUrl: `${server.url}/`, code: code.toLowerCase() });
      expect(enrolled).toMatchObject({ serverUrl: server.url, opdCode: 'DISDIK', opdName: 'Dinas Pendidikan', revokedAt: null });
      expect((await c.api.getSettings({}))?.serverUrl).toBe(server.url);
      expect(await c.api.serverStatus({})).toMatchObject({ isEnrolled: true, isReachable: true });

      const again = await failure(c.api.enroll({ serverUrl: server.url, code }));
      expect(again.code).toBe('ENROLLMENT_CODE_USED');

      // The token: in the vault, nowhere else on disk, never in a response.
      const token = new TextDecoder().decode((await c.services.vault(passphrase).open(DEVICE_TOKEN_VAULT_NAME)) as Uint8Array);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(await c.api.outboxStatus({}))).not.toContain(token);
      await c.ws.db.write([{ sql: "UPDATE sync_enrollment SET opd_name = opd_name WHERE id = 1" }]);
      const snapshot = Buffer.from(await c.ws.db.exportSnapshot());
      expect(snapshot.includes(Buffer.from(token))).toBe(false);
      for (const f of ['berkas.journal', 'settings.json']) {
        const bytes = await fs.readFile(path.join(c.dir, f)).catch(() => Buffer.alloc(0));
        expect(bytes.includes(Buffer.from(token))).toBe(false);
      }
    } finally {
      await c.ws.close();
    }
  });
});

describe('sending', () => {
  let c: Client;
  beforeAll(async () => {
    c = await client('kirim', 'BAPPEDA', server.url);
  });
  afterAll(async () => {
    await c.ws.close();
  });

  it('packages a rencana aksi signed in Berkas with its plan, sends it, and keeps the verified receipt', async () => {
    const csv = await fs.readFile(path.join(repoRoot, 'tests/fixtures/rencana-aksi/prabumulih-excel.csv'));
    const imported = await c.api.rencanaAksiImport({ fileName: 'prabumulih-excel.csv', contentBase64: b64(csv), shouldSave: true });
    const plan = imported.plan;
    const signing = c.services.signing;
    const doc = await c.api.rencanaAksiGet({ id: plan.id });
    const signed = await signing.renderAndSign({
      plan: doc.plan,
      totals: doc.analysis.totals,
      handle: signing.oneOffSelfSigned({ name: 'Budi Santoso', nip: '198703122010011002', organization: 'Bappeda' }),
      isCertified: false,
    });

    const item = await c.api.outboxAdd({ fileName: signed.fileName, contentBase64: b64(signed.pdf) });
    expect(item).toMatchObject({ type: 'rencana-aksi', opd: 'BAPPEDA', period: String(plan.year), title: plan.title, revisionOf: null });
    expect(item.status).toMatchObject({ state: 'antre', isHeld: false, receipt: null });
    expect(item.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);

    // The package: a bag that unzip and sha256sum judge valid (tests/tools/bagit-judge.ts), with the plan as data.json.
    const zip = path.join(root, 'rencana.zip');
    const exported = await c.api.outboxExport({ id: item.id, outPath: zip });
    expect(exported.size).toBe(item.packageSize);
    expect(sha256(await fs.readFile(zip))).toBe(item.packageSha256);
    const unpacked = path.join(root, 'rencana-unpacked');
    expect(spawnSync('unzip', ['-q', zip, '-d', unpacked]).status).toBe(0);
    const bagDir = path.join(unpacked, `berkas-BAPPEDA-${item.id}`);
    expect(judgeBag(bagDir)).toEqual({ valid: true, problems: [] });
    const data = JSON.parse(await fs.readFile(path.join(bagDir, 'data', 'data.json'), 'utf8')) as { format: string; plan: { id: string; activities: unknown[] } };
    expect(data.format).toBe('berkas-rencana-aksi');
    expect(data.plan.id).toBe(plan.id);
    expect(data.plan.activities.length).toBe(plan.activities.length);
    const bagInfo = await fs.readFile(path.join(bagDir, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain(`Berkas-Submission-Id: ${item.id}`);
    expect(bagInfo).toContain('Berkas-Type: rencana-aksi');
    expect(bagInfo).toContain(`Berkas-Main-Document: ${item.mainDocument}`);

    const report = await c.outbox.sendPending();
    expect(report.delivered).toEqual([item.id]);
    const sent = (await c.api.outboxList({})).find((i) => i.id === item.id);
    expect(sent?.status.state).toBe('terkirim');
    expect(sent?.percent).toBe(100);
    const receipt = sent?.status.receipt;
    expect(receipt).toMatchObject({ submissionId: item.id, manifestSha256: item.manifestSha256, algorithm: 'Ed25519' });
    // Independently of the app: the receipt verifies under the server's published key.
    const keys = await createSyncClient().keys(server.url);
    expect(verifyReceiptSignature(receipt!, keys)).toBe(true);
    expect(verifyReceiptSignature({ ...receipt!, receivedAt: '2020-01-01T00:00:00.000Z' }, keys)).toBe(false);

    // The same signed PDF again is refused: one signed document goes once.
    const dup = await failure(c.api.outboxAdd({ fileName: signed.fileName, contentBase64: b64(signed.pdf) }));
    expect(dup.code).toBe('OUTBOX_DUPLICATE');
    expect(dup.message).toContain(item.id);

    // A plan edited after its PDF was signed no longer matches the PDF.
    const resigned = await signing.renderAndSign({ plan: doc.plan, totals: doc.analysis.totals, handle: signing.oneOffSelfSigned({ name: 'Budi', nip: '', organization: null }), isCertified: false });
    await new Promise((r) => setTimeout(r, 1100));
    await c.api.rencanaAksiSave({ plan: { ...doc.plan, title: `${doc.plan.title} (diubah)` } });
    const changed = await failure(c.api.outboxAdd({ fileName: resigned.fileName, contentBase64: b64(resigned.pdf) }));
    expect(changed.code).toBe('OUTBOX_DATA_CHANGED');
  });

  it('refuses unsigned and altered PDFs, and asks for data.json when the PDF is not from Berkas', async () => {
    const unsigned = await failure(c.api.outboxAdd({ fileName: 'belum.pdf', contentBase64: b64(await unsignedPdf('belum')), dataJson: '{}', type: 'laporan', period: '2025-T1' }));
    expect(unsigned.code).toBe('PDF_NOT_SIGNED');
    expect(unsigned.message).toContain('belum.pdf');

    // One digit of the page size changed after signing: same length, still a sound PDF, no longer what was signed.
    const altered = Buffer.from(await signedPdf('diubah setelah ditandatangani'));
    const at = altered.indexOf('595');
    expect(at).toBeGreaterThan(0);
    altered[at] = '4'.charCodeAt(0);
    const broken = await failure(c.api.outboxAdd({ fileName: 'diubah.pdf', contentBase64: b64(altered), dataJson: '{}', type: 'laporan', period: '2025-T1' }));
    expect(broken.code).toBe('SIGNATURE_INVALID');
    expect(broken.message).toContain('diubah.pdf');

    const noData = await failure(c.api.outboxAdd({ fileName: 'luar.pdf', contentBase64: b64(await signedPdf('dari luar Berkas')) }));
    expect(noData.code).toBe('OUTBOX_DATA_MISSING');
    expect(noData.message).toContain('--data');
    const noType = await failure(c.api.outboxAdd({ fileName: 'luar.pdf', contentBase64: b64(await signedPdf('dari luar Berkas 2')), dataJson: '{"a":1}' }));
    expect(noType.details).toEqual({ field: 'type', types: ['rencana-aksi', 'serah-terima', 'laporan'] });
    const badJson = await failure(c.api.outboxAdd({ fileName: 'luar.pdf', contentBase64: b64(await signedPdf('x')), dataJson: '{a:1}', type: 'laporan', period: '2025' }));
    expect(badJson.code).toBe('OUTBOX_DATA_INVALID');
  });

  it('reads package ZIPs as hostile input and takes a valid one from another computer once', async () => {
    for (const name of ['traversal.zip', 'zip-bomb.zip', 'symlink.zip', 'duplicate-case.zip']) {
      const err = await failure(c.api.outboxAdd({ fileName: name, path: path.join(repoRoot, 'tests/fixtures/hostile-zips', name) }));
      expect(err.code).toMatch(/^ZIP_|PACKAGE_INVALID/);
    }
    const notBerkas = await failure(c.api.outboxAdd({ fileName: 'ok.zip', path: path.join(repoRoot, 'tests/fixtures/hostile-zips/ok.zip') }));
    expect(notBerkas.code).toMatch(/PACKAGE_INVALID|PACKAGE_METADATA_INVALID/);

    // A package made on another computer of the same OPD (carried on a flash drive).
    const other = await client('lain', 'BAPPEDA');
    let zip: string;
    let id: string;
    try {
      const attachment = path.join(root, 'lampiran.bin');
      await randomFile(attachment, 300_000, 'lampiran');
      const made = await other.api.outboxAdd({ fileName: 'laporan.pdf', contentBase64: b64(await signedPdf('paket komputer lain')), dataJson: dataJson(1), type: 'laporan', period: '2025-T2', attachmentPaths: [attachment] });
      id = made.id;
      zip = path.join(root, 'dari-lain.zip');
      await other.api.outboxExport({ id, outPath: zip });
    } finally {
      await other.ws.close();
    }
    const taken = await c.api.outboxAdd({ fileName: 'dari-lain.zip', path: zip });
    expect(taken).toMatchObject({ id, type: 'laporan', period: '2025-T2', fileCount: 7 });
    const again = await c.api.outboxAdd({ fileName: 'dari-lain.zip', contentBase64: b64(await fs.readFile(zip)) });
    expect(again.seq).toBe(taken.seq);

    // A tampered copy of it: one byte of the attachment changed inside the ZIP.
    const bytes = Buffer.from(await fs.readFile(zip));
    const tampered = path.join(root, 'diubah.zip');
    const marker = bytes.indexOf(Buffer.from('lampiran.bin'));
    const dataStart = bytes.indexOf(Buffer.from('lampiran.bin'), marker) + 'lampiran.bin'.length + 100;
    bytes[dataStart] = bytes[dataStart]! ^ 0xff;
    await fs.writeFile(tampered, bytes);
    const err = await failure(c.api.outboxAdd({ fileName: 'diubah.zip', path: tampered }));
    expect(err.code).toMatch(/^ZIP_|PACKAGE_INVALID/);

    expect((await c.outbox.sendPending()).delivered).toContain(id);
  });

  it('turns a handover bundle bagged by Berkas into a serah-terima submission with its signed berita acara', async () => {
    const bundleZip = path.join(root, 'serah-terima.zip');
    const source = path.join(root, 'kode-sumber.zip');
    await randomFile(source, 200_000, 'kode-sumber');
    // The bag the handover packager writes (core/services/handover/packaging.ts): no submission id yet.
    const beritaAcara = await signedPdf('Berita acara serah terima SIMPEG');
    const data = Buffer.from('{"format":"berkas-serah-terima","version":1}');
    await writeBagZip({
      outPath: bundleZip,
      payload: [
        { path: 'data/berita-acara-serah-terima.pdf', bytes: beritaAcara, size: beritaAcara.length },
        { path: 'data/data.json', bytes: data, size: data.length },
        { path: 'data/kode-sumber/simpeg.zip', file: source, size: 200_000 },
      ],
      bagInfo: [
        ['Source-Organization', 'Badan Perencanaan Pembangunan Daerah'],
        ['External-Identifier', 'bundel-uji'],
        ['External-Description', 'Berkas serah terima aplikasi SIMPEG'],
        ['Berkas-Document', 'serah-terima-aplikasi'],
        ['Berkas-Revision', '1'],
      ],
      baggingDate: new Date('2025-08-01T10:00:00Z'),
    });
    const item = await c.api.outboxAdd({ fileName: 'serah-terima.zip', path: bundleZip });
    expect(item).toMatchObject({ type: 'serah-terima', period: '2025', opd: 'BAPPEDA', mainDocument: 'data/berita-acara-serah-terima.pdf', title: 'Berkas serah terima aplikasi SIMPEG' });
    expect((await c.outbox.sendPending()).delivered).toEqual([item.id]);
    const stored = await server.intake.repo.getSubmission(item.id);
    expect(stored?.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['data/berita-acara-serah-terima.pdf', 'data/kode-sumber/simpeg.zip', 'data/data.json']));
    expect(stored?.type).toBe('serah-terima');
  });

  it('holds, resumes, cancels and hurries single packages', async () => {
    const a = await c.api.outboxAdd({ fileName: 'a.pdf', contentBase64: b64(await signedPdf('tahan a')), dataJson: dataJson(2), type: 'laporan', period: '2025-06', isHeld: true });
    const b = await c.api.outboxAdd({ fileName: 'b.pdf', contentBase64: b64(await signedPdf('batal b')), dataJson: dataJson(3), type: 'laporan', period: '2025-06' });
    expect(a.status.isHeld).toBe(true);
    expect(a.actions).toMatchObject({ canResume: true, canSendNow: false });
    const cancelled = await c.api.outboxCancel({ id: b.id });
    expect(cancelled.status.state).toBe('dibatalkan');
    expect((await failure(c.api.outboxCancel({ id: b.id }))).message).toBe('Paket berstatus "Dibatalkan" tidak dapat dibatalkan.');
    expect((await failure(c.api.outboxExport({ id: b.id, outPath: path.join(root, 'b.zip') }))).code).toBe('OUTBOX_CANCELLED');

    const report = await c.outbox.sendPending();
    expect(report.delivered).toEqual([]);
    expect(report.waiting.find((w) => w.id === a.id)?.reason).toBe('Ditahan oleh petugas.');
    const conn = await connectionOf(c);
    expect(await createSyncClient().status(conn, b.id)).toBeNull();
    expect(await createSyncClient().status(conn, a.id)).toBeNull();

    await c.api.outboxResume({ id: a.id });
    expect((await c.outbox.sendPending()).delivered).toEqual([a.id]);
    const overview = await c.api.outboxStatus({});
    expect(overview.oldestUnsentAt).toBeNull();
  });

  it('learns review results (diterima, perlu revisi) from the server', async () => {
    const item = await c.api.outboxAdd({ fileName: 'tinjau.pdf', contentBase64: b64(await signedPdf('untuk ditinjau')), dataJson: dataJson(4), type: 'laporan', period: '2025-S1' });
    await c.outbox.sendPending();
    await server.intake.service.decide(item.id, 'perlu-revisi', 'Lampiran bukti kurang', 'admin-uji');
    const overview = await c.api.outboxStatus({ refresh: true });
    expect(overview.counts['perlu-revisi']).toBeGreaterThanOrEqual(1);
    const reviewed = (await c.api.outboxList({})).find((i) => i.id === item.id);
    expect(reviewed?.status).toMatchObject({ state: 'perlu-revisi', review: { status: 'perlu-revisi', note: 'Lampiran bukti kurang' } });

    // The correction names the submission it replaces.
    const fix = await c.api.outboxAdd({ fileName: 'tinjau-2.pdf', contentBase64: b64(await signedPdf('perbaikan')), dataJson: dataJson(5), type: 'laporan', period: '2025-S1', revisionOf: item.id });
    await c.outbox.sendPending();
    await server.intake.service.decide(fix.id, 'diterima', null, 'admin-uji');
    await c.api.outboxStatus({ refresh: true });
    const accepted = (await c.api.outboxList({})).find((i) => i.id === fix.id);
    expect(accepted?.status.state).toBe('diterima');
    expect(accepted?.revisionOf).toBe(item.id);
  });

  it('delivers a flash-drive package exactly once: the online send then gets the same receipt', async () => {
    const item = await c.api.outboxAdd({ fileName: 'flash.pdf', contentBase64: b64(await signedPdf('lewat flashdisk')), dataJson: dataJson(6), type: 'laporan', period: '2025-T3' });
    const zip = path.join(root, `flash-${item.id}.zip`);
    await c.api.outboxExport({ id: item.id, outPath: zip });
    const imported = await server.intake.service.importPackage(zip);
    expect(imported).toMatchObject({ submissionId: item.id });

    // The app learns it from the server's list of changes, without sending anything.
    await c.api.outboxStatus({ refresh: true });
    const after = (await c.api.outboxList({})).find((i) => i.id === item.id);
    expect(after?.status.state).toBe('terkirim');
    expect(after?.status.receipt?.manifestSha256).toBe(item.manifestSha256);
    const stored = (await server.intake.repo.listSubmissions({ limit: 1000, order: 'updated-asc' })).filter((r) => r.id === item.id);
    expect(stored).toHaveLength(1);
    expect(after?.status.receipt).toEqual(stored[0]?.receipt);
  });
});

async function connectionOf(c: Client) {
  const token = new TextDecoder().decode((await c.services.vault(passphrase).open(DEVICE_TOKEN_VAULT_NAME)) as Uint8Array);
  return { serverUrl: server.url, token };
}

describe('over a bad link', () => {
  it('settles a commit whose answer was lost by asking, and commits only once', async () => {
    const c = await client('belum-pasti', 'DINKES', proxy.url);
    try {
      const item = await c.api.outboxAdd({ fileName: 'pasti.pdf', contentBase64: b64(await signedPdf('belum pasti')), dataJson: dataJson(7), type: 'laporan', period: '2025' });
      const lossy = new FaultProxy(server.port, { seed: 3, lostCommitAnswer: 1 });
      await lossy.listen();
      await c.ws.db.write([{ sql: 'UPDATE sync_enrollment SET server_url = ? WHERE id = 1', params: [lossy.url] }]);
      try {
        await c.outbox.sendPending();
        const uncertain = (await c.api.outboxList({})).find((i) => i.id === item.id);
        expect(uncertain?.status.state).toBe('belum-pasti');
        expect(uncertain?.status.lastError?.message).toContain('Hasil pengiriman belum pasti');
        expect(lossy.stats.lostAnswers).toBe(1);
        // The server did commit it; the app must find out by asking, not by committing again.
        const before = (await server.intake.repo.getSubmission(item.id))?.receipt;
        expect(before).not.toBeNull();
        lossy.setFaulty(false);
        const report = await c.outbox.sendPending();
        expect(report.delivered).toEqual([item.id]);
        const sent = (await c.api.outboxList({})).find((i) => i.id === item.id);
        expect(sent?.status.receipt).toEqual(before);
      } finally {
        await lossy.close();
      }
    } finally {
      await c.ws.close();
    }
  });

  it('keeps packages queued with an Indonesian reason while the server is down, and sends them when it is back', async () => {
    const c = await client('mati', 'DISHUB', proxy.url);
    try {
      const item = await c.api.outboxAdd({ fileName: 'mati.pdf', contentBase64: b64(await signedPdf('server mati')), dataJson: dataJson(8), type: 'laporan', period: '2025' });
      // The server's port answers nothing: what a stopped server looks like.
      await c.ws.db.write([{ sql: 'UPDATE sync_enrollment SET server_url = ? WHERE id = 1', params: [`http://127.0.0.1:${await freePort()}`] }]);
      const report = await c.outbox.sendPending();
      expect(report.delivered).toEqual([]);
      const waiting = (await c.api.outboxList({})).find((i) => i.id === item.id);
      expect(waiting?.status.state).toBe('antre');
      expect(waiting?.status.lastError?.message).toMatch(/^Server http:\/\/127\.0\.0\.1:\d+ menolak koneksi .*Paket tetap di antrean/);
      expect((await c.api.serverStatus({})).isReachable).toBe(false);
      await c.ws.db.write([{ sql: 'UPDATE sync_enrollment SET server_url = ? WHERE id = 1', params: [proxy.url] }]);
      expect((await c.outbox.sendPending({ isPatient: true })).delivered).toEqual([item.id]);
    } finally {
      await c.ws.close();
    }
  });

  it('stops sending when the token is revoked, says to enrol again, and continues after re-enrolling', async () => {
    const c = await client('cabut', 'DISPORA', server.url);
    try {
      const item = await c.api.outboxAdd({ fileName: 'cabut.pdf', contentBase64: b64(await signedPdf('token dicabut')), dataJson: dataJson(9), type: 'laporan', period: '2025' });
      await runAdminVerb({ service: server.intake.service, keys: server.intake.keys, now: () => new Date() }, 'revoke-token', { opd: 'DISPORA' });
      await c.outbox.sendPending();
      const overview = await c.api.outboxStatus({});
      expect(overview.enrollment?.revokedAt).not.toBeNull();
      expect(overview.sender.state).toBe('not-enrolled');
      expect(overview.sender.linkError?.message).toContain('Daftarkan ulang');
      expect((await c.api.outboxList({})).find((i) => i.id === item.id)?.status.state).toBe('antre');
      expect((await failure(c.outbox.sendPending())).code).toBe('TOKEN_REVOKED');

      const { code } = await server.intake.service.createEnrollmentCode('DISPORA', null);
      await c.api.enroll({ serverUrl: server.url, code });
      expect((await c.outbox.sendPending()).delivered).toEqual([item.id]);
    } finally {
      await c.ws.close();
    }
  });
});

describe('what the server holds', () => {
  it('holds every delivered package once, byte for byte', async () => {
    const stored = await storedSubmissionsLive();
    const ids = stored.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of stored.filter((x) => x.state === 'committed')) {
      const record = await server.intake.repo.getSubmission(s.id);
      for (const f of record!.manifest.files) expect(s.files.get(f.path)).toBe(f.sha256);
    }
  });
});

/** The running server's own view (the helper that reopens its store needs it stopped). */
async function storedSubmissionsLive() {
  const records = await server.intake.repo.listSubmissions({ limit: 100_000, order: 'updated-asc' });
  return Promise.all(
    records.map(async (r) => {
      const files = new Map<string, string>();
      for (const f of r.manifest.files) files.set(f.path, await storedSha256(server.intake.storage, f.sha256));
      return { id: r.id, state: r.state, files };
    }),
  );
}

