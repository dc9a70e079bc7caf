/**
 * .xlsx into text cells with exceljs, after a streaming preflight that keeps a
 * hostile file from exhausting memory: exceljs builds every cell as an object
 * (about 5 KB of memory per row), so a 50,000-row sheet or a ZIP bomb is
 * refused from the compressed bytes before exceljs sees it.
 *
 * Read as the officer sees the workbook: hidden and very hidden sheets are
 * ignored, a formula gives its cached result, a merged cell's covered cells are
 * empty (the merge is reported so Output/Pelaksana merges can be interpreted).
 */
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';
import { BerkasError } from '../../domain/errors';
import { LIMITS } from '../../domain/rencana-aksi/model';
import type { CellRange, TableFile, TableSheet } from '../../domain/rencana-aksi/table';
import { columnLetter, formatThousands } from '../../domain/rencana-aksi/text';

const NOWHERE = 'tidak ada baris atau kolom yang dapat dibaca';
/** Uncompressed bytes the whole package may expand to (a 25,000-row sheet is ~5 MB). */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Compressed bytes pushed at a time: bounds what one inflate step can produce. */
const PUSH_CHUNK = 16 * 1024;

function notXlsx(fileName: string, why: string): BerkasError {
  return new BerkasError('NOT_XLSX', `Berkas ${fileName} tidak dapat dibaca (${NOWHERE}): ${why}`, { file: fileName });
}

interface SheetPart {
  rows: number;
}

interface Preflight {
  parts: Map<string, SheetPart>;
  workbookXml: string;
  relsXml: string;
}

class Stop extends Error {}

/** Streams through the ZIP once: sizes, the workbook's sheet list, and rows per sheet. */
function preflight(fileName: string, bytes: Uint8Array, maxInflatedBytes: number): Preflight {
  const parts = new Map<string, SheetPart>();
  const texts = new Map<string, string[]>();
  let inflated = 0;
  let failure: BerkasError | undefined;
  const unzip = new Unzip((file: UnzipFile) => {
    const name = file.name.replace(/^\//, '');
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    const isIndex = name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels';
    const part: SheetPart = { rows: 0 };
    if (isSheet) parts.set(name, part);
    if (isIndex) texts.set(name, []);
    let tail = '';
    const decoder = new TextDecoder();
    file.ondata = (err, chunk) => {
      if (err) {
        // fflate reports our own Stop here too: keep the first, more precise reason.
        failure ??= notXlsx(fileName, `arsip ZIP rusak (${name}: ${err.message}).`);
        throw new Stop();
      }
      inflated += chunk.length;
      if (inflated > maxInflatedBytes) {
        failure = notXlsx(fileName, `isi arsip mengembang melebihi ${formatThousands(Math.ceil(maxInflatedBytes / 1024 / 1024))} MB (bukan buku kerja yang wajar).`);
        throw new Stop();
      }
      if (isIndex) {
        const list = texts.get(name) as string[];
        list.push(decoder.decode(chunk, { stream: true }));
        return;
      }
      if (!isSheet) return;
      // Count <row elements across chunk boundaries (keep a short tail).
      const text = tail + decoder.decode(chunk, { stream: true });
      let at = text.indexOf('<row');
      while (at >= 0) {
        const next = text[at + 4];
        if (next === ' ' || next === '>' || next === '/') part.rows++;
        at = text.indexOf('<row', at + 4);
      }
      tail = text.slice(-4);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < bytes.length; at += PUSH_CHUNK) {
      unzip.push(bytes.subarray(at, Math.min(at + PUSH_CHUNK, bytes.length)), at + PUSH_CHUNK >= bytes.length);
    }
  } catch (err) {
    if (failure) throw failure;
    if (err instanceof Stop) throw notXlsx(fileName, 'arsip ZIP rusak.');
    throw notXlsx(fileName, `arsip ZIP rusak atau tidak lengkap (${(err as Error).message}).`);
  }
  if (failure) throw failure;
  const workbookXml = (texts.get('xl/workbook.xml') ?? []).join('');
  if (!workbookXml) throw notXlsx(fileName, 'arsip ZIP ini bukan buku kerja Excel (tidak ada xl/workbook.xml). Simpan tabel sebagai .xlsx, CSV, atau TSV.');
  return { parts, workbookXml, relsXml: (texts.get('xl/_rels/workbook.xml.rels') ?? []).join('') };
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1];
}

/** Visible sheets' parts, in workbook order, from workbook.xml and its relationships. */
function visibleParts(pre: Preflight): { name: string; part: string | undefined; isVisible: boolean }[] {
  const targets = new Map<string, string>();
  for (const m of pre.relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return [...pre.workbookXml.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const state = attr(m[0], 'state');
    const rid = attr(m[0], 'r:id');
    return { name: attr(m[0], 'name') ?? '', part: rid ? targets.get(rid) : undefined, isVisible: state !== 'hidden' && state !== 'veryHidden' };
  });
}

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
          { file: fileName, sheet: ws.name, row: rowNumber, column: columnLetter(c) },
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

export async function readXlsx(fileName: string, bytes: Uint8Array, options: { maxInflatedBytes?: number } = {}): Promise<TableFile> {
  const pre = preflight(fileName, bytes, options.maxInflatedBytes ?? MAX_INFLATED_BYTES);
  const sheets = visibleParts(pre);
  for (const s of sheets) {
    const rows = s.part ? (pre.parts.get(s.part)?.rows ?? 0) : 0;
    if (s.isVisible && rows > LIMITS.maxTableRows) {
      throw new BerkasError(
        'TOO_MANY_ROWS',
        `Berkas ${fileName}, lembar "${s.name}", baris ${formatThousands(LIMITS.maxTableRows + 1)}, kolom A: lembar ini memuat ${formatThousands(rows)} baris, melebihi batas ${formatThousands(LIMITS.maxTableRows)} baris; rencana aksi dibatasi ${formatThousands(LIMITS.maxStages)} tahap. Bagi menjadi beberapa berkas.`,
        { file: fileName, sheet: s.name, row: LIMITS.maxTableRows + 1, column: 'A' },
      );
    }
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
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
