/**
 * A ZIP reader for packages that may be hostile (issues 5, 11 and 12): a bag
 * sent back for verification, a source archive attached by an officer, a
 * submission arriving at the server. yauzl, the reader most of the Node
 * ecosystem trusts, parses the archive (end records, central records, ZIP64
 * and extra fields, local headers) and streams each entry's data through
 * zlib. Berkas's limits layer sits on top and judges before one byte of data
 * is inflated: where the directory lies and that nothing hides after it
 * (end-records.ts), entry count, total size and ratio, names by the package
 * name policy, types, encryption and methods, duplicates and twins
 * (entry-rules.ts), then the local headers yauzl reads (local-headers.ts:
 * every byte from the start of the file to the central directory accounted
 * for, each local header equal to its central record). Each entry's data is
 * checked while it streams: never more than the declared size, CRC-32 at the
 * end (yauzl checks neither of these the way a verifier needs).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { fromRandomAccessReader, type Entry, type ZipFile } from 'yauzl';
import { isBerkasError } from '../../domain/errors';
import { readCentralDirectory, type CentralDirectory } from './end-records';
import { checkLocalLayout, checkUnicodePathField } from './local-headers';
import { BufferSource, WindowedReader } from './windowed-reader';
import { yauzlRefusal } from './yauzl-refusals';
import {
  checkDuplicates,
  checkEntryName,
  checkEntrySizes,
  checkEntryType,
  decodeEntryName,
  defaultZipLimits,
  entryRefusal,
  shownName,
  zipRefusal,
  type ZipLimits,
} from './entry-rules';
import { formatByteSize } from '../../domain/format/byte-size';

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

const flagEncrypted = 0x0001;
const flagStrongEncryption = 0x0040;
const flagUtf8 = 0x0800;
const flagMaskedHeaders = 0x2000;
const centralFixed = 46;

/**
 * yauzl reads, Berkas judges. Names stay raw (decoded and judged in
 * entry-rules.ts), and yauzl's size validation is off because the stream
 * check below does it with the entry's name in the refusal (yauzl would also
 * call an encrypted stored entry a size mismatch before seeing it is encrypted).
 */
const yauzlOptions = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: true };

function openWithYauzl(reader: WindowedReader): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    fromRandomAccessReader(reader, reader.fileSize, yauzlOptions, (err, zipfile) => (err ? reject(err) : resolve(zipfile)));
  });
}

/** The central record as yauzl parsed it, judged; throws the first refusal. */
function judgeEntry(raw: Entry, archive: string, limits: ZipLimits): ZipEntry {
  const flags = raw.generalPurposeBitFlag;
  const rawName = Buffer.from(raw.fileNameRaw);
  const decodedName = decodeEntryName(rawName, (flags & flagUtf8) !== 0, archive);
  const name = checkEntryName(decodedName, archive);
  checkUnicodePathField(raw.extraFields, decodedName, name, archive, 'direktori pusat');
  const method = raw.compressionMethod;
  if ((flags & (flagEncrypted | flagStrongEncryption | flagMaskedHeaders)) !== 0 || method === 99) {
    throw zipRefusal('ZIP_ENCRYPTED', archive, `entri "${shownName(name)}" terenkripsi; paket serah terima harus dapat dibaca dan diperiksa.`, name);
  }
  if (method !== 0 && method !== 8) {
    throw zipRefusal('ZIP_UNSUPPORTED', archive, `entri "${shownName(name)}" memakai metode pemampatan ${method}; hanya stored (0) dan deflate (8) yang diterima.`, name);
  }
  checkEntryType(name, raw.versionMadeBy, raw.externalFileAttributes, archive);
  const entry: ZipEntry = {
    name,
    isDirectory: rawName[rawName.length - 1] === 0x2f,
    method,
    compressedSize: raw.compressedSize,
    uncompressedSize: raw.uncompressedSize,
    crc32: raw.crc32,
    rawName,
    flags,
    localHeaderOffset: raw.relativeOffsetOfLocalHeader,
    dataStart: 0,
  };
  checkEntrySizes(entry, limits, archive);
  return entry;
}

/** Every central record through yauzl, each judged as it comes; the records must fill the directory exactly. */
async function readEntries(zipfile: ZipFile, directory: CentralDirectory, archive: string, limits: ZipLimits): Promise<Map<ZipEntry, Entry>> {
  const entries = new Map<ZipEntry, Entry>();
  let total = 0;
  let recordBytes = 0;
  const records = zipfile.eachEntry();
  for (;;) {
    let next: IteratorResult<Entry>;
    try {
      next = await records.next();
    } catch (err) {
      throw yauzlRefusal(err, archive, `entri ke-${entries.size + 1} direktori pusat`);
    }
    if (next.done) break;
    const raw = next.value;
    const entry = judgeEntry(raw, archive, limits);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw entryRefusal('ZIP_TOO_LARGE', archive, `isi seluruhnya lebih dari batas ${formatByteSize(limits.maxTotalBytes)} (terlampaui pada entri "${shownName(entry.name)}").`, entry.name);
    }
    recordBytes += centralFixed + raw.fileNameLength + raw.extraFieldLength + raw.fileCommentLength;
    entries.set(entry, raw);
  }
  if (recordBytes !== directory.size) {
    throw zipRefusal('ZIP_CORRUPT', archive, `${directory.entryCount} entri direktori pusat berjumlah ${recordBytes} bita, bukan ${directory.size} bita yang dinyatakan.`);
  }
  return entries;
}

/**
 * The whole judgment before any data: the directory's place, every central
 * record, duplicates and twins, every local header. yauzl's own entry
 * objects are needed only here and are let go afterwards.
 */
