/**
 * A ZIP reader for packages that may be hostile (issue 5 item 7, issue 11):
 * a bag sent back for verification, a source archive attached by an officer,
 * a submission arriving at the server. Written by hand rather than with yauzl
 * so that every judgment is ours and visible: the central directory is read
 * whole and checked before one byte of data is inflated (names by the package
 * name policy, types, duplicates and twins, counts, declared sizes and
 * ratios), then the local headers (local-headers.ts: every byte from the
 * start of the file to the central directory accounted for, each local
 * header equal to its central record), and each entry's data is checked
 * while it streams (never more than the declared size, CRC-32 at the end).
 */
import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { isBerkasError } from '../../domain/errors';
import { checkLocalLayout, checkUnicodePathField } from './local-headers';
import {
  checkDuplicates,
  checkEntryName,
  checkEntrySizes,
  checkEntryType,
  defaultZipLimits,
  shownName,
  zipRefusal,
  type ZipLimits,
} from './entry-rules';

export interface ZipEntry {
  /** Checked name, "/"-separated, without a trailing "/" for folders. */
  name: string;
  isDirectory: boolean;
  method: 0 | 8;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** The raw name bytes, compared with the local header's. */
  rawName: Buffer;
  flags: number;
  localHeaderOffset: number;
  /** Where this entry's data starts, after its local header (checked against the central record). */
  dataStart: number;
}

export interface ZipArchive {
  /** The file as given, for messages. */
  file: string;
  entries: readonly ZipEntry[];
  totalUncompressedBytes: number;
  /** The entry's data, inflated and checked (size, CRC) as it streams; errors are BerkasErrors. */
  openEntry(entry: ZipEntry, signal?: AbortSignal): Promise<Readable>;
  /** A small entry (tag files, manifests) in memory, refused above maxBytes. */
  readEntry(entry: ZipEntry, maxBytes: number, signal?: AbortSignal): Promise<Buffer>;
  close(): Promise<void>;
}

const sigEocd = 0x06054b50;
const sigZip64Locator = 0x07064b50;
const sigZip64Eocd = 0x06064b50;
const sigCentral = 0x02014b50;
const eocdSize = 22;
const maxComment = 0xffff;
const centralFixed = 46;
/** A central directory larger than this is not a handover package (200 000 entries with 120-byte names is ~33 MB). */
const maxCentralDirectoryBytes = 64 * 1024 * 1024;

const flagEncrypted = 0x0001;
const flagStrongEncryption = 0x0040;
const flagUtf8 = 0x0800;
const flagMaskedHeaders = 0x2000;

// CP437, the encoding of names without the UTF-8 flag (APPNOTE appendix D), bytes 0x80-0xFF.
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(raw: Buffer, isUtf8: boolean, archive: string): string {
  if (isUtf8) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw zipRefusal('ZIP_BAD_NAME', archive, `nama entri "${raw.toString('latin1').slice(0, 100)}" ditandai UTF-8 tetapi bukan UTF-8 yang sah.`);
    }
  }
  let out = '';
  for (const byte of raw) out += byte < 0x80 ? String.fromCharCode(byte) : (cp437High[byte - 0x80] as string);
  return out;
}

function readU64(buf: Buffer, at: number, archive: string): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw zipRefusal('ZIP_CORRUPT', archive, 'ukuran atau posisi ZIP64 di luar jangkauan.');
  return Number(value);
}

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

interface Directory {
  entryCount: number;
  cdOffset: number;
  cdSize: number;
  /** Where the central directory's end records begin: data may not reach past it. */
  cdEnd: number;
}

