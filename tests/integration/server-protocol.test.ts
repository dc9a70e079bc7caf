/**
 * The intake protocol end to end over HTTP (server/PROTOCOL.md), on both
 * stores: the happy path with a verified receipt, idempotent re-sends, the
 * 409 conflict, resume after a lost chunk, and every refusal at commit.
 */
import http from 'node:http';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { canonicalJson } from '../../server/protocol/canonical-json';
import { buildPackage, CHUNK, fixture, sha256, uuidv7, type BuiltPackage, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

interface ReceiptJson {
  submissionId: string;
  manifestSha256: string;
  receivedAt: string;
  keyId: string;
  algorithm: string;
  signature: string;
}

function errorCode(body: Record<string, unknown>): string | undefined {
  return (body.error as { code?: string } | undefined)?.code;
}

/** Re-hashes a package's manifest after a test changes it, as a (buggy or hostile) client would. */
function rehash(pkg: BuiltPackage): BuiltPackage {
  const files = [...pkg.manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = { ...pkg.manifest, files };
  return { ...pkg, manifest, manifestSha256: sha256(canonicalJson(manifest)) };
}

/** Swaps one bag file's bytes for others, keeping everything else (the bag's own manifests) as built. */
function replaceFile(pkg: BuiltPackage, filePath: string, bytes: Buffer): BuiltPackage {
  const digest = sha256(bytes);
  const blobs = new Map(pkg.blobs);
  blobs.set(digest, bytes);
  const files = pkg.manifest.files.map((f) => (f.path === filePath ? { path: f.path, sha256: digest, size: bytes.length } : f));
  return rehash({ ...pkg, blobs, manifest: { ...pkg.manifest, files } });
}

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;
    let client: ProtocolClient;

    beforeAll(async () => {
      server = await startTestServer(variant);
      client = await server.enrolled('DISDIK');
    });

    afterAll(async () => {
      await server?.stop();
    });

    test('happy path: manifest, missing blobs, chunks, commit, signed receipt, status', async () => {
      // A 2.5 MiB attachment makes the upload take three chunks.
      const attachment = randomBytes(Math.floor(2.5 * CHUNK));
      const pkg = await buildPackage({
        opd: 'DISDIK',
        payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from('{"plan":{"year":2025,"activities":[]}}'), 'data/lampiran/besar.bin': attachment },
      });

      const posted = await client.postManifest(pkg);
      expect(posted.status).toBe(201);
      expect(posted.body.state).toBe('open');
      const missing = posted.body.missing as { sha256: string; size: number; offset: number }[];
      expect(new Set(missing.map((m) => m.sha256))).toEqual(new Set(pkg.blobs.keys()));
      expect(missing.every((m) => m.offset === 0)).toBe(true);

      for (const m of missing) await client.uploadBlob(m.sha256, pkg.blobs.get(m.sha256) as Buffer);
      const head = await client.request('HEAD', `/v1/blobs/${sha256(attachment)}`);
      expect(head.status).toBe(200);
      expect(head.headers.get('upload-offset')).toBe(String(attachment.length));
      expect(head.headers.get('berkas-blob-complete')).toBe('true');

      const committed = await client.commit(pkg.submissionId, pkg.manifestSha256);
      expect(committed.status).toBe(200);
      expect(committed.body.state).toBe('committed');
      const receipt = committed.body.receipt as ReceiptJson;
      expect(receipt).toMatchObject({ submissionId: pkg.submissionId, manifestSha256: pkg.manifestSha256, algorithm: 'Ed25519' });

      // The app's check before "terkirim": the signature over the canonical four fields, with the key from /v1/keys.
      const keys = (await client.request<{ keys: { keyId: string; jwk: { kty: string; crv: string; x: string } }[] }>('GET', '/v1/keys')).body.keys;
      const key = keys.find((k) => k.keyId === receipt.keyId);
      expect(key).toBeDefined();
      const signed = Buffer.from(canonicalJson({ submissionId: receipt.submissionId, manifestSha256: receipt.manifestSha256, receivedAt: receipt.receivedAt, keyId: receipt.keyId }));
      const publicKey = createPublicKey({ key: key?.jwk as { kty: string; crv: string; x: string }, format: 'jwk' });
      expect(verify(null, signed, publicKey, Buffer.from(receipt.signature, 'base64url'))).toBe(true);
      const forged = Buffer.from(canonicalJson({ ...JSON.parse(signed.toString()), manifestSha256: '0'.repeat(64) }));
      expect(verify(null, forged, publicKey, Buffer.from(receipt.signature, 'base64url'))).toBe(false);

      const status = await client.status(pkg.submissionId);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ state: 'committed', manifestSha256: pkg.manifestSha256, review: { status: 'menunggu', note: null }, opd: 'DISDIK' });
      expect(status.body.receipt).toEqual(receipt);
    });

    test('sending again never duplicates: the same manifest and commit answer the same receipt', async () => {
      const pkg = await buildPackage({ opd: 'DISDIK' });
      const first = await client.send(pkg);
      expect(first.status).toBe(200);
      const again = await client.postManifest(pkg);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ state: 'committed', missing: [], receipt: first.body.receipt });
      const recommit = await client.commit(pkg.submissionId, pkg.manifestSha256);
      expect(recommit.status).toBe(200);
      expect(recommit.body.receipt).toEqual(first.body.receipt);

      // Two identical commits racing: one submission, one receipt.
      const racer = await buildPackage({ opd: 'DISDIK' });
      const posted = await client.postManifest(racer);
      for (const m of posted.body.missing as { sha256: string }[]) await client.uploadBlob(m.sha256, racer.blobs.get(m.sha256) as Buffer);
      const [a, b] = await Promise.all([client.commit(racer.submissionId, racer.manifestSha256), client.commit(racer.submissionId, racer.manifestSha256)]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.body.receipt).toEqual(b.body.receipt);
      const list = await client.request<{ submissions: { submissionId: string }[] }>('GET', '/v1/submissions?limit=500');
      expect(list.body.submissions.filter((s) => s.submissionId === racer.submissionId)).toHaveLength(1);
    });

    test('the same id with other content is 409 with the server version; an open one is replaced', async () => {
      const id = uuidv7();
      const original = await buildPackage({ opd: 'DISDIK', submissionId: id, period: '2025' });
      const sent = await client.send(original);
      expect(sent.status).toBe(200);
      const other = await buildPackage({ opd: 'DISDIK', submissionId: id, period: '2026' });
      expect(other.manifestSha256).not.toBe(original.manifestSha256);

      const posted = await client.postManifest(other);
      expect(posted.status).toBe(409);
      expect(errorCode(posted.body)).toBe('SUBMISSION_CONFLICT');
      expect(posted.body.server).toMatchObject({ submissionId: id, manifestSha256: original.manifestSha256, state: 'committed', receipt: sent.body.receipt });
      const commit = await client.commit(id, other.manifestSha256);
      expect(commit.status).toBe(409);
      expect(errorCode(commit.body)).toBe('SUBMISSION_CONFLICT');
      expect((await client.status(id)).body.manifestSha256).toBe(original.manifestSha256);

      // Before a commit nothing was visible and no receipt existed: a new manifest for the id replaces the old.
      const openId = uuidv7();
      const first = await buildPackage({ opd: 'DISDIK', submissionId: openId, period: '2025' });
      const second = await buildPackage({ opd: 'DISDIK', submissionId: openId, period: '2025-T1' });
      expect((await client.postManifest(first)).status).toBe(201);
      const replaced = await client.postManifest(second);
      expect(replaced.status).toBe(201);
      expect(replaced.body.replaced).toBe(true);
      const stale = await client.commit(openId, first.manifestSha256);
      expect(stale.status).toBe(409);
      expect((stale.body.server as { manifestSha256: string }).manifestSha256).toBe(second.manifestSha256);
    });

    test('a chunk lost mid-body is not kept; the resumed upload re-sends at most one chunk', async () => {
      const big = randomBytes(Math.floor(3.5 * CHUNK));
      const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/arsip.bin': big } });
      const posted = await client.postManifest(pkg);
      const digest = sha256(big);
      for (const m of posted.body.missing as { sha256: string }[]) if (m.sha256 !== digest) await client.uploadBlob(m.sha256, pkg.blobs.get(m.sha256) as Buffer);

      // Two chunks arrive; the third is cut off after half its body (a dropped link).
      expect((await client.putChunk(digest, 0, big.subarray(0, CHUNK), big.length)).status).toBe(200);
      expect((await client.putChunk(digest, CHUNK, big.subarray(CHUNK, 2 * CHUNK), big.length)).status).toBe(200);
      await new Promise<void>((resolve) => {
        const url = new URL(`${server.url}/v1/blobs/${digest}?offset=${2 * CHUNK}`);
        const req = http.request(url, {
          method: 'PUT',
          headers: {
            Authorization: `Bearer ${client.token}`,
            'Content-Type': 'application/octet-stream',
            'Content-Length': String(CHUNK),
            'Berkas-Chunk-Sha256': sha256(big.subarray(2 * CHUNK, 3 * CHUNK)),
            'Upload-Length': String(big.length),
          },
        });
        req.on('error', () => resolve());
        req.write(big.subarray(2 * CHUNK, 2 * CHUNK + CHUNK / 2), () => setTimeout(() => {
          req.destroy();
          resolve();
        }, 200));
      });

      // A wrong per-chunk checksum is refused and nothing is stored.
      const bad = await client.putChunk(digest, 2 * CHUNK, big.subarray(2 * CHUNK, 3 * CHUNK), big.length, '0'.repeat(64));
      expect(bad.status).toBe(400);
      expect(errorCode(bad.body)).toBe('CHUNK_CHECKSUM_MISMATCH');

      const status = await client.request<{ offset: number; complete: boolean }>('GET', `/v1/blobs/${digest}`);
      expect(status.body).toMatchObject({ offset: 2 * CHUNK, complete: false });
      // The manifest answer tells the same offset.
      const again = await client.postManifest(pkg);
      expect((again.body.missing as { sha256: string; offset: number }[]).find((m) => m.sha256 === digest)?.offset).toBe(2 * CHUNK);

      // A client that guesses wrong is told where to continue.
      const wrong = await client.putChunk(digest, 0, big.subarray(0, CHUNK), big.length);
      expect(wrong.status).toBe(409);
      expect(wrong.body).toMatchObject({ offset: 2 * CHUNK });

      const resent = await client.uploadBlob(digest, big, status.body.offset);
      expect(resent).toBe(big.length - 2 * CHUNK);
      expect(resent - (big.length - 3 * CHUNK)).toBeLessThanOrEqual(CHUNK);
      const committed = await client.commit(pkg.submissionId, pkg.manifestSha256);
      expect(committed.status).toBe(200);
    });

    test('refusals: manifest hash, blob hash, BagIt, metadata, signatures, missing blobs, revision target', async () => {
      const pkg = await buildPackage({ opd: 'DISDIK' });

      const wrongHash = await client.postManifest({ manifest: pkg.manifest, manifestSha256: 'f'.repeat(64) });
      expect(wrongHash.status).toBe(400);
      expect(errorCode(wrongHash.body)).toBe('MANIFEST_HASH_MISMATCH');
      expect((wrongHash.body.error as { details: { expected: string } }).details.expected).toBe(pkg.manifestSha256);

      const invalid = await client.postManifest(rehash({ ...pkg, manifest: { ...pkg.manifest, period: 'tahun ini' } }));
      expect(invalid.status).toBe(400);
      expect(errorCode(invalid.body)).toBe('MANIFEST_INVALID');
      expect((invalid.body.error as { details: { field: string } }).details.field).toBe('period');

      // Uploaded bytes that do not hash to the blob's name are discarded.
      const posted = await client.postManifest(pkg);
      expect(posted.status).toBe(201);
      const early = await client.commit(pkg.submissionId, pkg.manifestSha256);
      expect(early.status).toBe(412);
      expect(errorCode(early.body)).toBe('BLOBS_MISSING');
      expect(early.body.missing).toEqual(posted.body.missing);
      // bag-info.txt names this submission's id, so it is always missing and small (one chunk).
      const bagInfo = pkg.manifest.files.find((f) => f.path === 'bag-info.txt') as { sha256: string; size: number };
      expect((posted.body.missing as { sha256: string }[]).map((m) => m.sha256)).toContain(bagInfo.sha256);
      const lied = await client.putChunk(bagInfo.sha256, 0, Buffer.alloc(bagInfo.size, 0x41), bagInfo.size);
      expect(lied.status).toBe(422);
      expect(errorCode(lied.body)).toBe('BLOB_HASH_MISMATCH');
      expect((await client.request('GET', `/v1/blobs/${bagInfo.sha256}`)).body).toMatchObject({ offset: 0, complete: false });

      const cases: [string, BuiltPackage, string][] = [
        // data.json changed after bagging: manifest-sha256.txt no longer agrees.
        ['bag', replaceFile(await buildPackage({ opd: 'DISDIK' }), 'data/data.json', Buffer.from('{"diubah":true}')), 'BAG_INVALID'],
        // A file in data/ that manifest-sha256.txt does not list.
        [
          'unlisted',
          await (async () => {
            const p = await buildPackage({ opd: 'DISDIK' });
            const extra = Buffer.from('tidak tercantum');
            const blobs = new Map(p.blobs).set(sha256(extra), extra);
            return rehash({ ...p, blobs, manifest: { ...p.manifest, files: [...p.manifest.files, { path: 'data/selundupan.txt', sha256: sha256(extra), size: extra.length }] } });
          })(),
          'BAG_INVALID',
        ],
        ['metadata', await (async () => { const p = await buildPackage({ opd: 'DISDIK', period: '2025' }); return rehash({ ...p, manifest: { ...p.manifest, period: '2026' } }); })(), 'METADATA_MISMATCH'],
        ['unsigned', await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('unsigned.pdf') } }), 'SIGNATURE_MISSING'],
        ['tampered', await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('tampered.pdf') } }), 'SIGNATURE_INVALID'],
        ['appended', await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('appended.pdf') } }), 'SIGNATURE_INVALID'],
        ['not a pdf', await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': Buffer.from('bukan PDF') } }), 'SIGNATURE_MISSING'],
        ['revision', await buildPackage({ opd: 'DISDIK', revisionOf: uuidv7() }), 'REVISION_TARGET_UNKNOWN'],
      ];
      for (const [name, bad, code] of cases) {
        const answer = await client.send(bad);
        expect([name, answer.status, errorCode(answer.body)]).toEqual([name, 422, code]);
        // The refusal is kept, so an app that lost the answer learns it by asking.
        const status = await client.status(bad.submissionId);
        expect([name, status.body.state, (status.body.lastError as { code: string } | null)?.code]).toEqual([name, 'open', code]);
      }
    });

    test('revisions name a committed submission of the same OPD', async () => {
      const first = await buildPackage({ opd: 'DISDIK' });
      expect((await client.send(first)).status).toBe(200);
      const revision = await buildPackage({ opd: 'DISDIK', revisionOf: first.submissionId });
      const answer = await client.send(revision);
      expect(answer.status).toBe(200);
      expect((await client.status(revision.submissionId)).body.revisionOf).toBe(first.submissionId);
    });

    test('attachments already held are not asked for again (dedupe across revisions)', async () => {
      const attachment = randomBytes(300_000);
      const payload = { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/kode.zip': attachment };
      const first = await buildPackage({ opd: 'DISDIK', payload });
      expect((await client.send(first)).status).toBe(200);
      const second = await buildPackage({ opd: 'DISDIK', payload, revisionOf: first.submissionId });
      const posted = await client.postManifest(second);
      const missing = (posted.body.missing as { sha256: string }[]).map((m) => m.sha256);
      expect(missing).not.toContain(sha256(attachment));
      expect(missing).not.toContain(sha256(fixture('signed.pdf')));
      // bag-info.txt and the tag manifest differ (another id), so they are asked for.
      expect(missing.length).toBeGreaterThan(0);
    });
  });
}
