/**
 * Reads a .berkas-backup and checks every byte. The order of the checks is
 * what lets each refusal say what is really wrong, before anything is
 * decrypted, let alone written:
 *
 * 1. magic (not a backup), header length and hash (altered), file length
 *    against the length the header states (cut off, or bytes added);
 * 2. format, app and schema versions (made by a newer Berkas);
 * 3. scrypt, then the key check (wrong passphrase);
 * 4. every chunk's GCM tag (altered, reordered), then the entries: hostile
 *    paths refused, each entry's SHA-256 compared with the manifest.
 *
 * Memory: one chunk and the list of entries read so far (path, size, hash),
 * never a whole file.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerkasError } from '../../domain/errors';
import {
  BACKUP_MAGIC,
  DATABASE_ENTRY,
  ENTRY_TAG,
  GCM_TAG_LEN,
  HEADER_HASH_LEN,
  MAGIC_LEN,
  MANIFEST_TAG,
  MAX_ENTRY_PATH_LEN,
  MAX_HEADER_JSON_BYTES,
  MAX_MANIFEST_BYTES,
  PREAMBLE_LEN,
  chunkCount,
  chunkSizeProblem,
  entryKey,
  entryKind,
  entryPathProblem,
  expectedFileSize,
  manifestLine,
  manifestLineLength,
  parseBackupHeader,
  scryptParamsProblem,
  tooNewProblem,
  type BackupHeader,
  type EntryKind,
  type SupportedVersions,
} from '../../domain/backup/format';
import { backupErrors } from '../../domain/backup/errors';
import { emptyContents, type BackupContents, type BackupProgress, type BackupVerified } from '../../domain/backup/types';
import { deriveKeys, isSameKeyCheck, openChunk, type ChunkCipherParams } from './stream-cipher';

export interface EntryInfo {
  path: string;
  size: number;
  kind: EntryKind;
}

/** Where the decrypted entries go: nowhere (verify) or a staging folder (restore). */
export interface EntrySink {
  begin(entry: EntryInfo): Promise<void>;
  data(bytes: Buffer): Promise<void>;
  end(entry: EntryInfo & { sha256: string }): Promise<void>;
}

export interface ReadSummary {
  entryCount: number;
  contentBytes: number;
  contents: BackupContents;
}

export interface OpenedBackup {
  file: string;
  fileBytes: number;
  header: BackupHeader;
  /** Decrypts every chunk in order and hands the entries to the sink; throws on the first problem. */
  readAll(sink: EntrySink, control?: { onProgress?: ((p: BackupProgress) => void) | undefined; signal?: AbortSignal | undefined }): Promise<ReadSummary>;
  close(): Promise<void>;
}

/** What reading a backup whole found: the file, the facts its header states, and what its entries held. */
export function verifiedOf(opened: OpenedBackup, summary: ReadSummary): BackupVerified {
  const h = opened.header;
  return {
    path: opened.file,
    fileBytes: opened.fileBytes,
    formatVersion: h.formatVersion,
    appVersion: h.appVersion,
    schemaVersion: h.schemaVersion,
    createdAt: h.createdAt,
    entryCount: summary.entryCount,
    contentBytes: summary.contentBytes,
    contents: summary.contents,
  };
}

/** For verify: every check runs, nothing is written. */
export const noSink: EntrySink = { begin: async () => undefined, data: async () => undefined, end: async () => undefined };

