/**
 * The outbox service's decisions, with the network replaced by a scripted
 * transport (the real one is exercised against the real server in
 * tests/integration/outbox-*.test.ts and sync-fault.test.ts): what it does
 * with a bad receipt, a lost commit answer, a conflict, a hold mid-upload, a
 * restart, and in which order it sends. The database is the real sql.js store.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../../../core/adapters/sqljs-database';
import { migrations } from '../../../../../core/adapters/migrations';
import { verifyReceiptSignature, keyIdOf } from '../../../../../core/adapters/sync-client/sync-client';
import type { BlobUploadControl, BuiltPackage, Database, KeyVault, PackageInput, SubmissionPackager, SyncConnection, SyncTransport } from '../../../../../core/ports';
import { BerkasError } from '../../../../../core/domain/errors';
import { buildManifest, manifestCanonicalText, uuidV7, type Manifest } from '../../../../../core/domain/outbox/manifest';
import { receiptSignedText, type MissingBlob, type Receipt, type ServerKey, type SubmissionStatus } from '../../../../../core/domain/outbox/protocol';
import { createOutboxService, type OutboxService, type OutboxServiceDeps } from '../../../../../core/services/outbox/outbox-service';
import { createOutboxRepository } from '../../../../../core/adapters/repositories/outbox-repository';
import type { Settings } from '../../../../../core/domain/settings/settings';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

function serverKey(): { key: ServerKey; signReceipt(id: string, manifestSha256: string): Receipt } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  const key: ServerKey = { keyId: keyIdOf(x), algorithm: 'Ed25519', publicKey: x, createdAt: '2025-01-01T00:00:00.000Z', isCurrent: true };
  return {
    key,
    signReceipt(submissionId, manifestSha256) {
      const base = { submissionId, manifestSha256, receivedAt: '2025-06-17T03:04:05.123Z', keyId: key.keyId };
      return { ...base, algorithm: 'Ed25519', signature: sign(null, Buffer.from(receiptSignedText(base)), privateKey).toString('base64url') };
    },
  };
}

type Step = 'open' | 'upload' | 'commit' | 'status';

/** A server in a script: records every call; each answer can be replaced per call. */
class ScriptedServer implements SyncTransport {
  calls: { step: Step; id?: string }[] = [];
  keysServed: ServerKey[];
  held = new Map<string, Set<string>>();
  committed = new Map<string, { manifestSha256: string; receipt: Receipt }>();
  failNext: Partial<Record<Step, BerkasError[]>> = {};
  uploadGate: Promise<void> | null = null;
  receiptFor: (id: string, hash: string) => Receipt;

  constructor(signer = serverKey()) {
    this.keysServed = [signer.key];
    this.receiptFor = (id, hash) => signer.signReceipt(id, hash);
  }

  private fail(step: Step): void {
    const err = this.failNext[step]?.shift();
    if (err) throw err;
  }