async function readAndCheck(zipfile: ZipFile, reader: WindowedReader, archive: string, limits: ZipLimits): Promise<ZipEntry[]> {
  const comment: unknown = zipfile.comment;
  const directory = await readCentralDirectory(reader, Buffer.isBuffer(comment) ? comment.length : 0, archive, limits);
  const yauzlEntries = await readEntries(zipfile, directory, archive, limits);
  const entries = [...yauzlEntries.keys()];
  checkDuplicates(entries, archive);
  await checkLocalLayout(
    {
      localHeader: (entry) =>
        zipfile.readLocalFileHeaderPromise(yauzlEntries.get(entry) as Entry).catch((err: unknown) => {
          throw yauzlRefusal(err, archive, `entri "${shownName(entry.name)}"`, entry.name);
        }),
      readAt: (position, length) => reader.readAt(position, length),
    },
    entries,
    directory.offset,
    archive,
  );
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
        entryRefusal(
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
      done(entryRefusal('ZIP_SIZE_MISMATCH', archive, `entri "${shownName(entry.name)}" berisi ${this.produced} bita, bukan ${entry.uncompressedSize} bita yang dinyatakan.`, entry.name));
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
  return yauzlRefusal(err, archive, `entri "${shownName(entry.name)}"`, entry.name);
}

/** Opens a ZIP and checks its whole central directory and every local header; throws a ZIP_* BerkasError on the first refusal. */
export async function openZip(file: string, limits: Partial<ZipLimits> = {}): Promise<ZipArchive> {
  const archive = path.basename(file);
  let reader: WindowedReader;
  try {
    const handle = await fs.open(file, 'r');
    const size = await handle.stat().then(
      (stat) => stat.size,
      async (err: unknown) => {
        await handle.close().catch(() => undefined);
        throw err;
      },
    );
    reader = new WindowedReader(handle, size);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw zipRefusal('ZIP_CORRUPT', archive, `berkas tidak dapat dibuka${code ? ` (${code})` : ''}.`);
  }
  return openFrom(reader, file, limits);
}

/**
 * openZip for a ZIP held in memory: the same reader, rules, refusals and
 * messages as for a file, with `name` standing for the file name. The bytes
 * must not change while the archive is open (entries are read from them).
 */
export async function openZipBytes(bytes: Buffer, name: string, limits: Partial<ZipLimits> = {}): Promise<ZipArchive> {
  return openFrom(new WindowedReader(new BufferSource(bytes), bytes.length), name, limits);
}

async function openFrom(reader: WindowedReader, file: string, limits: Partial<ZipLimits>): Promise<ZipArchive> {
  const effective: ZipLimits = { ...defaultZipLimits, ...limits };
  const archive = path.basename(file);
  // The descriptor closes once yauzl has let go of it: after close() and the last entry stream.
  const closed = new Promise<void>((resolve) => {
    reader.once('close', resolve);
    reader.once('error', () => resolve());
  });

  let zipfile: ZipFile;
  try {
    zipfile = await openWithYauzl(reader);
  } catch (err) {
    await reader.closeNow();
    throw yauzlRefusal(err, archive);
  }
  // Entry errors come through eachEntry's promises; this only keeps a late one (closing the file) from throwing.
  zipfile.on('error', () => undefined);

  /** Entry streams handed out and not yet closed: close() stops them. */
  const opened = new Set<EntryCheck>();
  try {
    const entries = await readAndCheck(zipfile, reader, archive, effective);
    const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);

    const openEntry = async (entry: ZipEntry, signal?: AbortSignal): Promise<Readable> => {
      if (entry.isDirectory) throw zipRefusal('ZIP_CORRUPT', archive, `"${shownName(entry.name)}" adalah folder, bukan berkas.`, entry.name);
      if (!zipfile.isOpen) throw zipRefusal('ZIP_CORRUPT', archive, `entri "${shownName(entry.name)}" dibuka setelah paket ditutup.`, entry.name);
      // Straight from the file, from the data start of the local header checked above (no second read of
      // it), not through yauzl's openReadStream: its pipeline (two more streams per entry, and an inflate
      // stream whose zlib state is never freed, as it replaces the stream's destroy) cost a quarter more
      // CPU on a package of 15,000 files (BENCHMARKS.md). The range is exact; EntryCheck judges the rest.
      const raw = reader.rangeStream(entry.dataStart, entry.dataStart + entry.compressedSize);
      const inflate = entry.method === 8 ? zlib.createInflateRaw() : null;
      const check = new EntryCheck(entry, archive);
      opened.add(check);
      // Wired by hand rather than with pipeline(): the reader must see our refusal, not zlib's or yauzl's
      // own error, and stopping the reader (or a refusal) must release the file at once.
      const fail = (err: unknown) => check.destroy(asRefusal(err, entry, archive));
      raw.on('error', fail);
      inflate?.on('error', fail);
      check.on('close', () => {
        opened.delete(check);
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
          throw entryRefusal('ZIP_TOO_LARGE', archive, `entri "${shownName(entry.name)}" ${formatByteSize(entry.uncompressedSize)}, lebih dari ${formatByteSize(maxBytes)} yang wajar untuknya.`, entry.name);
        }
        const chunks: Buffer[] = [];
        const stream = await openEntry(entry, signal);
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      },
      async close() {
        for (const check of opened) check.destroy();
        // Lets yauzl go of the reader; the descriptor closes once pending reads are done (FileHandle.close waits).
        zipfile.close();
        await closed;
      },
    };
  } catch (err) {
    zipfile.close();
    await closed;
    throw err;
  }
}
