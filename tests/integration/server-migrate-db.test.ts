/**
 * `berkas server migrate-db` (issue 16: from one embedded node to N nodes): a
 * folder served by the embedded store, with an enrolled OPD, a committed
 * submission and a review decision, moved onto a fresh PostgreSQL database
 * (and, when the object store is configured, its blobs into a bucket). A new
 * node on another folder then serves the same token, the same receipt
 * (verifying with the keys it publishes) and the same bytes. The embedded
 * store is left as it was; a second run into the filled database, and a run
 * while the embedded node still holds its folder, change nothing.
 *
 * Needs DATABASE_URL (`. .ci/postgres.sh`); without BERKAS_S3_* the blobs stay
 * in the folder and the new node runs on the old folder, and the block says so.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { isBerkasError } from '../../core/domain/errors';
import { migrateEmbeddedToPostgres } from '../../server/migrate-db';
import { startIntakeServer, type RunningServer } from '../../server/intake-server';
import { verifyReceipt, type PublishedKey } from '../../server/intake/receipt-keys';
import type { Receipt } from '../../server/protocol/types';
import { objectStoreFromEnv, type ObjectStoreConfig } from '../../server/storage/config';
import { ProtocolClient, buildPackage, fixture, removeTempDirs, repoRoot, tempDir } from './helpers/server-client';
import { postgresUrl, s3Env, storeVariants } from './helpers/server-stores';

const postgres = storeVariants()[1]!.variant;
const objectStore = objectStoreFromEnv();
const describeMigrate = postgresUrl ? describe : describe.skip;
if (!postgresUrl) console.warn('server-migrate-db: pemindahan ke PostgreSQL DILEWATI — DATABASE_URL tidak diisi (`. .ci/postgres.sh`).');

function migrateCli(dataDir: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('BERKAS_S3_')));
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), 'server', 'migrate-db', '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function tableCount(url: string, table: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

describeMigrate(`berkas server migrate-db: embedded store to PostgreSQL${objectStore ? ' and the object store' : ' (lampiran tetap di folder: BERKAS_S3_* tidak diisi)'}`, () => {
  const store: ObjectStoreConfig | null = objectStore ? { ...objectStore, prefix: `uji-migrasi-${randomBytes(6).toString('hex')}/` } : null;
  const oldDir = tempDir('embedded');
  let databaseUrl: string | undefined;
  let embedded: RunningServer | null = null;
  let node: RunningServer | null = null;

  beforeAll(async () => {
    databaseUrl = await postgres.create();
  });
  afterAll(async () => {
    await embedded?.close();
    await node?.close();
    await postgres.drop(databaseUrl);
    removeTempDirs();
  });

  test('moves tokens, submissions, receipts, decisions, keys and blobs; the new node serves them; nothing moves twice', async () => {
    // One embedded node with a day's work: an enrolled OPD, one committed submission, a review decision.
    embedded = await startIntakeServer({ dataDir: oldDir, port: 0 });
    const { code } = await embedded.intake.service.createEnrollmentCode('DISDIK', 'Dinas Pendidikan');
    const client = new ProtocolClient(embedded.url);
    expect((await client.enroll(code)).status).toBe(201);
    const pdf = fixture('signed.pdf');
    const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': pdf, 'data/data.json': Buffer.from('{"plan":{"year":2025,"activities":[]}}') } });
    const sent = await client.send(pkg);
    expect(sent.status).toBe(200);
    const receipt = sent.body.receipt as Receipt;
    await embedded.intake.service.decide(pkg.submissionId, 'perlu-revisi', 'Lengkapi lampiran anggaran.', { id: 'reviewer-1', name: 'Rina' });

    // While the embedded node holds its folder, nothing is moved.
    const refusal = await migrateEmbeddedToPostgres({ dataDir: oldDir, databaseUrl: databaseUrl as string, objectStore: store, now: new Date() }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(isBerkasError(refusal) ? refusal.code : refusal).toBe('WORKSPACE_LOCKED');
    // Refused before the target is opened: not even the schema was created there.
    expect(await tableCount(databaseUrl as string, "pg_tables WHERE schemaname = 'public'")).toBe(0);
    await embedded.close();
    embedded = null;
    const embeddedFiles = readdirSync(path.join(oldDir, 'db')).sort();

    // The move, as the administrator runs it.
    const run = migrateCli(oldDir, { DATABASE_URL: databaseUrl as string, ...(store ? s3Env(store) : {}) });
    expect(run.stderr.replace(/\r?\d+ lampiran diperiksa…/g, '').trim()).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/submissions\s+1 baris/);
    expect(run.stdout).toMatch(/device_tokens\s+1 baris/);
    expect(run.stdout).toMatch(/review_events\s+1 baris/);
    expect(run.stdout).toContain(`${receipt.keyId} (aktif)`);
    expect(run.stdout).toContain(store ? 'disalin' : 'Lampiran tetap di');
    if (store) expect(run.stdout + run.stderr).not.toContain(store.secretAccessKey);
    // The embedded store is only read: the same files are there (the way back).
    expect(readdirSync(path.join(oldDir, 'db')).sort()).toEqual(embeddedFiles);

    // A new node on PostgreSQL (on its own empty folder when the blobs are in the bucket).
    const nodeDir = store ? tempDir('node') : oldDir;
    node = await startIntakeServer({ dataDir: nodeDir, port: 0, databaseUrl: databaseUrl as string, ...(store ? { objectStore: store } : {}) });
    const same = new ProtocolClient(node.url, client.token);
    const status = await same.status(pkg.submissionId);
    expect(status.status).toBe(200);
    expect(status.body.state).toBe('committed');
    expect(status.body.receipt).toEqual(receipt);
    expect((status.body.review as { status: string; note: string }).status).toBe('perlu-revisi');
    const keys = (await same.request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
    expect(verifyReceipt(receipt, keys)).toBe(true);
    const record = await node.intake.service.repo.getSubmission(pkg.submissionId);
    expect(Buffer.from(await node.intake.service.fileOf(record!, 'data/rencana-aksi.pdf')).equals(pdf)).toBe(true);
    // The console's columns came along: the row is listed with its facts, not refilled.
    expect(await tableCount(databaseUrl as string, 'submissions')).toBe(1);

    // The same OPD sends again through the new node: accepted, signed with the migrated key.
    const next = await buildPackage({ opd: 'DISDIK', revisionOf: pkg.submissionId });
    const resent = await same.send(next);
    expect(resent.status).toBe(200);
    expect(verifyReceipt(resent.body.receipt as Receipt, keys)).toBe(true);
    await node.close();
    node = null;

    // A second run into the filled database changes nothing and says why.
    const again = migrateCli(oldDir, { DATABASE_URL: databaseUrl as string, ...(store ? s3Env(store) : {}) });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('sudah berisi data');
    expect(await tableCount(databaseUrl as string, 'submissions')).toBe(2);
  }, 180_000);

  test('says what is missing when DATABASE_URL is not set, or the folder holds no embedded store, and changes nothing', async () => {
    const empty = tempDir('kosong');
    const run = migrateCli(empty, {});
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('DATABASE_URL belum diisi');
    const fresh = await postgres.create();
    try {
      const mistyped = migrateCli(path.join(empty, 'salah-ketik'), { DATABASE_URL: fresh as string });
      expect(mistyped.status).not.toBe(0);
      expect(mistyped.stderr).toContain('tidak memuat basis data server bawaan');
      expect(readdirSync(empty)).toEqual([]);
      expect(await tableCount(fresh as string, "pg_tables WHERE schemaname = 'public'")).toBe(0);
    } finally {
      await postgres.drop(fresh);
    }
  });
});
