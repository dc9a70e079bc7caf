/**
 * Child process of tests/integration/store-crash.test.ts: opens the database in
 * the given folder and writes until it is killed, printing "ack <n>" only after
 * write() has resolved. Run as: node -r tsx/cjs store-crash-child.ts <dir> <run> <journalLimitBytes> <seed>
 *
 * Each write inserts row n (tagged with the run that wrote it) and bumps a
 * tally in the same write(), so a half-applied write would show as tally !== count.
 * Now and then the same write also replaces one large blob ("ackbig <n>"), whose
 * multi-page journal record is the kind a kill can tear.
 *
 * BERKAS_CRASH_PAUSE=<point>:<nth> (set by the test for this child only) makes the
 * store stop at the nth time it reaches that point of a file's creation and print
 * "pause <point>", so the parent kills it exactly there instead of by luck of timing.
 */
import { openDatabase, type StorePausePoint } from '../../../core/adapters/sqljs-database';
import { bigBlob, crashMigrations } from './store-crash-schema';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pauseFromEnv(): ((point: StorePausePoint) => Promise<void>) | undefined {
  const m = /^([a-z-]+):(\d+)$/.exec(process.env.BERKAS_CRASH_PAUSE ?? '');
  if (!m) return undefined;
  const [, wanted, nthText] = m;
  let seen = 0;
  return async (point) => {
    if (point !== wanted || ++seen !== Number(nthText)) return;
    process.stdout.write(`pause ${point}\n`);
    // Held here until the parent's SIGKILL; the timer keeps the event loop alive meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 120_000));
  };
}

async function main(): Promise<void> {
  const [dir, runText, limitText, seedText] = process.argv.slice(2);
  if (!dir || !runText || !limitText || !seedText) throw new Error('usage: store-crash-child <dir> <run> <journalLimitBytes> <seed>');
  const run = Number(runText);
  const random = mulberry32(Number(seedText) * 1000 + run);
  const pauseAt = pauseFromEnv();
  const { db, notices } = await openDatabase({ dir, migrations: crashMigrations, journalLimitBytes: Number(limitText), ...(pauseAt ? { pauseAt } : {}) });
  const state = db.query<{ max: number; count: number }>('SELECT COALESCE(MAX(n), 0) AS max, COUNT(*) AS count FROM probe')[0]!;
  const tally = db.query<{ count: number }>('SELECT count FROM tally')[0]!.count;
  const big = db.query<{ n: number; bin: Uint8Array }>('SELECT n, bin FROM big')[0]!;
  const isBigIntact = big.n === 0 ? big.bin.length === 0 : Buffer.from(big.bin).equals(Buffer.from(bigBlob(big.n)));
  process.stdout.write(
    `open max=${state.max} count=${state.count} tally=${tally} big=${big.n}:${isBigIntact ? 'ok' : 'bad'} notices=${notices.map((n) => n.code).join(',') || '-'}\n`,
  );
  for (let n = state.max + 1; ; n++) {
    const body = `dokumen ${n} dari putaran ${run} `.repeat(1 + Math.floor(random() * 12));
    const bin = random() < 0.3 ? new Uint8Array(Array.from({ length: 1 + Math.floor(random() * 64) }, (_, i) => (n + i) % 256)) : null;
    const isBig = random() < 0.06;
    await db.write([
      { sql: 'INSERT INTO probe (n, run, body, bin) VALUES (?, ?, ?, ?)', params: [n, run, body, bin] },
      { sql: 'UPDATE tally SET count = count + 1 WHERE id = 1' },
      ...(isBig ? [{ sql: 'UPDATE big SET n = ?, bin = ? WHERE id = 1', params: [n, bigBlob(n)] }] : []),
    ]);
    // Pipes are written synchronously on Linux: once this returns, the parent will see the line even if we are killed.
    process.stdout.write(`${isBig ? 'ackbig' : 'ack'} ${n}\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err));
  process.exit(1);
});
