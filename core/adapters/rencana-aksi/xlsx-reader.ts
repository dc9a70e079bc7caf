/**
 * .xlsx into text cells with exceljs, after a preflight (xlsx-preflight.ts)
 * that keeps a hostile file from exhausting memory or time: exceljs builds
 * every cell as an object (about 5 KB of memory per row) and is quadratic in
 * merged ranges, so oversized sheets, merges, shared strings, styles and ZIP
 * bombs are refused from the compressed bytes before exceljs sees them.
 *
 * Read as the officer sees the workbook: hidden and very hidden sheets are
 * ignored, a formula gives its cached result, a merged cell's covered cells are
 * empty (the merge is reported so Output/Pelaksana merges can be interpreted).
 */
import ExcelJS from 'exceljs';
import { BerkasError } from '../../domain/errors';
import { LIMITS } from '../../domain/rencana-aksi/model';
import type { CellRange, TableFile, TableSheet } from '../../domain/rencana-aksi/table';
import { columnLetter, formatThousands } from '../../domain/rencana-aksi/text';
import { notXlsx, preflightXlsx } from './xlsx-preflight';

/*
 * Sheet parts exceljs would parse but Berkas never reads: skipped, so their
 * cost need not be limited. Some are far from free: a data validation over a
 * whole column (F1:F1048576, as Excel writes it) is expanded into a million
 * entries, and hyperlinks, conditional formats and column ranges are objects
 * too. What remains is sheetData (values) and mergeCells (read as merges).
 */
export const IGNORED_SHEET_NODES = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Decimal comma, as an Indonesian Excel shows it; integers as plain digits.
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell value as the text the officer sees (cached result for formulas). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'BENAR' : 'SALAH';
  if (value instanceof Date) return `${two(value.getUTCDate())}/${two(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      // No cached value (never calculated): keep the formula verbatim rather than invent a value.
      const formula = 'formula' in value ? value.formula : value.sharedFormula;
      return `=${formula}`;
    }
    if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: unknown }).error);
    return cellText(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) return cellText(text as ExcelJS.CellValue);
    return value.hyperlink;
  }
  return '';
}

function readSheet(fileName: string, ws: ExcelJS.Worksheet): TableSheet {
  const rows: string[][] = [];
  const merges = new Map<string, CellRange>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const last = Math.min(row.cellCount, LIMITS.maxColumns);
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Merge && cell.master !== cell) {
        const master = cell.master;
        const key = master.address;
        const range = merges.get(key) ?? { top: Number(master.row), left: Number(master.col), bottom: Number(master.row), right: Number(master.col) };
        range.bottom = Math.max(range.bottom, rowNumber);
        range.right = Math.max(range.right, c);
        merges.set(key, range);
        cells.push('');
        continue;
      }
      const text = cellText(cell.value);
      if (text.length > LIMITS.maxCellChars) {
        throw new BerkasError(
          'CELL_TOO_LONG',
          `Berkas ${fileName}, lembar "${ws.name}", baris ${rowNumber}, kolom ${columnLetter(c)}: isi sel ${formatThousands(text.length)} karakter, melebihi batas ${formatThousands(LIMITS.maxCellChars)} karakter.`,
          { file: fileName, sheet: ws.name, row: rowNumber, column: columnLetter(c), length: formatThousands(text.length), max: formatThousands(LIMITS.maxCellChars) },
        );
      }
      cells.push(text);
    }
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows[rowNumber - 1] = cells;
  });
  // Rows exceljs skipped (empty) are holes: make them empty rows.
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return { name: ws.name, rows, merges: [...merges.values()] };
}

/**
 * The workbook's visible sheets as text tables, by exceljs. Only for bytes
 * that passed preflightXlsx: readXlsx is the entry point; this is separate so
 * the bench can time the same read without the checks.
 */
export async function loadCheckedXlsx(fileName: string, bytes: Uint8Array): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<ExcelJS.Xlsx['load']>[0], {
      ignoreNodes: IGNORED_SHEET_NODES,
    });
  } catch (err) {
    throw notXlsx(fileName, `isi buku kerja rusak (${(err as Error).message.slice(0, 120)}).`);
  }
  const visible: TableSheet[] = [];
  workbook.eachSheet((ws) => {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') return;
    visible.push(readSheet(fileName, ws));
  });
  return { fileName, format: 'xlsx', sheets: visible };
}

export async function readXlsx(fileName: string, bytes: Uint8Array, options: { maxInflatedBytes?: number } = {}): Promise<TableFile> {
  await preflightXlsx(fileName, bytes, options.maxInflatedBytes);
  return loadCheckedXlsx(fileName, bytes);
}
