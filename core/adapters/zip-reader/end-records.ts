/**
 * Where the central directory lies and what follows it. yauzl finds the end
 * of central directory record (and its ZIP64 twin) and reads the entries from
 * it, but keeps the directory's offset and size to itself; the checks that
 * every byte of the file belongs to a header, to data or to the directory
 * need both. So the end records yauzl accepted are read again here (their
 * place follows from the file size and the comment yauzl returns) and the
 * directory must run exactly up to them: bytes between would be an entry only
 * other tools see. Multi-disk fields yauzl does not look at are refused here.
 */
import { zipRefusal, type ZipLimits } from './entry-rules';
import type { WindowedReader } from './windowed-reader';

export interface CentralDirectory {
  entryCount: number;
  offset: number;
  size: number;
  /** Where the end records begin: the directory must end exactly here. */
  end: number;
}

const sigZip64Locator = 0x07064b50;
const sigZip64End = 0x06064b50;
const endSize = 22;
const locatorSize = 20;
const zip64EndSize = 56;
/** A central directory larger than this is not a handover package (200 000 entries with 120-byte names is ~33 MB). */
export const maxCentralDirectoryBytes = 64 * 1024 * 1024;

function readU64(buf: Buffer, at: number, archive: string): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw zipRefusal('ZIP_CORRUPT', archive, 'ukuran atau posisi ZIP64 di luar jangkauan.');
  return Number(value);
}

const multiDisk = (archive: string) => zipRefusal('ZIP_UNSUPPORTED', archive, 'ZIP terbagi ke beberapa disk tidak didukung.');

/**
 * The central directory's place, from the end records yauzl found (its
 * comment runs to the end of the file: yauzl refuses any other). Refuses a
 * directory that overruns its end records (ZIP_CORRUPT), leaves bytes before
 * them (ZIP_GAP), spans disks (ZIP_UNSUPPORTED), or breaks the entry count
 * and directory size limits (ZIP_TOO_MANY) before a single entry is read.
 */
export async function readCentralDirectory(reader: WindowedReader, commentLength: number, archive: string, limits: ZipLimits): Promise<CentralDirectory> {
  const endAt = reader.fileSize - endSize - commentLength;
  const end = await reader.readAt(endAt, endSize);
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0) throw multiDisk(archive);
  let entriesOnDisk = end.readUInt16LE(8);
  let entryCount = end.readUInt16LE(10);
  let size = end.readUInt32LE(12);
  let offset = end.readUInt32LE(16);
  let recordsStart = endAt;

  const locatorAt = endAt - locatorSize;
  const locator = locatorAt >= 0 ? await reader.readAt(locatorAt, locatorSize) : null;
  if (locator !== null && locator.readUInt32LE(0) === sigZip64Locator) {
    const zip64At = readU64(locator, 8, archive);
    if (zip64At + zip64EndSize > locatorAt) throw zipRefusal('ZIP_CORRUPT', archive, 'posisi akhir direktori pusat ZIP64 tidak sah.');
    const record = await reader.readAt(zip64At, zip64EndSize);
    if (record.readUInt32LE(0) !== sigZip64End) throw zipRefusal('ZIP_CORRUPT', archive, 'akhir direktori pusat ZIP64 rusak.');
    // The record's own size field (after its first 12 bytes) must bring it to the locator: nothing hides between.
    if (readU64(record, 4, archive) + 12 !== locatorAt - zip64At) {
      throw zipRefusal('ZIP_GAP', archive, 'ada bita tak tercatat di antara akhir direktori pusat ZIP64 dan penunjuknya.');
    }
    if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0) throw multiDisk(archive);
    entriesOnDisk = readU64(record, 24, archive);
    entryCount = readU64(record, 32, archive);
    size = readU64(record, 40, archive);
    offset = readU64(record, 48, archive);
    recordsStart = zip64At;
  }
  if (entriesOnDisk !== entryCount) throw multiDisk(archive);
  if (entryCount > limits.maxEntries) {
    throw zipRefusal('ZIP_TOO_MANY', archive, `berisi ${entryCount} entri, lebih dari batas ${limits.maxEntries}.`);
  }
  if (offset + size > recordsStart) {
    throw zipRefusal('ZIP_CORRUPT', archive, `direktori pusat terpotong (mengaku ${size} bita mulai posisi ${offset}, berkas berakhir lebih dulu).`);
  }
  if (offset + size < recordsStart) {
    throw zipRefusal('ZIP_GAP', archive, `${recordsStart - offset - size} bita tak tercatat di antara direktori pusat dan akhirnya.`);
  }
  if (size > maxCentralDirectoryBytes) {
    throw zipRefusal('ZIP_TOO_MANY', archive, `direktori pusat ${size} bita, lebih dari batas ${maxCentralDirectoryBytes}.`);
  }
  return { entryCount, offset, size, end: recordsStart };
}
