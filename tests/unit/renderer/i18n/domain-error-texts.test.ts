/**
 * Failures of core/domain and the store adapters read in English with the
 * facts of their Indonesian message: the details each real throw site gives
 * fill its code's text whole (no fallback to the Indonesian words), and the
 * file, value or place the Indonesian message names is in the English one.
 */
import { type BerkasError } from '../../../../core/domain/errors';
import { parsePeriod } from '../../../../core/domain/reports/periods';
import { formatBulanTahun, formatTanggal } from '../../../../core/domain/format/tanggal';
import { formatRupiah } from '../../../../core/domain/format/rupiah';
import { normalizeServerUrl } from '../../../../core/domain/outbox/server-url';
import { backupErrors } from '../../../../core/domain/backup/errors';
import { checkAttachment } from '../../../../core/domain/reports/attachments';
import { definitionFor } from '../../../../core/domain/reports/definitions';
import { readPlanFromTable } from '../../../../core/domain/rencana-aksi/import-table';
import type { TableFile } from '../../../../core/domain/rencana-aksi/table';
import { describeFsError } from '../../../../core/adapters/fs-atomic';
import { caught, english as shownInEnglish } from '../../../helpers/berkas-error';

/** The English text of the error, failing when it would fall back to the Indonesian message. */
function english(err: BerkasError): string {
  const text = shownInEnglish(err);
  expect(text).not.toBe(err.message);
  return text;
}

const fsError = (code?: string) => Object.assign(new Error('simulated'), code === undefined ? {} : { code });

function csv(rows: string[][]): TableFile {
  return { fileName: 'rencana.csv', format: 'csv', sheets: [{ name: 'rencana.csv', rows, merges: [] }] };
}

describe('English texts of domain and store errors, filled from real throw sites', () => {
  it('names the value and the expected form of a period, a date or a month', () => {
    expect(english(caught(() => parsePeriod('2026-Q5', 'triwulan')))).toBe(
      'The period "2026-Q5" is not valid for this kind of report: write it like 2026-Q3 (a year from 2000 to 2100).',
    );
    expect(english(caught(() => formatTanggal('2021-02-30')))).toContain('"2021-02-30" is not valid: write it as YYYY-MM-DD');
    expect(english(caught(() => formatBulanTahun('2010-13')))).toContain('write it as YYYY-MM, for example 2010-01');
    expect(english(caught(() => formatRupiah(Number.POSITIVE_INFINITY)))).toContain('Infinity');
  });

  it('names a refused server address without the credentials it carried', () => {
    const text = english(caught(() => normalizeServerUrl('https://petugas:rahasia@berkas.example.go.id/api?x=1')));
    expect(text).toContain('"https://berkas.example.go.id/api"');
    expect(text).not.toContain('rahasia');
  });

  it('names the file and the system error of a failed write', () => {
    expect(english(describeFsError(fsError('ENOSPC'), '/data/berkas.db'))).toContain('/data/berkas.db could not be saved');
    expect(english(describeFsError(fsError('EACCES'), '/data/berkas.db'))).toContain('(EACCES): /data/berkas.db');
    expect(english(describeFsError(fsError('EIO'), '/data/berkas.db'))).toBe('Could not write /data/berkas.db (system error: EIO). Data already saved is unchanged.');
    expect(english(describeFsError(fsError(), '/data/berkas.db'))).toContain('(system error: unknown)');
  });

  it('names the backup file and the passphrase limits', () => {
    expect(english(backupErrors.truncated('E:\\cadangan.berkas-backup', 100, 200))).toContain('E:\\cadangan.berkas-backup is cut short (100 bytes)');
    expect(english(backupErrors.tampered('E:\\cadangan.berkas-backup', 'kepala', 4))).toContain('E:\\cadangan.berkas-backup is damaged');
    expect(english(backupErrors.weakPassphrase('Frasa sandi terlalu pendek.'))).toContain('10 to 1024 characters');
    expect(english(backupErrors.cancelled('restore'))).toContain('the data folder was not changed');
  });

  it('names an attachment by its file and its field’s English label', () => {
    const def = definitionFor('insidental');
    const field = def.fields.find((f) => f.kind === 'attachment');
    if (!field) throw new Error('the report has no attachment field');
    expect(english(caught(() => checkAttachment(field, 'foto.png', 0, 'image/png')))).toBe(`The file foto.png for "${field.labelEn}" is empty (0 bytes).`);
    expect(english(caught(() => checkAttachment(field, 'catatan.exe', 10, null)))).toContain('catatan.exe');
  });

  it('names the file, the rows and the columns of a plan table without its header', () => {
    const noHeader = caught(() => readPlanFromTable(csv([['Nama', 'Alamat', 'Telepon'], ['Budi', 'Jl. Merdeka', '0711']]), { id: 'p1', year: 2025 }));
    expect(noHeader.code).toBe('NO_HEADER');
    expect(english(noHeader)).toMatch(/^File rencana\.csv, rows 1–2, columns A–C: no column header row was found\. The header row must hold: Output, /);
    const incomplete = caught(() =>
      readPlanFromTable(csv([['No', 'Output', 'Kegiatan', 'Penanggung Jawab', 'Waktu', 'Biaya'], ['1', 'O', 'T', 'P', '1 Hari', '1 Juta']]), { id: 'p1', year: 2025 }),
    );
    expect(incomplete.code).toBe('HEADER_INCOMPLETE');
    expect(english(incomplete)).toContain('row 1: required columns not found: Tahap Pelaksanaan, Pelaksana.');
  });
});
