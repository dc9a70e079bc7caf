/**
 * Writes a BagIt bag (RFC 8493) serialized as one ZIP, streaming.
 *
 * Why yazl: it is a streaming writer over Node streams with backpressure, so
 * a 1 GB source tree passes through in bounded memory (jszip builds the whole
 * archive in memory); it deflates with Node's native zlib on the thread pool
 * (fflate deflates in JavaScript, slower and on the calling thread unless
 * run in workers, and its streaming Zip has no backpressure); it takes a
 * per-entry choice of STORED or deflate and a declared size it checks; it
 * always sets the UTF-8 name flag (general purpose bit 11); it switches to
 * ZIP64 by itself past 4 GB; and it opens each input only when its turn
 * comes (addReadStreamLazy), so 100 000 files never hold 100 000 descriptors.
 *
 * Each payload file is hashed (SHA-256) while it is read into the archive —
 * one read per file — and the manifests are written last from those digests.
 * The ZIP goes to a temporary file beside the target and is renamed only when
 * complete and synced: a cancelled or failed run leaves nothing behind.
 *
 * A small scratch bag whose files are all bytes in hand (a signed PDF and its
 * data.json going into the outbox) skips yazl: small-zip.ts builds it in one
 * synchronous pass, with no thread-pool round trip per deflated entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { deflateRawSync } from 'node:zlib';
import { ZipFile } from 'yazl';
import { BerkasError, isBerkasError } from '../../domain/errors';
import {
  badBagNameMessage,
  badBagNameReason,
  bagSize,
  bagitTxt,
  formatBagInfo,
  formatManifest,
  manifestName,
  payloadOxum,
  tagManifestName,
} from '../../domain/handover/bagit';
import type { BagPayloadEntry, BagProgress, BagWriteRequest, BagWriteResult } from '../../domain/handover/packaging';
import { findPackagePathTwin } from '../../domain/files/package-path';
import { describeFsError, fsyncDir } from '../fs-atomic';
import { deflateLevel, isAlreadyCompressed } from './compression';
import { useNativeCrc32 } from './native-crc32';
import { buildSmallZip, canBuildSmallZip, type SmallZipEntry } from './small-zip';
import { defaultZipLimits } from '../zip-reader/entry-rules';
import { formatByteSize } from '../../domain/format/byte-size';

useNativeCrc32();

export type { BagPayloadEntry, BagProgress, BagWriteRequest as BagWriteOptions, BagWriteResult };

/** A scratch bag whose payload is up to this size is written from memory in one call. */
const scratchInMemoryBytes = 1024 * 1024;

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Names that cannot go into a bag stop the run before anything is written, naming the file. */
function checkPayloadNames(payload: readonly BagPayloadEntry[], baseDirectory: string): void {
  for (const entry of payload) {
    const reason = badBagNameReason(entry.path);
    if (reason) throw new BerkasError('BAG_BAD_NAME', badBagNameMessage(entry.origin ?? entry.path, reason), { file: entry.origin ?? entry.path });
    if (!entry.path.startsWith('data/')) throw new BerkasError('BAG_BAD_NAME', `Jalur ${entry.path} harus berada di bawah data/.`, { file: entry.path });
    if (entry.file === undefined && entry.bytes === undefined) throw new BerkasError('BAG_BAD_NAME', `Isi ${entry.path} tidak disebutkan.`, { file: entry.path });
  }
  const baseReason = badBagNameReason(baseDirectory);
  if (baseReason || baseDirectory.includes('/')) {
    throw new BerkasError('BAG_BAD_NAME', badBagNameMessage(baseDirectory, baseReason ?? 'memuat garis miring'), { file: baseDirectory });
  }
  const twin = findPackagePathTwin(payload.map((e) => e.path));
  if (twin) {
    const message =
      twin.rule === 'file-and-folder'
        ? `Nama berkas "${twin.first}" juga dipakai sebagai folder oleh "${twin.second}"; keduanya tidak dapat berada dalam satu paket. Ganti salah satu nama lalu lampirkan lagi.`
        : twin.rule === 'duplicate'
          ? `Berkas "${twin.second}" tercantum dua kali dalam paket.`
          : `Nama berkas "${twin.second}" dan "${twin.first}" hanya berbeda huruf besar/kecil atau normalisasi Unicode; di Windows keduanya menjadi satu berkas. Ganti salah satu nama lalu lampirkan lagi.`;
    throw new BerkasError('BAG_BAD_NAME', message, { file: twin.second, other: twin.first, rule: twin.rule });
  }
}

