/**
 * What a file really is, from its first bytes, whatever its name says: officers
 * rename files, and an encrypted workbook or an old .xls arrives named .xlsx.
 */
import { BerkasError } from '../../domain/errors';

export type Sniffed = 'zip' | 'ole' | 'text';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
/** Compound File Binary (OLE2): legacy .xls, and every password-protected Office file. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** UTF-16LE bytes of a name, to find a stream name in an OLE directory. */
function containsUtf16(bytes: Uint8Array, name: string): boolean {
  const pattern = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern);
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return 'zip';
  if (startsWith(bytes, OLE)) return 'ole';
  return 'text';
}

/** Names the exact case when the directory says so; falls back to the combined message. */
export function describeOle(fileName: string, bytes: Uint8Array): BerkasError {
  const where = 'tidak ada baris atau kolom yang dapat dibaca';
  if (containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage')) {
    return new BerkasError(
      'XLSX_ENCRYPTED',
      `Berkas ${fileName} tidak dapat dibaca (${where}): buku kerja terenkripsi (dilindungi kata sandi). Buka di Excel, hapus kata sandi (File > Info > Protect Workbook), simpan sebagai .xlsx, lalu impor lagi.`,
      { file: fileName, kind: 'encrypted' },
    );
  }
  if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')) {
    return new BerkasError(
      'XLSX_ENCRYPTED',
      `Berkas ${fileName} tidak dapat dibaca (${where}): format .xls lama (Excel 97–2003). Buka di Excel dan simpan sebagai .xlsx, lalu impor lagi.`,
      { file: fileName, kind: 'xls' },
    );
  }
  return new BerkasError(
    'XLSX_ENCRYPTED',
    `Berkas ${fileName} tidak dapat dibaca (${where}): berkas terenkripsi (dilindungi kata sandi) atau format .xls lama. Simpan ulang sebagai .xlsx tanpa kata sandi, lalu impor lagi.`,
    { file: fileName, kind: 'ole' },
  );
}
