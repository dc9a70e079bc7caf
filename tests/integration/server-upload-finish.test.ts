/**
 * A node killed between the last chunk's sync and storing the blob leaves
 * every byte of the upload held (D/uploads/OPD/<sha256>.part is whole) and no
 * blob. The client is then told "all bytes held" and has nothing left to
 * send: the server finishes the blob itself when asked for its status or for
 * the commit, as the last chunk would have — or, when those bytes do not
 * hash to the name, drops them and asks for the blob again from 0.
 * (The object-store adapter's own recovery is in server-object-store.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildPackage, CHUNK, fixture, sha256, type BuiltPackage, type ProtocolClient } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

describe.each(storeVariants())('an upload whose every byte is held but whose blob was never stored, $title', ({ variant, describe: run }) => {
  run('finished by the server', () => {
    let server: TestServer;
    let client: ProtocolClient;
    beforeAll(async () => {
      server = await startTestServer(variant);
      client = await server.enrolled('DISDIK');
    });
    afterAll(async () => {
      await server?.stop();
    });

    /** A package whose attachment has two chunks acknowledged and the rest written straight into its .part (the kill). */
    async function interrupted(rest: (bytes: Buffer) => Buffer): Promise<{ pkg: BuiltPackage; attachment: Buffer; digest: string }> {
      const attachment = randomBytes(Math.floor(2.5 * CHUNK));
      const digest = sha256(attachment);
      const pkg = await buildPackage({
        opd: 'DISDIK',
        payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/data.json': Buffer.from('{"plan":{"year":2025,"activities":[]}}'), 'data/lampiran/besar.bin': attachment },
      });
      expect((await client.postManifest(pkg)).status).toBe(201);
      for (const f of pkg.manifest.files) if (f.sha256 !== digest) await client.uploadBlob(f.sha256, pkg.blobs.get(f.sha256) as Buffer);
      for (const at of [0, CHUNK]) expect((await client.putChunk(digest, at, attachment.subarray(at, at + CHUNK), attachment.length)).status).toBe(200);
      await fs.appendFile(path.join(server.dataDir, 'uploads', 'DISDIK', `${digest}.part`), rest(attachment.subarray(2 * CHUNK)));
      return { pkg, attachment, digest };
    }

    test('asked for its status, the server stores the blob and says complete; the commit goes through', async () => {
      const { pkg, attachment, digest } = await interrupted((tail) => tail);
      const status = await client.request('GET', `/v1/blobs/${digest}`);
      expect(status.body).toEqual({ sha256: digest, size: attachment.length, offset: attachment.length, complete: true });
      expect((await server.running.intake.storage.read(digest)).equals(attachment)).toBe(true);
      expect((await client.commit(pkg.submissionId, pkg.manifestSha256)).status).toBe(200);
    });

    test('committed without asking: the commit finishes the blob itself', async () => {
      const { pkg, attachment, digest } = await interrupted((tail) => tail);
      expect((await client.commit(pkg.submissionId, pkg.manifestSha256)).status).toBe(200);
      expect((await server.running.intake.storage.read(digest)).equals(attachment)).toBe(true);
    });

    test('bytes that do not hash to the name are dropped: the blob is asked for again from 0, then the commit goes through', async () => {
      const { pkg, attachment, digest } = await interrupted((tail) => Buffer.alloc(tail.length, 0x41));
      const again = await client.postManifest(pkg);
      expect(again.body.missing).toEqual([{ sha256: digest, size: attachment.length, offset: 0 }]);
      expect(await server.running.intake.storage.has(digest)).toBe(false);
      await client.uploadBlob(digest, attachment);
      expect((await client.commit(pkg.submissionId, pkg.manifestSha256)).status).toBe(200);
    });
  });
});