async function readAt(handle: fs.FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** A magic off by a byte or two is a damaged backup, not some other kind of file. */
function magicMatches(bytes: Buffer): number {
  let same = 0;
  for (let i = 0; i < MAGIC_LEN; i++) if (bytes[i] === BACKUP_MAGIC[i]) same++;
  return same;
}

/** Length of a complete JSON object at the start of bytes, followed by at least a header hash, or null. */
function endOfJsonObject(bytes: Buffer): number | null {
  for (let end = bytes.indexOf(0x7d); end >= 0 && end + 1 + HEADER_HASH_LEN <= bytes.length; end = bytes.indexOf(0x7d, end + 1)) {
    try {
      JSON.parse(bytes.subarray(0, end + 1).toString('utf8'));
      return end + 1;
    } catch {
      // Not the closing brace of the object yet.
    }
  }
  return null;
}

/**
 * Opens the file and runs checks 1–3; nothing has been decrypted when this
 * returns. The caller must close() the result.
 */
export async function openBackupFile(file: string, passphrase: string, supported: SupportedVersions): Promise<OpenedBackup> {
  const shown = path.resolve(file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(shown, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BerkasError('BACKUP_NOT_FOUND', `Berkas cadangan ${shown} tidak ditemukan.`, { file: shown });
    if (code === 'EISDIR') throw new BerkasError('BACKUP_NOT_FOUND', `${shown} adalah folder; pilih berkas .berkas-backup.`, { file: shown });
    throw new BerkasError('BACKUP_UNREADABLE', `Berkas cadangan ${shown} tidak dapat dibaca (${code ?? 'galat'}).`, { file: shown, systemCode: code ?? 'unknown' });
  }
  try {
    return await openHeader(handle, shown, passphrase, supported);
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

async function openHeader(handle: fs.FileHandle, file: string, passphrase: string, supported: SupportedVersions): Promise<OpenedBackup> {
  const fileBytes = (await handle.stat()).size;
  const preamble = await readAt(handle, PREAMBLE_LEN, 0);
  const seenMagic = Math.min(preamble.length, MAGIC_LEN);
  const sameMagic = magicMatches(preamble);
  if (preamble.length < PREAMBLE_LEN) {
    // Too short even for the preamble: a cut-off backup if what is there starts like one.
    if (seenMagic > 0 && sameMagic === seenMagic) throw backupErrors.truncated(file, fileBytes, null);
    throw backupErrors.notABackup(file);
  }
  if (sameMagic !== MAGIC_LEN) {
    if (sameMagic >= MAGIC_LEN - 2) throw backupErrors.tampered(file, 'tanda pengenal di awal berkas berubah', 0);
    throw backupErrors.notABackup(file);
  }
  const jsonLength = preamble.readUInt32BE(MAGIC_LEN);
  if (jsonLength === 0 || jsonLength > MAX_HEADER_JSON_BYTES) throw backupErrors.tampered(file, `panjang kepala berkas tidak sah (${jsonLength} bait)`, MAGIC_LEN);
  const headerBlockLen = PREAMBLE_LEN + jsonLength + HEADER_HASH_LEN;
  if (fileBytes < headerBlockLen) {
    // Cut off inside the header, or a damaged length that points past the end: a whole JSON object
    // ending before the stated length (with bytes after it) means the length is what changed.
    const present = await readAt(handle, Math.min(fileBytes - PREAMBLE_LEN, MAX_HEADER_JSON_BYTES), PREAMBLE_LEN);
    if (endOfJsonObject(present) !== null) throw backupErrors.tampered(file, `panjang kepala berkas tidak sah (${jsonLength} bait)`, MAGIC_LEN);
    throw backupErrors.truncated(file, fileBytes, null);
  }
  const rest = await readAt(handle, jsonLength + HEADER_HASH_LEN, PREAMBLE_LEN);
  const json = rest.subarray(0, jsonLength);
  const storedHash = rest.subarray(jsonLength);
  const headerHash = createHash('sha256').update(preamble).update(json).digest();
  if (!headerHash.equals(storedHash)) throw backupErrors.tampered(file, 'kepala berkas (versi, parameter kunci) tidak cocok dengan sidik SHA-256-nya', PREAMBLE_LEN);

  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    parsed = null;
  }
  // The format version is read before the rest: a newer format may define other fields.
  const version = typeof parsed === 'object' && parsed !== null ? (parsed as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === 'number' && Number.isSafeInteger(version)) {
    const p = parsed as { appVersion?: unknown; schemaVersion?: unknown };
    const problem = tooNewProblem(
      {
        formatVersion: version,
        appVersion: typeof p.appVersion === 'string' ? p.appVersion : '0',
        schemaVersion: typeof p.schemaVersion === 'number' ? p.schemaVersion : 0,
      },
      supported,
    );
    if (problem) throw backupErrors.tooNew(file, problem, supported.appVersion);
  }
  const header = parseBackupHeader(parsed);
  if (!header) throw backupErrors.tampered(file, 'kepala berkas tidak sesuai format cadangan Berkas', PREAMBLE_LEN);
  const paramProblem = scryptParamsProblem(header.kdf) ?? chunkSizeProblem(header.cipher.chunkSize);
  if (paramProblem) throw backupErrors.tampered(file, `parameter kunci tidak dapat diterima: ${paramProblem}`, PREAMBLE_LEN);

  const expected = expectedFileSize(headerBlockLen, header.plaintextBytes, header.cipher.chunkSize);
  if (fileBytes < expected) throw backupErrors.truncated(file, fileBytes, expected);
  if (fileBytes > expected) throw backupErrors.tampered(file, `ada ${fileBytes - expected} bait tambahan setelah akhir isi cadangan`, expected);

  const keys = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  if (!isSameKeyCheck(keys.keyCheck, Buffer.from(header.keyCheck, 'base64'))) {
    keys.encryptionKey.fill(0);
    throw backupErrors.wrongPassphrase(file);
  }
  const cipher: ChunkCipherParams = { key: keys.encryptionKey, noncePrefix: Buffer.from(header.cipher.noncePrefix, 'base64'), headerHash };

  return {
    file,
    fileBytes,
    header,
    readAll: (sink, control) => readChunks({ handle, file, header, headerBlockLen, cipher, sink, ...control }),
    async close() {
      keys.encryptionKey.fill(0);
      await handle.close().catch(() => undefined);
    },
  };
}

interface ReadChunksInput {
  handle: fs.FileHandle;
  file: string;
  header: BackupHeader;
  headerBlockLen: number;
  cipher: ChunkCipherParams;
  sink: EntrySink;
  onProgress?: ((p: BackupProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

async function readChunks(input: ReadChunksInput): Promise<ReadSummary> {
  const { handle, file, header, signal } = input;
  const chunkSize = header.cipher.chunkSize;
  const total = header.plaintextBytes;
  const count = chunkCount(total, chunkSize);
  const parser = new PlaintextParser(file, total, input.sink);
  const sealed = Buffer.allocUnsafe(chunkSize + GCM_TAG_LEN);
  let position = input.headerBlockLen;
  for (let index = 0; index < count; index++) {
    if (signal?.aborted) throw backupErrors.cancelled('restore');
    const plainLength = index < count - 1 ? chunkSize : total - chunkSize * (count - 1);
    const length = plainLength + GCM_TAG_LEN;
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(sealed, got, length - got, position + got);
      if (bytesRead === 0) throw backupErrors.truncated(file, position + got, expectedFileSize(input.headerBlockLen, total, chunkSize));
      got += bytesRead;
    }
    const plain = openChunk(input.cipher, index, index === count - 1, sealed.subarray(0, length));
    if (!plain) throw backupErrors.tampered(file, `potongan isi ke-${index + 1} dari ${count} tidak lolos pemeriksaan keaslian`, position);
    position += length;
    await parser.feed(plain);
    input.onProgress?.({ phase: 'reading', bytesDone: parser.consumed, bytesTotal: total, entriesDone: parser.entryCount, entriesTotal: 0 });
  }
  return parser.finish();
}

type ParserState =
  | { kind: 'tag' }
  | { kind: 'entry-head'; need: number }
  | { kind: 'entry-data'; entry: EntryInfo; remaining: number; hash: Hash }
  | { kind: 'manifest-head' }
  | { kind: 'manifest'; remaining: number }
  | { kind: 'done' };

/**
 * Splits the plaintext into entries and the manifest. It is authenticated,
 * so a malformed record means a file crafted by someone with the passphrase
 * or a writer bug: refused all the same, naming the entry.
 */
class PlaintextParser {
  private state: ParserState = { kind: 'tag' };
  private pending: Buffer = Buffer.alloc(0);
  private readonly entries: { path: string; size: number; sha256: string }[] = [];
  private readonly seen = new Set<string>();
  private manifestLine = '';
  private manifestIndex = 0;
  consumed = 0;
  readonly contents = emptyContents();
  private contentBytes = 0;

  constructor(
    private readonly file: string,
    private readonly total: number,
    private readonly sink: EntrySink,
  ) {}

  get entryCount(): number {
    return this.entries.length;
  }

  private bad(where: string): BerkasError {
    return backupErrors.tampered(this.file, where);
  }

  async feed(chunk: Buffer): Promise<void> {
    let bytes = chunk;
    while (bytes.length > 0) {
      const state = this.state;
      switch (state.kind) {
        case 'done':
          throw this.bad('ada isi setelah daftar SHA-256 (manifest)');
        case 'entry-data': {
          const n = Math.min(state.remaining, bytes.length);
          const piece = bytes.subarray(0, n);
          state.hash.update(piece);
          if (n > 0) await this.sink.data(piece);
          state.remaining -= n;
          this.consumed += n;
          bytes = bytes.subarray(n);
          if (state.remaining === 0) await this.endEntry(state.entry, state.hash.digest('hex'));
          break;
        }
        case 'manifest': {
          const n = Math.min(state.remaining, bytes.length);
          this.checkManifest(bytes.subarray(0, n).toString('latin1'));
          state.remaining -= n;
          this.consumed += n;
          bytes = bytes.subarray(n);
          if (state.remaining === 0) this.endManifest();
          break;
        }
        default: {
          // Fixed-size fields may straddle chunks: gather them first.
          const need = this.fieldLength(state);
          const take = Math.min(need - this.pending.length, bytes.length);
          this.pending = Buffer.concat([this.pending, bytes.subarray(0, take)]);
          this.consumed += take;
          bytes = bytes.subarray(take);
          if (this.pending.length === need) {
            const field = this.pending;
            this.pending = Buffer.alloc(0);
            await this.onField(state, field);
          }
        }
      }
    }
  }

  private fieldLength(state: ParserState): number {
    if (state.kind === 'tag') return 1;
    if (state.kind === 'manifest-head') return 4;
    if (state.kind === 'entry-head') return state.need;
    return 0;
  }

  private async onField(state: ParserState, field: Buffer): Promise<void> {
    if (state.kind === 'tag') {
      if (field[0] === ENTRY_TAG) this.state = { kind: 'entry-head', need: 2 };
      else if (field[0] === MANIFEST_TAG) this.state = { kind: 'manifest-head' };
      else throw this.bad(`penanda rekaman tidak dikenal setelah ${this.entries.length} isi`);
      return;
    }
    if (state.kind === 'entry-head' && state.need === 2) {
      const pathLength = field.readUInt16BE(0);
      if (pathLength === 0 || pathLength > MAX_ENTRY_PATH_LEN) throw this.bad(`panjang path isi ke-${this.entries.length + 1} tidak sah`);
      this.state = { kind: 'entry-head', need: pathLength + 8 };
      return;
    }
    if (state.kind === 'entry-head') {
      const rawPath = field.subarray(0, field.length - 8);
      const entryPath = rawPath.toString('latin1');
      const problem = [...rawPath].some((b) => b > 0x7e || b < 0x20) ? 'memuat karakter bukan ASCII' : entryPathProblem(entryPath);
      if (problem) throw backupErrors.unsafeEntry(this.file, entryPath, problem);
      const key = entryKey(entryPath);
      if (this.seen.has(key)) throw backupErrors.unsafeEntry(this.file, entryPath, 'muncul dua kali');
      this.seen.add(key);
      const high = field.readUInt32BE(field.length - 8);
      const low = field.readUInt32BE(field.length - 4);
      const size = high * 2 ** 32 + low;
      if (high >= 2 ** 21 || size > this.total - this.consumed) throw this.bad(`ukuran "${entryPath}" melebihi sisa isi cadangan`);
      const entry: EntryInfo = { path: entryPath, size, kind: entryKind(entryPath) };
      await this.sink.begin(entry);
      const hash = createHash('sha256');
      this.state = { kind: 'entry-data', entry, remaining: size, hash };
      if (size === 0) await this.endEntry(entry, hash.digest('hex'));
      return;
    }
    if (state.kind === 'manifest-head') {
      const length = field.readUInt32BE(0);
      const expected = this.entries.reduce((sum, e) => sum + manifestLineLength(e.size, e.path), 0);
      if (length !== expected || length > MAX_MANIFEST_BYTES) throw this.bad('panjang daftar SHA-256 (manifest) tidak sesuai dengan isinya');
      if (this.consumed + length !== this.total) throw this.bad('daftar SHA-256 (manifest) tidak berada di akhir isi cadangan');
      this.state = { kind: 'manifest', remaining: length };
      if (length === 0) this.endManifest();
    }
  }

  private async endEntry(entry: EntryInfo, sha256: string): Promise<void> {
    await this.sink.end({ ...entry, sha256 });
    this.entries.push({ path: entry.path, size: entry.size, sha256 });
    this.contentBytes += entry.size;
    const c = this.contents;
    if (entry.kind === 'database') c.hasDatabase = true;
    else if (entry.kind === 'settings') c.hasSettings = true;
    else if (entry.kind === 'blob') {
      c.blobCount++;
      c.blobBytes += entry.size;
    } else if (entry.kind === 'sealed') c.sealedSecretCount++;
    else if (entry.kind === 'trust') c.trustRootCount++;
    else c.outboxFileCount++;
    this.state = { kind: 'tag' };
  }

  /** Compares the manifest line by line with the hashes just computed, naming the first that differs. */
  private checkManifest(text: string): void {
    this.manifestLine += text;
    let newline = this.manifestLine.indexOf('\n');
    while (newline >= 0) {
      const line = this.manifestLine.slice(0, newline + 1);
      this.manifestLine = this.manifestLine.slice(newline + 1);
      const entry = this.entries[this.manifestIndex];
      if (!entry || line !== manifestLine(entry.sha256, entry.size, entry.path)) {
        throw this.bad(`SHA-256 ${entry ? `"${entry.path}"` : `baris ${this.manifestIndex + 1}`} tidak cocok dengan daftar SHA-256 (manifest)`);
      }
      this.manifestIndex++;
      newline = this.manifestLine.indexOf('\n');
    }
    if (this.manifestLine.length > 2 * MAX_ENTRY_PATH_LEN) throw this.bad('baris daftar SHA-256 (manifest) terlalu panjang');
  }

  private endManifest(): void {
    if (this.manifestLine !== '' || this.manifestIndex !== this.entries.length) throw this.bad('daftar SHA-256 (manifest) tidak mencakup semua isi');
    this.state = { kind: 'done' };
  }

  finish(): ReadSummary {
    if (this.state.kind !== 'done' || this.consumed !== this.total) throw this.bad('isi cadangan berakhir sebelum daftar SHA-256 (manifest)');
    if (!this.contents.hasDatabase) throw this.bad(`tidak memuat basis data ${DATABASE_ENTRY}`);
    return { entryCount: this.entries.length, contentBytes: this.contentBytes, contents: { ...this.contents } };
  }
}
