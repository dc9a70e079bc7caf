/**
 * The local side of a ZIP, checked against the central directory before one
 * byte of data is inflated. yauzl reads each local header where the central
 * record says it is and trusts the central record for everything else, as
 * the format intends; but two readers of one archive must see one content:
 * a tool that walks local headers (a streaming unzipper, a virus scanner)
 * would find an entry hidden in a gap that the central directory skips, and
 * a tool that trusts local sizes would read other bytes than one that trusts
 * the central ones. So the entries, ordered by offset, must tile the file
 * from byte 0 to the central directory exactly (header, data, and a data
 * descriptor where flag bit 3 announces one), and each local header yauzl
 * reads must agree with its central record: name, flags, method, CRC-32 and
 * sizes.
 */
import { parseExtraFields, type ExtraField, type LocalFileHeader } from 'yauzl';
import { entryRefusal, shownName, zipRefusal } from './entry-rules';

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

/** The two reads the check needs: yauzl's local header of an entry, and raw bytes (data descriptors). */
export interface LocalSource<E extends LocalEntry> {
  localHeader(entry: E): Promise<LocalFileHeader>;
  readAt(position: number, length: number): Promise<Buffer>;
}

const sigDescriptor = 0x08074b50;
const flagDescriptor = 0x0008;
const extraZip64 = 0x0001;
const extraUnicodePath = 0x7075;

/** The extra fields of a header, refused when one runs past the end of the block. */
export function extraFieldsOf(raw: Buffer, name: string, archive: string, where: string): ExtraField[] {
  try {
    return parseExtraFields(raw);
  } catch {
    throw zipRefusal('ZIP_CORRUPT', archive, `bidang tambahan ${where} entri "${shownName(name)}" terpotong.`, name);
  }
}

/**
 * The Info-ZIP Unicode Path field (0x7075) names the entry for tools that
 * read it (unzip, 7-Zip, and yauzl when it decodes names) while others read
 * the header's own name: two names, two contents. Refused unless it says
 * what the header says, whatever its CRC of the old name claims.
 */
export function checkUnicodePathField(fields: readonly ExtraField[], decodedName: string, name: string, archive: string, where: string): void {
  for (const field of fields) {
    if (field.id !== extraUnicodePath || field.data.length < 5) continue;
    const unicode = field.data.subarray(5).toString('utf8');
    if (unicode !== decodedName) {
      throw entryRefusal(
        'ZIP_HEADER_MISMATCH',
        archive,
        `entri "${shownName(name)}" membawa nama Unicode lain ("${shownName(unicode)}") di ${where}; alat lain akan membongkarnya dengan nama itu.`,
        name,
      );
    }
  }
}

/** The sizes a local ZIP64 field gives, where the fixed header says 0xFFFFFFFF (APPNOTE 4.5.3: both, uncompressed first). */
function localSizes(header: LocalFileHeader, fields: readonly ExtraField[]): { compressed: number; uncompressed: number } {
  if (header.compressedSize !== 0xffffffff && header.uncompressedSize !== 0xffffffff) {
    return { compressed: header.compressedSize, uncompressed: header.uncompressedSize };
  }
  const zip64 = fields.find((f) => f.id === extraZip64 && f.data.length >= 16);
  if (!zip64) return { compressed: header.compressedSize, uncompressed: header.uncompressedSize };
  return { uncompressed: Number(zip64.data.readBigUInt64LE(0)), compressed: Number(zip64.data.readBigUInt64LE(8)) };
}

/** Refuses a local header that tells another story than the central record, and returns where the data starts. */
function checkAgreement(entry: LocalEntry, header: LocalFileHeader, archive: string): number {
  const fields = extraFieldsOf(header.extraField, entry.name, archive, 'header lokal');
  const sizes = localSizes(header, fields);
  const flags = header.generalPurposeBitFlag;
  // With a data descriptor the local values may be zeros (they were unknown when the header was written).
  const hasDescriptor = (flags & flagDescriptor) !== 0;
  const agrees = (local: number, central: number) => local === central || (hasDescriptor && local === 0);
  const isSame =
    header.fileName.equals(entry.rawName) &&
    flags === entry.flags &&
    header.compressionMethod === entry.method &&
    agrees(header.crc32 >>> 0, entry.crc32 >>> 0) &&
    agrees(sizes.compressed, entry.compressedSize) &&
    agrees(sizes.uncompressed, entry.uncompressedSize);
  if (!isSame) refuseDisagreement(entry, header, sizes, agrees, archive);
  if (fields.length > 0) checkUnicodePathField(fields, entry.isDirectory ? `${entry.name}/` : entry.name, entry.name, archive, 'header lokal');
  return header.fileDataStart;
}

