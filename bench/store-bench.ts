/**
 * Local store benchmark: how long a single-document save and an open take
 * with 10,000 documents in the database. Run: npx tsx bench/store-bench.ts
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JOURNAL_FILE, SNAPSHOT_FILE, openDatabase } from '../core/adapters/sqljs-database';
import { migrations } from '../core/adapters/migrations';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const DOCUMENTS = 10_000;
const SAVES = 500;
const OPENS = 7;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** A rencana aksi-sized JSON body (about 1.5 KB), varied per document. */
function documentData(i: number, revision: number): string {
  const kegiatan = Array.from({ length: 6 }, (_, k) => ({
    uraian: `Kegiatan ${k + 1} untuk dokumen ${i}: penyusunan arsitektur SPBE dan peta rencana`,
    target: `${(i + k) % 100}%`,
    anggaran: 186_000_000 + i * 1000 + k,
    penanggungJawab: `Bidang ${(i + k) % 7}`,
  }));
  return JSON.stringify({ revisi: revision, tahun: 2025, opd: `Dinas ${i % 40}`, kegiatan });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function runStoreBench(): Promise<BenchResult[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-store-bench-'));
  const image = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-store-bench-replay-'));
  try {
    const firstOpen = await timed(async () => (await openDatabase({ dir, migrations })).db.close());
    const { db } = await openDatabase({ dir, migrations });
    const now = '2025-06-17T08:00:00.000Z';
    for (let start = 0; start < DOCUMENTS; start += 500) {
      await db.write(
        Array.from({ length: 500 }, (_, k) => ({
          sql: 'INSERT INTO documents (id, kind, title, data, revision, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
          params: [`doc-${start + k}`, 'rencana-aksi', `Rencana Aksi ${start + k}`, documentData(start + k, 1), now, now],
        })),
      );
    }
    // Start the saves from a compacted state, as after a normal start of the app.
    await db.close();
    const { db: live } = await openDatabase({ dir, migrations });
    const saves: number[] = [];
    for (let s = 0; s < SAVES; s++) {
      const i = (s * 7919) % DOCUMENTS;
      saves.push(
        await timed(() =>
          live.write([{ sql: 'UPDATE documents SET data = ?, revision = revision + 1, updated_at = ? WHERE id = ?', params: [documentData(i, s + 2), now, `doc-${i}`] }]),
        ),
      );
    }
    // What a crash right now would leave: a snapshot plus a journal of SAVES records to replay.
    for (const name of [SNAPSHOT_FILE, JOURNAL_FILE]) await fs.copyFile(path.join(dir, name), path.join(image, name));
    const compaction = await timed(() => live.close());
    const snapshotBytes = (await fs.stat(path.join(dir, SNAPSHOT_FILE))).size;

    const opens: number[] = [];
    for (let k = 0; k < OPENS; k++) {
      let close: () => Promise<void> = async () => undefined;
      opens.push(
        await timed(async () => {
          const opened = await openDatabase({ dir, migrations });
          close = () => opened.db.close();
        }),
      );
      await close();
    }
    let replayClose: () => Promise<void> = async () => undefined;
    const replayOpen = await timed(async () => {
      const opened = await openDatabase({ dir: image, migrations });
      replayClose = () => opened.db.close();
    });
    await replayClose();

    const sorted = [...saves].sort((a, b) => a - b);
    return [
      { name: `store: save one document (UPDATE, ${DOCUMENTS} rows), median of ${SAVES}`, value: percentile(sorted, 50), unit: 'ms' },
      { name: `store: save one document (UPDATE, ${DOCUMENTS} rows), p95 of ${SAVES}`, value: percentile(sorted, 95), unit: 'ms' },
      { name: `store: save one document (UPDATE, ${DOCUMENTS} rows), max of ${SAVES}`, value: sorted.at(-1)!, unit: 'ms' },
      { name: `store: open ${DOCUMENTS} rows (snapshot only), median of ${OPENS}`, value: median(opens), unit: 'ms' },
      { name: `store: open ${DOCUMENTS} rows + replay ${SAVES}-record journal`, value: replayOpen, unit: 'ms' },
      { name: 'store: first open in a process (empty folder, includes sql.js wasm start-up)', value: firstOpen, unit: 'ms' },
      { name: `store: compaction on close (snapshot of ${DOCUMENTS} rows)`, value: compaction, unit: 'ms' },
      { name: `store: snapshot size with ${DOCUMENTS} rows`, value: snapshotBytes / (1024 * 1024), unit: 'MB' },
    ];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(image, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runStoreBench()
    .then((results) => {
      const width = Math.max(...results.map((r) => r.name.length));
      console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(9)}  unit`);
      for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.unit === 'MB' ? 2 : 1).padStart(9)}  ${r.unit}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
