/**
 * Issue 16.5: the fault test once more with two intake nodes (`berkas server
 * start` ×2 over one PostgreSQL and one S3 bucket: OpenStack Swift's s3api
 * from .ci/object-store.sh) behind a round-robin balancer standing for the
 * reverse proxy, behind the seeded fault proxy. Each new connection goes to
 * the next node in turn; the node receiving a large upload (the app keeps its
 * connection alive, so often the node that enrolled it) is SIGKILLed in the
 * upload's middle and stays down, so the other continues the chunks the dead
 * one accepted, and commits the rest.
 * Every submission arrives exactly once, hash-identical in the bucket.
 *
 * Skipped, saying why, without DATABASE_URL or BERKAS_S3_BUCKET.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../core/app/workspace';
import { inProcessClient } from '../../core/app/in-process';
import { createServices } from '../../core/app/services';
import { CHUNK_BYTES, distinctBlobs, parseStoredManifest, type Manifest } from '../../core/domain/outbox/manifest';
import type { OutboxItemView } from '../../core/domain/outbox/views';
import { objectStoreFromEnv, type ObjectStoreConfig } from '../../server/storage/config';
import { FaultProxy } from './helpers/fault-proxy';
import { enrollmentCode, freePort, spawnServer, storedSubmissions, type ServerChild } from './helpers/intake';
import { outboxSettings, randomFile, signedPdf, tempDir } from './helpers/outbox-fixtures';
import { postgresUrl, storeVariants } from './helpers/server-stores';

const objectStore = objectStoreFromEnv();
const missing = [postgresUrl ? null : 'DATABASE_URL (`. .ci/postgres.sh`)', objectStore ? null : 'BERKAS_S3_BUCKET dkk. (`. .ci/object-store.sh`)'].filter((m): m is string => m !== null);
const describeNodes = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0) console.warn(`sync-fault-nodes: dua node di balik proksi gangguan DILEWATI — ${missing.join(' dan ')} tidak diisi.`);

const seed = 20261207;
const submissionCount = 24;
const largeCount = 2;
const largeBytes = 12 * CHUNK_BYTES + 4321;
const passphrase = 'frasa-brankas-uji-dua-node';
const clientEnv = { BERKAS_VAULT_PASSPHRASE: passphrase, BERKAS_SYNC_IDLE_TIMEOUT_MS: '1500', BERKAS_OUTBOX_BACKOFF_CAP_MS: '400' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The reverse proxy: each new connection to the next node in turn; a node that refuses is passed over. */
class Balancer {
  private readonly server = net.createServer((client) => this.route(client));
  private turn = 0;
  readonly served: number[];
  /** The node whose connection last carried bytes from the client (the one receiving the upload in flight). */
  lastActive = -1;
  port = 0;

