/**
 * The local side of a ZIP, checked against the central directory before one
 * byte of data is inflated. Two readers of one archive must see one content:
 * a tool that walks local headers (a streaming unzipper, a virus scanner)
 * would find an entry hidden in a gap that the central directory skips, and
 * a tool that trusts local sizes would read other bytes than one that trusts
 * the central ones. So the entries, ordered by offset, must tile the file
 * from byte 0 to the central directory exactly (header, data, and a data
 * descriptor where flag bit 3 announces one), and each local header must
 * agree with its central record: name, flags, method, CRC-32 and sizes.
 */
import type { FileHandle } from 'node:fs/promises';
import { shownName, zipRefusal } from './entry-rules';

/** What the check needs of an entry, and what it fills in. */
export interface LocalEntry {
  name: string;
  rawName: Buffer;
  isDirectory: boolean;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's data starts: set here. */
  dataStart: number;
}

const sigLocal = 0x04034b50;
const sigDescriptor = 0x08074b50;
const localFixed = 30;
const flagDescriptor = 0x0008;
const extraZip64 = 0x0001;
const extraUnicodePath = 0x7075;
/** Read ahead for headers: small files' headers then come from one read, a large file costs one read. */
const windowBytes = 64 * 1024;

/** Sequential reads through one window of the file, for headers that mostly lie close together. */
class WindowReader {
  private start = 0;
  private window = Buffer.alloc(0);

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
  ) {}

  /** Up to `length` bytes at `position` (fewer only at the end of the file). */
  async at(position: number, length: number): Promise<Buffer> {
    const end = position + length;
    if (position < this.start || end > this.start + this.window.length) {
      const size = Math.max(0, Math.min(Math.max(windowBytes, length), this.fileSize - position));
      const buf = Buffer.allocUnsafe(size);
      let done = 0;
      while (done < size) {
        const { bytesRead } = await this.handle.read(buf, done, size - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      this.start = position;
      this.window = buf.subarray(0, done);
    }
    return this.window.subarray(position - this.start, Math.min(end, this.start + this.window.length) - this.start);
  }
}

/**
 * The Info-ZIP Unicode Path field (0x7075) names the entry for tools that
 * read it (unzip, 7-Zip) while others read the header's own name: two names,
 * two contents. Refused unless it says what the header says.
 */
export function checkUnicodePathField(extra: Buffer, decodedName: string, name: string, archive: string, where: string): void {
  for (let e = 0; e + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(e);
    const size = extra.readUInt16LE(e + 2);
    if (e + 4 + size > extra.length) throw zipRefusal('ZIP_CORRUPT', archive, `bidang tambahan ${where} entri "${shownName(name)}" terpotong.`, name);
    if (id === extraUnicodePath && size >= 5) {
      const unicode = extra.subarray(e + 9, e + 4 + size).toString('utf8');
      if (unicode !== decodedName) {
        throw zipRefusal(
          'ZIP_HEADER_MISMATCH',
          archive,
          `entri "${shownName(name)}" membawa nama Unicode lain ("${shownName(unicode)}") di ${where}; alat lain akan membongkarnya dengan nama itu.`,
          name,
        );
      }
    }
    e += 4 + size;
  }
}

/** The sizes a local ZIP64 field gives, where the fixed header says 0xFFFFFFFF (APPNOTE 4.5.3: both, uncompressed first). */
function localSizes(header: Buffer, extra: Buffer): { compressed: number; uncompressed: number } {
  let compressed = header.readUInt32LE(18);
  let uncompressed = header.readUInt32LE(22);
  if (compressed !== 0xffffffff && uncompressed !== 0xffffffff) return { compressed, uncompressed };
  for (let e = 0; e + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(e);
    const size = extra.readUInt16LE(e + 2);
    if (id === extraZip64 && size >= 16 && e + 20 <= extra.length) {
      uncompressed = Number(extra.readBigUInt64LE(e + 4));
      compressed = Number(extra.readBigUInt64LE(e + 12));
      break;
    }
    e += 4 + size;
  }
  return { compressed, uncompressed };
}

/**
 * Checks that the entries tile the file up to the central directory and that
 * every local header agrees with its central record; sets each dataStart.
 * Throws ZIP_GAP, ZIP_OVERLAP, ZIP_HEADER_MISMATCH or ZIP_CORRUPT.
 */
export async function checkLocalLayout(handle: FileHandle, fileSize: number, entries: readonly LocalEntry[], cdOffset: number, archive: string): Promise<void> {
  const reader = new WindowReader(handle, fileSize);
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (let i = 0; i < byOffset.length; i++) {
    const entry = byOffset[i] as LocalEntry;
    const shown = shownName(entry.name);
    const next = byOffset[i + 1]?.localHeaderOffset ?? cdOffset;
    if (entry.localHeaderOffset > expected) {
      const where = i === 0 ? 'di awal berkas, sebelum entri pertama' : `sebelum entri "${shown}"`;
      throw zipRefusal('ZIP_GAP', archive, `${entry.localHeaderOffset - expected} bita tak tercatat di direktori pusat ${where} (posisi ${expected}); di sana dapat tersembunyi entri yang hanya dilihat alat lain.`, entry.name);
    }
    if (entry.localHeaderOffset < expected) {
      throw zipRefusal('ZIP_OVERLAP', archive, `entri "${shown}" bertumpang tindih dengan entri sebelumnya (mulai di posisi ${entry.localHeaderOffset}, entri sebelumnya berakhir di ${expected}).`, entry.name);
    }
    const header = await reader.at(entry.localHeaderOffset, localFixed);
    if (header.length < localFixed || header.readUInt32LE(0) !== sigLocal) {
      throw zipRefusal('ZIP_CORRUPT', archive, `header lokal entri "${shown}" tidak ditemukan di posisi ${entry.localHeaderOffset}.`, entry.name);
    }
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const crc = header.readUInt32LE(14);
    const tail = Buffer.from(await reader.at(entry.localHeaderOffset + localFixed, nameLength + extraLength));
    const localName = tail.subarray(0, nameLength);
    const extra = tail.subarray(nameLength);
    const sizes = localSizes(header, extra);
    const hasDescriptor = (flags & flagDescriptor) !== 0;
    // With a data descriptor the local values may be zeros (they were unknown when the header was written).
    const agrees = (local: number, central: number) => local === central || (hasDescriptor && local === 0);
    const disagreements = [
      ...(!localName.equals(entry.rawName) ? [`nama "${shownName(localName.toString('utf8'))}"`] : []),
      ...(flags !== entry.flags ? [`flag 0x${flags.toString(16)} (pusat 0x${entry.flags.toString(16)})`] : []),
      ...(method !== entry.method ? [`metode ${method} (pusat ${entry.method})`] : []),
      ...(!agrees(crc >>> 0, entry.crc32 >>> 0) ? ['CRC-32'] : []),
      ...(!agrees(sizes.compressed, entry.compressedSize) ? [`ukuran terkompresi ${sizes.compressed} (pusat ${entry.compressedSize})`] : []),
      ...(!agrees(sizes.uncompressed, entry.uncompressedSize) ? [`ukuran asli ${sizes.uncompressed} (pusat ${entry.uncompressedSize})`] : []),
    ];
    if (disagreements.length > 0) {
      throw zipRefusal('ZIP_HEADER_MISMATCH', archive, `header lokal entri "${shown}" tidak sama dengan direktori pusat: ${disagreements.join(', ')}; alat lain dapat membaca isi yang berbeda.`, entry.name);
    }
    checkUnicodePathField(extra, entry.isDirectory ? `${entry.name}/` : entry.name, entry.name, archive, 'header lokal');

    entry.dataStart = entry.localHeaderOffset + localFixed + nameLength + extraLength;
    const dataEnd = entry.dataStart + entry.compressedSize;
    if (dataEnd > next) {
      throw zipRefusal('ZIP_OVERLAP', archive, `data entri "${shown}" bertumpang tindih dengan entri berikutnya atau direktori pusat.`, entry.name);
    }
    expected = dataEnd;
    if (hasDescriptor) {
      // 12 or 20 bytes (32- or 64-bit sizes), 4 more with the optional signature: the room left says which.
      const length = next - dataEnd;
      if (![12, 16, 20, 24].includes(length)) {
        throw zipRefusal(length < 12 ? 'ZIP_OVERLAP' : 'ZIP_GAP', archive, `sesudah data entri "${shown}" ada ${length} bita, bukan deskriptor data (12–24 bita).`, entry.name);
      }
      const descriptor = Buffer.from(await reader.at(dataEnd, length));
      const hasSignature = length === 16 || length === 24;
      if (hasSignature && descriptor.readUInt32LE(0) !== sigDescriptor) {
        throw zipRefusal('ZIP_GAP', archive, `sesudah data entri "${shown}" ada ${length} bita yang bukan deskriptor data.`, entry.name);
      }
      const at = hasSignature ? 4 : 0;
      const isWide = length >= 20;
      const dCrc = descriptor.readUInt32LE(at);
      const dCompressed = isWide ? Number(descriptor.readBigUInt64LE(at + 4)) : descriptor.readUInt32LE(at + 4);
      const dUncompressed = isWide ? Number(descriptor.readBigUInt64LE(at + 12)) : descriptor.readUInt32LE(at + 8);
      if (dCrc >>> 0 !== entry.crc32 >>> 0 || dCompressed !== entry.compressedSize || dUncompressed !== entry.uncompressedSize) {
        throw zipRefusal('ZIP_HEADER_MISMATCH', archive, `deskriptor data entri "${shown}" tidak sama dengan direktori pusat (CRC-32 atau ukuran).`, entry.name);
      }
      expected = next;
    }
  }
  if (expected < cdOffset) {
    throw zipRefusal('ZIP_GAP', archive, `${cdOffset - expected} bita tak tercatat di antara entri terakhir dan direktori pusat (posisi ${expected}); di sana dapat tersembunyi entri yang hanya dilihat alat lain.`);
  }
}
