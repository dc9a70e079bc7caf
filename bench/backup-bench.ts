/**
 * Backup benchmark (issue 8 item 6): back up and restore a workspace with
 * 1 GB of attachments (BERKAS_BENCH_BACKUP_MB to change it), wall time as a
 * ratio to `tar | openssl enc` (and `openssl enc -d | tar -x`) of the same
 * folder in the same run, and peak RSS. Each Berkas run is a fresh child
 * process, so its peak RSS is the work's own. The baseline does less: no
 * authentication (openssl enc is CBC without a MAC), no SHA-256 manifest, no
 * fsync, PBKDF2 instead of scrypt. Run: npx tsx bench/backup-bench.ts
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const repo = path.resolve(__dirname, '..');
const passphrase = 'bench-frasa-sandi-cadangan';
const FILE_MB = 8;

interface ChildMeasurement {
  ms: number;
  peakRssMb: number;
  fileBytes?: number;
  longestWaitMs?: number;
}

/** A data folder: a small database and sizeMb of incompressible attachments in the blob store's layout. */
async function makeWorkspace(dataDir: string, sizeMb: number): Promise<void> {
  const { openDatabase } = await import('../core/adapters/sqljs-database');
  const { migrations } = await import('../core/adapters/migrations');
  const { db } = await openDatabase({ dir: dataDir, migrations });
  await db.write(
    Array.from({ length: 500 }, (_, i) => ({
      sql: 'INSERT INTO documents (id, kind, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      params: [`d${i}`, 'laporan', `Laporan ${i}`, JSON.stringify({ isi: 'x'.repeat(1500), i }), '2025-06-17T08:00:00Z', '2025-06-17T08:00:00Z'],
    })),
  );
  await db.close();
  for (let written = 0; written < sizeMb; written += FILE_MB) {
    const bytes = randomBytes(Math.min(FILE_MB, sizeMb - written) * 1024 * 1024);
    const hash = createHash('sha256').update(bytes).digest('hex');
    await fs.mkdir(path.join(dataDir, 'blobs', hash.slice(0, 2)), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'blobs', hash.slice(0, 2), hash), bytes);
  }
}

async function childCreate(dataDir: string, out: string): Promise<ChildMeasurement> {
  const { openDatabase } = await import('../core/adapters/sqljs-database');
  const { migrations } = await import('../core/adapters/migrations');
  const { createBackupArchiver } = await import('../core/adapters/backup/archiver');
  const { db } = await openDatabase({ dir: dataDir, migrations });
  try {
    const start = performance.now();
    const created = await createBackupArchiver({ dataDir, appVersion: 'bench' }).create(
      { outPath: out, passphrase, isOverwriteAllowed: true, snapshot: await db.exportSnapshot(), settings: null, schemaVersion: db.schemaVersion(), createdAt: new Date() },
      {},
    );
    return { ms: performance.now() - start, peakRssMb: process.resourceUsage().maxRSS / 1024, fileBytes: created.fileBytes };
  } finally {
    await db.close();
  }
}