  async health() {}
  async keys() {
    return this.keysServed;
  }
  async enroll() {
    return { token: 't'.repeat(43), tokenId: 'tok1', opd: { code: 'DISDIK', name: 'Dinas Pendidikan' }, keys: this.keysServed };
  }
  async openSubmission(_c: SyncConnection, manifest: Manifest, manifestSha256: string) {
    this.calls.push({ step: 'open', id: manifest.submissionId });
    this.fail('open');
    const done = this.committed.get(manifest.submissionId);
    if (done) return { submissionId: manifest.submissionId, manifestSha256, state: 'committed' as const, missing: [], receipt: done.receipt };
    const held = this.held.get(manifest.submissionId) ?? new Set<string>();
    this.held.set(manifest.submissionId, held);
    const missing: MissingBlob[] = [];
    for (const f of manifest.files) if (!held.has(f.sha256) && !missing.some((m) => m.sha256 === f.sha256)) missing.push({ sha256: f.sha256, size: f.size, offset: 0 });
    return { submissionId: manifest.submissionId, manifestSha256, state: 'open' as const, missing, receipt: null };
  }
  async uploadBlob(_c: SyncConnection, blob: MissingBlob, _file: string, control: BlobUploadControl = {}) {
    this.calls.push({ step: 'upload' });
    if (this.uploadGate) {
      const gate = this.uploadGate;
      await new Promise<void>((resolve, reject) => {
        control.signal?.addEventListener('abort', () => reject(new BerkasError('CANCELLED', 'dihentikan')));
        void gate.then(resolve);
      });
    }
    this.fail('upload');
    control.onProgress?.(blob.size);
    for (const held of this.held.values()) held.add(blob.sha256);
  }
  async commit(_c: SyncConnection, id: string, manifestSha256: string) {
    this.calls.push({ step: 'commit', id });
    const receipt = this.receiptFor(id, manifestSha256);
    this.committed.set(id, { manifestSha256, receipt });
    this.fail('commit');
    return { submissionId: id, manifestSha256, receipt, review: null };
  }
  async status(_c: SyncConnection, id: string): Promise<SubmissionStatus | null> {
    this.calls.push({ step: 'status', id });
    this.fail('status');
    const done = this.committed.get(id);
    if (!done) return null;
    return { submissionId: id, manifestSha256: done.manifestSha256, state: 'committed', missing: [], receipt: done.receipt, review: null, lastError: null };
  }
  async updates() {
    return { submissions: [], next: null };
  }
  verifyReceipt(receipt: Receipt, keys: readonly ServerKey[]) {
    return verifyReceiptSignature(receipt, keys);
  }
}

function memoryVault(): KeyVault {
  const secrets = new Map<string, Uint8Array>();
  return {
    kind: 'passphrase-file',
    async seal(name, secret) {
      secrets.set(name, secret);
    },
    async open(name) {
      return secrets.get(name) ?? null;
    },
    async remove(name) {
      secrets.delete(name);
    },
  };
}

const settings: Settings = {
  opd: { name: 'Dinas Pendidikan', code: 'DISDIK', profileId: 'pontianak' },
  officer: { name: 'Budi', nip: '198703122010011002', jabatan: 'Kepala', pangkatGolongan: 'Penata' },
  serverUrl: '',
  language: 'id',
};

let counter = 0;
const fakePackager = {
  newSubmissionId: (at: Date) => uuidV7(at.getTime(), createHash('sha256').update(String(counter++)).digest()),
  inspectPdf: async (pdf: Uint8Array, fileName: string) => ({ fileName, sha256: createHash('sha256').update(pdf).digest('hex'), isSigned: pdf[0] !== 0, signers: ['Budi'], signedAt: null, documentId: null, problems: [] }),
  build: async (input: PackageInput): Promise<BuiltPackage> => {
    const files = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', input.meta.mainDocument, 'data/data.json'].map((p) => ({ path: p, sha256: sha(`${input.meta.submissionId}:${p}`), size: 100 }));
    const manifest = buildManifest(input.meta, files);
    return { manifest, manifestSha256: sha(manifestCanonicalText(manifest)), packageSha256: sha(input.meta.submissionId), packageSize: 500, title: input.title };
  },
  importZip: async (): Promise<BuiltPackage> => {
    throw new Error('not used');
  },
  exportTo: async () => ({ path: '', size: 0 }),
};

interface Harness {
  db: Database;
  server: ScriptedServer;
  outbox: OutboxService;
  dir: string;
  reopen(): Promise<OutboxService>;
}

const harnesses: Harness[] = [];

async function harness(server = new ScriptedServer(), options: { findDocument?: OutboxServiceDeps['findDocument']; packager?: Partial<SubmissionPackager> } = {}): Promise<Harness> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-outbox-svc-'));
  let { db } = await openDatabase({ dir, migrations });
  const vault = memoryVault();
  let saved: Settings | null = settings;
  const make = (database: Database) =>
    createOutboxService({
      repository: createOutboxRepository(database),
      clock: { now: () => new Date() },
      blobs: { put: async () => ({ sha256: '', size: 0 }), has: async () => true, read: async () => new Uint8Array(), pathOf: (h) => `/blobs/${h}` },
      settings: { load: async () => saved, save: async (s) => void (saved = s) },
      transport: server,
      packager: { ...fakePackager, ...options.packager },
      vault: () => vault,
      findDocument: options.findDocument ?? (() => null),
      appVersion: '0.1.0',
      deviceName: 'uji',
      random: () => 0.5,
      backoff: { baseMs: 5, capMs: 20 },
    });
  const h: Harness = {
    db,
    server,
    outbox: make(db),
    dir,
    async reopen() {
      await h.outbox.stop();
      await db.close();
      db = (await openDatabase({ dir, migrations })).db;
      h.db = db;
      h.outbox = make(db);
      return h.outbox;
    },
  };
  await h.outbox.enroll({ serverUrl: 'http://127.0.0.1:9', code: 'K7QM-4XTD-9HPA-2WEC' });
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.outbox.stop();
    await h.db.close();
    await fs.rm(h.dir, { recursive: true, force: true });
  }
});