/** The refusal that lists everything a local header says otherwise than its central record. */
function refuseDisagreement(
  entry: LocalEntry,
  header: LocalFileHeader,
  sizes: { compressed: number; uncompressed: number },
  agrees: (local: number, central: number) => boolean,
  archive: string,
): never {
  const flags = header.generalPurposeBitFlag;
  const disagreements = [
    ...(!header.fileName.equals(entry.rawName) ? [`nama "${shownName(header.fileName.toString('utf8'))}"`] : []),
    ...(flags !== entry.flags ? [`flag 0x${flags.toString(16)} (pusat 0x${entry.flags.toString(16)})`] : []),
    ...(header.compressionMethod !== entry.method ? [`metode ${header.compressionMethod} (pusat ${entry.method})`] : []),
    ...(!agrees(header.crc32 >>> 0, entry.crc32 >>> 0) ? ['CRC-32'] : []),
    ...(!agrees(sizes.compressed, entry.compressedSize) ? [`ukuran terkompresi ${sizes.compressed} (pusat ${entry.compressedSize})`] : []),
    ...(!agrees(sizes.uncompressed, entry.uncompressedSize) ? [`ukuran asli ${sizes.uncompressed} (pusat ${entry.uncompressedSize})`] : []),
  ];
  throw entryRefusal(
    'ZIP_HEADER_MISMATCH',
    archive,
    `header lokal entri "${shownName(entry.name)}" tidak sama dengan direktori pusat: ${disagreements.join(', ')}; alat lain dapat membaca isi yang berbeda.`,
    entry.name,
  );
}

/** Checks the data descriptor that follows an entry's data, filling the room up to `next` exactly. */
async function checkDescriptor<E extends LocalEntry>(source: LocalSource<E>, entry: E, dataEnd: number, next: number, archive: string): Promise<void> {
  // 12 or 20 bytes (32- or 64-bit sizes), 4 more with the optional signature: the room left says which.
  const length = next - dataEnd;
  if (![12, 16, 20, 24].includes(length)) {
    const message = `sesudah data entri "${shownName(entry.name)}" ada ${length} bita, bukan deskriptor data (12–24 bita).`;
    throw length < 12 ? entryRefusal('ZIP_OVERLAP', archive, message, entry.name) : zipRefusal('ZIP_GAP', archive, message, entry.name);
  }
  const descriptor = Buffer.from(await source.readAt(dataEnd, length));
  const hasSignature = length === 16 || length === 24;
  if (hasSignature && descriptor.readUInt32LE(0) !== sigDescriptor) {
    throw zipRefusal('ZIP_GAP', archive, `sesudah data entri "${shownName(entry.name)}" ada ${length} bita yang bukan deskriptor data.`, entry.name);
  }
  const at = hasSignature ? 4 : 0;
  const isWide = length >= 20;
  const crc = descriptor.readUInt32LE(at);
  const compressed = isWide ? Number(descriptor.readBigUInt64LE(at + 4)) : descriptor.readUInt32LE(at + 4);
  const uncompressed = isWide ? Number(descriptor.readBigUInt64LE(at + 12)) : descriptor.readUInt32LE(at + 8);
  if (crc >>> 0 !== entry.crc32 >>> 0 || compressed !== entry.compressedSize || uncompressed !== entry.uncompressedSize) {
    throw entryRefusal('ZIP_HEADER_MISMATCH', archive, `deskriptor data entri "${shownName(entry.name)}" tidak sama dengan direktori pusat (CRC-32 atau ukuran).`, entry.name);
  }
}

/**
 * Checks that the entries tile the file up to the central directory and that
 * every local header agrees with its central record; sets each dataStart.
 * Throws ZIP_GAP, ZIP_OVERLAP, ZIP_HEADER_MISMATCH or ZIP_CORRUPT.
 */
export async function checkLocalLayout<E extends LocalEntry>(source: LocalSource<E>, entries: readonly E[], cdOffset: number, archive: string): Promise<void> {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (let i = 0; i < byOffset.length; i++) {
    const entry = byOffset[i] as E;
    const next = byOffset[i + 1]?.localHeaderOffset ?? cdOffset;
    if (entry.localHeaderOffset > expected) {
      const where = i === 0 ? 'di awal berkas, sebelum entri pertama' : `sebelum entri "${shownName(entry.name)}"`;
      throw zipRefusal('ZIP_GAP', archive, `${entry.localHeaderOffset - expected} bita tak tercatat di direktori pusat ${where} (posisi ${expected}); di sana dapat tersembunyi entri yang hanya dilihat alat lain.`, entry.name);
    }
    if (entry.localHeaderOffset < expected) {
      throw entryRefusal('ZIP_OVERLAP', archive, `entri "${shownName(entry.name)}" bertumpang tindih dengan entri sebelumnya (mulai di posisi ${entry.localHeaderOffset}, entri sebelumnya berakhir di ${expected}).`, entry.name);
    }
    entry.dataStart = checkAgreement(entry, await source.localHeader(entry), archive);
    const dataEnd = entry.dataStart + entry.compressedSize;
    if (dataEnd > next) {
      throw entryRefusal('ZIP_OVERLAP', archive, `data entri "${shownName(entry.name)}" bertumpang tindih dengan entri berikutnya atau direktori pusat.`, entry.name);
    }
    expected = dataEnd;
    if ((entry.flags & flagDescriptor) !== 0) {
      await checkDescriptor(source, entry, dataEnd, next, archive);
      expected = next;
    }
  }
  if (expected < cdOffset) {
    throw zipRefusal('ZIP_GAP', archive, `${cdOffset - expected} bita tak tercatat di antara entri terakhir dan direktori pusat (posisi ${expected}); di sana dapat tersembunyi entri yang hanya dilihat alat lain.`);
  }
}
