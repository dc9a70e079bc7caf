/**
 * Issue 16 item 1: what one small submission costs the client to package —
 * the signature check of the PDF, the BagIt ZIP, its verification, its files
 * kept in the blob store and its queue row — through the same `outboxAdd` the
 * app calls (workspace not enrolled, so nothing is sent while it runs).
 *
 * Beside it, measured in the same run and interleaved with it in blocks (so
 * both see the same load from whatever else the machine does):
 *   - a write + fsync of a new file of the package's size;
 *   - the bare floor of the work: SHA-256 of the PDF and data.json, both
 *     deflated at the bag writer's level, written to one new file and fsynced.
 * `BERKAS_PACKAGING_BENCH_COUNT` sets the number of packagings (default 300).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { openWorkspace } from '../core/app/workspace';
import { inProcessClient } from '../core/app/in-process';
import { createServices } from '../core/app/services';
import { deflateLevel } from '../core/adapters/bagit/compression';
import { outboxSettings, signedPdf, tempDir } from '../tests/integration/helpers/outbox-fixtures';
import type { BenchResult } from './store-bench';
import { median, percentile } from './stats';

const blockSize = 50;

async function writeAndSync(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function runPackagingBench(): Promise<BenchResult[]> {
  const count = Number(process.env.BERKAS_PACKAGING_BENCH_COUNT ?? 300);
  const root = await tempDir('packaging-bench');
  try {
    const pdfs: Uint8Array[] = [];
    for (let i = 0; i < count; i++) pdfs.push(await signedPdf(`Kiriman kecil ${i}`));
    const ws = await openWorkspace({ dataDir: path.join(root, 'data'), transport: 'in-process' });
    const refDir = path.join(root, 'reference');
    await fs.mkdir(refDir);
    const packaging: number[] = [];
    const plainWrite: number[] = [];
    const floor: number[] = [];
    let packageBytes = 0;
    try {
      const api = inProcessClient(createServices(ws));
      await api.saveSettings(outboxSettings('BENCHP'));
      for (let block = 0; block < count; block += blockSize) {
        const end = Math.min(count, block + blockSize);
        for (let i = block; i < end; i++) {
          const contentBase64 = Buffer.from(pdfs[i]!).toString('base64');
          const start = performance.now();
          const item = await api.outboxAdd({ fileName: `kecil-${i}.pdf`, contentBase64, dataJson: JSON.stringify({ nomor: i }), type: 'laporan', period: '2025-06' });
          packaging.push(performance.now() - start);
          packageBytes = item.packageSize;
        }
        for (let i = block; i < end; i++) {
          const pdf = pdfs[i]!;
          let start = performance.now();
          await writeAndSync(path.join(refDir, `w-${i}`), Buffer.alloc(packageBytes || pdf.byteLength, 7));
          plainWrite.push(performance.now() - start);
          start = performance.now();
          const data = Buffer.from(JSON.stringify({ nomor: i }, null, 2) + '\n');
          createHash('sha256').update(pdf).digest();
          createHash('sha256').update(data).digest();
          const zipped = Buffer.concat([deflateRawSync(pdf, { level: deflateLevel }), deflateRawSync(data, { level: deflateLevel })]);
          await writeAndSync(path.join(refDir, `f-${i}`), zipped);
          floor.push(performance.now() - start);
        }
      }
    } finally {
      await ws.close();
    }
    const kb = (packageBytes / 1024).toFixed(0);
    return [
      { name: `packaging: one small submission through outboxAdd (signature check, BagIt ZIP, verification, blobs, queue row), median of ${count} (goal 10)`, value: median(packaging), unit: 'ms' },
      { name: `packaging: 90th percentile of ${count}`, value: percentile(packaging, 90), unit: 'ms' },
      { name: `packaging: reference — write + fsync of a new ${kb} KB file, median`, value: median(plainWrite), unit: 'ms' },
      { name: 'packaging: reference — SHA-256 of the PDF and data.json, both deflated (level 6), one new file written + fsynced, median', value: median(floor), unit: 'ms' },
      { name: 'packaging: median as a multiple of that floor', value: median(packaging) / Math.max(0.001, median(floor)), unit: '×' },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
