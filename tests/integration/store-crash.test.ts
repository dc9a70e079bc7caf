/**
 * Kills a writing process with SIGKILL at random instants, hundreds of times,
 * and proves that every write it acknowledged is still there, whole, and that
 * the database opens clean. The kill delays come from a seeded RNG; replay a
 * failure with BERKAS_CRASH_SEED=<seed from the test name> (and
 * BERKAS_CRASH_KILLS to change the count). Three seeds run by default, so a
 * machine of another speed still meets kills in every phase.
 *
 * Timing alone decides where most kills land, and the short windows (a journal
 * or snapshot being created) are hit rarely and by machine speed. So some runs
 * also tell the child (BERKAS_CRASH_PAUSE, the child's environment only) to
 * stop at a named point inside a file's creation and are killed exactly there;
 * every point is visited under every seed.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { JOURNAL_FILE, SNAPSHOT_FILE, openDatabase, type StorePausePoint } from '../../core/adapters/sqljs-database';
import { decodeHeader, encodeHeader, encodePayload, encodeRecord, scanJournal } from '../../core/adapters/store-journal';
import { bigBlob, crashMigrations } from './helpers/store-crash-schema';

const SEEDS = process.env.BERKAS_CRASH_SEED ? [Number(process.env.BERKAS_CRASH_SEED)] : [20210617, 7, 1];
const KILLS = Number(process.env.BERKAS_CRASH_KILLS ?? 100);
const PAUSE_POINTS: StorePausePoint[] = ['snapshot-temp-written', 'journal-temp-written', 'journal-renamed', 'snapshot-written-before-journal'];
/** A child told to pause that never gets there is killed after this, and the run counts as a plain kill. */
const PAUSE_FALLBACK_MS = 8_000;
/** Small, so that compaction (snapshot + new journal) runs every few dozen writes and kills land inside it. */
const JOURNAL_LIMIT = 12 * 1024;
const CHILD = path.join(__dirname, 'helpers', 'store-crash-child.ts');

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

interface RunResult {
  openLine: string | null;
  pausedAt: string | null;
  acks: number[];
  bigAcks: number[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

type Kill = { kind: 'timer'; delayMs: number; isFromOpen: boolean } | { kind: 'pause'; point: StorePausePoint; nth: number };

/** Starts a child, kills it after a delay (counted from spawn, or from its "open" line) or at its pause, collects what it printed. */
function runChild(dir: string, seed: number, run: number, how: Kill): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (how.kind === 'pause') env.BERKAS_CRASH_PAUSE = `${how.point}:${how.nth}`;
    else delete env.BERKAS_CRASH_PAUSE;
    const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), CHILD, dir, String(run), String(JOURNAL_LIMIT), String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    const result: RunResult = { openLine: null, pausedAt: null, acks: [], bigAcks: [], signal: null, code: null, stderr: '' };
    let pending = '';
    const isFromOpen = how.kind === 'timer' && how.isFromOpen;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      timer = setTimeout(() => child.kill('SIGKILL'), how.kind === 'timer' ? how.delayMs : PAUSE_FALLBACK_MS);
    };
    if (!isFromOpen) kill();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) result.acks.push(Number(line.slice(4)));
        else if (line.startsWith('ackbig ')) {
          result.acks.push(Number(line.slice(7)));
          result.bigAcks.push(Number(line.slice(7)));
        }
        else if (line.startsWith('open ')) {
          result.openLine = line;
          if (isFromOpen) kill();
        } else if (line.startsWith('pause ')) {
          result.pausedAt = line.slice(6);
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (result.stderr += chunk));
    child.on('error', reject);
    // 'close' (not 'exit') waits until stdout is drained, so no acknowledged line is missed.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...result, code, signal });
    });
  });
}

function parseOpen(line: string): { max: number; count: number; tally: number; bigN: number; big: string; notices: string } {
  const m = /^open max=(\d+) count=(\d+) tally=(\d+) big=(\d+):(ok|bad) notices=(\S+)$/.exec(line);
  if (!m) throw new Error(`unexpected open line: ${line}`);
  return { max: Number(m[1]), count: Number(m[2]), tally: Number(m[3]), bigN: Number(m[4]), big: m[5]!, notices: m[6]! };
}