async function findDirectory(handle: fs.FileHandle, fileSize: number, archive: string, limits: ZipLimits): Promise<Directory> {
  if (fileSize < eocdSize) throw zipRefusal('ZIP_CORRUPT', archive, `bukan berkas ZIP (hanya ${fileSize} bita).`);
  const tailLength = Math.min(fileSize, eocdSize + maxComment + 20);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  let eocd = -1;
  // The last record whose comment runs exactly to the end of the file: trailing bytes would make the archive ambiguous.
  for (let i = tail.length - eocdSize; i >= 0; i--) {
    if (tail.readUInt32LE(i) === sigEocd && i + eocdSize + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw zipRefusal('ZIP_CORRUPT', archive, 'akhir direktori pusat tidak ditemukan: berkas terpotong atau bukan ZIP.');
  }
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  let entriesOnDisk = tail.readUInt16LE(eocd + 8);
  let entryCount = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  let cdEnd = tailStart + eocd;

  const locator = eocd - 20;
  if (locator >= 0 && tail.readUInt32LE(locator) === sigZip64Locator) {
    const zip64At = readU64(tail, locator + 8, archive);
    if (zip64At + 56 > tailStart + locator) throw zipRefusal('ZIP_CORRUPT', archive, 'posisi akhir direktori pusat ZIP64 tidak sah.');
    const rec = await readAt(handle, zip64At, 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== sigZip64Eocd) throw zipRefusal('ZIP_CORRUPT', archive, 'akhir direktori pusat ZIP64 rusak.');
    // The record's own size field (after its first 12 bytes) must bring it to the locator: nothing hides between.
    if (readU64(rec, 4, archive) + 12 !== tailStart + locator - zip64At) {
      throw zipRefusal('ZIP_GAP', archive, 'ada bita tak tercatat di antara akhir direktori pusat ZIP64 dan penunjuknya.');
    }
    if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0) throw zipRefusal('ZIP_UNSUPPORTED', archive, 'ZIP terbagi ke beberapa disk tidak didukung.');
    entriesOnDisk = readU64(rec, 24, archive);
    entryCount = readU64(rec, 32, archive);
    cdSize = readU64(rec, 40, archive);
    cdOffset = readU64(rec, 48, archive);
    cdEnd = zip64At;
  } else if (disk !== 0 || cdDisk !== 0) {
    throw zipRefusal('ZIP_UNSUPPORTED', archive, 'ZIP terbagi ke beberapa disk tidak didukung.');
  }
  if (entriesOnDisk !== entryCount) throw zipRefusal('ZIP_UNSUPPORTED', archive, 'ZIP terbagi ke beberapa disk tidak didukung.');
  if (entryCount > limits.maxEntries) {
    throw zipRefusal('ZIP_TOO_MANY', archive, `berisi ${entryCount} entri, lebih dari batas ${limits.maxEntries}.`);
  }
  if (cdOffset + cdSize > cdEnd) {
    throw zipRefusal('ZIP_CORRUPT', archive, `direktori pusat terpotong (mengaku ${cdSize} bita mulai posisi ${cdOffset}, berkas berakhir lebih dulu).`);
  }
  if (cdOffset + cdSize < cdEnd) {
    throw zipRefusal('ZIP_GAP', archive, `${cdEnd - cdOffset - cdSize} bita tak tercatat di antara direktori pusat dan akhirnya.`);
  }
  if (cdSize > maxCentralDirectoryBytes) {
    throw zipRefusal('ZIP_TOO_MANY', archive, `direktori pusat ${cdSize} bita, lebih dari batas ${maxCentralDirectoryBytes}.`);
  }
  return { entryCount, cdOffset, cdSize, cdEnd };
}

