/**
 * `berkas server check` on both stores (issue 16, bad input): a blob whose
 * bytes on disk no longer match its SHA-256 is reported with the submissions
 * that use it, refused when read, not counted as held (so an OPD sending it
 * again replaces it), and a committed submission's file that is gone is
 * reported missing; the CLI exits 1 and names both.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runAdminVerb } from '../../server/admin';
import type { BlobCheckReport } from '../../server/intake/blob-check';
import { buildPackage, repoRoot, sha256 } from './helpers/server-client';
import { startTestServer, storeVariants, type TestServer } from './helpers/server-stores';

function runCli(args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: stdout + stderr });
    });
  });
}

const blobFile = (dataDir: string, digest: string) => path.join(dataDir, 'blobs', digest.slice(0, 2), digest);

describe.each(storeVariants())('server check, $title', ({ variant, describe: run }) => {
  run('blobs against their names', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(variant);
    });
    afterAll(async () => {
      await server?.stop();
    });

    const check = () => {
      const intake = server.running.intake;
      return runAdminVerb({ service: intake.service, keys: intake.keys, now: () => new Date() }, 'check', {}) as Promise<BlobCheckReport>;
    };

    test('damaged and missing blobs are reported with their submissions, never served, and an OPD sending the bytes again repairs them', async () => {
      const client = await server.enrolled('DISDIK');
      const first = await buildPackage({ opd: 'DISDIK' });
      expect((await client.send(first)).status).toBe(200);
      const attachment = randomBytes(5000);
      const second = await buildPackage({
        opd: 'DISDIK',
        period: '2026',
        payload: { 'data/rencana-aksi.pdf': await fs.readFile(path.join(repoRoot, 'tests', 'fixtures', 'server', 'signed.pdf')), 'data/data.json': Buffer.from('{"plan":{"year":2026,"activities":[]}}'), 'data/lampiran/foto.bin': attachment },
      });
      expect((await client.send(second)).status).toBe(200);
      expect(await check()).toMatchObject({ damaged: [], missing: [], repaired: [] });

      // data.json of the first package altered on disk; the second package's attachment gone.
      const dataJson = first.manifest.files.find((f) => f.path === 'data/data.json') as { sha256: string };
      const original = await fs.readFile(blobFile(server.dataDir, dataJson.sha256));
      const altered = Buffer.from(original);
      altered[0] = (altered[0] as number) ^ 0x20;
      await fs.writeFile(blobFile(server.dataDir, dataJson.sha256), altered);
      await fs.rm(blobFile(server.dataDir, sha256(attachment)));

      const report = await check();
      expect(report.damaged).toEqual([
        { sha256: dataJson.sha256, found: sha256(altered), detail: `isi tersimpan ber-SHA-256 ${sha256(altered)}`, submissions: [{ id: first.submissionId, opd: 'DISDIK', path: 'data/data.json' }] },
      ]);
      expect(report.missing).toEqual([{ sha256: sha256(attachment), found: null, detail: 'tidak ada di penyimpanan', submissions: [{ id: second.submissionId, opd: 'DISDIK', path: 'data/lampiran/foto.bin' }] }]);
      await expect(server.running.intake.storage.read(dataJson.sha256)).rejects.toMatchObject({ code: 'BLOB_DAMAGED' });

      // The CLI against the running server: exit 1, both named.
      // (Asynchronously: the server answering it runs in this process.)
      const cli = await runCli(['server', 'check', '--data-dir', server.dataDir]);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`RUSAK  ${dataJson.sha256}: isi tersimpan ber-SHA-256 ${sha256(altered)}; dipakai ${first.submissionId} (OPD DISDIK, data/data.json)`);
      expect(cli.stdout).toContain(`HILANG ${sha256(attachment)}: tidak ada di penyimpanan; dipakai ${second.submissionId} (OPD DISDIK, data/lampiran/foto.bin)`);
      expect(cli.stdout).toMatch(/Diperiksa \d+ lampiran .*: 1 rusak, 1 hilang\./);

      // A new revision carrying the same data.json: the damaged blob is not held, so it is asked for and replaced.
      const third = await buildPackage({ opd: 'DISDIK', revisionOf: first.submissionId });
      const posted = await client.postManifest(third);
      expect((posted.body.missing as { sha256: string }[]).map((m) => m.sha256)).toContain(dataJson.sha256);
      expect((await client.send(third)).status).toBe(200);
      expect((await server.running.intake.storage.read(dataJson.sha256)).equals(original)).toBe(true);
      expect(await check()).toMatchObject({ damaged: [], missing: [{ sha256: sha256(attachment) }] });
    }, 180_000);
  });
});
