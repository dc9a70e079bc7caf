/**
 * The server as a separate process (`berkas server start`), killed with
 * SIGKILL mid-upload and started again on the same data folder, on both
 * stores: the acknowledged chunks survive, the upload resumes re-sending at
 * most one chunk, a commit acknowledged before a kill keeps its receipt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { rmSync } from 'node:fs';
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
  });
}
