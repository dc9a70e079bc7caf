/**
 * Whole-process time of the `berkas` verbs that need no workspace (issue 12):
 * start-up included, since that is what an officer or a script waits for.
 * Each verb runs in turn with a reference, tsx starting and running nothing,
 * so a busy machine slows both alike; read the verb against the reference.
 * The data folder is a fresh workspace, as an officer's would be.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './store-bench';

const repo = path.resolve(__dirname, '..');
const tsx = path.join(repo, 'node_modules', '.bin', 'tsx');
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(tsx, args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} ended with ${run.status}: ${run.stderr}`);
  return ms;
}

export async function runCliBench(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berkas-cli-bench-'));
  const env = { ...process.env, BERKAS_DATA_DIR: dataDir };
  const verbs: [string, string[]][] = [
    ['berkas verify signed.pdf (one PAdES signature, 36 KB)', ['cli/main.ts', 'verify', 'tests/fixtures/server/signed.pdf']],
    ['berkas nip check', ['cli/main.ts', 'nip', 'check', '198507262010011003']],
    ['berkas profiles list', ['cli/main.ts', 'profiles', 'list']],
  ];
  const results: BenchResult[] = [];
  try {
    // A workspace in the folder, as the officer's: verify must neither need nor touch it.
    timed(['cli/main.ts', 'info'], env);
    for (const [name, args] of verbs) {
      const verb: number[] = [];
      const reference: number[] = [];
      timed(args, env); // warm-up: tsx's transform cache
      for (let i = 0; i < RUNS; i++) {
        verb.push(timed(args, env));
        reference.push(timed(['-e', ''], env));
      }
      results.push({ name: `${name}, whole process, wall, median of ${RUNS}`, value: median(verb), unit: 'ms' });
      results.push({ name: `  reference in turn with it: tsx starting and running nothing`, value: median(reference), unit: 'ms' });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
