/**
 * `berkas server …` verbs (server/PROTOCOL.md §11) as an administrator runs
 * them: on a stopped data folder (the store directly) and on a running
 * server's folder (its loopback control endpoint), with the same results.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPackage, ProtocolClient, removeTempDirs, repoRoot, tempDir } from './helpers/server-client';

const main = path.join(repoRoot, 'cli', 'main.ts');
const env = { ...process.env };
// The embedded store and blob folder: this file is about the verbs, not the database or the object store
// (both stores run the protocol suites; server-nodes.test.ts runs the object store).
delete env.DATABASE_URL;
for (const name of Object.keys(env)) if (name.startsWith('BERKAS_S3_')) delete env[name];

function berkas(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function start(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', main, 'server', 'start', '--data-dir', dataDir, '--port', '0'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Server Berkas siap: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1] as string });
    });
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function stop(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) {
      resolve(proc.exitCode);
      return;
    }
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });
}

describe('berkas server', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDir('server-cli');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    removeTempDirs();
  });

  test('admin verbs on a stopped folder and through a running server; import with a receipt file', async () => {
    // Stopped: the store is opened directly.
    const offline = berkas(['server', 'enroll-code', '--data-dir', dataDir, '--opd', 'disdik', '--name', 'Dinas Pendidikan']);
    expect(offline.status).toBe(0);
    const firstCode = offline.stdout.trim();
    expect(firstCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(offline.stderr).toMatch(/Kode pendaftaran untuk DISDIK \(Dinas Pendidikan\), sekali pakai/);
    const bad = berkas(['server', 'enroll-code', '--data-dir', dataDir, '--opd', 'bukan kode!']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Galat \[OPD_INVALID\]: Kode OPD "BUKAN KODE!" tidak sah/);

    const server = await start(dataDir);
    try {
      // Running: the same verbs go through the control endpoint (the sql.js store is held by the server).
      const online = berkas(['server', 'enroll-code', '--data-dir', dataDir, '--opd', 'DISDIK', '--json']);
      expect(online.status).toBe(0);
      const secondCode = (JSON.parse(online.stdout) as { code: string }).code;

      const app = new ProtocolClient(server.url);
      expect((await app.enroll(firstCode)).status).toBe(201);
      const other = new ProtocolClient(server.url);
      expect((await other.enroll(secondCode)).status).toBe(201);

      const tokens = JSON.parse(berkas(['server', 'tokens', '--data-dir', dataDir, '--json']).stdout) as { tokens: { id: string; revokedAt: string | null }[] };
      expect(tokens.tokens).toHaveLength(2);
      expect(JSON.stringify(tokens)).not.toContain(app.token as string);
      const revoked = berkas(['server', 'revoke-token', '--data-dir', dataDir, '--token-id', tokens.tokens[1]?.id as string]);
      expect(revoked.stdout).toMatch(/1 token dicabut/);
      const stillOk = (await app.request('GET', '/v1/reference/profiles')).status;
      const revokedOne = (await other.request('GET', '/v1/reference/profiles')).status;
      expect([stillOk, revokedOne].sort()).toEqual([200, 401]);

      const admin = berkas(['server', 'admin-token', '--data-dir', dataDir]);
      expect(admin.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const pkg = await buildPackage({ opd: 'DISDIK' });
      const receiptFile = path.join(dataDir, 'tanda-terima.json');
      const imported = berkas(['server', 'import', pkg.zipPath, '--data-dir', dataDir, '--receipt-out', receiptFile]);
      // Received, but the importer is told at once that nothing vouches for the signer's organisation (no trust root here).
      expect(imported.status).toBe(0);
      expect(imported.stderr).toMatch(/^Perhatian: Belum pasti: sertifikat atas nama Budi Santoso, organisasi Pemerintah Kota Pontianak \/ Dinas Pendidikan menyebut OPD pengirim Dinas Pendidikan \(DISDIK\)/);
      expect(imported.stdout).toMatch(new RegExp(`^Diterima: pengiriman ${pkg.submissionId} dari DISDIK`));
      const receipt = JSON.parse(readFileSync(receiptFile, 'utf8')) as { submissionId: string; manifestSha256: string };
      expect(receipt).toMatchObject({ submissionId: pkg.submissionId, manifestSha256: pkg.manifestSha256 });
      const again = berkas(['server', 'import', pkg.zipPath, '--data-dir', dataDir, '--json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ isDuplicate: true, receipt });
      // The app that carried the flash drive asks and learns it is done.
      expect((await app.postManifest(pkg)).body).toMatchObject({ state: 'committed', receipt });

      // The signer's certificate registered for the OPD: the next import is "cocok" and says nothing more.
      const certFile = path.join(repoRoot, 'tests', 'fixtures', 'server', 'officer.pem');
      const added = berkas(['server', 'opd', 'certificate', 'add', '--opd', 'disdik', certFile, '--data-dir', dataDir, '--label', 'Kepala Dinas']);
      expect(added.status).toBe(0);
      expect(added.stdout).toMatch(/^Didaftarkan untuk OPD DISDIK: CN=Budi Santoso, serialNumber=198703122010011002, OU=Dinas Pendidikan, O=Pemerintah Kota Pontianak, C=ID\nSHA-256 f48f7f1f/);
      const listed = JSON.parse(berkas(['server', 'opd', 'certificate', 'list', '--data-dir', dataDir, '--json']).stdout) as { certificates: { opd: string; sha256: string; label: string }[] };
      expect(listed.certificates).toEqual([expect.objectContaining({ opd: 'DISDIK', label: 'Kepala Dinas', sha256: expect.stringMatching(/^f48f7f1f/) })]);
      const second = berkas(['server', 'import', (await buildPackage({ opd: 'DISDIK' })).zipPath, '--data-dir', dataDir]);
      expect([second.status, second.stderr]).toEqual([0, '']);
      const removed = berkas(['server', 'opd', 'certificate', 'remove', '--opd', 'DISDIK', 'f48f7f1f', '--data-dir', dataDir]);
      expect(removed.stdout).toMatch(/^Dicabut dari OPD DISDIK/);
      expect(berkas(['server', 'opd', 'certificate', 'list', '--data-dir', dataDir, '--opd', 'DISDIK']).stdout).toBe('Belum ada sertifikat terdaftar untuk OPD DISDIK.\n');
      const notCert = berkas(['server', 'opd', 'certificate', 'add', '--opd', 'DISDIK', receiptFile, '--data-dir', dataDir]);
      expect(notCert.status).toBe(2);
      expect(notCert.stderr).toMatch(/Galat \[CERT_FILE\]: Berkas tanda-terima\.json bukan sertifikat X\.509/);
      // Trust roots and OPD certificates are read alike: a file far larger than a certificate is refused before it is read.
      const huge = path.join(path.dirname(receiptFile), 'besar.pem');
      writeFileSync(huge, Buffer.alloc(40 * 1024, 0x41));
      for (const verb of [['trust', 'add'], ['opd', 'certificate', 'add', '--opd', 'DISDIK']]) {
        const tooLarge = berkas(['server', ...verb, huge, '--data-dir', dataDir]);
        expect([tooLarge.status, tooLarge.stderr]).toEqual([2, expect.stringContaining('Galat [CERT_FILE]: besar.pem berukuran 40 KB; sertifikat X.509 jauh lebih kecil (paling banyak 32 KB).')]);
      }

      const hostile = berkas(['server', 'import', path.join(repoRoot, 'tests', 'fixtures', 'hostile-zips', 'traversal.zip'), '--data-dir', dataDir]);
      expect(hostile.status).toBe(2);
      expect(hostile.stderr).toMatch(/Galat \[PACKAGE_INVALID\]/);

      const rotated = JSON.parse(berkas(['server', 'rotate-key', '--data-dir', dataDir, '--json']).stdout) as { keyId: string };
      const keys = (await app.request<{ keys: { keyId: string; isCurrent: boolean }[] }>('GET', '/v1/keys')).body.keys;
      expect(keys.find((k) => k.isCurrent)?.keyId).toBe(rotated.keyId);
      expect(keys).toHaveLength(2);
    } finally {
      expect(await stop(server.proc)).toBe(0);
    }
    // Stopped cleanly: no server.json left, and the folder opens directly again.
    expect(berkas(['server', 'tokens', '--data-dir', dataDir]).status).toBe(0);
  }, 240_000);
});