async function childRestore(file: string, target: string): Promise<ChildMeasurement> {
  const { restoreBackup } = await import('../core/adapters/backup/backup-restore');
  const { supportedVersions } = await import('../core/adapters/backup/archiver');
  const start = performance.now();
  await restoreBackup({ file, dataDir: target, passphrase, supported: supportedVersions('999.0.0') });
  return { ms: performance.now() - start, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/**
 * Restore from the screens over the workspace the app has open (the workspace
 * host), with a request every 2 ms meanwhile: the longest any request waited is
 * how long the app stood still while its workspace was exchanged.
 */
async function childRestoreInApp(file: string, dataDir: string): Promise<ChildMeasurement> {
  const { openWorkspace } = await import('../core/app/workspace');
  const { openWorkspaceHost } = await import('../core/app/workspace-host');
  const host = await openWorkspaceHost(() => openWorkspace({ dataDir, transport: 'http' }));
  try {
    let longestWaitMs = 0;
    let isDone = false;
    const prober = (async () => {
      while (!isDone) {
        const t0 = performance.now();
        await host.handlers.backupStatus({});
        longestWaitMs = Math.max(longestWaitMs, performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const start = performance.now();
    const { jobId } = await host.handlers.backupRestoreStart({ path: file, passphrase });
    let job = await host.handlers.backupRestoreStatus({ jobId });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await host.handlers.backupRestoreStatus({ jobId });
    }
    const ms = performance.now() - start;
    isDone = true;
    await prober;
    if (job.state !== 'done') throw new Error(`restore in the app ended ${job.state}: ${job.error?.message ?? ''}`);
    return { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, longestWaitMs };
  } finally {
    await host.close();
  }
}

function runChild(args: string[]): ChildMeasurement {
  const child = spawnSync(path.join(repo, 'node_modules/.bin/tsx'), [__filename, ...args], { encoding: 'utf8', cwd: repo, maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`backup bench child ${args[0]} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as ChildMeasurement;
}

/** Wall time and peak RSS (GNU time, the largest process of the pipeline) of a shell pipeline. */
function runShell(script: string): ChildMeasurement {
  const start = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', 'sh', '-c', script], { encoding: 'utf8', env: { ...process.env, BENCH_PASS: passphrase } });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`baseline failed: ${child.stderr}`);
  const kb = Number(child.stderr.trim().split('\n').pop());
  return { ms, peakRssMb: kb / 1024 };
}

export async function runBackupBench(): Promise<BenchResult[]> {
  const sizeMb = Number(process.env.BERKAS_BENCH_BACKUP_MB ?? 1024);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-backup-bench-'));
  try {
    const dataDir = path.join(root, 'data');
    await makeWorkspace(dataDir, sizeMb);
    const backup = path.join(root, 'cadangan.berkas-backup');
    const create = runChild(['--create', dataDir, backup]);
    const encrypted = path.join(root, 'baseline.tar.enc');
    const tarEnc = runShell(`tar -cf - -C "${dataDir}" . | openssl enc -aes-256-cbc -pbkdf2 -pass env:BENCH_PASS -out "${encrypted}"`);
    const restore = runChild(['--restore', backup, path.join(root, 'pulih')]);
    await fs.mkdir(path.join(root, 'baseline-pulih'));
    const decTar = runShell(`openssl enc -d -aes-256-cbc -pbkdf2 -pass env:BENCH_PASS -in "${encrypted}" | tar -xf - -C "${path.join(root, 'baseline-pulih')}"`);
    // Last: it restores over the data folder the runs above read.
    const inApp = runChild(['--restore-in-app', backup, dataDir]);
    const label = `${sizeMb} MB of attachments`;
    return [
      { name: `backup: create, ${label}, wall time`, value: create.ms, unit: 'ms' },
      { name: `backup: create ÷ (tar | openssl enc) of the same folder (${Math.round(tarEnc.ms)} ms)`, value: create.ms / tarEnc.ms, unit: 'ratio' },
      { name: `backup: create, peak RSS (tar | openssl enc: ${Math.round(tarEnc.peakRssMb)} MB)`, value: create.peakRssMb, unit: 'MB' },
      { name: `backup: file size ÷ data size`, value: (create.fileBytes ?? 0) / (sizeMb * 1024 * 1024), unit: 'ratio' },
      { name: `backup: restore (verify all, stage, swap), ${label}, wall time`, value: restore.ms, unit: 'ms' },
      { name: `backup: restore ÷ (openssl enc -d | tar -x) (${Math.round(decTar.ms)} ms)`, value: restore.ms / decTar.ms, unit: 'ratio' },
      { name: `backup: restore, peak RSS (openssl enc -d | tar -x: ${Math.round(decTar.peakRssMb)} MB)`, value: restore.peakRssMb, unit: 'MB' },
      { name: `backup: restore from the screens over the open workspace, ${label}, wall time`, value: inApp.ms, unit: 'ms' },
      { name: `backup: restore from the screens ÷ (openssl enc -d | tar -x)`, value: inApp.ms / decTar.ms, unit: 'ratio' },
      { name: `backup: restore from the screens, longest wait of a request meanwhile (app standing still)`, value: inApp.longestWaitMs ?? 0, unit: 'ms' },
      { name: `backup: restore from the screens, peak RSS`, value: inApp.peakRssMb, unit: 'MB' },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [mode, a, b] = process.argv.slice(2);
  const child =
    mode === '--create'
      ? childCreate(a ?? '', b ?? '')
      : mode === '--restore'
        ? childRestore(a ?? '', b ?? '')
        : mode === '--restore-in-app'
          ? childRestoreInApp(a ?? '', b ?? '')
          : null;
  if (child) {
    child.then(
      (m) => process.stdout.write(`${JSON.stringify(m)}\n`),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else {
    runBackupBench()
      .then((results) => {
        const width = Math.max(...results.map((r) => r.name.length));
        console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(9)}  unit`);
        for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.unit === 'ratio' ? 2 : 1).padStart(9)}  ${r.unit}`);
      })
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  }
}