/**
 * Large files that would deflate past the ZIP reader's ratio limit (a 50 MB
 * log of one repeated line): our own verifier, and the server's, would take
 * such an entry for a ZIP bomb. They are stored instead. Judged from the
 * first megabyte, deflated at level 1: cheap, and a file that starts that
 * repetitive rarely stops being so.
 */
async function extremelyCompressible(payload: readonly BagPayloadEntry[]): Promise<Set<string>> {
  const stored = new Set<string>();
  const probeBytes = 1024 * 1024;
  for (const entry of payload) {
    if (entry.size < defaultZipLimits.ratioFloorBytes || isAlreadyCompressed(entry.path)) continue;
    let head: Buffer;
    if (entry.bytes !== undefined) head = Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, Math.min(entry.bytes.byteLength, probeBytes));
    else {
      const handle = await fs.open(entry.file as string, 'r').catch(() => null);
      if (!handle) continue; // reported, with its name, when the writer reaches it
      try {
        const buf = Buffer.alloc(probeBytes);
        const { bytesRead } = await handle.read(buf, 0, probeBytes, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    }
    const deflated = deflateRawSync(head, { level: 1 }).length;
    // A quarter of the limit leaves room for a file that grows more repetitive further on.
    if (head.length / Math.max(1, deflated) > defaultZipLimits.maxRatio / 4) stored.add(entry.path);
  }
  return stored;
}

function cancelled(): BerkasError {
  return new BerkasError('CANCELLED', 'Pembuatan paket dibatalkan; tidak ada berkas paket yang ditulis.');
}

function sizeChanged(shown: string, read: number, size: number): BerkasError {
  return new BerkasError('BAG_SOURCE_CHANGED', `Berkas ${shown} berubah saat dipaketkan (${formatByteSize(read)}, semula ${formatByteSize(size)}). Ulangi pembuatan paket.`, { file: shown });
}

function hashChanged(shown: string): BerkasError {
  return new BerkasError('BAG_SOURCE_CHANGED', `Isi ${shown} tidak sama dengan yang dilampirkan (SHA-256 berbeda). Lampirkan ulang berkas itu.`, { file: shown });
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small scratch bag whose every file is bytes in hand: built in memory in one pass (small-zip.ts) and written with one call. */
function isSmallInMemory(options: BagWriteRequest, totalBytes: number): boolean {
  return (
    options.isScratch === true &&
    totalBytes <= scratchInMemoryBytes &&
    options.payload.length > 0 &&
    options.payload.length <= 1000 &&
    options.payload.every((e) => e.bytes !== undefined) &&
    canBuildSmallZip()
  );
}

async function writeSmallScratchBag(options: BagWriteRequest, outPath: string, prefix: string, bagInfoText: string, oxum: string, totalBytes: number): Promise<BagWriteResult> {
  const storedAnyway = await extremelyCompressible(options.payload);
  const entries: SmallZipEntry[] = [];
  const tagDigests: { path: string; sha256: string }[] = [];
  const digests = new Map<string, string>();
  const addTag = (name: string, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    tagDigests.push({ path: name, sha256: sha256Hex(bytes) });
    entries.push({ name: prefix + name, bytes, isCompressed: true });
  };
  addTag('bagit.txt', bagitTxt);
  addTag('bag-info.txt', bagInfoText);
  let bytesDone = 0;
  for (const [i, entry] of options.payload.entries()) {
    const bytes = entry.bytes as Uint8Array;
    const shown = entry.origin ?? entry.path;
    if (bytes.byteLength !== entry.size) throw sizeChanged(shown, bytes.byteLength, entry.size);
    const digest = sha256Hex(bytes);
    if (entry.sha256 !== undefined && entry.sha256 !== digest) throw hashChanged(shown);
    digests.set(entry.path, digest);
    entries.push({ name: prefix + entry.path, bytes, isCompressed: !isAlreadyCompressed(entry.path) && !storedAnyway.has(entry.path) });
    bytesDone += bytes.byteLength;
    options.onProgress?.({ phase: 'writing', bytes: bytesDone, total: totalBytes, files: i + 1, totalFiles: options.payload.length, current: entry.path });
  }
  options.onProgress?.({ phase: 'finishing', bytes: bytesDone, total: totalBytes, files: options.payload.length, totalFiles: options.payload.length });
  addTag(manifestName, formatManifest([...digests].map(([p, sha256]) => ({ path: p, sha256 }))));
  addTag(tagManifestName, formatManifest(tagDigests));
  const zip = buildSmallZip(entries, options.baggingDate);
  if (options.signal?.aborted) throw cancelled();
  try {
    // Not synced: its caller syncs it with the bag's files (the scratch contract).
    writeFileSync(outPath, zip, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    // A file that was already there (EEXIST: 'wx' refused to open it) is someone else's, never removed.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(outPath, { force: true }).catch(() => undefined);
    throw describeFsError(err, outPath);
  }
  return {
    path: outPath,
    sha256: sha256Hex(zip),
    size: zip.length,
    payloadOxum: oxum,
    files: options.payload.length,
    bytes: totalBytes,
    manifest: options.payload.map((e) => ({ path: e.path, sha256: digests.get(e.path) as string, size: e.size })),
  };
}

export async function writeBagZip(options: BagWriteRequest): Promise<BagWriteResult> {
  const outPath = path.resolve(options.outPath);
  const dir = path.dirname(outPath);
  const baseDirectory = options.baseDirectory ?? path.basename(outPath).replace(/\.zip$/i, '');
  checkPayloadNames(options.payload, baseDirectory);
  if (options.signal?.aborted) throw cancelled();

  const isScratch = options.isScratch === true;
  // A package may already have been sent: never overwrite one. (A scratch name is the caller's own fresh one; 'wx' still refuses.)
  const existing =
    !isScratch &&
    (await fs.stat(outPath).then(
      () => true,
      () => false,
    ));
  if (existing) throw new BerkasError('BAG_EXISTS', `Berkas ${outPath} sudah ada. Pilih nama lain; paket yang sudah dibuat tidak ditimpa.`, { file: outPath });

  const totalBytes = options.payload.reduce((sum, e) => sum + e.size, 0);
  const totalFiles = options.payload.length;
  const oxum = payloadOxum(totalBytes, totalFiles);
  const bagInfoText = formatBagInfo([
    ...options.bagInfo,
    ['Bagging-Date', isoDate(options.baggingDate)],
    ['Payload-Oxum', oxum],
    ['Bag-Size', bagSize(totalBytes)],
  ]);

  if (isSmallInMemory(options, totalBytes)) return writeSmallScratchBag(options, outPath, `${baseDirectory}/`, bagInfoText, oxum, totalBytes);

  const tmp = isScratch ? outPath : path.join(dir, `.${path.basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);

  const digests = new Map<string, string>();
  const tagDigests: { path: string; sha256: string }[] = [];
  const zip = new ZipFile();
  const mtime = options.baggingDate;
  const fileMode = 0o100644;
  const prefix = `${baseDirectory}/`;
  let bytesDone = 0;
  let filesDone = 0;
  let current: Readable | undefined;
  let failure: Error | undefined;
  const progress = (phase: BagProgress['phase'], currentPath?: string) =>
    options.onProgress?.({ phase, bytes: bytesDone, total: totalBytes, files: filesDone, totalFiles, ...(currentPath ? { current: currentPath } : {}) });

  // One place where a run ends badly: remember the first cause, stop the source being read.
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    current?.destroy();
    (zip.outputStream as Readable).destroy(err);
  };
  const onAbort = () => fail(cancelled());
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const addTag = (name: string, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    tagDigests.push({ path: name, sha256: createHash('sha256').update(bytes).digest('hex') });
    zip.addBuffer(bytes, prefix + name, { mtime, mode: fileMode, compress: true, compressionLevel: deflateLevel });
  };

  addTag('bagit.txt', bagitTxt);
  addTag('bag-info.txt', bagInfoText);
  if (options.payload.length === 0) zip.addEmptyDirectory(`${prefix}data/`, { mtime });

  const storedAnyway = await extremelyCompressible(options.payload);
  for (const entry of options.payload) {
    const compress = !isAlreadyCompressed(entry.path) && !storedAnyway.has(entry.path);
    const zipOptions = { mtime, mode: fileMode, compress, ...(compress ? { compressionLevel: deflateLevel } : {}), size: entry.size };
    const shown = entry.origin ?? entry.path;
    zip.addReadStreamLazy(prefix + entry.path, zipOptions, (cb) => {
      if (failure) {
        cb(failure, Readable.from([]));
        return;
      }
      const hash = createHash('sha256');
      let read = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done: TransformCallback) {
          hash.update(chunk);
          read += chunk.length;
          bytesDone += chunk.length;
          progress('writing', entry.path);
          done(null, chunk);
        },
        flush(done: TransformCallback) {
          if (read !== entry.size) {
            done(sizeChanged(shown, read, entry.size));
            return;
          }
          const digest = hash.digest('hex');
          if (entry.sha256 !== undefined && entry.sha256 !== digest) {
            done(hashChanged(shown));
            return;
          }
          digests.set(entry.path, digest);
          filesDone += 1;
          done();
        },
      });
      const source: Readable =
        entry.bytes !== undefined ? Readable.from([Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength)]) : createReadStream(entry.file as string, { highWaterMark: 1024 * 1024 });
      current = source;
      source.on('error', (err) => fail(isBerkasError(err) ? err : readError(err, shown)));
      tap.on('error', (err) => fail(err));
      cb(null, source.pipe(tap));
    });
  }

  // Lazy, so they are built when yazl reaches them: after every payload entry has been hashed.
  const lazyTag = (name: string, build: () => string) => {
    zip.addReadStreamLazy(prefix + name, { mtime, mode: fileMode, compress: true, compressionLevel: deflateLevel }, (cb) => {
      if (failure) {
        cb(failure, Readable.from([]));
        return;
      }
      progress('finishing');
      const bytes = Buffer.from(build(), 'utf8');
      tagDigests.push({ path: name, sha256: createHash('sha256').update(bytes).digest('hex') });
      cb(null, Readable.from([bytes]));
    });
  };
  lazyTag(manifestName, () => formatManifest([...digests].map(([p, sha256]) => ({ path: p, sha256 }))));
  lazyTag(tagManifestName, () => formatManifest(tagDigests));
  zip.on('error', (err: Error) => fail(isBerkasError(err) ? err : new BerkasError('BAG_WRITE_FAILED', `Paket ${outPath} gagal ditulis: ${err.message}`, { file: outPath })));
  zip.end();

  const zipHash = createHash('sha256');
  let zipSize = 0;
  const hashOut = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      zipHash.update(chunk);
      zipSize += chunk.length;
      done(null, chunk);
    },
  });

  try {
    if (isScratch && totalBytes <= scratchInMemoryBytes) {
      // A small scratch ZIP is gathered in memory and written with one call: each streamed write would be a
      // thread-pool round trip, several per small package (issue 16). Its caller syncs it with the bag's files.
      const chunks: Buffer[] = [];
      const gather = new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      });
      await pipeline(zip.outputStream as Readable, hashOut, gather);
      if (!failure) writeFileSync(tmp, Buffer.concat(chunks), { flag: 'wx', mode: 0o644 });
    } else {
      // flush: fsync before close, so the rename below never exposes a file the disk has not kept.
      await pipeline(zip.outputStream as Readable, hashOut, createWriteStream(tmp, { flags: 'wx', mode: 0o644, flush: !isScratch, highWaterMark: 1024 * 1024 }));
    }
    if (failure) throw failure;
    if (!isScratch) {
      await fs.rename(tmp, outPath);
      await fsyncDir(dir);
    }
  } catch (err) {
    const cause = failure ?? (err as Error);
    // A file that was already there (EEXIST: 'wx' refused to open it) is someone else's, never removed.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (isBerkasError(cause)) throw cause;
    throw describeFsError(cause, outPath);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  return {
    path: outPath,
    sha256: zipHash.digest('hex'),
    size: zipSize,
    payloadOxum: oxum,
    files: totalFiles,
    bytes: totalBytes,
    manifest: options.payload.map((e) => ({ path: e.path, sha256: digests.get(e.path) as string, size: e.size })),
  };
}

function readError(err: unknown, shown: string): BerkasError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new BerkasError('BAG_SOURCE_MISSING', `Berkas ${shown} tidak ditemukan saat dipaketkan. Lampirkan ulang berkas itu.`, { file: shown });
  return new BerkasError('BAG_READ_FAILED', `Berkas ${shown} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file: shown, errno: code ?? 'unknown' });
}
