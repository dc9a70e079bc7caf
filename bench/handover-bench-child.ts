/**
 * One packaging run of bench/handover-bench.ts, in its own process so its
 * peak RSS is the packager's alone: walks TREE, writes the BagIt ZIP to OUT
 * with the app's writer, prints {ms, maxRssMb, files, bytes} as JSON.
 *   npx tsx bench/handover-bench-child.ts TREE OUT
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBagZip } from '../core/adapters/bagit/bag-writer';
import type { BagPayloadEntry } from '../core/domain/handover/packaging';

async function walk(root: string): Promise<BagPayloadEntry[]> {
  const out: BagPayloadEntry[] = [];
  const stack = [''];
  while (stack.length) {
    const rel = stack.pop() as string;
    for (const d of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) stack.push(child);
      else if (d.isFile()) {
        const file = path.join(root, child);
        out.push({ path: `data/${child}`, file, size: (await fs.stat(file)).size });
      }
    }
  }
  return out;
}

async function main(): Promise<void> {
  const [tree, out] = process.argv.slice(2);
  if (!tree || !out) throw new Error('Pemakaian: handover-bench-child.ts TREE OUT');
  const started = performance.now();
  const payload = await walk(tree);
  const result = await writeBagZip({
    outPath: out,
    payload,
    bagInfo: [
      ['Source-Organization', 'Bench'],
      ['External-Identifier', 'bench'],
    ],
    baggingDate: new Date(),
  });
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, files: result.files, bytes: result.bytes, zipBytes: result.size }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
