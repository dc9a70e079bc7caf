/**
 * The real intake server for the outbox tests: in this process
 * (startIntakeServer) or as a child process that can be SIGKILLed, plus the
 * admin verbs over its loopback control endpoint, and a look at what it
 * stored (through its own repository, after it stopped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openIntake, type IntakeOptions } from '../../../server/intake-server';
import type { BlobStorage } from '../../../server/storage/blob-storage';
import { repoRoot } from './outbox-fixtures';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerChild {
  url: string;
  port: number;
  process: ChildProcess;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * `berkas server start` as one node process (node --import tsx), so SIGKILL hits the server itself.
 * On the embedded store and blob folder in `dataDir` (what storedSubmissions reads), even when the
 * test run has a DATABASE_URL and BERKAS_S3_* for the PostgreSQL and object-store suites; pass them in
 * `env` to choose PostgreSQL or the object store.
 */
export async function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ServerChild> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL' && !name.startsWith('BERKAS_S3_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'server', 'start', '--data-dir', dataDir, '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, ...env },
  });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => (out += c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s:\n${out}`)), 90_000);
    child.stdout?.on('data', (c: string) => {
      out += c;
      if (out.includes('Server Berkas siap')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** An admin verb on the server running on this data folder (PROTOCOL.md §11). */
export async function controlVerb<T>(dataDir: string, verb: string, args: Record<string, unknown>): Promise<T> {
  const info = JSON.parse(await fs.readFile(path.join(dataDir, 'server.json'), 'utf8')) as { url: string };
  const secret = (await fs.readFile(path.join(dataDir, 'control-secret'), 'utf8')).trim();
  const res = await fetch(`${info.url}/control/${verb}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Berkas-Control-Secret': secret }, body: JSON.stringify(args) });
  const body = (await res.json()) as { result?: T; error?: { code: string; message: string } };
  if (!res.ok || body.error) throw new Error(`${verb}: ${body.error?.code} ${body.error?.message}`);
  return body.result as T;
}

export async function enrollmentCode(dataDir: string, opd: string): Promise<string> {
  return (await controlVerb<{ code: string }>(dataDir, 'enroll-code', { opd, name: `Dinas ${opd}` })).code;
}

/** SHA-256 of the bytes a server holds for a blob, read as stored (not through its own check). */
export async function storedSha256(storage: BlobStorage, sha256: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await storage.open(sha256)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface StoredSubmission {
  id: string;
  opd: string;
  manifestSha256: string;
  state: string;
  /** path -> SHA-256 of the bytes the server holds for it (re-hashed from its blob folder). */
  files: Map<string, string>;
  receiptKeyId: string | null;
}

/** Every submission the (stopped) server holds, with its files re-hashed from where it keeps them. */
export async function storedSubmissions(dataDir: string, stores: Pick<IntakeOptions, 'databaseUrl' | 'objectStore'> = {}): Promise<StoredSubmission[]> {
  const intake = await openIntake({ dataDir, ...stores });
  try {
    const records = await intake.repo.listSubmissions({ limit: 100_000, order: 'updated-asc' });
    const out: StoredSubmission[] = [];
    for (const r of records) {
      const files = new Map<string, string>();
      if (r.state === 'committed') {
        for (const f of r.manifest.files) files.set(f.path, await storedSha256(intake.storage, f.sha256));
      }
      out.push({ id: r.id, opd: r.opd, manifestSha256: r.manifestSha256, state: r.state, files, receiptKeyId: r.receipt?.keyId ?? null });
    }
    return out;
  } finally {
    await intake.close();
  }
}