/** What a kill left on disk, for the statistics that show where kills landed. */
async function inspect(sql: SqlJsStatic, dir: string): Promise<{ isStaleJournal: boolean; isTornTail: boolean; hasTempFile: boolean }> {
  const names = await fs.readdir(dir);
  const hasTempFile = names.some((n) => /^\.berkas\.(db|journal)\..*\.tmp$/.test(n));
  const journal = await fs.readFile(path.join(dir, JOURNAL_FILE)).catch(() => null);
  const snapshot = await fs.readFile(path.join(dir, SNAPSHOT_FILE)).catch(() => null);
  if (!journal || !snapshot) return { isStaleJournal: false, isTornTail: false, hasTempFile };
  const db = new sql.Database(snapshot);
  const generation = Number(db.exec("SELECT value FROM berkas_meta WHERE key = 'generation'")[0]?.values[0]?.[0]);
  db.close();
  const header = decodeHeader(journal);
  return {
    isStaleJournal: header !== null && header.generation < generation,
    isTornTail: scanJournal(journal).tail === 'torn',
    hasTempFile,
  };
}

describe.each(SEEDS)('store survives SIGKILL (seed %i)', (SEED) => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-crash-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write through ${KILLS} kills (replay with BERKAS_CRASH_SEED=${SEED})`, async () => {
    const started = Date.now();
    const random = mulberry32(SEED);
    const wasm = await fs.readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const sql = await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
    const ackedBy = new Map<number, number>();
    let maxAcked = 0;
    let maxBigAcked = 0;
    /** A simulated tear no child has opened (and cut off) yet; it must not be counted as a tear a kill made. */
    let isTearPending = false;
    const stats = { simulatedTears: 0, tornHeaders: 0, bigAcks: 0, kills: 0, killsBeforeOpen: 0, staleJournals: 0, tornTails: 0, tempFiles: 0 };
    const pausedAt = new Map<string, number>(PAUSE_POINTS.map((p) => [p, 0]));

    for (let run = 0; run < KILLS; run++) {
      // Run 0 is killed inside the very first journal's creation, right after the fresh snapshot (issue 18);
      // later runs: some at a named pause, most mid-write right after opening, some during start-up, some late.
      const roll = random();
      const pausePick = random();
      let how: Kill;
      if (run === 0) how = { kind: 'pause', point: 'journal-temp-written', nth: 1 };
      else if (pausePick < 0.16) how = { kind: 'pause', point: PAUSE_POINTS[Math.floor(random() * PAUSE_POINTS.length)]!, nth: 1 + Math.floor(random() * 2) };
      else {
        const isFromOpen = roll >= 0.15;
        const delayMs = roll < 0.15 ? 40 + random() * 260 : roll < 0.75 ? random() * 40 : 40 + random() * 160;
        how = { kind: 'timer', delayMs, isFromOpen };
      }
      const result = await runChild(dir, SEED, run, how);
      if (result.signal !== 'SIGKILL') {
        throw new Error(`run ${run} ended by itself (code ${result.code}), not by the kill:\n${result.stderr}`);
      }
      stats.kills++;
      if (result.pausedAt) pausedAt.set(result.pausedAt, (pausedAt.get(result.pausedAt) ?? 0) + 1);
      if (result.openLine) {
        const open = parseOpen(result.openLine);
        // Rows are only ever appended, n = 1, 2, 3, ...: contiguity plus the tally prove no write was lost or half-applied.
        expect({ run, notices: open.notices, count: open.count, tally: open.tally, big: open.big }).toEqual({ run, notices: '-', count: open.max, tally: open.max, big: 'ok' });
        expect(open.max).toBeGreaterThanOrEqual(maxAcked);
        expect(open.bigN).toBeGreaterThanOrEqual(maxBigAcked);
      } else {
        stats.killsBeforeOpen++;
      }
      for (const n of result.acks) {
        ackedBy.set(n, run);
        maxAcked = Math.max(maxAcked, n);
      }
      for (const n of result.bigAcks) maxBigAcked = Math.max(maxBigAcked, n);
      stats.bigAcks += result.bigAcks.length;
      if (result.openLine) isTearPending = false;
      const left = await inspect(sql, dir);
      if (left.isStaleJournal) stats.staleJournals++;
      if (left.isTornTail && !isTearPending) stats.tornTails++;
      if (left.hasTempFile) stats.tempFiles++;
      const journalPath = path.join(dir, JOURNAL_FILE);
      const hasJournal = await fs.stat(journalPath).then(() => true, () => false);
      if (!hasJournal) {
        // What a creator that writes straight into the final name leaves when killed: part of a header and
        // maybe a torn first record, nothing acknowledged. The next open must start afresh without a word.
        const header = encodeHeader({ databaseId: '00'.repeat(16), generation: 1 });
        const torn = random() < 0.5 ? header.subarray(0, 1 + Math.floor(random() * (header.length - 1))) : Buffer.concat([header.subarray(0, 30), Buffer.alloc(6), tornRecord(run, random)]);
        await fs.writeFile(journalPath, torn);
        stats.tornHeaders++;
        isTearPending = true;
      } else if (random() < 0.1) {
        // A kill rarely tears a single pwrite, power loss can: append the first bytes of a record that was never acknowledged.
        await fs.appendFile(journalPath, tornRecord(run, random));
        stats.simulatedTears++;
        isTearPending = true;
      }
    }

    const { db, notices } = await openDatabase({ dir, migrations: crashMigrations, journalLimitBytes: JOURNAL_LIMIT });
    try {
      expect(notices).toEqual([]);
      expect(db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const rows = new Map(db.query<{ n: number; run: number }>('SELECT n, run FROM probe').map((r) => [r.n, r.run]));
      const lost = [...ackedBy].filter(([n, run]) => rows.get(n) !== run).map(([n]) => n);
      expect(lost).toEqual([]);
      const count = db.query<{ c: number; max: number }>('SELECT COUNT(*) AS c, MAX(n) AS max FROM probe')[0]!;
      expect(count.c).toBe(count.max);
      expect(db.query<{ count: number }>('SELECT count FROM tally')[0]!.count).toBe(count.c);
      const big = db.query<{ n: number; bin: Uint8Array }>('SELECT n, bin FROM big')[0]!;
      expect(big.n).toBeGreaterThanOrEqual(maxBigAcked);
      if (big.n > 0) expect(Buffer.from(big.bin).equals(Buffer.from(bigBlob(big.n)))).toBe(true);
      const generation = db.query<{ value: number }>("SELECT value FROM berkas_meta WHERE key = 'generation'")[0]!.value;
      console.log(
        `store-crash seed=${SEED}: ${stats.kills} kills (${stats.killsBeforeOpen} before open finished), ${ackedBy.size} acknowledged writes (${stats.bigAcks} with a large blob), ` +
          `${count.c} rows, ${generation - 1} snapshots written; killed at pauses: ${[...pausedAt].map(([p, n]) => `${p} ${n}`).join(', ')}; left behind: ${stats.tornTails} torn journal tails, ` +
          `${stats.staleJournals} stale-generation journals (kill between snapshot and journal), ${stats.tempFiles} half-written temp files; ` +
          `${stats.simulatedTears} torn appends and ${stats.tornHeaders} torn journal headers simulated; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(ackedBy.size).toBeGreaterThan(KILLS);
      // The run-0 pause always happens; with the default number of kills every point is reached (the hook works).
      expect(pausedAt.get('journal-temp-written')).toBeGreaterThanOrEqual(1);
      if (KILLS >= 100) expect([...pausedAt].filter(([, n]) => n === 0).map(([p]) => p)).toEqual([]);
    } finally {
      await db.close();
    }
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 600_000);
});

function tornRecord(run: number, random: () => number): Buffer {
  const record = encodeRecord(encodePayload([{ sql: 'INSERT INTO probe (n, run, body) VALUES (?, ?, ?)', params: [999_999_999, run, 'x'.repeat(500)] }]));
  return record.subarray(0, 1 + Math.floor(random() * (record.length - 1)));
}