  constructor(private readonly ports: readonly number[]) {
    this.served = ports.map(() => 0);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private route(client: net.Socket): void {
    client.pause();
    client.on('error', () => undefined);
    const first = this.turn++ % this.ports.length;
    const attempt = (k: number) => {
      const at = (first + k) % this.ports.length;
      const upstream = net.connect(this.ports[at] as number, '127.0.0.1');
      let isConnected = false;
      upstream.once('connect', () => {
        isConnected = true;
        this.served[at] = (this.served[at] ?? 0) + 1;
        client.on('data', () => (this.lastActive = at));
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        if (!isConnected && k + 1 < this.ports.length) attempt(k + 1);
        else client.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    attempt(0);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function manifestOf(ws: Workspace, id: string): Manifest {
  const [row] = ws.db.query<{ manifest: string }>('SELECT manifest FROM outbox_items WHERE id = ?', [id]);
  return parseStoredManifest(row!.manifest);
}

describeNodes(`a bad link to two intake nodes${missing.length ? ` (dilewati: ${missing.join(' dan ')} tidak diisi)` : ''}`, () => {
  const store: ObjectStoreConfig = { ...(objectStore as ObjectStoreConfig), prefix: `uji-${randomBytes(6).toString('hex')}/` };
  const postgres = storeVariants()[1]!.variant;
  let root: string;
  let databaseUrl: string | undefined;
  let nodes: ServerChild[] = [];
  let balancer: Balancer | null = null;
  let proxy: FaultProxy | null = null;

  beforeAll(async () => {
    Object.assign(process.env, clientEnv);
    root = await tempDir('sync-fault-nodes');
    databaseUrl = await postgres.create();
  });
  afterAll(async () => {
    await proxy?.close();
    await balancer?.close();
    for (const n of nodes) await n.kill('SIGKILL');
    await postgres.drop(databaseUrl);
    await fs.rm(root, { recursive: true, force: true });
  });

  it(`carries ${submissionCount} submissions (${largeCount} of 12 MiB) exactly once and hash-identical, with one node SIGKILLed mid-upload`, async () => {
    const env = {
      DATABASE_URL: databaseUrl as string,
      BERKAS_S3_ENDPOINT: store.endpoint,
      BERKAS_S3_BUCKET: store.bucket,
      BERKAS_S3_REGION: store.region,
      BERKAS_S3_ACCESS_KEY_ID: store.accessKeyId,
      BERKAS_S3_SECRET_ACCESS_KEY: store.secretAccessKey,
      BERKAS_S3_PREFIX: store.prefix as string,
    };
    const dirA = path.join(root, 'node-a');
    const dirB = path.join(root, 'node-b');
    nodes = await Promise.all([spawnServer(dirA, await freePort(), env), spawnServer(dirB, await freePort(), env)]);
    balancer = new Balancer(nodes.map((n) => n.port));
    await balancer.listen();
    proxy = new FaultProxy(balancer.port, { seed, meanBytesToFault: 2 * CHUNK_BYTES, weights: { drop: 2, reset: 2, stall: 1 }, stallMs: 3000, lostCommitAnswer: 0.05 });
    await proxy.listen();

    const dir = path.join(root, 'opd-a');
    const ws = await openWorkspace({ dataDir: dir, transport: 'in-process' });
    const services = createServices(ws);
    const api = inProcessClient(services);
    await api.saveSettings(outboxSettings('OPDA'));
    proxy.setFaulty(false);
    await api.enroll({ serverUrl: proxy.url, code: await enrollmentCode(dirA, 'OPDA') });
    proxy.setFaulty(true);

    const files = path.join(dir, 'sumber');
    await fs.mkdir(files, { recursive: true });
    const largeAt = new Set([2, 2 + submissionCount / largeCount]);
    const expected = new Map<string, { attachmentSha: string; item: OutboxItemView; manifest: Manifest }>();
    for (let i = 0; i < submissionCount; i++) {
      const attachment = path.join(files, `lampiran-${i}.bin`);
      const attachmentSha = await randomFile(attachment, largeAt.has(i) ? largeBytes : 1000 + ((i * 7919) % 120_000), `${seed}:${i}`);
      const item = await api.outboxAdd({
        fileName: `laporan-${i}.pdf`,
        contentBase64: Buffer.from(await signedPdf(`Laporan dua node nomor ${i}`)).toString('base64'),
        dataJson: JSON.stringify({ nomor: i }),
        type: 'laporan',
        period: `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
        attachmentPaths: [attachment],
      });
      expected.set(item.id, { attachmentSha, item, manifest: manifestOf(ws, item.id) });
      await fs.rm(attachment);
    }

    // The node carrying the second large upload dies in its middle and stays down.
    const secondLarge = [...expected.keys()][Math.max(...largeAt)] as string;
    const outbox = services.outbox;
    let killedWhile: { id: string | null; percent: number; victim: number; servedBefore: number[] } | null = null;
    let killed: Promise<void> | null = null;
    proxy.onUpstreamBytes = () => {
      const current = outbox.overview().sender.currentId;
      if (killed || current !== secondLarge || (outbox.get(current)?.percent ?? 0) < 25) return;
      const victim = (balancer as Balancer).lastActive;
      killedWhile = { id: current, percent: current ? (outbox.get(current)?.percent ?? -1) : -1, victim, servedBefore: [...(balancer as Balancer).served] };
      killed = (nodes[victim] as ServerChild).kill('SIGKILL');
    };
    outbox.start();
    const deadline = Date.now() + 6 * 60_000;
    let items: OutboxItemView[] = [];
    for (;;) {
      items = outbox.list();
      if (items.every((i) => i.status.receipt !== null)) break;
      if (Date.now() > deadline) throw new Error(`not delivered in time: ${JSON.stringify(items.filter((i) => i.status.receipt === null).slice(0, 5).map((i) => [i.id, i.status.state, i.status.lastError]))}`);
      await sleep(250);
    }
    await outbox.stop();
    await killed;
    await ws.close();

    expect(killedWhile).not.toBeNull();
    const at = killedWhile as unknown as { id: string | null; percent: number; victim: number; servedBefore: number[] };
    const survivor = 1 - at.victim;
    expect(at.id).toBe(secondLarge);
    expect(at.percent).toBeGreaterThan(0);
    expect(at.percent).toBeLessThan(100);
    // The other node took over after the kill (which node served what before it depends on the faults'
    // timing: server-nodes.test.ts has both nodes serve one upload deterministically); the link was bad.
    expect(at.victim === 0 || at.victim === 1).toBe(true);
    expect(balancer.served[survivor]).toBeGreaterThan(at.servedBefore[survivor] as number);
    expect(proxy.stats.drops + proxy.stats.resets + proxy.stats.stalls).toBeGreaterThan(0);
    for (const i of items) expect(i.status.receipt?.submissionId).toBe(i.id);

    // Exactly once, hash-identical, read back from the database and the bucket.
    await (nodes[survivor] as ServerChild).kill('SIGTERM');
    const stored = await storedSubmissions(survivor === 0 ? dirA : dirB, { databaseUrl: databaseUrl as string, objectStore: store });
    expect(stored.filter((s) => s.opd === 'OPDA')).toHaveLength(submissionCount);
    const committed = stored.filter((s) => s.opd === 'OPDA' && s.state === 'committed');
    expect(committed.map((s) => s.id).sort()).toEqual([...expected.keys()].sort());
    for (const s of committed) {
      const local = expected.get(s.id)!;
      expect(s.manifestSha256).toBe(local.item.manifestSha256);
      for (const f of local.manifest.files) expect([s.id, f.path, s.files.get(f.path)]).toEqual([s.id, f.path, f.sha256]);
      expect([...s.files.entries()].find(([p]) => p.startsWith('data/lampiran/'))?.[1]).toBe(local.attachmentSha);
    }
    const payloadBytes = [...expected.values()].reduce((sum, e) => sum + distinctBlobs(e.manifest).reduce((a, b) => a + b.size, 0), 0);
    console.log(`sync-fault-nodes: ${submissionCount} kiriman, ${(payloadBytes / 1024 / 1024).toFixed(1)} MiB; sambungan per node ${JSON.stringify(balancer.served)}; gangguan ${JSON.stringify(proxy.stats)}`);
  }, 8 * 60_000);
});
