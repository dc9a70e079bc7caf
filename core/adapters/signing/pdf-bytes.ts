/**
 * Byte-level facts about a PDF file that an incremental update needs and that
 * a parser which rebuilds the document would hide: where the last
 * cross-reference section is, of which kind, and what /Size it declared.
 */
import { BerkasError } from '../../domain/errors';

const latin1 = new TextDecoder('latin1');

export function asciiAt(bytes: Uint8Array, start: number, length: number): string {
  return latin1.decode(bytes.subarray(Math.max(0, start), Math.min(bytes.length, start + length)));
}

/** Index of the last occurrence of `needle` ending at or before `before`, or -1. */
export function lastIndexOf(bytes: Uint8Array, needle: string, before = bytes.length): number {
  const n = needle.length;
  outer: for (let i = Math.min(before, bytes.length) - n; i >= 0; i--) {
    for (let j = 0; j < n; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

export function indexOf(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i <= Math.min(to, bytes.length) - n; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < n; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * Refuses what is not a PDF before any parser sees it. A ZIP (a Berkas
 * package named .pdf by mistake) may hold a stored PDF whose "%PDF-" falls in
 * the first kilobyte; it is named for what it is, not reported as a PDF cut
 * short: its first bytes are a ZIP signature, or its last ones the end of a
 * ZIP's central directory where a PDF has its %%EOF.
 */
export function assertLooksLikePdf(bytes: Uint8Array, fileName: string): void {
  const zip = () => new BerkasError('NOT_PDF', `Berkas ${fileName} bukan PDF: isinya arsip ZIP (mungkin paket Berkas); periksa paket dengan "berkas verify PAKET.zip".`, { file: fileName });
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes(((bytes[2] as number) << 8) | (bytes[3] as number))) throw zip();
  if (indexOf(bytes, '%PDF-', 0, 1024) < 0) {
    throw new BerkasError('NOT_PDF', `Berkas ${fileName} bukan PDF: tanda "%PDF-" tidak ada di awal berkas.`, { file: fileName });
  }
  if (lastIndexOf(bytes, '%%EOF') < Math.max(0, bytes.length - 1024)) {
    // The end record of a ZIP sits in its last 64 KiB (22 bytes and a comment of at most 65,535).
    if (indexOf(bytes, 'PK\x05\x06', Math.max(0, bytes.length - 22 - 0xffff)) >= 0) throw zip();
    throw new BerkasError('PDF_TRUNCATED', `Berkas ${fileName} terpotong: penanda akhir PDF (%%EOF) tidak ditemukan di akhir berkas.`, { file: fileName });
  }
}

export interface LastXref {
  /** Byte offset the final `startxref` points to. */
  offset: number;
  kind: 'table' | 'stream';
  /** /Size of the last trailer (or cross-reference stream). */
  size: number;
  /** The trailer names an /Encrypt dictionary. */
  isEncrypted: boolean;
}

export function readLastXref(bytes: Uint8Array, fileName: string): LastXref {
  const broken = (why: string) =>
    new BerkasError('PDF_STRUCTURE', `Struktur PDF ${fileName} rusak (${why}); simpan ulang PDF dengan aplikasi pembuatnya lalu coba lagi.`, { file: fileName });
  const at = lastIndexOf(bytes, 'startxref');
  if (at < 0) throw broken('startxref tidak ada');
  const m = /^startxref\s+(\d+)/.exec(asciiAt(bytes, at, 40));
  if (!m) throw broken('nilai startxref tidak terbaca');
  const offset = Number(m[1]);
  if (offset <= 0 || offset >= bytes.length) throw broken('startxref di luar berkas');
  const head = asciiAt(bytes, offset, 64);
  if (head.startsWith('xref')) {
    const trailerAt = indexOf(bytes, 'trailer', offset);
    if (trailerAt < 0 || trailerAt > at) throw broken('trailer tidak ada');
    const trailer = asciiAt(bytes, trailerAt, at - trailerAt);
    const size = /\/Size\s+(\d+)/.exec(trailer);
    if (!size) throw broken('trailer tanpa /Size');
    return { offset, kind: 'table', size: Number(size[1]), isEncrypted: /\/Encrypt[\s/<\d]/.test(trailer) };
  }
  if (/^\d+\s+\d+\s+obj/.test(head)) {
    const streamAt = indexOf(bytes, 'stream', offset);
    const dict = asciiAt(bytes, offset, (streamAt < 0 ? offset + 4096 : streamAt) - offset);
    if (!/\/Type\s*\/XRef/.test(dict)) throw broken('startxref tidak menunjuk tabel referensi');
    const size = /\/Size\s+(\d+)/.exec(dict);
    if (!size) throw broken('aliran referensi tanpa /Size');
    return { offset, kind: 'stream', size: Number(size[1]), isEncrypted: /\/Encrypt[\s/<\d]/.test(dict) };
  }
  throw broken('startxref tidak menunjuk tabel referensi');
}

/**
 * Length of the revision that holds no signature yet: the file up to and
 * including the "%%EOF" that precedes `firstSignatureOffset` (where the first
 * signature's revision begins; pass the file length when there is none).
 * Line ends after the marker are left out, since an update may add one. Its
 * SHA-256 is the "unsigned content" the QR code names, the same before and
 * after every later signature; a file as Berkas renders it ends right at its
 * %%EOF, so for those it is the hash of the whole unsigned file.
 */
export function unsignedRevisionLength(bytes: Uint8Array, firstSignatureOffset: number): number {
  const eof = lastIndexOf(bytes, '%%EOF', firstSignatureOffset);
  return eof < 0 ? firstSignatureOffset : eof + 5;
}
