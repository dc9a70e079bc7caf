/**
 * Writes a .berkas-backup (format: core/domain/backup/format.ts,
 * docs/BACKUP-FORMAT.md) from a list of sources, streaming: one chunk of
 * plaintext and one read buffer in memory whatever the size of the attachment
 * store. Every size is known before the first byte is written (the header
 * states the plaintext length, so a reader tells a cut-off file from an
 * altered one); a source whose size changes meanwhile stops the run.
 *
 * The file is written to a temporary name beside the target, synced, and
 * renamed only when complete: a failed or cancelled run leaves nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerkasError, isBerkasError } from '../../domain/errors';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MAGIC,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_SCRYPT,
  DERIVED_KEY_LEN,
  ENTRY_TAG,
  GCM_TAG_LEN,
  MANIFEST_TAG,
  MAX_CHUNKS,
  MAX_HEADER_JSON_BYTES,
  NONCE_PREFIX_LEN,
  SALT_LEN,
  chunkCount,
  chunkSizeProblem,
  entryKey,
  entryPathProblem,
  expectedFileSize,
  manifestLine,
  manifestLineLength,
  plaintextLength,
  scryptParamsProblem,
  type BackupHeader,
  type ScryptParams,
} from '../../domain/backup/format';
import { backupErrors } from '../../domain/backup/errors';
import type { BackupProgress } from '../../domain/backup/types';
import { describeFsError, fsyncDir, pathExists } from '../fs-atomic';
import { deriveKeys, sealChunk, type ChunkCipherParams } from './stream-cipher';

/** One file inside the backup: bytes already in memory (the database snapshot) or a file on disk. */
export type BackupSource = { path: string; size: number; bytes: Uint8Array } | { path: string; size: number; file: string };

export interface WriteBackupOptions {
  outPath: string;
  passphrase: string;
  appVersion: string;
  schemaVersion: number;
  createdAt: Date;
  sources: BackupSource[];
  isOverwriteAllowed?: boolean;
  /** Tests use cheaper parameters; the app always writes DEFAULT_SCRYPT. */
  scrypt?: ScryptParams;
  chunkSize?: number;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
}

export interface WrittenBackup {
  path: string;
  fileBytes: number;
  entryCount: number;
  contentBytes: number;
}

const READ_BUFFER_BYTES = 256 * 1024;

/** A free temporary name beside the target: hidden, and recognisable as ours. */
function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** describeFsError, plus the one limit officers meet on flash drives. */
function writeFailure(err: unknown, target: string): BerkasError {
  if (isBerkasError(err)) return err;
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EFBIG') {
    return new BerkasError(
      'BACKUP_TOO_LARGE_FOR_DRIVE',
      `Berkas cadangan ${target} melebihi batas ukuran berkas di media tujuan (4 GB pada flash disk berformat FAT32). Gunakan flash disk berformat exFAT atau NTFS; tidak ada berkas cadangan yang ditulis.`,
      { file: target },
    );
  }
  return describeFsError(err, target);
}

/** Seals plaintext in chunks of exactly chunkSize (the last one shorter) and appends them to the file. */
class ChunkWriter {
  private readonly buffer: Buffer;
  private filled = 0;
  private index = 0;
  private sealedPlain = 0;

  constructor(
    private readonly handle: fs.FileHandle,
    private readonly cipher: ChunkCipherParams,
    private readonly chunkSize: number,
    private readonly total: number,
    private position: number,
    private readonly onChunk: (plainDone: number) => void,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkSize);
  }

  get plainDone(): number {
    return this.sealedPlain + this.filled;
  }

  async push(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const n = Math.min(this.chunkSize - this.filled, bytes.length - offset);
      this.buffer.set(bytes.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.chunkSize) {
        // Full chunk: it is the last only when it ends exactly at the announced length.
        await this.seal(this.sealedPlain + this.chunkSize === this.total);
      }
    }
  }

  private async seal(isLast: boolean): Promise<void> {
    if (this.sealedPlain + this.filled > this.total) throw sizeDrift();
    const sealed = sealChunk(this.cipher, this.index, isLast, this.buffer.subarray(0, this.filled));
    await writeFully(this.handle, sealed, this.position);
    this.position += sealed.length;
    this.sealedPlain += this.filled;
    this.filled = 0;
    this.index++;
    this.onChunk(this.sealedPlain);
  }

  /** Seals what is left as the last chunk; the total must be exactly what the header announced. */
  async finish(): Promise<number> {
    if (this.sealedPlain + this.filled !== this.total) throw sizeDrift();
    if (this.filled > 0 || this.index === 0) await this.seal(true);
    return this.position;
  }
}