function parseCentralDirectory(cd: Buffer, dir: Directory, archive: string, limits: ZipLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  let total = 0;
  const truncated = () => zipRefusal('ZIP_CORRUPT', archive, `direktori pusat terpotong setelah ${entries.length} dari ${dir.entryCount} entri.`);
  while (entries.length < dir.entryCount) {
    if (at + centralFixed > cd.length) throw truncated();
    if (cd.readUInt32LE(at) !== sigCentral) throw truncated();
    const versionMadeBy = cd.readUInt16LE(at + 4);
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const crc32 = cd.readUInt32LE(at + 16);
    let compressedSize = cd.readUInt32LE(at + 20);
    let uncompressedSize = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const diskStart = cd.readUInt16LE(at + 34);
    const externalAttributes = cd.readUInt32LE(at + 38);
    let localHeaderOffset = cd.readUInt32LE(at + 42);
    const end = at + centralFixed + nameLength + extraLength + commentLength;
    if (end > cd.length) throw truncated();
    const rawName = Buffer.from(cd.subarray(at + centralFixed, at + centralFixed + nameLength));
    const extra = cd.subarray(at + centralFixed + nameLength, at + centralFixed + nameLength + extraLength);
    at = end;

    const decodedName = decodeName(rawName, (flags & flagUtf8) !== 0, archive);
    const name = checkEntryName(decodedName, archive);
    const isDirectory = rawName[rawName.length - 1] === 0x2f;
    checkUnicodePathField(extra, decodedName, name, archive, 'direktori pusat');

    // ZIP64 extended information: present only for the fields set to all ones, in this order.
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const size = extra.readUInt16LE(e + 2);
      if (e + 4 + size > extra.length) throw zipRefusal('ZIP_CORRUPT', archive, `bidang tambahan entri "${shownName(name)}" terpotong.`, name);
      if (id === 0x0001) {
        let p = e + 4;
        const next = () => {
          if (p + 8 > e + 4 + size) throw zipRefusal('ZIP_CORRUPT', archive, `bidang ZIP64 entri "${shownName(name)}" terlalu pendek.`, name);
          const v = readU64(extra, p, archive);
          p += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      e += 4 + size;
    }

    if ((flags & (flagEncrypted | flagStrongEncryption | flagMaskedHeaders)) !== 0 || method === 99) {
      throw zipRefusal('ZIP_ENCRYPTED', archive, `entri "${shownName(name)}" terenkripsi; paket serah terima harus dapat dibaca dan diperiksa.`, name);
    }
    if (method !== 0 && method !== 8) {
      throw zipRefusal('ZIP_UNSUPPORTED', archive, `entri "${shownName(name)}" memakai metode pemampatan ${method}; hanya stored (0) dan deflate (8) yang diterima.`, name);
    }
    if (diskStart !== 0 && diskStart !== 0xffff) throw zipRefusal('ZIP_UNSUPPORTED', archive, 'ZIP terbagi ke beberapa disk tidak didukung.', name);
    checkEntryType(name, versionMadeBy, externalAttributes, archive);
    const entry: ZipEntry = {
      name,
      isDirectory,
      method,
      compressedSize,
      uncompressedSize,
      crc32,
      rawName,
      flags,
      localHeaderOffset,
      dataStart: 0,
    };
    checkEntrySizes(entry, limits, archive);
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw zipRefusal('ZIP_TOO_LARGE', archive, `isi seluruhnya lebih dari batas ${limits.maxTotalBytes} bita (terlampaui pada entri "${shownName(name)}").`, name);
    }
    entries.push(entry);
  }
  if (at !== cd.length) throw zipRefusal('ZIP_CORRUPT', archive, `direktori pusat berisi ${cd.length - at} bita di luar ${dir.entryCount} entri yang dinyatakan.`);
  return entries;
}

/** Counts, caps and checksums the inflated data of one entry. */
class EntryCheck extends Transform {
  private produced = 0;
  private crc = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly archive: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.produced += chunk.length;
    if (this.produced > this.entry.uncompressedSize) {
      // Stop at the declared size + 1: nothing past what the directory promised reaches the reader.
      done(
        zipRefusal(
          'ZIP_SIZE_MISMATCH',
          this.archive,
          `entri "${shownName(this.entry.name)}" menghasilkan lebih dari ${this.entry.uncompressedSize} bita yang dinyatakan.`,
          this.entry.name,
        ),
      );
      return;
    }
    this.crc = zlib.crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const { entry, archive } = this;
    if (this.produced !== entry.uncompressedSize) {
      done(zipRefusal('ZIP_SIZE_MISMATCH', archive, `entri "${shownName(entry.name)}" berisi ${this.produced} bita, bukan ${entry.uncompressedSize} bita yang dinyatakan.`, entry.name));
      return;
    }
    if (this.crc >>> 0 !== entry.crc32 >>> 0) {
      const err = zipRefusal('ZIP_CORRUPT', archive, `CRC-32 entri "${shownName(entry.name)}" tidak cocok: isinya rusak atau diubah.`, entry.name);
      // Marked, so a verifier can report this one file as damaged and go on with the rest.
      (err.details as Record<string, unknown>).isContentDamaged = true;
      done(err);
      return;
    }
    done();
  }
}

