/**
 * A small ZIP built in memory in one synchronous pass: each entry deflated
 * with deflateRawSync and its CRC-32 taken with zlib.crc32, sizes known up
 * front (no data descriptors), UTF-8 names (flag bit 11), Unix modes. For a
 * small submission's scratch bag (bag-writer.ts), where yazl's streams cost a
 * thread-pool round trip per deflated entry and a dozen stream stages per
 * file (issue 16). Only for archives far below the ZIP64 limits.
 */
import zlib from 'node:zlib';

export interface SmallZipEntry {
  /** The full name inside the archive, '/'-separated. */
  name: string;
  bytes: Uint8Array;
  isCompressed: boolean;
}

/** Archives up to this size only: offsets and sizes stay far below the 4 GiB of a plain ZIP. */
export const smallZipMaxBytes = 64 * 1024 * 1024;

const utf8Flag = 0x0800;
const versionNeeded = 20;
// Unix (3) in the high byte, ZIP 2.0 in the low one.
const versionMadeBy = (3 << 8) | 20;
const fileMode = 0o100644;

/** Whether this Node can build one (zlib.crc32 arrived in Node 20.15 and 22.2). */
export function canBuildSmallZip(): boolean {
  return typeof zlib.crc32 === 'function';
}

/** MS-DOS date and time, in local time as the ZIP format and yazl have it (2-second resolution). */
function dosDateTime(d: Date): { date: number; time: number } {
  const date = (d.getDate() & 0x1f) | (((d.getMonth() + 1) & 0xf) << 5) | (((d.getFullYear() - 1980) & 0x7f) << 9);
  const time = Math.floor(d.getSeconds() / 2) | ((d.getMinutes() & 0x3f) << 5) | ((d.getHours() & 0x1f) << 11);
  return { date, time };
}

export function buildSmallZip(entries: readonly SmallZipEntry[], mtime: Date): Buffer {
  if (entries.length > 0xffff) throw new RangeError(`small ZIP of ${entries.length} entries exceeds 65535`);
  const { date, time } = dosDateTime(mtime);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength);
    const data = entry.isCompressed ? zlib.deflateRawSync(raw, { level: 6 }) : raw;
    const crc = zlib.crc32(raw) >>> 0;
    const method = entry.isCompressed ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(versionNeeded, 4);
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(versionMadeBy, 4);
    record.writeUInt16LE(versionNeeded, 6);
    record.writeUInt16LE(utf8Flag, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(raw.length, 24);
    record.writeUInt16LE(name.length, 28);
    // Extra field, comment, disk number and internal attributes: none.
    record.writeUInt32LE((fileMode << 16) >>> 0, 38);
    record.writeUInt32LE(offset, 42);

    parts.push(local, name, data);
    central.push(record, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  if (offset + centralSize > smallZipMaxBytes) throw new RangeError(`small ZIP of ${offset + centralSize} bytes exceeds ${smallZipMaxBytes}`);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