function sizeDrift(): BerkasError {
  return new BerkasError('BACKUP_SOURCE_CHANGED', 'Isi folder data berubah selama pencadangan; tidak ada berkas cadangan yang ditulis. Ulangi pencadangan.');
}

async function writeFully(handle: fs.FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(Math.floor(n / 2 ** 32), 0);
  b.writeUInt32BE(n % 2 ** 32, 4);
  return b;
}

/** magic | u32 length | JSON, then the SHA-256 of those bytes. */
export function encodeHeaderBlock(header: BackupHeader): { block: Buffer; hash: Buffer } {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER_JSON_BYTES) throw new BerkasError('BACKUP_INTERNAL', 'Kepala berkas cadangan terlalu besar.');
  const body = Buffer.concat([Buffer.from(BACKUP_MAGIC), u32(json.length), json]);
  const hash = createHash('sha256').update(body).digest();
  return { block: Buffer.concat([body, hash]), hash };
}

function checkSources(sources: BackupSource[]): void {
  const seen = new Set<string>();
  for (const s of sources) {
    const problem = entryPathProblem(s.path);
    if (problem) throw new BerkasError('BACKUP_UNSAFE_ENTRY', `"${s.path.slice(0, 120)}" tidak dapat dicadangkan: ${problem}.`, { entryPath: s.path.slice(0, 200) });
    if (seen.has(entryKey(s.path))) throw new BerkasError('BACKUP_UNSAFE_ENTRY', `"${s.path}" tercantum dua kali dalam daftar cadangan.`, { entryPath: s.path.slice(0, 200) });
    seen.add(entryKey(s.path));
    if (!Number.isSafeInteger(s.size) || s.size < 0 || ('bytes' in s && s.bytes.length !== s.size)) {
      throw new BerkasError('BACKUP_INTERNAL', `Ukuran "${s.path}" tidak sah (${s.size}).`);
    }
  }
}

