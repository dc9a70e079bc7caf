/**
 * The TableFiles port: .tsv/.csv/.xlsx bytes into text tables and back. The
 * first bytes decide: a workbook named .csv is read as a workbook, an encrypted
 * workbook or an .xls is named as such whatever its name, and a file named
 * .xlsx that is not a ZIP is refused rather than read as text.
 */
import { BerkasError } from '../../domain/errors';
import { LIMITS } from '../../domain/rencana-aksi/model';
import { formatThousands } from '../../domain/rencana-aksi/text';
import type { TableFiles } from '../../ports';
import { readDelimited } from './delimited-reader';
import { readXlsx } from './xlsx-reader';
import { writeXlsx } from './xlsx-writer';
import { writeCsv } from './csv-writer';
import { describeOle, sniff } from './sniff';

export function createTableFiles(): TableFiles {
  return {
    async read(fileName, bytes) {
      if (bytes.length > LIMITS.maxFileBytes) {
        throw new BerkasError(
          'FILE_TOO_LARGE',
          `Berkas ${fileName} berukuran ${formatThousands(Math.ceil(bytes.length / 1024))} KB, melebihi batas ${formatThousands(LIMITS.maxFileBytes / 1024 / 1024)} MB (baris dan kolom tidak dibaca).`,
          { file: fileName, size: `${formatThousands(Math.ceil(bytes.length / 1024))} KB`, max: `${formatThousands(LIMITS.maxFileBytes / 1024 / 1024)} MB` },
        );
      }
      if (bytes.length === 0) {
        throw new BerkasError('EMPTY_FILE', `Berkas ${fileName} kosong (0 byte; tidak ada baris atau kolom).`, { file: fileName });
      }
      const kind = sniff(bytes);
      if (kind === 'ole') throw describeOle(fileName, bytes);
      if (kind === 'zip') return readXlsx(fileName, bytes);
      if (/\.(xlsx|xlsm)$/i.test(fileName)) {
        throw new BerkasError(
          'NOT_XLSX',
          `Berkas ${fileName} tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): namanya .xlsx tetapi isinya bukan buku kerja Excel (tanda awal berkas tidak dikenal). Berkas mungkin rusak atau berganti nama.`,
          { file: fileName },
        );
      }
      return readDelimited(fileName, bytes);
    },
    async write(sheets, format) {
      if (format === 'xlsx') return writeXlsx(sheets);
      const [first] = sheets;
      if (!first) throw new BerkasError('EXPORT_EMPTY', 'Tidak ada lembar untuk diekspor.');
      return writeCsv(first);
    },
  };
}
