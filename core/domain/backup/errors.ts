/**
 * The refusals of reading a backup, each with a stable code and a message that
 * names the file and what is wrong. A restore that throws one of these has
 * not touched the data folder, and the messages say so.
 */
import { BerkasError } from '../errors';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './format';

const untouched = 'Folder data tidak diubah.';

export const backupErrors = {
  notABackup(file: string): BerkasError {
    return new BerkasError('BACKUP_NOT_A_BACKUP', `${file} bukan berkas cadangan Berkas (.berkas-backup). ${untouched}`, { file });
  },

  wrongPassphrase(file: string): BerkasError {
    return new BerkasError(
      'BACKUP_WRONG_PASSPHRASE',
      `Frasa sandi salah untuk berkas cadangan ${file}. Periksa huruf besar/kecil dan tata letak papan ketik, lalu coba lagi. ${untouched}`,
      { file },
    );
  },

  truncated(file: string, actualBytes: number, expectedBytes: number | null): BerkasError {
    const sizes = expectedBytes === null ? `hanya ${actualBytes} bait` : `${actualBytes} dari ${expectedBytes} bait`;
    return new BerkasError(
      'BACKUP_TRUNCATED',
      `Berkas cadangan ${file} terpotong (${sizes}); mungkin penyalinan ke flash disk belum selesai. Salin ulang dari sumbernya. ${untouched}`,
      { file, actualBytes, ...(expectedBytes === null ? {} : { expectedBytes }) },
    );
  },

  tampered(file: string, where: string, offset?: number): BerkasError {
    return new BerkasError(
      'BACKUP_TAMPERED',
      `Berkas cadangan ${file} rusak atau telah diubah: ${where}${offset === undefined ? '' : ` (sekitar bait ke-${offset})`}. Gunakan salinan cadangan lain. ${untouched}`,
      { file, where, ...(offset === undefined ? {} : { offset }) },
    );
  },

  /** `appVersion`: this app's version, which the backup needs a newer one than. */
  tooNew(file: string, problem: string, appVersion: string): BerkasError {
    return new BerkasError('BACKUP_TOO_NEW', `Berkas cadangan ${file} ${problem}. Perbarui Berkas lebih dahulu, lalu pulihkan lagi. ${untouched}`, { file, appVersion });
  },

  unsafeEntry(file: string, entryPath: string, problem: string): BerkasError {
    return new BerkasError(
      'BACKUP_UNSAFE_ENTRY',
      `Berkas cadangan ${file} memuat path "${entryPath.slice(0, 120)}" yang ditolak: ${problem}. Berkas ini bukan buatan Berkas atau telah dipalsukan. ${untouched}`,
      { file, entryPath: entryPath.slice(0, 200) },
    );
  },

  /** `problem` is passphraseProblem's sentence; the limits are for the English text. */
  weakPassphrase(problem: string): BerkasError {
    return new BerkasError('BACKUP_PASSPHRASE_WEAK', problem, { field: 'passphrase', minLength: MIN_PASSPHRASE_LENGTH, maxLength: MAX_PASSPHRASE_LENGTH });
  },

  cancelled(action: 'create' | 'restore'): BerkasError {
    return action === 'create'
      ? new BerkasError('BACKUP_CANCELLED', 'Pencadangan dibatalkan; tidak ada berkas cadangan yang ditulis.')
      : new BerkasError('BACKUP_CANCELLED', `Pemulihan dibatalkan. ${untouched}`);
  },
};
