/**
 * A small submission in one request (PROTOCOL.md §5.3, issue 16) on both
 * stores: manifest, blobs and commit together give a verified receipt, a
 * re-send gives the same receipt (accepted exactly once), bad bytes store
 * nothing, and the stepwise path still finishes what a failed one left. The
 * app's sync client uses it for a small package and falls back to the steps
 * against a server that predates it. An accepted one is ONE transaction
 * (manifest, held blobs, receipt, console facts), and two nodes sending the
 * same one at once accept it once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { createSyncClient } from '../../core/adapters/sync-client/sync-client';
import { receiptSignedText, type Receipt } from '../../core/domain/outbox/protocol';
import type { Manifest } from '../../core/domain/outbox/manifest';
import { buildPackage, fixture, ProtocolClient, tempDir, type BuiltPackage } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';
import { startIntakeServer } from '../../server/intake-server';
import type { SqlRunner } from '../../server/store/sql-runner';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The request body of §5.3: the manifest JSON, then every distinct blob in ascending order of SHA-256. */
function wholeBody(pkg: BuiltPackage, swap?: { sha256: string; bytes: Buffer }): { head: Buffer; body: Buffer } {
  const head = Buffer.from(JSON.stringify({ manifest: pkg.manifest, manifestSha256: pkg.manifestSha256 }), 'utf8');
  const shas = [...pkg.blobs.keys()].sort();
  const blobs = shas.map((s) => (swap && swap.sha256 === s ? swap.bytes : (pkg.blobs.get(s) as Buffer)));
  return { head, body: Buffer.concat([head, ...blobs]) };
}