function asRefusal(err: unknown, entry: ZipEntry, archive: string): Error {
  if (isBerkasError(err)) return err;
  if ((err as Error | undefined)?.name === 'AbortError') return err as Error;
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
    const refusal = zipRefusal('ZIP_CORRUPT', archive, `data terkompresi entri "${shownName(entry.name)}" rusak (${code}).`, entry.name);
    (refusal.details as Record<string, unknown>).isContentDamaged = true;
    return refusal;
  }
  return zipRefusal('ZIP_CORRUPT', archive, `entri "${shownName(entry.name)}" tidak dapat dibaca${code ? ` (${code})` : ''}.`, entry.name);
}

/** Opens a ZIP and checks its whole central directory; throws a ZIP_* BerkasError on the first refusal. */
export async function openZip(file: string, limits: Partial<ZipLimits> = {}): Promise<ZipArchive> {
  const effective: ZipLimits = { ...defaultZipLimits, ...limits };
  const archive = path.basename(file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw zipRefusal('ZIP_CORRUPT', archive, `berkas tidak dapat dibuka${code ? ` (${code})` : ''}.`);
  }
  try {
    const { size } = await handle.stat();
    const dir = await findDirectory(handle, size, archive, effective);
    const cd = await readAt(handle, dir.cdOffset, dir.cdSize);
    if (cd.length !== dir.cdSize) throw zipRefusal('ZIP_CORRUPT', archive, 'direktori pusat terpotong.');
    const entries = parseCentralDirectory(cd, dir, archive, effective);
    checkDuplicates(entries, archive);
    await checkLocalLayout(handle, size, entries, dir.cdOffset, archive);
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);

    const openEntry = async (entry: ZipEntry, signal?: AbortSignal): Promise<Readable> => {
      if (entry.isDirectory) throw zipRefusal('ZIP_CORRUPT', archive, `"${shownName(entry.name)}" adalah folder, bukan berkas.`, entry.name);
      const start = entry.dataStart;
      const check = new EntryCheck(entry, archive);
      const raw: Readable =
        entry.compressedSize === 0
          ? Readable.from([])
          : createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
      const inflate = entry.method === 8 ? zlib.createInflateRaw() : null;
      // Wired by hand rather than with pipeline(): the reader must see our refusal, not zlib's own error,
      // and stopping the reader (or a refusal) must close the file at once.
      const fail = (err: unknown) => check.destroy(asRefusal(err, entry, archive));
      raw.on('error', fail);
      inflate?.on('error', fail);
      check.on('close', () => {
        raw.destroy();
        inflate?.destroy();
      });
      if (signal) {
        const onAbort = () => check.destroy(signal.reason instanceof Error ? signal.reason : new DOMException('Dibatalkan', 'AbortError'));
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          check.on('close', () => signal.removeEventListener('abort', onAbort));
        }
      }
      if (inflate) raw.pipe(inflate).pipe(check);
      else raw.pipe(check);
      return check;
    };

    return {
      file,
      entries,
      totalUncompressedBytes: total,
      openEntry,
      async readEntry(entry, maxBytes, signal) {
        if (entry.uncompressedSize > maxBytes) {
          throw zipRefusal('ZIP_TOO_LARGE', archive, `entri "${shownName(entry.name)}" ${entry.uncompressedSize} bita, lebih dari ${maxBytes} bita yang wajar untuknya.`, entry.name);
        }
        const chunks: Buffer[] = [];
        const stream = await openEntry(entry, signal);
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}
