/**
 * Two intake nodes over one PostgreSQL and one S3 bucket (issue 16.4, 16.5):
 * two `berkas server start` processes with their own data folders, sharing the
 * database (DATABASE_URL) and a real object store (BERKAS_S3_*: OpenStack
 * Swift's s3api from .ci/object-store.sh). A large blob's chunks accepted by
 * node A are continued on node B after A is SIGKILLed; the receipt verifies
 * with the keys either node publishes; both nodes answer one commit race with
 * one receipt; what the bucket holds hashes to the packages' bytes.
 *
 * Without DATABASE_URL or BERKAS_S3_BUCKET the block is skipped and its name
 * says which is missing, so a run without them never reads as a pass.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { verifyReceipt, type PublishedKey } from '../../server/intake/receipt-keys';
import type { Receipt } from '../../server/protocol/types';
import { objectStoreFromEnv, type ObjectStoreConfig } from '../../server/storage/config';
import { S3Client } from '../../server/storage/s3-client';
import { controlVerb, enrollmentCode, freePort, spawnServer, storedSubmissions, type ServerChild } from './helpers/intake';
import { CHUNK, ProtocolClient, buildPackage, fixture, removeTempDirs, repoRoot, sha256, tempDir, type BuiltPackage } from './helpers/server-client';
import { postgresUrl, s3Env, storeVariants } from './helpers/server-stores';

const objectStore = objectStoreFromEnv();
const missing = [postgresUrl ? null : 'DATABASE_URL (`. .ci/postgres.sh`)', objectStore ? null : 'BERKAS_S3_BUCKET dkk. (`. .ci/object-store.sh`)'].filter((m): m is string => m !== null);
const describeNodes = missing.length === 0 ? describe : describe.skip;
// Said where a reader of the run sees it, not only as one more count in "skipped".
if (missing.length > 0) console.warn(`server-nodes: dua node di atas PostgreSQL dan penyimpanan objek DILEWATI — ${missing.join(' dan ')} tidak diisi.`);
const postgres = storeVariants()[1]!.variant;

async function keysOf(url: string): Promise<PublishedKey[]> {
  return (await new ProtocolClient(url).request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
}

async function enrolled(url: string, dataDir: string, opd: string): Promise<ProtocolClient> {
  const client = new ProtocolClient(url);
  const answer = await client.enroll(await enrollmentCode(dataDir, opd));
  if (answer.status !== 201) throw new Error(`enroll ${opd}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return client;
}

describeNodes(`two intake nodes over one PostgreSQL and one object store${missing.length ? ` (dilewati: ${missing.join(' dan ')} tidak diisi)` : ''}`, () => {
  // A prefix of its own in the shared bucket, so runs never see each other's blobs.
  const store: ObjectStoreConfig = {
    ...(objectStore as ObjectStoreConfig),
    prefix: `uji-${randomBytes(6).toString('hex')}/`,
  };
  const dirA = tempDir('node-a');
  const dirB = tempDir('node-b');
  let databaseUrl: string | undefined;
  let env: Record<string, string>;
  let nodeA: ServerChild | null = null;
  let nodeB: ServerChild | null = null;

  beforeAll(async () => {
    databaseUrl = await postgres.create();
    env = { DATABASE_URL: databaseUrl as string, ...s3Env(store) };
  });
  afterAll(async () => {
    await nodeA?.kill('SIGKILL');
    await nodeB?.kill('SIGKILL');
    await postgres.drop(databaseUrl);
    removeTempDirs();
  });

  test('a chunk accepted by A is continued on B after A is killed; any node commits; one receipt per submission; the bucket holds the bytes', async () => {
    // Both start at once on an empty database: one schema, one current receipt key, published by both.
    [nodeA, nodeB] = await Promise.all([spawnServer(dirA, await freePort(), env), spawnServer(dirB, await freePort(), env)]);
    expect(nodeA.output()).toContain('penyimpanan objek S3');
    const keysA = await keysOf(nodeA.url);
    expect(keysA).toHaveLength(1);
    expect(await keysOf(nodeB.url)).toEqual(keysA);

    // Client 1 (enrolled through A's control endpoint) starts a package with a 12 MiB attachment on A.
    const onA = await enrolled(nodeA.url, dirA, 'DISDIK');
    const attachment = randomBytes(12 * CHUNK + 3);
    const big = sha256(attachment);
    const pkg1 = await buildPackage({
      opd: 'DISDIK',
      payload: {
        'data/rencana-aksi.pdf': fixture('signed.pdf'),
        'data/data.json': Buffer.from('{"plan":{"year":2025,"activities":[]}}'),
        'data/lampiran/besar.bin': attachment,
      },
    });
    const posted = await onA.postManifest(pkg1);
    expect(posted.status).toBe(201);
    for (const m of posted.body.missing as { sha256: string }[]) {
      if (m.sha256 !== big) await onA.uploadBlob(m.sha256, pkg1.blobs.get(m.sha256) as Buffer);
    }
    for (let at = 0; at < 5 * CHUNK; at += CHUNK) {
      expect((await onA.putChunk(big, at, attachment.subarray(at, at + CHUNK), attachment.length)).status).toBe(200);
    }
    await nodeA.kill('SIGKILL');
    nodeA = null;

    // Node B knows the five chunks A acknowledged (the offset is in the database, the chunks in the bucket).
    const onB = new ProtocolClient(nodeB.url, onA.token);
    const head = await onB.request('HEAD', `/v1/blobs/${big}`);
    expect([head.status, head.headers.get('upload-offset'), head.headers.get('berkas-blob-complete')]).toEqual([200, String(5 * CHUNK), 'false']);
    const again = await onB.postManifest(pkg1);
    expect(again.status).toBe(200);
    expect(again.body.missing).toEqual([{ sha256: big, size: attachment.length, offset: 5 * CHUNK }]);
    // An offset A already took is refused with the resume point, not stored twice.
    const stale = await onB.putChunk(big, 4 * CHUNK, attachment.subarray(4 * CHUNK, 5 * CHUNK), attachment.length);
    expect([stale.status, (stale.body.error as { code: string }).code, stale.body.offset]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH', 5 * CHUNK]);
    expect(await onB.uploadBlob(big, attachment, 5 * CHUNK)).toBe(attachment.length - 5 * CHUNK);
    const committed = await onB.commit(pkg1.submissionId, pkg1.manifestSha256);
    expect(committed.status).toBe(200);
    const receipt1 = committed.body.receipt as Receipt;
    // The key A published before it died, and the key B publishes, both verify it.
    expect(verifyReceipt(receipt1, keysA)).toBe(true);
    expect(verifyReceipt(receipt1, await keysOf(nodeB.url))).toBe(true);

    // A second client, enrolled and served by B alone.
    const second = await enrolled(nodeB.url, dirB, 'DINKES');
    const pkg2 = await buildPackage({ opd: 'DINKES' });
    const sent2 = await second.send(pkg2);
    expect(sent2.status).toBe(200);
    expect(verifyReceipt(sent2.body.receipt as Receipt, keysA)).toBe(true);

    // A back (a new process on its folder). A key rotated on B reaches A through the database; the old
    // key stays published, so the first receipt still verifies.
    nodeA = await spawnServer(dirA, await freePort(), env);
    const rotated = await controlVerb<PublishedKey>(dirB, 'rotate-key', {});
    const urlA = nodeA.url;
    let keysAfter = await keysOf(urlA);
    for (let tries = 0; !keysAfter.some((k) => k.keyId === rotated.keyId); tries++) {
      if (tries > 100) throw new Error(`node A never published the key rotated on B (${rotated.keyId})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      keysAfter = await keysOf(urlA);
    }
    expect(keysAfter.map((k) => k.keyId).sort()).toEqual([keysA[0]?.keyId, rotated.keyId].sort());
    expect(verifyReceipt(receipt1, keysAfter)).toBe(true);

    // The same package through both nodes at once is one submission, signed with the rotated key.
    const viaA = new ProtocolClient(nodeA.url, onA.token);
    const pkg3 = await buildPackage({ opd: 'DISDIK', period: '2026' });
    const [postA, postB] = await Promise.all([viaA.postManifest(pkg3), onB.postManifest(pkg3)]);
    expect([postA.status, postB.status].sort()).toEqual([200, 201]);
    // Every blob's one whole chunk sent to both nodes at once: both answer complete, neither stores a second copy.
    for (const m of postA.body.missing as {
      sha256: string;
      size: number;
    }[]) {
      const bytes = pkg3.blobs.get(m.sha256) as Buffer;
      const answers = await Promise.all([viaA.putChunk(m.sha256, 0, bytes, bytes.length), onB.putChunk(m.sha256, 0, bytes, bytes.length)]);
      for (const a of answers) expect([a.status, a.body.complete]).toEqual([200, true]);
    }
    const [commitA, commitB] = await Promise.all([viaA.commit(pkg3.submissionId, pkg3.manifestSha256), onB.commit(pkg3.submissionId, pkg3.manifestSha256)]);
    expect([commitA.status, commitB.status]).toEqual([200, 200]);
    expect(commitA.body.receipt).toEqual(commitB.body.receipt);
    expect((commitA.body.receipt as Receipt).keyId).toBe(rotated.keyId);
    expect(verifyReceipt(commitA.body.receipt as Receipt, await keysOf(nodeA.url))).toBe(true);

    await nodeA.kill('SIGTERM');
    await nodeB.kill('SIGTERM');
    nodeA = null;
    nodeB = null;

    // What the database and the bucket hold: three submissions, once each, every file hash-identical.
    const stored = await storedSubmissions(dirA, {
      databaseUrl: databaseUrl as string,
      objectStore: store,
    });
    const sent: [BuiltPackage, Receipt][] = [
      [pkg1, receipt1],
      [pkg2, sent2.body.receipt as Receipt],
      [pkg3, commitA.body.receipt as Receipt],
    ];
    expect(stored.map((s) => s.id).sort()).toEqual(sent.map(([p]) => p.submissionId).sort());
    for (const [pkg, receipt] of sent) {
      const row = stored.find((s) => s.id === pkg.submissionId);
      expect(row).toMatchObject({
        state: 'committed',
        manifestSha256: pkg.manifestSha256,
        receiptKeyId: receipt.keyId,
      });
      expect(Object.fromEntries(row?.files ?? [])).toEqual(Object.fromEntries(pkg.manifest.files.map((f) => [f.path, f.sha256])));
    }
    // No partial upload is left behind: the acknowledged chunks were removed once the blob was whole.
    const client = new S3Client(store);
    try {
      expect((await client.list(`${store.prefix}uploads/`)).objects).toEqual([]);
      expect((await client.list(`${store.prefix}blobs/`)).objects.map((o) => o.key)).toContain(`${store.prefix}blobs/${big}`);

      // `berkas server check` reads the bucket: clean, then one blob altered in the bucket is named.
      const checkCli = () => spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'server', 'check', '--data-dir', dirB], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
      const clean = checkCli();
      expect([clean.status, clean.stdout]).toEqual([0, expect.stringMatching(/: semuanya utuh\.\n$/)]);
      const altered = Buffer.from(attachment);
      altered[0] = (altered[0] as number) ^ 1;
      await client.putObject(`${store.prefix}blobs/${big}`, altered);
      const found = checkCli();
      expect(found.status).toBe(1);
      expect(found.stdout).toContain(`RUSAK  ${big}: isi tersimpan ber-SHA-256 ${sha256(altered)}; dipakai ${pkg1.submissionId} (OPD DISDIK, data/lampiran/besar.bin)`);
    } finally {
      client.close();
    }
  }, 240_000);
});
