/**
 * The server as a separate process (`berkas server start`), killed with
 * SIGKILL mid-upload, mid-commit and mid-import and started again on the same
 * data folder, on both stores: the acknowledged chunks survive, the upload
 * resumes re-sending at most one chunk, a commit acknowledged before a kill
 * keeps its receipt, and no half-written file is ever served or counted —
 * every file under D/blobs hashes to its name, temp files are gone, a
 * submission is either committed with a receipt that verifies or still open
 * without one (issue 18.3).
 *
 * "Mid-commit" and "mid-import" are observed, not guessed: the kill is sent
 * once the commit's assembled bag (D/tmp/*.zip) or the import's half-copied
 * entry (D/uploads/.import/*.tmp) exists on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { verifyReceipt, type PublishedKey } from '../../server/intake/receipt-keys';
import type { Receipt } from '../../server/protocol/types';
import { buildPackage, CHUNK, fixture, ProtocolClient, removeTempDirs, repoRoot, sha256, tempDir } from './helpers/server-client';
import { storeVariants } from './helpers/server-stores';

// node itself with tsx's loader, not the tsx wrapper: SIGKILL must hit the process that serves.
const cli = (args: string[]) => [process.execPath, ['--import', 'tsx', path.join(repoRoot, 'cli', 'main.ts'), ...args]] as const;

interface Child {
  proc: ChildProcess;
  url: string;
}

function startChild(dataDir: string, databaseUrl: string | undefined): Promise<Child> {
  const env = { ...process.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  // Blobs in the data folder, which this test reads after the crash (server-nodes.test.ts crashes a node on the object store).
  for (const name of Object.keys(env)) if (name.startsWith('BERKAS_S3_')) delete env[name];
  const [bin, args] = cli(['server', 'start', '--data-dir', dataDir, '--port', '0']);
  const proc = spawn(bin, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Server Berkas siap: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] as string });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

function killHard(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      resolve();
      return;
    }
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}

/** Starts a chunk PUT, sends half its body, and leaves it hanging (the server is killed meanwhile). */
function halfChunk(url: string, token: string, digest: string, offset: number, chunk: Buffer, total: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(new URL(`${url}/v1/blobs/${digest}?offset=${offset}`), {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(chunk.length),
        'Berkas-Chunk-Sha256': sha256(chunk),
        'Upload-Length': String(total),
      },
    });
    req.on('error', () => undefined);
    req.write(chunk.subarray(0, chunk.length / 2), () => resolve());
  });
}


