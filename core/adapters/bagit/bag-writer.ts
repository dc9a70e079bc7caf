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
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { BerkasError, isBerkasError } from '../../domain/errors';
import {
  badBagNameMessage,
  badBagNameReason,
  bagSize,
  bagitTxt,
  findFoldCollisions,
  formatBagInfo,
  formatManifest,
  manifestName,
  payloadOxum,
  tagManifestName,
} from '../../domain/handover/bagit';
import { describeFsError, fsyncDir } from '../fs-atomic';
import { deflateLevel, isAlreadyCompressed } from './compression';

export interface BagPayloadEntry {
  /** Path inside the bag, under "data/": "data/kode-sumber/app/index.php". */
  path: string;
  /** Read from this file, streaming… */
  file?: string;
  /** …or these bytes (small generated files: data.json, the signed PDF). */
  bytes?: Uint8Array;
  size: number;
  /** When known in advance (blobs are named by it), the read is checked against it. */
  sha256?: string;
  /** What to call the file in messages, when not its bag path (the officer's own file path). */
  origin?: string;
}

export interface BagProgress {
  phase: 'writing' | 'finishing';
  /** Payload bytes read so far. */
  bytes: number;
  total: number;
  files: number;
  totalFiles: number;
  /** The payload path being written. */
  current?: string;
}

export interface BagWriteOptions {
  outPath: string;
  payload: readonly BagPayloadEntry[];
  /**
   * bag-info.txt fields in order, e.g. Source-Organization, External-Identifier.
   * Bagging-Date, Payload-Oxum and Bag-Size are added by the writer.
   */
  bagInfo: readonly [string, string][];
  /** The bag's date (Bagging-Date and entry times), from the caller's clock. */
  baggingDate: Date;
  /** Top folder inside the ZIP (RFC 8493 §4.2); defaults to the output file name without ".zip". */
  baseDirectory?: string;
  onProgress?: (progress: BagProgress) => void;
  signal?: AbortSignal;
}

export interface BagWriteResult {
  path: string;
  /** SHA-256 and size of the ZIP file itself. */
  sha256: string;
  size: number;
  payloadOxum: string;
  files: number;
  bytes: number;
  manifest: { path: string; sha256: string; size: number }[];
}

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
  const collision = findFoldCollisions(payload.map((e) => e.path))[0];
  if (collision) {
    const [a, b] = collision;
    throw new BerkasError(
      'BAG_BAD_NAME',
      `Nama berkas "${b}" dan "${a}" hanya berbeda huruf besar/kecil atau normalisasi Unicode; di Windows keduanya menjadi satu berkas. Ganti salah satu nama lalu lampirkan lagi.`,
      { file: b, other: a },
    );
  }
}

function cancelled(): BerkasError {
  return new BerkasError('CANCELLED', 'Pembuatan paket dibatalkan; tidak ada berkas paket yang ditulis.');
}

export async function writeBagZip(options: BagWriteOptions): Promise<BagWriteResult> {
  const outPath = path.resolve(options.outPath);
  const dir = path.dirname(outPath);
  const baseDirectory = options.baseDirectory ?? path.basename(outPath).replace(/\.zip$/i, '');
  checkPayloadNames(options.payload, baseDirectory);
  if (options.signal?.aborted) throw cancelled();

  const existing = await fs.stat(outPath).then(
    () => true,
    () => false,
  );
  // A package may already have been sent: never overwrite one.
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

  const tmp = path.join(dir, `.${path.basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(tmp, 'wx', 0o644);
  } catch (err) {
    throw describeFsError(err, outPath);
  }

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

  for (const entry of options.payload) {
    const compress = !isAlreadyCompressed(entry.path);
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
            done(new BerkasError('BAG_SOURCE_CHANGED', `Berkas ${shown} berubah saat dipaketkan (${read} bita, semula ${entry.size}). Ulangi pembuatan paket.`, { file: shown }));
            return;
          }
          const digest = hash.digest('hex');
          if (entry.sha256 !== undefined && entry.sha256 !== digest) {
            done(new BerkasError('BAG_SOURCE_CHANGED', `Isi ${shown} tidak sama dengan yang dilampirkan (SHA-256 berbeda). Lampirkan ulang berkas itu.`, { file: shown }));
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
  zip.on('error', (err: Error) => fail(isBerkasError(err) ? err : new BerkasError('BAG_WRITE_FAILED', `Paket ${outPath} gagal ditulis: ${err.message}`)));
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
    await pipeline(zip.outputStream as Readable, hashOut, handle.createWriteStream({ autoClose: false, highWaterMark: 1024 * 1024 }));
    if (failure) throw failure;
    await handle.sync();
    await handle.close();
    await fs.rename(tmp, outPath);
    await fsyncDir(dir);
  } catch (err) {
    const cause = failure ?? (err as Error);
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
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
  return new BerkasError('BAG_READ_FAILED', `Berkas ${shown} tidak dapat dibaca${code ? ` (${code})` : ''}.`, { file: shown });
}
