/**
 * Sheets into an .xlsx with exceljs, laid out as officers lay out the form:
 * bold titles and header, the header frozen, Output cells merged down, text
 * wrapped. Every cell from the plan is written as text (an officer's "1.000"
 * stays "1.000"); only the summary's amounts are numbers, formatted as Rupiah.
 */
import ExcelJS from 'exceljs';
import type { OutSheet } from '../../domain/rencana-aksi/table';

const RUPIAH_FORMAT = '"Rp "#,##0';

export async function writeXlsx(sheets: readonly OutSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Berkas';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    sheet.rows.forEach((cells, r) => {
      const row = ws.getRow(r + 1);
      cells.forEach((value, c) => {
        if (value === '') return;
        const cell = row.getCell(c + 1);
        cell.value = value;
        if (typeof value === 'number') cell.numFmt = RUPIAH_FORMAT;
        cell.alignment = { vertical: 'top', wrapText: true };
      });
    });
    for (const m of sheet.merges) {
      if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    }
    for (const r of sheet.boldRows ?? []) ws.getRow(r).font = { bold: true };
    if (sheet.headerRow) {
      const header = ws.getRow(sheet.headerRow);
      header.font = { bold: true };
      header.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
        cell.border = { bottom: { style: 'thin' } };
      });
      ws.views = [{ state: 'frozen', ySplit: sheet.headerRow }];
    }
    (sheet.widths ?? []).forEach((width, c) => {
      ws.getColumn(c + 1).width = width;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