async function postWhole(client: ProtocolClient, head: Buffer, body: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${client.baseUrl}/v1/whole-submissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/vnd.berkas.whole-submission', 'Berkas-Manifest-Length': String(head.length) },
    body: Uint8Array.from(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function errorCode(body: Record<string, unknown>): string | undefined {
  return (body.error as { code?: string } | undefined)?.code;
}

async function smallPackage(): Promise<BuiltPackage> {
  return buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from(`{"nomor":"${randomBytes(4).toString('hex')}"}`) } });
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

    test('one request commits a small submission; its receipt verifies; a re-send answers the same receipt', async () => {
      const pkg = await smallPackage();
      const { head, body } = wholeBody(pkg);
      const first = await postWhole(client, head, body);
      expect(first.status).toBe(200);
      expect(first.body.state).toBe('committed');
      const receipt = first.body.receipt as Receipt;
      expect(receipt).toMatchObject({ submissionId: pkg.submissionId, manifestSha256: pkg.manifestSha256, algorithm: 'Ed25519' });
      const keys = (await client.request<{ keys: { keyId: string; publicKey: string }[] }>('GET', '/v1/keys')).body.keys;
      const key = keys.find((k) => k.keyId === receipt.keyId);
      expect(key).toBeDefined();
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key!.publicKey }, format: 'jwk' });
      expect(verify(null, Buffer.from(receiptSignedText(receipt)), publicKey, Buffer.from(receipt.signature, 'base64url'))).toBe(true);

      const again = await postWhole(client, head, body);
      expect(again.status).toBe(200);
      expect(again.body.receipt).toEqual(receipt);
      const status = await client.status(pkg.submissionId);
      expect(status.body).toMatchObject({ state: 'committed', receipt });
      const listed = await server.running.intake.service.repo.listSubmissions({ opd: 'DISDIK', limit: 500, order: 'updated-asc' });
      expect(listed.filter((r) => r.id === pkg.submissionId)).toHaveLength(1);
    });

    test('bytes that do not hash to their name store nothing; the steps then finish the submission', async () => {
      const pkg = await smallPackage();
      const json = [...pkg.blobs.entries()].find(([, b]) => b.toString('utf8').startsWith('{"nomor"')) as [string, Buffer];
      const forged = Buffer.from(json[1].toString('utf8').replace(/"nomor":"/, '"nomor":"x').slice(0, json[1].length), 'utf8');
      const { head, body } = wholeBody(pkg, { sha256: json[0], bytes: forged });
      const refused = await postWhole(client, head, body);
      expect(refused.status).toBe(422);
      expect(errorCode(refused.body)).toBe('BLOB_HASH_MISMATCH');
      const status = await client.status(pkg.submissionId);
      expect(status.body.state).toBe('open');
      expect((status.body.missing as { sha256: string }[]).map((m) => m.sha256)).toContain(json[0]);

      const sent = await client.send(pkg);
      expect(sent.status).toBe(200);
      expect(sent.body.state).toBe('committed');
    });

    test('a blob half uploaded in steps is finished from the whole request\'s bytes', async () => {
      const pkg = await smallPackage();
      expect((await client.postManifest(pkg)).status).toBe(201);
      const [sha, bytes] = [...pkg.blobs.entries()].find(([, b]) => b.toString('utf8').startsWith('{"nomor"')) as [string, Buffer];
      const half = bytes.subarray(0, Math.floor(bytes.length / 2));
      const put = await client.putChunk(sha, 0, half, bytes.length);
      expect(put.body).toMatchObject({ offset: half.length, complete: false });
      const { head, body } = wholeBody(pkg);
      const sent = await postWhole(client, head, body);
      expect(sent.status).toBe(200);
      expect(sent.body.state).toBe('committed');
    });

    test('a body whose length is not the manifest\'s, blobs over one chunk, or a wrong type are refused before anything is stored', async () => {
      const pkg = await smallPackage();
      const { head, body } = wholeBody(pkg);
      const short = await postWhole(client, head, body.subarray(0, body.length - 1));
      expect(short.status).toBe(400);
      expect(errorCode(short.body)).toBe('BAD_REQUEST');

      const big = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from('{}'), 'data/lampiran/besar.bin': randomBytes(1024 * 1024) } });
      const whole = wholeBody(big);
      const tooLarge = await postWhole(client, whole.head, whole.body.subarray(0, whole.head.length + 1024));
      expect(tooLarge.status).toBe(413);
      expect(errorCode(tooLarge.body)).toBe('PAYLOAD_TOO_LARGE');

      const res = await fetch(`${client.baseUrl}/v1/whole-submissions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json', 'Berkas-Manifest-Length': String(head.length) },
        body: Uint8Array.from(body),
      });
      expect(res.status).toBe(415);
      for (const id of [pkg.submissionId, big.submissionId]) expect((await client.status(id)).status).toBe(404);
    });

    test('an accepted one is one transaction with its facts and held blobs; a revision marks its target in it; a refusal keeps manifest and error in one', async () => {
      // The repository's runner, shared by every store of this server: each transaction is one journal sync.
      const runner = (server.running.intake.repo as unknown as { db: SqlRunner }).db;
      const tx = jest.spyOn(runner, 'tx');
      const transactionsOf = async (pkg: BuiltPackage) => {
        tx.mockClear();
        const { head, body } = wholeBody(pkg);
        const answer = await postWhole(client, head, body);
        return { answer, transactions: tx.mock.calls.length };
      };
      const rowOf = async (id: string) => (await runner.all('SELECT state, title, facts_json, search_text, trust, replaced_by FROM submissions WHERE id = ?', [id]))[0];
      try {
        const first = await smallPackage();
        const sent = await transactionsOf(first);
        expect([sent.answer.status, sent.answer.body.state, sent.transactions]).toEqual([200, 'committed', 1]);
        const row = await rowOf(first.submissionId);
        expect(row).toMatchObject({ state: 'committed', trust: expect.any(String) });
        expect(JSON.parse(String(row?.facts_json))).toHaveProperty('kind');
        expect(String(row?.search_text)).toContain(first.submissionId.toLowerCase());
        const held = await server.running.intake.repo.heldBlobs('DISDIK', [...first.blobs.keys()]);
        expect([...held].sort()).toEqual([...first.blobs.keys()].sort());
        // A re-send reads and answers; it writes nothing.
        expect(await transactionsOf(first)).toMatchObject({ answer: { status: 200, body: { receipt: sent.answer.body.receipt } }, transactions: 0 });

        const revision = await buildPackage({ opd: 'DISDIK', revisionOf: first.submissionId, payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from('{"nomor":"revisi"}') } });
        const revised = await transactionsOf(revision);
        expect([revised.answer.status, revised.transactions]).toEqual([200, 1]);
        expect((await rowOf(first.submissionId))?.replaced_by).toBe(revision.submissionId);

        const unsigned = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('unsigned.pdf'), 'data/data.json': Buffer.from('{}') } });
        const refused = await transactionsOf(unsigned);
        expect([refused.answer.status, errorCode(refused.answer.body), refused.transactions]).toEqual([422, 'SIGNATURE_MISSING', 1]);
        const status = await client.status(unsigned.submissionId);
        expect(status.body).toMatchObject({ state: 'open', missing: [], lastError: { code: 'SIGNATURE_MISSING' } });
      } finally {
        tx.mockRestore();
      }
    });

    test('the same submission sent at once to this node and to a second one on the same store is accepted once; both answer its receipt', async () => {
      // A second node: its own data folder (and blob folder), the same database (PostgreSQL) — or, on sql.js, this node twice.
      const other = server.databaseUrl ? await startIntakeServer({ dataDir: tempDir('node-b'), port: 0, databaseUrl: server.databaseUrl }) : null;
      try {
        const onOther = new ProtocolClient(other?.url ?? server.url, client.token);
        for (let round = 0; round < 3; round++) {
          const pkg = await smallPackage();
          const { head, body } = wholeBody(pkg);
          const answers = await Promise.all([postWhole(client, head, body), postWhole(onOther, head, body), postWhole(client, head, body)]);
          expect(answers.map((a) => [a.status, a.body.state])).toEqual([
            [200, 'committed'],
            [200, 'committed'],
            [200, 'committed'],
          ]);
          expect(answers[1]?.body.receipt).toEqual(answers[0]?.body.receipt);
          expect(answers[2]?.body.receipt).toEqual(answers[0]?.body.receipt);
          expect((await client.status(pkg.submissionId)).body).toMatchObject({ state: 'committed', receipt: answers[0]?.body.receipt });
        }
      } finally {
        await other?.close();
      }
    });

    test('the sync client sends a small package in one request, and in steps to a server that does not know §5.3', async () => {
      const transport = createSyncClient();
      const dir = tempDir('whole-client');
      const store = async (pkg: BuiltPackage) => {
        for (const [sha, bytes] of pkg.blobs) await fs.writeFile(path.join(dir, sha), bytes);
        return (sha: string) => path.join(dir, sha);
      };
      const conn = { serverUrl: server.url, token: client.token as string };
      const pkg = await smallPackage();
      const committed = await transport.sendWhole(conn, pkg.manifest as unknown as Manifest, pkg.manifestSha256, await store(pkg));
      expect(committed?.receipt.manifestSha256).toBe(pkg.manifestSha256);

      // An older server: every other address is passed through, §5.3's is unknown to it.
      const paths: string[] = [];
      const old = http.createServer((req, res) => {
        paths.push(`${req.method} ${req.url}`);
        if (req.url === '/v1/whole-submissions') {
          req.resume();
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Alamat /v1/whole-submissions tidak dikenal (protokol versi 1).' } }));
          return;
        }
        const upstream = http.request(`${server.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
      try {
        const oldConn = { serverUrl: `http://127.0.0.1:${(old.address() as AddressInfo).port}`, token: conn.token };
        const next = await smallPackage();
        const fileOf = await store(next);
        expect(await transport.sendWhole(oldConn, next.manifest as unknown as Manifest, next.manifestSha256, fileOf)).toBeNull();
        const opened = await transport.openSubmission(oldConn, next.manifest as unknown as Manifest, next.manifestSha256);
        for (const blob of opened.missing) await transport.uploadBlob(oldConn, blob, fileOf(blob.sha256));
        const stepped = await transport.commit(oldConn, next.submissionId, next.manifestSha256);
        expect(stepped.receipt.submissionId).toBe(next.submissionId);
        // Known to lack it now: not asked again.
        expect(await transport.sendWhole(oldConn, next.manifest as unknown as Manifest, next.manifestSha256, fileOf)).toBeNull();
        expect(paths.filter((p) => p === 'POST /v1/whole-submissions')).toHaveLength(1);
      } finally {
        transport.close();
        await new Promise<void>((resolve) => old.close(() => resolve()));
      }
    });
  });
}
