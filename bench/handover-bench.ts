/**
 * Handover packaging benchmark (issue 5 item 9): a generated tree of mixed
 * files — half incompressible ("jpg", "pdf", "zip": random bytes), half
 * source-like text — packaged by the app's streaming BagIt writer and by
 * `zip -r -6` on the same tree in the same run. Reports both wall times and
 * their ratio (goal below 1.0: compressed formats are stored, not deflated
 * again), the packager's peak RSS measured in a child process (goal under
 * 200 MB), and the time to verify the package without unpacking it.
 *   npx tsx bench/handover-bench.ts            about 1 GB
 *   BERKAS_HANDOVER_BENCH_MB=100 npx tsx bench/handover-bench.ts   a quick run
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyBagZip } from '../core/adapters/bagit/verify';
import type { BenchResult } from './store-bench';

const repo = path.resolve(__dirname, '..');

/**
 * Real source text to cut the compressible files from: the TypeScript
 * compiler shipped in node_modules (a devDependency, so present wherever the
 * bench runs). Synthetic text from a small vocabulary is far more repetitive
 * than code and makes zlib's lazy matching crawl (measured: 18 MB/s against
 * 48 MB/s on real JavaScript), which would measure the generator, not us.
 */
async function textPool(bytes: number): Promise<Buffer> {
  const lib = path.join(repo, 'node_modules', 'typescript', 'lib');
  const names = (await fs.readdir(lib)).filter((n) => n.endsWith('.js')).sort();
  const parts: Buffer[] = [];
  let size = 0;
  for (const name of names) {
    if (size >= bytes) break;
    const b = await fs.readFile(path.join(lib, name));
    parts.push(b);
    size += b.length;
  }
  if (size === 0) throw new Error(`tidak ada berkas .js di ${lib} untuk bahan teks bench`);
  return Buffer.concat(parts).subarray(0, bytes);
}

export async function makeTree(root: string, totalBytes: number): Promise<{ files: number; bytes: number }> {
  const pool = await textPool(16 * 1024 * 1024);
  let bytes = 0;
  let files = 0;
  let i = 0;
  const half = totalBytes / 2;
  // Incompressible half: 1-8 MB "media and archives".
  const binaryKinds = ['jpg', 'pdf', 'zip', 'png', 'mp4'];
  while (bytes < half) {
    const size = (1 + (i % 8)) * 1024 * 1024;
    const dir = path.join(root, 'dokumen', `bagian-${i % 10}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `berkas-${i}.${binaryKinds[i % binaryKinds.length]}`), randomBytes(size));
    bytes += size;
    files += 1;
    i += 1;
  }
  // Compressible half: 4-64 KB source files in a nested tree.
  const textKinds = ['php', 'js', 'ts', 'sql', 'txt', 'html', 'css'];
  let j = 0;
  while (bytes < totalBytes) {
    const size = 4096 + ((j * 7919) % (60 * 1024));
    const start = (j * 104729) % (pool.length - size);
    const dir = path.join(root, 'kode-sumber', `modul-${j % 40}`, `sub-${j % 7}`);
    if (j < 280) await fs.mkdir(dir, { recursive: true });
    const header = Buffer.from(`// berkas ${j}\n`);
    await fs.writeFile(path.join(dir, `file-${j}.${textKinds[j % textKinds.length]}`), Buffer.concat([header, pool.subarray(start, start + size)]));
    bytes += size + header.length;
    files += 1;
    j += 1;
  }
  return { files, bytes };
}

function timeCommand(command: string, args: string[], cwd: string): number {
  const started = performance.now();
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - started;
}

export async function runHandoverBench(): Promise<BenchResult[]> {
  const megabytes = Number(process.env.BERKAS_HANDOVER_BENCH_MB ?? 1024);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-handover-bench-'));
  try {
    const tree = path.join(work, 'tree');
    const made = await makeTree(tree, megabytes * 1024 * 1024);
    // Warm the page cache for both contenders alike: read the tree once through zip's own test.
    execFileSync('sh', ['-c', `find . -type f -exec cat {} + > /dev/null`], { cwd: tree });

    const ours = path.join(work, 'ours.zip');
    const child = execFileSync(path.join(repo, 'node_modules/.bin/tsx'), [path.join(repo, 'bench/handover-bench-child.ts'), tree, ours], { encoding: 'utf8' });
    const measured = JSON.parse(child.trim().split('\n').pop() as string) as { ms: number; maxRssMb: number; zipBytes: number };

    const theirs = path.join(work, 'zip.zip');
    const zipMs = timeCommand('zip', ['-q', '-r', '-6', theirs, '.'], tree);
    const zipBytes = (await fs.stat(theirs)).size;

    const started = performance.now();
    const verified = await verifyBagZip(ours);
    const verifyMs = performance.now() - started;
    if (!verified.valid) throw new Error(`paket bench tidak sah: ${verified.problems.join('; ')}`);

    const label = `${megabytes} MB, ${made.files} files`;
    return [
      { name: `handover package, BagIt ZIP (${label})`, value: Math.round(measured.ms), unit: 'ms' },
      { name: `zip -r -6, same tree (${label})`, value: Math.round(zipMs), unit: 'ms' },
      { name: 'handover package / zip -r -6 wall time (goal < 1.0)', value: Number((measured.ms / zipMs).toFixed(3)), unit: 'ratio' },
      { name: 'handover package peak RSS (child process, goal < 200)', value: Math.round(measured.maxRssMb), unit: 'MB' },
      { name: `handover verify without unpacking (${label})`, value: Math.round(verifyMs), unit: 'ms' },
      { name: 'handover package size', value: Math.round(measured.zipBytes / 1024 / 1024), unit: 'MB' },
      { name: 'zip -r -6 size', value: Math.round(zipBytes / 1024 / 1024), unit: 'MB' },
    ];
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runHandoverBench().then(
    (results) => {
      for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
