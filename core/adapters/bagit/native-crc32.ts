/**
 * yazl computes each entry's CRC-32 with buffer-crc32, a table lookup in
 * JavaScript (~200 MB/s here) on the main thread; Node's zlib.crc32 is the
 * same CRC-32 (IEEE 802.3) in native code (~1 GB/s). On a 1 GB package that
 * is seconds of the officer's wait (bench/handover-bench.ts). So the one
 * function yazl calls, crc32.unsigned(buffer, previous), is pointed at
 * zlib.crc32 — only after both agree on a test vector and a chained update,
 * and never where zlib.crc32 is missing (Node before 20.15).
 */
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

interface BufferCrc32 {
  unsigned(buffer: Buffer | string, previous?: number): number;
}

let isInstalled = false;

export function useNativeCrc32(): void {
  if (isInstalled || typeof zlib.crc32 !== 'function') return;
  isInstalled = true;
  // yazl's own copy, resolved from yazl's folder: the module whose export yazl reads at each call.
  // Bundled (the Electron main process) there is no yazl folder to resolve from; packaging then
  // keeps yazl's JavaScript CRC, slower but the same answer.
  let js: BufferCrc32;
  try {
    js = createRequire(require.resolve('yazl'))('buffer-crc32') as BufferCrc32;
  } catch {
    return;
  }
  const original = js.unsigned.bind(js);
  const sample = Buffer.from('Berkas serah terima aplikasi 123456789');
  const head = sample.subarray(0, 10);
  const tail = sample.subarray(10);
  const isSame = original(sample) === zlib.crc32(sample) >>> 0 && original(tail, original(head)) === zlib.crc32(tail, zlib.crc32(head)) >>> 0;
  if (!isSame) return;
  js.unsigned = (buffer, previous) => zlib.crc32(typeof buffer === 'string' ? Buffer.from(buffer) : buffer, previous ?? 0) >>> 0;
}
