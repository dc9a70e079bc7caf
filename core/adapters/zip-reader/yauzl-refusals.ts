/**
 * yauzl's refusals, said as Berkas says them. yauzl reports a malformed
 * archive with an English Error whose message is its only distinguishing
 * mark; each known message becomes the reason code the rest of Berkas (tests,
 * logs, the server's receipts) relies on, with a message in Bahasa Indonesia
 * naming the package and, where known, the entry. The patterns follow yauzl
 * 3.4's messages: an upgrade that rewords one falls back to ZIP_CORRUPT (still
 * a refusal) and the hostile-ZIP tests name the fixture whose reason changed.
 */
import { isBerkasError, type BerkasError } from '../../domain/errors';
import { zipRefusal, type ZipArchiveRefusalCode } from './entry-rules';

const known: readonly { pattern: RegExp; code: ZipArchiveRefusalCode; reason: string }[] = [
  { pattern: /^End of central directory record signature not found/, code: 'ZIP_CORRUPT', reason: 'akhir direktori pusat tidak ditemukan: berkas terpotong atau bukan ZIP' },
  {
    pattern: /^Invalid comment length/,
    code: 'ZIP_CORRUPT',
    reason: 'ada bita sesudah akhir direktori pusat, atau komentarnya memuat tanda akhir direktori: isinya dapat dibaca dua cara',
  },
  { pattern: /^multi-disk zip files are not supported/, code: 'ZIP_UNSUPPORTED', reason: 'ZIP terbagi ke beberapa disk tidak didukung' },
  { pattern: /^invalid zip64 end of central directory record signature/, code: 'ZIP_CORRUPT', reason: 'akhir direktori pusat ZIP64 rusak' },
  { pattern: /^strong encryption is not supported/, code: 'ZIP_ENCRYPTED', reason: 'terenkripsi (strong encryption); paket serah terima harus dapat dibaca dan diperiksa' },
  { pattern: /^invalid central directory file header signature/, code: 'ZIP_CORRUPT', reason: 'direktori pusat terpotong atau rusak' },
  { pattern: /^extra field length exceeds/, code: 'ZIP_CORRUPT', reason: 'bidang tambahannya terpotong' },
  { pattern: /^zip64 extended information extra field does not include/, code: 'ZIP_CORRUPT', reason: 'bidang ZIP64-nya terlalu pendek' },
  { pattern: /^invalid local file header signature/, code: 'ZIP_CORRUPT', reason: 'header lokal tidak ditemukan di posisi yang dinyatakan direktori pusat' },
  { pattern: /^file data overflows file bounds/, code: 'ZIP_CORRUPT', reason: 'datanya melewati akhir berkas' },
  { pattern: /^unexpected EOF/, code: 'ZIP_CORRUPT', reason: 'berkas berakhir lebih dulu (terpotong)' },
];

/**
 * The refusal for an error yauzl raised. `where` says what was being read
 * ("entri ke-3 direktori pusat", `entri "data/a.txt"`), `entry` names the
 * entry in details when it is known. A BerkasError passes unchanged.
 */
export function yauzlRefusal(err: unknown, archive: string, where?: string, entry?: string): BerkasError {
  if (isBerkasError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const match = known.find((k) => k.pattern.test(message));
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = match?.reason ?? `tidak dapat dibaca sebagai ZIP${typeof code === 'string' ? ` (${code})` : ''}`;
  const refusal = zipRefusal(match?.code ?? 'ZIP_CORRUPT', archive, `${where ? `${where}: ` : ''}${reason}.`, entry);
  // yauzl's own words, for a maintainer reading the logs.
  (refusal.details as Record<string, unknown>).cause = message.slice(0, 300);
  return refusal;
}