/** An admin verb through the running server's control endpoint, as the CLI sends it. */
async function control<T>(child: Child, dataDir: string, verb: string, args: Record<string, unknown>): Promise<{ status: number; body: { result?: T; error?: { code: string } } }> {
  const secret = readFileSync(path.join(dataDir, 'control-secret'), 'utf8').trim();
  const res = await fetch(`${child.url}/control/${verb}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Berkas-Control-Secret': secret }, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as { result?: T; error?: { code: string } } };
}

/** Every file under D/blobs is whole: named by its own SHA-256, nothing else lying there. */
function expectBlobsWhole(dataDir: string): number {
  const root = path.join(dataDir, 'blobs');
  let count = 0;
  if (!existsSync(root)) return 0;
  for (const fan of readdirSync(root)) {
    const dir = path.join(root, fan);
    expect([fan, statSync(dir).isDirectory()]).toEqual([fan, true]);
    for (const name of readdirSync(dir)) {
      const digest = createHash('sha256').update(readFileSync(path.join(dir, name))).digest('hex');
      expect([fan, name]).toEqual([digest.slice(0, 2), digest]);
      count += 1;
    }
  }
  return count;
}

/** No temp file of a commit or an import survives a restart. */
function expectNoTemps(dataDir: string): void {
  expect(existsSync(path.join(dataDir, 'tmp')) ? readdirSync(path.join(dataDir, 'tmp')) : []).toEqual([]);
  expect(existsSync(path.join(dataDir, 'uploads', '.import'))).toBe(false);
  expect(readdirSync(dataDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

/** Polls a folder until a file matching `pattern` appears or `done` settles; true when seen first. */
async function seen(dir: string, pattern: RegExp, done: Promise<unknown>): Promise<boolean> {
  let isSettled = false;
  void done.finally(() => (isSettled = true));
  while (!isSettled) {
    if (existsSync(dir) && readdirSync(dir).some((n) => pattern.test(n))) return true;
    await new Promise((r) => setTimeout(r, 1));
  }
  return false;
}

async function enrolledClient(child: Child, dataDir: string, opd: string): Promise<ProtocolClient> {
  const made = await control<{ code: string }>(child, dataDir, 'enroll-code', { opd });
  const client = new ProtocolClient(child.url);
  expect((await client.enroll(made.body.result?.code as string)).status).toBe(201);
  return client;
}

/** The review page's copy of a committed main document, fetched with a fresh admin login. */
async function reviewedDocument(child: Child, dataDir: string, id: string): Promise<Buffer> {
  const made = await control<{ token: string }>(child, dataDir, 'admin-token', {});
  const login = await fetch(`${child.url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: child.url },
    body: `token=${made.body.result?.token as string}`,
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const res = await fetch(`${child.url}/admin/submissions/${id}/document`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

for (const { title, variant, describe: describeStore } of storeVariants()) {
  describeStore(title, () => {
    test('SIGKILL mid-upload and restart: the upload resumes, re-sending at most one chunk; receipts survive', async () => {
      const dataDir = tempDir('server-crash');
      const databaseUrl = await variant.create();
      let child = await startChild(dataDir, databaseUrl);
      try {
        // Enrollment through the CLI against the running server (its control endpoint).
        const code = await new Promise<string>((resolve, reject) => {
          const env = { ...process.env };
          if (databaseUrl) env.DATABASE_URL = databaseUrl;
          const [bin, args] = cli(['server', 'enroll-code', '--data-dir', dataDir, '--opd', 'DISDIK', '--json']);
          const p = spawn(bin, args, { cwd: repoRoot, env });
          let out = '';
          p.stdout.on('data', (c: Buffer) => (out += c.toString()));
          p.stderr.on('data', (c: Buffer) => (out += c.toString()));
          p.on('exit', (status) => (status === 0 ? resolve((JSON.parse(out) as { code: string }).code) : reject(new Error(out))));
        });
        const client = new ProtocolClient(child.url);
        expect((await client.enroll(code)).status).toBe(201);

        const big = randomBytes(5 * CHUNK + 12_345);
        const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/kode-sumber.zip': big } });
        const digest = sha256(big);
        const posted = await client.postManifest(pkg);
        expect(posted.status).toBe(201);
        for (const m of posted.body.missing as { sha256: string }[]) if (m.sha256 !== digest) await client.uploadBlob(m.sha256, pkg.blobs.get(m.sha256) as Buffer);
        for (let i = 0; i < 3; i++) expect((await client.putChunk(digest, i * CHUNK, big.subarray(i * CHUNK, (i + 1) * CHUNK), big.length)).status).toBe(200);
        await halfChunk(child.url, client.token as string, digest, 3 * CHUNK, big.subarray(3 * CHUNK, 4 * CHUNK), big.length);
        await new Promise((r) => setTimeout(r, 150));
        await killHard(child);

        child = await startChild(dataDir, databaseUrl);
        // The blob cut mid-chunk is nowhere in the store, and what is there is whole.
        expect(existsSync(path.join(dataDir, 'blobs', digest.slice(0, 2), digest))).toBe(false);
        expectBlobsWhole(dataDir);
        expectNoTemps(dataDir);
        const resumed = new ProtocolClient(child.url, client.token);
        const head = await resumed.request('HEAD', `/v1/blobs/${digest}`);
        expect(head.status).toBe(200);
        const offset = Number(head.headers.get('upload-offset'));
        // Every acknowledged chunk survived; of the cut one, whatever reached the disk is a correct prefix.
        expect(offset).toBeGreaterThanOrEqual(3 * CHUNK);
        expect(offset).toBeLessThan(4 * CHUNK);
        const resent = await resumed.uploadBlob(digest, big, offset);
        const neverSent = big.length - (3 * CHUNK + CHUNK / 2);
        expect(resent - neverSent).toBeLessThanOrEqual(CHUNK);

        const committed = await resumed.commit(pkg.submissionId, pkg.manifestSha256);
        expect(committed.status).toBe(200);
        const receipt = committed.body.receipt as Receipt;
        await killHard(child);

        // Acknowledged means durable: after another kill the same receipt is there, and still verifies.
        child = await startChild(dataDir, databaseUrl);
        const after = new ProtocolClient(child.url, client.token);
        const status = await after.status(pkg.submissionId);
        expect(status.body).toMatchObject({ state: 'committed', receipt });
        const keys = (await after.request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
        expect(verifyReceipt(receipt, keys)).toBe(true);
        const again = await after.commit(pkg.submissionId, pkg.manifestSha256);
        expect(again.body.receipt).toEqual(receipt);
      } finally {
        await killHard(child);
        await variant.drop(databaseUrl);
        rmSync(dataDir, { recursive: true, force: true });
        removeTempDirs();
      }
    }, 180_000);
    test('SIGKILL mid-commit: the submission is open without a receipt or committed with one; no half file is served or counted', async () => {
      const dataDir = tempDir('server-crash-commit');
      const databaseUrl = await variant.create();
      let child = await startChild(dataDir, databaseUrl);
      try {
        let client = await enrolledClient(child, dataDir, 'DISDIK');
        let isKilledMidCommit = false;
        // A commit that finishes before its bag is seen on disk proves nothing: try again with a new package.
        for (let attempt = 0; attempt < 4 && !isKilledMidCommit; attempt++) {
          const pkg = await buildPackage({ opd: 'DISDIK', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/lampiran.bin': randomBytes(24 * CHUNK) } });
          const posted = await client.postManifest(pkg);
          for (const m of posted.body.missing as { sha256: string }[]) await client.uploadBlob(m.sha256, pkg.blobs.get(m.sha256) as Buffer);
          const committing = client.commit(pkg.submissionId, pkg.manifestSha256).catch(() => null);
          if (!(await seen(path.join(dataDir, 'tmp'), /\.zip$/, committing))) continue;
          await killHard(child);
          await committing;

          child = await startChild(dataDir, databaseUrl);
          client = new ProtocolClient(child.url, client.token);
          expectNoTemps(dataDir);
          expect(expectBlobsWhole(dataDir)).toBeGreaterThan(0);
          const keys = (await client.request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
          const status = await client.status(pkg.submissionId);
          expect(status.status).toBe(200);
          if (status.body.state === 'open') {
            isKilledMidCommit = true;
            expect(status.body.receipt).toBeNull();
            // Every blob was uploaded whole before the kill: all held, none to send again.
            expect(status.body.missing).toEqual([]);
          } else {
            expect(verifyReceipt(status.body.receipt as Receipt, keys)).toBe(true);
          }
          const committed = await client.commit(pkg.submissionId, pkg.manifestSha256);
          expect(committed.status).toBe(200);
          expect(verifyReceipt(committed.body.receipt as Receipt, keys)).toBe(true);
          expect((await reviewedDocument(child, dataDir, pkg.submissionId)).equals(fixture('signed.pdf'))).toBe(true);
        }
        expect(isKilledMidCommit).toBe(true);
      } finally {
        await killHard(child);
        await variant.drop(databaseUrl);
        rmSync(dataDir, { recursive: true, force: true });
        removeTempDirs();
      }
    }, 240_000);

    test('SIGKILL mid-import: the half-copied entry is gone at restart, nothing is counted, the import then succeeds', async () => {
      const dataDir = tempDir('server-crash-import');
      const databaseUrl = await variant.create();
      let child = await startChild(dataDir, databaseUrl);
      try {
        let client = await enrolledClient(child, dataDir, 'DINKES');
        let isKilledMidImport = false;
        for (let attempt = 0; attempt < 4 && !isKilledMidImport; attempt++) {
          const big = randomBytes(24 * CHUNK);
          const pkg = await buildPackage({ opd: 'DINKES', payload: { 'data/rencana-aksi.pdf': fixture('signed.pdf'), 'data/lampiran.bin': big } });
          const importing = control(child, dataDir, 'import', { file: pkg.zipPath }).catch(() => null);
          if (!(await seen(path.join(dataDir, 'uploads', '.import'), /\.tmp$/, importing))) continue;
          await killHard(child);
          await importing;
          isKilledMidImport = true;

          child = await startChild(dataDir, databaseUrl);
          client = new ProtocolClient(child.url, client.token);
          expectNoTemps(dataDir);
          expectBlobsWhole(dataDir);
          // The manifest is saved only after every entry is stored: the submission does not exist yet.
          expect((await client.status(pkg.submissionId)).status).toBe(404);
          const imported = await control<{ receipt: Receipt; isDuplicate: boolean }>(child, dataDir, 'import', { file: pkg.zipPath });
          expect(imported.status).toBe(200);
          expect(imported.body.result?.isDuplicate).toBe(false);
          const keys = (await client.request<{ keys: PublishedKey[] }>('GET', '/v1/keys')).body.keys;
          expect(verifyReceipt(imported.body.result?.receipt as Receipt, keys)).toBe(true);
          expect(expectBlobsWhole(dataDir)).toBeGreaterThanOrEqual(pkg.manifest.files.length);
          expect(readFileSync(path.join(dataDir, 'blobs', sha256(big).slice(0, 2), sha256(big))).equals(big)).toBe(true);
        }
        expect(isKilledMidImport).toBe(true);
      } finally {
        await killHard(child);
        await variant.drop(databaseUrl);
        rmSync(dataDir, { recursive: true, force: true });
        removeTempDirs();
      }
    }, 240_000);
  });
}
