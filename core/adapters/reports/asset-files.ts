/**
 * The AssetFiles port: asset-system exports read with the rencana aksi table
 * readers (same sniffing of encrypted workbooks, old .xls and renamed files,
 * same size, row, cell and ZIP-bomb limits, same messages), and the asset
 * register written as .xlsx with exceljs: numbers stay numbers, the header is
 * frozen and filtered, and Kondisi offers its three values as a list.
 */
import ExcelJS from 'exceljs';
import type { AssetFiles } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { KONDISI_OPTIONS, MAX_ASSET_ROWS } from '../../domain/reports/definitions';
import { formatThousands } from '../../domain/rencana-aksi/text';
import { createTableFiles } from '../rencana-aksi/table-files';

/** What the table readers put in a TABLE_TOO_MANY_ROWS refusal (delimited-reader, xlsx-preflight). */
type TooManyRowsDetails = Record<string, unknown> & { file: string; row: number; column: string; max: string };

/** The rencana aksi reader words its row limit for plans; an asset export hears it for devices. */
function reword(err: unknown): unknown {
  if (!isBerkasError(err) || err.code !== 'TABLE_TOO_MANY_ROWS') return err;
  const message = err.message.replace(/; rencana aksi dibatasi .*? tahap\./, `; daftar aset dibatasi ${formatThousands(MAX_ASSET_ROWS)} perangkat.`);
  return new BerkasError('TABLE_TOO_MANY_ROWS', message, err.details as TooManyRowsDetails);
}

export function createAssetFiles(): AssetFiles {
  const tables = createTableFiles();
  return {
    async read(fileName, bytes) {
      try {
        return await tables.read(fileName, bytes);
      } catch (err) {
        throw reword(err);
      }
    },

    async writeXlsx(sheets) {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Berkas';
      const kondisiList = `"${KONDISI_OPTIONS.map((o) => o.label).join(',')}"`;
      for (const sheet of sheets) {
        const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
        sheet.rows.forEach((cells, r) => {
          if (cells.length === 0) return;
          const row = ws.getRow(r + 1);
          cells.forEach((value, c) => {
            if (value === '') return;
            row.getCell(c + 1).value = value;
          });
        });
        for (const r of sheet.boldRows ?? []) ws.getRow(r).font = { bold: true, size: 12 };
        if (sheet.headerRow) {
          const header = ws.getRow(sheet.headerRow);
          header.font = { bold: true };
          header.alignment = { vertical: 'middle', wrapText: true };
          header.eachCell((cell) => {
            cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
            cell.border = { bottom: { style: 'thin' } };
          });
          ws.views = [{ state: 'frozen', ySplit: sheet.headerRow }];
          const width = Math.max(...sheet.rows.map((r) => r.length));
          const last = sheet.rows.length;
          if (last > sheet.headerRow) ws.autoFilter = { from: { row: sheet.headerRow, column: 1 }, to: { row: last, column: width } };
          // The condition column offers its three values (Excel's list validation), as the import reads them.
          const kondisiColumn = (sheet.rows[sheet.headerRow - 1] ?? []).indexOf('Kondisi');
          if (kondisiColumn >= 0 && last > sheet.headerRow) {
            const letter = ws.getColumn(kondisiColumn + 1).letter;
            // exceljs has Worksheet.dataValidations (one rule for a whole range) but its typings omit it.
            (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(
              `${letter}${sheet.headerRow + 1}:${letter}${Math.max(last, sheet.headerRow + 1)}`,
              {
                type: 'list',
                allowBlank: true,
                formulae: [kondisiList],
                showErrorMessage: true,
                errorTitle: 'Kondisi',
                error: `Pilih salah satu: ${KONDISI_OPTIONS.map((o) => o.label).join(', ')}.`,
              },
            );
          }
        }
        (sheet.widths ?? []).forEach((width, c) => {
          ws.getColumn(c + 1).width = width;
        });
      }
      const buffer = await workbook.xlsx.writeBuffer();
      return new Uint8Array(buffer as ArrayBuffer);
    },
  };
}
