/**
 * Enrollment and access (server/PROTOCOL.md §4, §12) on both stores: one-time
 * codes, bearer tokens, revocation, OPD isolation, size and rate limits.
 */
import { buildPackage, fixture, ProtocolClient, sha256 } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

const codeOf = (body: Record<string, unknown>) => (body.error as { code?: string } | undefined)?.code;

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(variant);
    });
    afterAll(async () => {
      await server?.stop();
    });

    test('an enrollment code is traded once for a token; unknown and used codes are refused', async () => {
      const { code, opd } = await server.running.intake.service.createEnrollmentCode('BAPPEDA', 'Badan Perencanaan');
      expect(opd).toBe('BAPPEDA');
      const app = new ProtocolClient(server.url);
      const enrolled = await app.enroll(code.toLowerCase());
      expect(enrolled.status).toBe(201);
      expect(enrolled.body).toMatchObject({ opd: { code: 'BAPPEDA', name: 'Badan Perencanaan' } });
      expect(enrolled.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((enrolled.body.keys as unknown[]).length).toBeGreaterThan(0);

      const again = await new ProtocolClient(server.url).enroll(code);
      expect([again.status, codeOf(again.body)]).toEqual([410, 'ENROLLMENT_CODE_USED']);
      const unknown = await new ProtocolClient(server.url).enroll('AAAA-BBBB-CCCC-DDDD');
      expect([unknown.status, codeOf(unknown.body)]).toEqual([400, 'ENROLLMENT_CODE_INVALID']);
      expect((unknown.body.error as { message: string }).message).toMatch(/Kode pendaftaran tidak dikenal/);

      // The token itself is never stored: the database holds its hash only.
      const tokens = await server.running.intake.repo.listDeviceTokens('BAPPEDA');
      expect(tokens).toHaveLength(1);
      expect(JSON.stringify(tokens)).not.toContain(app.token as string);
      expect(await server.running.intake.repo.findDeviceToken(sha256(app.token as string))).toMatchObject({ opd: 'BAPPEDA' });
    });

    test('every request needs a valid, unrevoked bearer token', async () => {
      const anonymous = new ProtocolClient(server.url);
      const none = await anonymous.request('GET', '/v1/reference/profiles');
      expect([none.status, codeOf(none.body)]).toEqual([401, 'AUTH_REQUIRED']);
      const forged = new ProtocolClient(server.url, 'x'.repeat(43));
      expect(codeOf((await forged.request('GET', '/v1/reference/profiles')).body)).toBe('TOKEN_INVALID');
      // Public: keys and health.
      expect((await anonymous.request('GET', '/v1/keys')).status).toBe(200);
      expect((await anonymous.request('GET', '/v1/health')).body).toMatchObject({ ok: true, protocol: 1 });

      const device = await server.enrolled('DINKES');
      expect((await device.request('GET', '/v1/reference/profiles')).status).toBe(200);
      const [token] = await server.running.intake.repo.listDeviceTokens('DINKES');
      expect(await server.running.intake.repo.revokeDeviceTokens({ tokenId: token?.id as string }, new Date().toISOString())).toBe(1);
      const revoked = await device.request('GET', '/v1/reference/profiles');
      expect([revoked.status, codeOf(revoked.body)]).toEqual([401, 'TOKEN_REVOKED']);
    });

    test("OPD A's token cannot read or write OPD B's submissions, nor see B's blobs", async () => {
      const a = await server.enrolled('OPDA');
      const b = await server.enrolled('OPDB');
      const attachment = Buffer.from('lampiran rahasia OPD A '.repeat(1000));
      const pkgA = await buildPackage({ opd: 'OPDA', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/rahasia.txt': attachment } });
      expect((await a.send(pkgA)).status).toBe(200);

      // Read: B sees nothing of A's submission, as if it did not exist.
      const read = await b.status(pkgA.submissionId);
      expect([read.status, codeOf(read.body)]).toEqual([404, 'SUBMISSION_NOT_FOUND']);
      const list = await b.request<{ submissions: { submissionId: string }[] }>('GET', '/v1/submissions');
      expect(list.body.submissions.map((s) => s.submissionId)).not.toContain(pkgA.submissionId);
      const commit = await b.commit(pkgA.submissionId, pkgA.manifestSha256);
      expect([commit.status, codeOf(commit.body)]).toEqual([404, 'SUBMISSION_NOT_FOUND']);

      // Write: B cannot post A's manifest (wrong OPD), nor take A's id for its own content.
      const asA = await b.postManifest(pkgA);
      expect([asA.status, codeOf(asA.body)]).toEqual([403, 'OPD_MISMATCH']);
      const stolenId = await buildPackage({ opd: 'OPDB', submissionId: pkgA.submissionId });
      const taken = await b.postManifest(stolenId);
      expect([taken.status, codeOf(taken.body)]).toEqual([409, 'SUBMISSION_ID_TAKEN']);
      expect(taken.body.server).toBeUndefined();

      // Blobs: A's attachment is not offered to B as already held, and B cannot probe or upload it unasked.
      const digest = sha256(attachment);
      const probe = await b.request('HEAD', `/v1/blobs/${digest}`);
      expect(probe.status).toBe(404);
      const put = await b.putChunk(digest, 0, attachment, attachment.length);
      expect([put.status, codeOf(put.body)]).toEqual([404, 'BLOB_NOT_EXPECTED']);
      const pkgB = await buildPackage({ opd: 'OPDB', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/rahasia.txt': attachment } });
      const postedB = await b.postManifest(pkgB);
      expect((postedB.body.missing as { sha256: string }[]).map((m) => m.sha256)).toContain(digest);
      // A's own status is untouched.
      expect((await a.status(pkgA.submissionId)).body.manifestSha256).toBe(pkgA.manifestSha256);
    });

    test('oversized bodies are refused with 413 before they are read', async () => {
      const device = await server.enrolled('DISHUB');
      const big = Buffer.alloc(1024 * 1024 + 1);
      const chunk = await device.putChunk('a'.repeat(64), 0, big, big.length);
      expect([chunk.status, codeOf(chunk.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const manifest = await device.request('POST', '/v1/submissions', { json: { manifest: { files: 'x'.repeat(9 * 1024 * 1024) } } });
      expect([manifest.status, codeOf(manifest.body)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });
  });
}

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(`${title}: rate limit`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(variant, { rate: { capacity: 5, perSecond: 0.2 }, enrollRate: { capacity: 2, perSecond: 0.01 } });
    });
    afterAll(async () => {
      await server?.stop();
    });

    test('a token that empties its bucket gets 429 with Retry-After; other tokens are not affected', async () => {
      const busy = await server.enrolled('DISDIK');
      const calm = await server.enrolled('DINSOS');
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push(await busy.request('GET', '/v1/reference/profiles'));
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const limited = answers[6];
      expect(limited?.status).toBe(429);
      expect(codeOf(limited?.body ?? {})).toBe('RATE_LIMITED');
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await calm.request('GET', '/v1/reference/profiles')).status).toBe(200);
    });

    test('enrollment attempts are limited per address', async () => {
      const anonymous = new ProtocolClient(server.url);
      // Two codes were traded by enrolled() above; the bucket of this address is empty now.
      const guess = await anonymous.enroll('AAAA-BBBB-CCCC-DDDD');
      expect([guess.status, codeOf(guess.body)]).toEqual([429, 'RATE_LIMITED']);
      expect(guess.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
}
