import { crc32 } from 'node:zlib';
import type { SqlStatement, SqlValue } from '../ports';
import { BerkasError } from '../domain/errors';

/**
 * The on-disk format of berkas.journal (see sqljs-database.ts for why there is
 * a journal at all). Pure encoding and decoding, no I/O, so the crash test and
 * the unit tests can read a journal the same way the store does.
 *
 *   header  (36 bytes): "BRKSJRN1" | database id (16 bytes) | generation (u64 LE) | crc32 of the 32 bytes before
 *   record  (8 + n)   : payload length n (u32 LE) | crc32 of (length bytes + payload) (u32 LE) | payload
 *   payload           : UTF-8 JSON {"v":1,"s":[{"q": sql, "p": [value, ...]}]}, one write() call;
 *                       a Uint8Array value is {"b": base64}; "p" absent when the caller passed no params
 *                       (sql.js runs a parameterless string as a script, with params only its first statement).
 */

export const JOURNAL_MAGIC = Buffer.from('BRKSJRN1', 'latin1');
export const JOURNAL_HEADER_LEN = 36;
export const RECORD_PREFIX_LEN = 8;
/** Far above any real save; a larger length field can only be damage. */
const MAX_RECORD_LEN = 1024 * 1024 * 1024;

export interface JournalHeader {
  /** Hex of the 16-byte id that ties a journal to one database (berkas_meta.database_id). */
  databaseId: string;
  generation: number;
}

export function encodeHeader(header: JournalHeader): Buffer {
  const buf = Buffer.alloc(JOURNAL_HEADER_LEN);
  JOURNAL_MAGIC.copy(buf, 0);
  Buffer.from(header.databaseId, 'hex').copy(buf, 8, 0, 16);
  buf.writeBigUInt64LE(BigInt(header.generation), 24);
  buf.writeUInt32LE(crc32(buf.subarray(0, 32)), 32);
  return buf;
}

