import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { openZip } from '../../../../../core/adapters/zip-reader/zip-reader';

/**
 * Copies a ZIP entry by entry through `change` (null drops the entry), adding
 * `extra` entries: a tampered package with a consistent ZIP structure, so only
 * BagIt's own checks can notice.
 */
export async function rewriteZip(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer | null,
  extra: [string, Buffer][] = [],
): Promise<void> {
  const source = await openZip(from);
  const out = new ZipFile();
  const done = pipeline(out.outputStream, createWriteStream(to));
  try {
    for (const entry of source.entries) {
      if (entry.isDirectory) continue;
      const bytes = await source.readEntry(entry, 64 * 1024 * 1024);
      const next = change(entry.name, bytes);
      if (next) out.addBuffer(next, entry.name, { compress: entry.method === 8 });
    }
    for (const [name, bytes] of extra) out.addBuffer(bytes, name);
  } finally {
    await source.close();
  }
  out.end();
  await done;
}