const pdf = (n: number) => new Uint8Array([1, n, 2, 3]);
const add = (o: OutboxService, n: number, extra: { isHeld?: boolean } = {}) => o.addPdf({ fileName: `d${n}.pdf`, bytes: pdf(n), data: { n }, type: 'laporan', period: '2025', ...extra });

describe('outbox service', () => {
  it('sends oldest first, but "kirim sekarang" goes before', async () => {
    const h = await harness();
    const a = await add(h.outbox, 1);
    const b = await add(h.outbox, 2);
    const c = await add(h.outbox, 3);
    await h.outbox.sendNow(c.id);
    const report = await h.outbox.sendPending();
    expect(report.delivered).toEqual([c.id, a.id, b.id]);
    expect(h.server.calls.filter((x) => x.step === 'open').map((x) => x.id)).toEqual([c.id, a.id, b.id]);
    expect(h.outbox.list().map((i) => i.status.state)).toEqual(['terkirim', 'terkirim', 'terkirim']);
  });

  it('keeps a few packages on their way once one went through, and reports them oldest first, each sent once', async () => {
    const h = await harness();
    let onTheirWay = 0;
    let most = 0;
    const open = h.server.openSubmission.bind(h.server);
    h.server.openSubmission = async (...args) => {
      onTheirWay += 1;
      most = Math.max(most, onTheirWay);
      await new Promise((r) => setTimeout(r, 5));
      return open(...args);
    };
    const commit = h.server.commit.bind(h.server);
    h.server.commit = async (...args) => {
      onTheirWay -= 1;
      return commit(...args);
    };
    const items = [];
    for (let n = 1; n <= 7; n++) items.push(await add(h.outbox, n));
    const report = await h.outbox.sendPending();
    expect(report.delivered).toEqual(items.map((i) => i.id));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    expect(h.server.calls.filter((c) => c.step === 'commit').map((c) => c.id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('starts a revision only after the package it revises has settled, even with packages on their way', async () => {
    const h = await harness();
    // The first delivery of the pass opens the window; then the target and its revision would go together.
    const first = await add(h.outbox, 1);
    const target = await add(h.outbox, 2);
    const revision = await h.outbox.addPdf({ fileName: 'd3.pdf', bytes: pdf(3), data: { n: 3 }, type: 'laporan', period: '2025', revisionOf: target.id });
    const later = await add(h.outbox, 4);
    const committed = new Set<string>();
    const openedBeforeTarget: string[] = [];
    const open = h.server.openSubmission.bind(h.server);
    h.server.openSubmission = async (...args) => {
      const id = args[1].submissionId;
      if (!committed.has(target.id)) openedBeforeTarget.push(id);
      await new Promise((r) => setTimeout(r, 5));
      return open(...args);
    };
    const commit = h.server.commit.bind(h.server);
    h.server.commit = async (...args) => {
      const answer = await commit(...args);
      committed.add(args[1]);
      return answer;
    };
    const report = await h.outbox.sendPending();
    expect(report.delivered).toEqual(expect.arrayContaining([first.id, target.id, revision.id, later.id]));
    expect(openedBeforeTarget).toContain(target.id);
    expect(openedBeforeTarget).not.toContain(revision.id);
  });

  it('starts no more packages once the link fails, and tries only one at first', async () => {
    const h = await harness();
    const refused = () => new BerkasError('NETWORK_REFUSED', 'Server menolak koneksi.', { isMaybeDelivered: false, httpStatus: null });
    const items = [];
    for (let n = 1; n <= 7; n++) items.push(await add(h.outbox, n));
    h.server.failNext = { open: [refused()] };
    // Down from the start: one package tried, not three.
    expect(await h.outbox.sendPending()).toMatchObject({ attempted: 1, delivered: [] });
    const commit = h.server.commit.bind(h.server);
    h.server.commit = async (...args) => {
      h.server.failNext = { open: [refused(), refused(), refused()] };
      h.server.commit = commit;
      return commit(...args);
    };
    // Down after the first delivery: the packages already on their way fail, no later one is started.
    const report = await h.outbox.sendPending();
    expect(report.delivered).toEqual([items[0]!.id]);
    expect(report.attempted).toBeLessThanOrEqual(1 + 3);
    const untouched = h.outbox.list().filter((i) => i.status.state === 'antre' && i.status.lastError === null);
    expect(untouched.length).toBeGreaterThanOrEqual(items.length - 4);
  });

  it('takes the data of the document a PDF names, unless it changed after signing; a PDF the document recorded as signed is its present data', async () => {
    const signedPdf = pdf(7);
    const signedSha = sha(signedPdf);
    let source = { type: 'laporan' as const, period: '2026-T3', title: 'Laporan triwulan', data: { isi: 1 }, updatedAt: '2026-10-01T10:00:05.000Z', signedPdfSha256s: [] as string[] };
    const h = await harness(new ScriptedServer(), {
      findDocument: (id) => (id === 'laporan-1' ? source : null),
      packager: { inspectPdf: async (pdf: Uint8Array, fileName: string) => ({ fileName, sha256: createHash('sha256').update(pdf).digest('hex'), isSigned: true, signers: ['Budi'], signedAt: '2026-10-01T10:00:00.000Z', documentId: 'laporan-1', problems: [] }) },
    });
    // Saved 5 s after the signature and not recorded as signed: the PDF may no longer show the data.
    await expect(h.outbox.addPdf({ fileName: 'laporan.pdf', bytes: signedPdf })).rejects.toMatchObject({ code: 'OUTBOX_DATA_CHANGED' });
    // The report recorded this very PDF at its present revision (recording took those 5 s): its data goes with it.
    source = { ...source, signedPdfSha256s: [signedSha] };
    expect(await h.outbox.addPdf({ fileName: 'laporan.pdf', bytes: signedPdf })).toMatchObject({ type: 'laporan', period: '2026-T3', title: 'Laporan triwulan' });
  });

  it('refuses a PDF without a signature before anything is packaged', async () => {
    const h = await harness();
    await expect(h.outbox.addPdf({ fileName: 'kosong.pdf', bytes: new Uint8Array([0]), data: {}, type: 'laporan', period: '2025' })).rejects.toMatchObject({ code: 'PDF_NOT_SIGNED' });
    expect(h.outbox.list()).toEqual([]);
  });

  it('does not accept a receipt whose signature does not verify, nor one for another package', async () => {
    const h = await harness();
    const forged = serverKey();
    h.server.receiptFor = (id, hash) => ({ ...forged.signReceipt(id, hash), keyId: h.server.keysServed[0]!.keyId });
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status).toMatchObject({ state: 'gagal', receipt: null, lastError: { code: 'RECEIPT_INVALID' } });
    expect(h.outbox.get(a.id).status.lastError?.message).toContain('tidak dapat diverifikasi');

    const right = serverKey();
    h.server.keysServed = [right.key];
    h.server.receiptFor = (_id, hash) => right.signReceipt(uuidV7(Date.now(), new Uint8Array(10)), hash);
    const b = await add(h.outbox, 2);
    await h.outbox.sendPending();
    expect(h.outbox.get(b.id).status.lastError?.message).toContain('kiriman lain');
  });

  it('fetches the server keys again when a receipt names a key it has not seen', async () => {
    const h = await harness();
    const rotated = serverKey();
    h.server.keysServed = [...h.server.keysServed, rotated.key];
    h.server.receiptFor = (id, hash) => rotated.signReceipt(id, hash);
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('terkirim');
    const [row] = h.db.query<{ keys: string }>('SELECT keys FROM sync_enrollment');
    expect((JSON.parse(row!.keys) as ServerKey[]).map((k) => k.keyId)).toContain(rotated.key.keyId);
  });

  it('asks, never re-commits, after a commit whose answer was lost', async () => {
    const h = await harness();
    const lost = new BerkasError('NETWORK_TIMEOUT', 'tidak menjawab', { isMaybeDelivered: true, httpStatus: null });
    h.server.failNext = { commit: [lost], status: [new BerkasError('NETWORK_REFUSED', 'mati', { isMaybeDelivered: false })] };
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('belum-pasti');
    // Asking failed once (still uncertain), then the answer: committed, with its receipt.
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('belum-pasti');
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('terkirim');
    expect(h.server.calls.filter((c) => c.step === 'commit')).toHaveLength(1);
    expect(h.server.calls.map((c) => c.step)).toEqual(['open', 'upload', 'upload', 'upload', 'upload', 'upload', 'commit', 'status', 'status']);
  });

  it('starts again from the manifest when the server never saw the uncertain commit', async () => {
    const h = await harness();
    const realCommit = h.server.commit.bind(h.server);
    let isFirst = true;
    h.server.commit = async (c, id, hash) => {
      if (isFirst) {
        isFirst = false;
        h.server.calls.push({ step: 'commit', id });
        throw new BerkasError('NETWORK_RESET', 'putus', { isMaybeDelivered: true });
      }
      return realCommit(c, id, hash);
    };
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('belum-pasti');
    await h.outbox.sendPending({ isPatient: true });
    expect(h.outbox.get(a.id).status.state).toBe('terkirim');
    expect(h.server.calls.filter((c) => c.step !== 'upload').map((c) => c.step)).toEqual(['open', 'commit', 'status', 'open', 'commit']);
  });

  it('marks a conflict as not sendable, with what to do, and keeps the server version untouched', async () => {
    const h = await harness();
    h.server.failNext = {
      commit: [new BerkasError('SUBMISSION_CONFLICT', 'Id ini sudah dipakai kiriman lain.', { httpStatus: 409, server: { receivedAt: '2025-06-01T00:00:00.000Z' } })],
    };
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    const s = h.outbox.get(a.id).status;
    expect(s.state).toBe('gagal');
    expect(s.lastError?.message).toContain('revisi baru');
    expect(s.lastError?.message).toContain('2025-06-01T00:00:00.000Z');
    expect(h.outbox.get(a.id).actions).toMatchObject({ canSendNow: true, canCancel: true });
  });

  it("keeps a failure's details with the package across a restart, but not for a reason it composed itself", async () => {
    const h = await harness();
    const details = { serverUrl: 'https://intake.example.go.id', isMaybeDelivered: false, httpStatus: null };
    h.server.failNext = { open: [new BerkasError('NETWORK_REFUSED', 'Server menolak koneksi.', details)] };
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    const reopened = await h.reopen();
    expect(reopened.get(a.id).status.lastError).toMatchObject({ code: 'NETWORK_REFUSED', message: 'Server menolak koneksi.', details });
    h.server.failNext = { commit: [new BerkasError('SUBMISSION_CONFLICT', 'Id ini sudah dipakai kiriman lain.', { httpStatus: 409, serverUrl: details.serverUrl })] };
    await reopened.sendNow(a.id);
    await reopened.sendPending({ isPatient: true });
    const conflict = reopened.get(a.id).status.lastError;
    expect(conflict).toMatchObject({ code: 'SUBMISSION_CONFLICT' });
    expect(conflict?.details).toBeUndefined();
  });

  it('gets the same receipt without uploading when the server already has the package', async () => {
    const h = await harness();
    const a = await add(h.outbox, 1);
    h.server.committed.set(a.id, { manifestSha256: a.manifestSha256, receipt: h.server.receiptFor(a.id, a.manifestSha256) });
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status.state).toBe('terkirim');
    expect(h.server.calls.map((c) => c.step)).toEqual(['open']);
  });

  it('stops an upload when the package is held, without marking it failed', async () => {
    const h = await harness();
    let open!: () => void;
    h.server.uploadGate = new Promise<void>((resolve) => (open = resolve));
    const a = await add(h.outbox, 1);
    const sending = h.outbox.sendPending();
    for (let i = 0; i < 100 && !h.server.calls.some((c) => c.step === 'upload'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(h.outbox.get(a.id).status.state).toBe('mengirim');
    await h.outbox.hold(a.id);
    await sending;
    open();
    expect(h.outbox.get(a.id).status).toMatchObject({ state: 'antre', isHeld: true, lastError: null });
    h.server.uploadGate = null;
    await h.outbox.resume(a.id);
    expect((await h.outbox.sendPending()).delivered).toEqual([a.id]);
  });

  it('after a restart mid-upload, queues the package again with its progress', async () => {
    const h = await harness();
    let open!: () => void;
    const a = await add(h.outbox, 1);
    await add(h.outbox, 2);
    h.server.uploadGate = new Promise<void>((resolve) => (open = resolve));
    const sending = h.outbox.sendPending();
    for (let i = 0; i < 100 && h.server.calls.filter((c) => c.step === 'upload').length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    await h.outbox.stop();
    open();
    await sending;
    // As after a crash: the row still says mengirim.
    const status = JSON.parse(h.db.query<{ status: string }>('SELECT status FROM outbox_items WHERE id = ?', [a.id])[0]!.status) as { state: string };
    status.state = 'mengirim';
    await h.db.write([{ sql: "UPDATE outbox_items SET status = ?, state = 'mengirim' WHERE id = ?", params: [JSON.stringify(status), a.id] }]);
    h.server.uploadGate = null;
    const reopened = await h.reopen();
    await reopened.ready;
    expect(reopened.get(a.id).status.state).toBe('antre');
    expect((await reopened.sendPending()).delivered).toContain(a.id);
  });

  it('keeps acknowledged upload offsets in the database while sending', async () => {
    const h = await harness();
    const a = await add(h.outbox, 1);
    let open!: () => void;
    let uploads = 0;
    const upload = h.server.uploadBlob.bind(h.server);
    h.server.uploadBlob = async (c, blob, file, control) => {
      uploads += 1;
      if (uploads === 3) await new Promise<void>((resolve) => (open = resolve));
      return upload(c, blob, file, control);
    };
    const sending = h.outbox.sendPending();
    for (let i = 0; i < 200 && uploads < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    const persisted = h.outbox.uploads(a.id);
    expect(persisted.filter((u) => u.offset === u.size)).toHaveLength(2);
    expect(h.outbox.get(a.id).status.bytesSent).toBe(200);
    open();
    await sending;
    expect(h.outbox.uploads(a.id)).toEqual([]);
  });

  it('stops when the token is revoked and reports it', async () => {
    const h = await harness();
    h.server.failNext = { open: [new BerkasError('TOKEN_REVOKED', 'Token dicabut.', { httpStatus: 401, serverUrl: 'http://127.0.0.1:9' })] };
    const a = await add(h.outbox, 1);
    await h.outbox.sendPending();
    expect(h.outbox.get(a.id).status).toMatchObject({ state: 'antre', lastError: { code: 'TOKEN_REVOKED' } });
    expect(h.outbox.overview().sender).toMatchObject({ state: 'not-enrolled', linkError: { code: 'TOKEN_REVOKED', details: { serverUrl: 'http://127.0.0.1:9' } } });
    await expect(h.outbox.sendPending()).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  });

  it('sends on its own, backing off while the server is unreachable, and the oldest unsent age follows', async () => {
    const h = await harness();
    const refused = () => new BerkasError('NETWORK_REFUSED', 'Server menolak koneksi.', { isMaybeDelivered: false, httpStatus: null });
    h.server.failNext = { open: [refused(), refused(), refused()] };
    const a = await add(h.outbox, 1);
    expect(h.outbox.overview().oldestUnsentId).toBe(a.id);
    h.outbox.start();
    for (let i = 0; i < 400 && h.outbox.get(a.id).status.state !== 'terkirim'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.outbox.get(a.id).status.state).toBe('terkirim');
    expect(h.server.calls.filter((c) => c.step === 'open')).toHaveLength(4);
    expect(h.outbox.overview()).toMatchObject({ oldestUnsentAt: null, sender: { isAutomatic: true, linkError: null } });
  });
});