export function decodeHeader(buf: Uint8Array): JournalHeader | null {
  if (buf.length < JOURNAL_HEADER_LEN) return null;
  const b = Buffer.from(buf.buffer, buf.byteOffset, JOURNAL_HEADER_LEN);
  if (!b.subarray(0, 8).equals(JOURNAL_MAGIC)) return null;
  if (b.readUInt32LE(32) !== crc32(b.subarray(0, 32))) return null;
  const generation = b.readBigUInt64LE(24);
  if (generation > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { databaseId: b.subarray(8, 24).toString('hex'), generation: Number(generation) };
}

type EncodedValue = string | number | null | { b: string };
interface EncodedStatement {
  q: string;
  p?: EncodedValue[];
}

/**
 * Checks statements from a caller and copies them, so bytes the caller mutates
 * after write() returns cannot make memory and journal disagree.
 * Non-finite numbers are refused: JSON cannot carry them, and sql.js binds
 * Infinity differently from the null that would come back on replay.
 */
export function normalizeStatements(statements: unknown): SqlStatement[] {
  if (!Array.isArray(statements)) {
    throw new BerkasError('DB_BAD_STATEMENT', 'Perubahan basis data tidak sah: daftar pernyataan harus berupa larik.');
  }
  return statements.map((raw: unknown, i) => {
    const s = raw as Partial<SqlStatement> | null;
    if (!s || typeof s !== 'object' || typeof s.sql !== 'string' || s.sql.trim() === '') {
      throw new BerkasError('DB_BAD_STATEMENT', `Perubahan basis data tidak sah: pernyataan ke-${i + 1} tidak memuat teks SQL.`, { statement: i });
    }
    if (s.params === undefined) return { sql: s.sql };
    if (!Array.isArray(s.params)) {
      throw new BerkasError('DB_BAD_STATEMENT', `Perubahan basis data tidak sah: parameter pernyataan ke-${i + 1} harus berupa larik.`, { statement: i });
    }
    const params = s.params.map((v: unknown, j): SqlValue => {
      if (v === null || typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (v instanceof Uint8Array) return new Uint8Array(v);
      throw new BerkasError(
        'DB_BAD_STATEMENT',
        `Perubahan basis data tidak sah: parameter ke-${j + 1} pada pernyataan ke-${i + 1} bernilai ${typeof v === 'number' ? String(v) : typeof v}; yang diterima hanya teks, angka terhingga, null, atau bait (Uint8Array).`,
        { statement: i, param: j },
      );
    });
    return { sql: s.sql, params };
  });
}

export function encodePayload(statements: SqlStatement[]): Buffer {
  const s: EncodedStatement[] = statements.map((st) => {
    if (st.params === undefined) return { q: st.sql };
    return { q: st.sql, p: st.params.map((v) => (v instanceof Uint8Array ? { b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') } : v)) };
  });
  return Buffer.from(JSON.stringify({ v: 1, s }), 'utf8');
}

/** Throws a plain Error when the payload is not what encodePayload writes. */
export function decodePayload(payload: Uint8Array): SqlStatement[] {
  const parsed = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as unknown;
  const root = parsed as { v?: unknown; s?: unknown } | null;
  if (!root || root.v !== 1 || !Array.isArray(root.s)) throw new Error('payload jurnal tidak dikenal');
  return root.s.map((raw: unknown): SqlStatement => {
    const st = raw as { q?: unknown; p?: unknown } | null;
    if (!st || typeof st.q !== 'string') throw new Error('pernyataan jurnal tanpa SQL');
    if (st.p === undefined) return { sql: st.q };
    if (!Array.isArray(st.p)) throw new Error('parameter jurnal bukan larik');
    const params = st.p.map((v: unknown): SqlValue => {
      if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
      const tagged = v as { b?: unknown } | null;
      if (tagged && typeof tagged === 'object' && typeof tagged.b === 'string') return new Uint8Array(Buffer.from(tagged.b, 'base64'));
      throw new Error('nilai parameter jurnal tidak dikenal');
    });
    return { sql: st.q, params };
  });
}

export function encodeRecord(payload: Uint8Array): Buffer {
  const buf = Buffer.allocUnsafe(RECORD_PREFIX_LEN + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.set(payload, RECORD_PREFIX_LEN);
  buf.writeUInt32LE(crc32(payload, crc32(buf.subarray(0, 4))), 4);
  return buf;
}

export interface JournalRecord {
  /** Byte offset of the record's length field. */
  start: number;
  end: number;
  payload: Buffer;
}

export interface JournalScan {
  /** Null when the first 36 bytes are not a header (torn or overwritten); records are still scanned after them. */
  header: JournalHeader | null;
  records: JournalRecord[];
  /** End of the last intact record: where the next append belongs. */
  validEnd: number;
  /**
   * clean: every byte belongs to an intact record. torn: the last record is
   * incomplete (a kill or power loss mid-append; that write was never
   * acknowledged). damaged: an intact-looking record follows a bad one, so
   * the bytes were changed after they were written.
   */
  tail: 'clean' | 'torn' | 'damaged';
}

function isAllZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Records are read from where the header ends even when the header does not
 * decode: a journal whose header is torn but which holds checksummed records
 * after it may be the only copy of acknowledged writes, while one without any
 * is what a kill during a non-atomic creation leaves, with nothing to lose.
 */
export function scanJournal(bytes: Uint8Array): JournalScan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = decodeHeader(buf);
  if (buf.length < JOURNAL_HEADER_LEN) return { header: null, records: [], validEnd: 0, tail: buf.length === 0 ? 'clean' : 'torn' };
  const records: JournalRecord[] = [];
  let pos = JOURNAL_HEADER_LEN;
  let tail: JournalScan['tail'] = 'clean';
  while (pos < buf.length) {
    // Filesystems that lose power can leave a zero-filled extension: that is a torn tail, not damage.
    if (buf.length - pos < RECORD_PREFIX_LEN || isAllZero(buf, pos)) {
      tail = 'torn';
      break;
    }
    const len = buf.readUInt32LE(pos);
    const end = pos + RECORD_PREFIX_LEN + len;
    if (len === 0 || len > MAX_RECORD_LEN) {
      tail = 'damaged';
      break;
    }
    if (end > buf.length) {
      tail = 'torn';
      break;
    }
    const payload = buf.subarray(pos + RECORD_PREFIX_LEN, end);
    if (buf.readUInt32LE(pos + 4) !== crc32(payload, crc32(buf.subarray(pos, pos + 4)))) {
      tail = end === buf.length ? 'torn' : 'damaged';
      break;
    }
    records.push({ start: pos, end, payload });
    pos = end;
  }
  return { header, records, validEnd: pos, tail };
}

const PAYLOAD_LEAD = Buffer.from('{"v":1,"s":[', 'utf8');

/**
 * Whether any checksummed record sits anywhere after the header's place, even
 * past damage that stops scanJournal: the question to ask before replacing a
 * journal whose header does not decode. A candidate must start like every
 * payload encodePayload writes before its checksum is computed, which keeps
 * the search linear on random bytes.
 */
export function containsIntactRecord(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lead = PAYLOAD_LEAD.length;
  for (let pos = JOURNAL_HEADER_LEN; pos + RECORD_PREFIX_LEN + lead <= buf.length; pos++) {
    if (buf[pos + RECORD_PREFIX_LEN] !== 0x7b) continue;
    const len = buf.readUInt32LE(pos);
    const end = pos + RECORD_PREFIX_LEN + len;
    if (len < lead || end > buf.length) continue;
    if (!buf.subarray(pos + RECORD_PREFIX_LEN, pos + RECORD_PREFIX_LEN + lead).equals(PAYLOAD_LEAD)) continue;
    if (buf.readUInt32LE(pos + 4) === crc32(buf.subarray(pos + RECORD_PREFIX_LEN, end), crc32(buf.subarray(pos, pos + 4)))) return true;
  }
  return false;
}