/** Streams one file's bytes, exactly `size` of them, refusing a file that changed since it was listed. */
async function* readSource(source: Extract<BackupSource, { file: string }>, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(source.file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BerkasError('BACKUP_SOURCE_CHANGED', `${source.file} terhapus selama pencadangan; tidak ada berkas cadangan yang ditulis. Ulangi pencadangan.`);
    }
    throw new BerkasError('BACKUP_SOURCE_UNREADABLE', `${source.file} tidak dapat dibaca (${code ?? 'galat'}); tidak ada berkas cadangan yang ditulis.`, {
      file: source.file,
      systemCode: code ?? 'unknown',
    });
  }
  try {
    const size = (await handle.stat()).size;
    if (size !== source.size) throw new BerkasError('BACKUP_SOURCE_CHANGED', `${source.file} berubah selama pencadangan; tidak ada berkas cadangan yang ditulis. Ulangi pencadangan.`);
    const buffer = Buffer.allocUnsafe(Math.min(READ_BUFFER_BYTES, Math.max(1, size)));
    let position = 0;
    while (position < size) {
      if (signal?.aborted) throw backupErrors.cancelled('create');
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new BerkasError('BACKUP_SOURCE_UNREADABLE', `${source.file} tidak dapat dibaca (${code ?? 'galat'}); tidak ada berkas cadangan yang ditulis.`, {
          file: source.file,
          systemCode: code ?? 'unknown',
        });
      }
      if (bytesRead === 0) throw new BerkasError('BACKUP_SOURCE_CHANGED', `${source.file} memendek selama pencadangan; tidak ada berkas cadangan yang ditulis. Ulangi pencadangan.`);
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function writeBackupFile(options: WriteBackupOptions): Promise<WrittenBackup> {
  const { signal } = options;
  const outPath = path.resolve(options.outPath);
  const dir = path.dirname(outPath);
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const scryptProblem = scryptParamsProblem(scrypt) ?? chunkSizeProblem(chunkSize);
  if (scryptProblem) throw new BerkasError('BACKUP_INTERNAL', `Parameter cadangan tidak sah: ${scryptProblem}.`);
  checkSources(options.sources);
  const cancelled = () => backupErrors.cancelled('create');
  if (signal?.aborted) throw cancelled();

  let isDir = false;
  try {
    isDir = (await fs.stat(dir)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new BerkasError('BACKUP_OUT_DIR_MISSING', `Folder tujuan ${dir} tidak ada. Pilih folder yang ada (misalnya flash disk yang terpasang).`, { dir });
  if (!options.isOverwriteAllowed && (await pathExists(outPath))) {
    throw new BerkasError('BACKUP_EXISTS', `${outPath} sudah ada. Pilih nama lain, atau izinkan menimpa berkas cadangan lama.`, { path: outPath });
  }

  const entries = options.sources;
  const plaintextBytes = plaintextLength(entries);
  if (chunkCount(plaintextBytes, chunkSize) > MAX_CHUNKS) throw new BerkasError('BACKUP_WORKSPACE_TOO_LARGE', 'Ruang kerja terlalu besar untuk satu berkas cadangan.');
  const contentBytes = entries.reduce((sum, e) => sum + e.size, 0);
  const progress: BackupProgress = { phase: 'key', bytesDone: 0, bytesTotal: plaintextBytes, entriesDone: 0, entriesTotal: entries.length };
  const report = (patch: Partial<BackupProgress>) => {
    Object.assign(progress, patch);
    options.onProgress?.({ ...progress });
  };
  report({});

  const salt = randomBytes(SALT_LEN);
  const noncePrefix = randomBytes(NONCE_PREFIX_LEN);
  const keys = await deriveKeys(options.passphrase, salt, scrypt);
  if (signal?.aborted) throw cancelled();
  const header: BackupHeader = {
    format: 'berkas-backup',
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: options.appVersion,
    schemaVersion: options.schemaVersion,
    createdAt: options.createdAt.toISOString(),
    kdf: { name: 'scrypt', N: scrypt.N, r: scrypt.r, p: scrypt.p, salt: salt.toString('base64'), keyLength: DERIVED_KEY_LEN },
    cipher: { name: 'AES-256-GCM', construction: 'STREAM', chunkSize, noncePrefix: noncePrefix.toString('base64'), tagLength: GCM_TAG_LEN },
    keyCheck: keys.keyCheck.toString('base64'),
    plaintextBytes,
  };
  const { block, hash } = encodeHeaderBlock(header);

  const tmp = tempNameFor(outPath);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', 0o600);
    await writeFully(handle, block, 0);
    report({ phase: 'writing' });
    const writer = new ChunkWriter(handle, { key: keys.encryptionKey, noncePrefix, headerHash: hash }, chunkSize, plaintextBytes, block.length, (done) =>
      report({ bytesDone: done }),
    );
    const manifest: string[] = [];
    let manifestLength = 0;
    for (const entry of entries) {
      if (signal?.aborted) throw cancelled();
      await writer.push(Buffer.concat([Buffer.from([ENTRY_TAG]), u16(entry.path.length), Buffer.from(entry.path, 'ascii'), u64(entry.size)]));
      const digest = createHash('sha256');
      let written = 0;
      const pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = 'bytes' in entry ? [entry.bytes] : readSource(entry, signal);
      for await (const piece of pieces) {
        digest.update(piece);
        written += piece.length;
        await writer.push(piece);
      }
      if (written !== entry.size) throw sizeDrift();
      manifest.push(manifestLine(digest.digest('hex'), entry.size, entry.path));
      manifestLength += manifestLineLength(entry.size, entry.path);
      report({ entriesDone: progress.entriesDone + 1, bytesDone: writer.plainDone });
    }
    const manifestBytes = Buffer.from(manifest.join(''), 'ascii');
    if (manifestBytes.length !== manifestLength) throw new BerkasError('BACKUP_INTERNAL', 'Panjang daftar SHA-256 cadangan tidak sesuai perhitungan.');
    await writer.push(Buffer.concat([Buffer.from([MANIFEST_TAG]), u32(manifestBytes.length)]));
    await writer.push(manifestBytes);
    const fileBytes = await writer.finish();
    if (fileBytes !== expectedFileSize(block.length, plaintextBytes, chunkSize)) throw new BerkasError('BACKUP_INTERNAL', 'Panjang berkas cadangan tidak sesuai perhitungan.');

    report({ phase: 'finishing' });
    await handle.sync();
    await handle.close();
    handle = undefined;
    // The last moment a cancel still leaves nothing behind.
    if (signal?.aborted) throw cancelled();
    if (!options.isOverwriteAllowed && (await pathExists(outPath))) {
      throw new BerkasError('BACKUP_EXISTS', `${outPath} muncul selama pencadangan. Pilih nama lain; tidak ada yang ditimpa.`, { path: outPath });
    }
    await fs.rename(tmp, outPath);
    await fsyncDir(dir);
    report({ phase: 'done', bytesDone: plaintextBytes });
    return { path: outPath, fileBytes, entryCount: entries.length, contentBytes };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw writeFailure(err, outPath);
  } finally {
    keys.encryptionKey.fill(0);
  }
}
