/**
 * .csv / .tsv as Excel writes them in an Indonesian locale: semicolon (or comma,
 * or tab) separated, UTF-8 with or without BOM (or UTF-16 "Unicode text", or
 * ANSI Windows-1252), CRLF or LF, quoted fields with "" escapes and line breaks.
 * Row numbers are records, as the spreadsheet shows them.
 */
import { BerkasError } from '../../domain/errors';
import { LIMITS } from '../../domain/rencana-aksi/model';
import type { TableFile, TableSheet } from '../../domain/rencana-aksi/table';
import { columnLetter, formatThousands } from '../../domain/rencana-aksi/text';

function notText(fileName: string, why: string): BerkasError {
  return new BerkasError('NOT_TEXT', `Berkas ${fileName} tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): ${why}`, { file: fileName });
}

/** Windows-1252 bytes 0x80–0x9F (where it differs from Latin-1); 0 = unassigned. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decoded by hand: Node's TextDecoder treats the "windows-1252" label as Latin-1 (curly quotes, dashes lost). */
function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const codes = Array.from(bytes.subarray(at, at + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Bytes to text, honouring a BOM; UTF-8 when valid, else Windows-1252 (Excel "CSV" on Windows). */
export function decodeText(fileName: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // A NUL byte never occurs in a text table: this is binary (or UTF-16 without BOM).
  const probe = bytes.subarray(0, 64 * 1024);
  if (probe.includes(0)) throw notText(fileName, 'isinya bukan teks (berkas biner). Simpan tabel sebagai CSV, TSV, atau .xlsx.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

interface ParseOptions {
  delimiter: string;
  /** Stop after this many records (delimiter detection). */
  maxRecords?: number;
  fileName: string;
}

/**
 * A cell that Berkas's CSV writer protected against formula injection reads
 * back as typed: one ' is removed wherever the writer put one (csv-writer.ts),
 * at the start and after any , ; tab CR or LF, before quotes and a formula lead.
 */
function unprotect(field: string): string {
  return field.includes("'") ? field.replace(/(?<=^|[,;\t\r\n])'(?='*[=+\-@\t\r])/g, '') : field;
}

function parse(text: string, options: ParseOptions): string[][] {
  const { delimiter, fileName } = options;
  const maxRecords = options.maxRecords ?? Infinity;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const tooLong = (column: number, length: number) =>
    new BerkasError(
      'CELL_TOO_LONG',
      `Berkas ${fileName}, baris ${rows.length + 1}, kolom ${columnLetter(column)}: isi sel ${formatThousands(length)} karakter, melebihi batas ${formatThousands(LIMITS.maxCellChars)} karakter. Periksa sel tersebut (tanda petik yang tidak ditutup, atau teks yang tertempel).`,
      { file: fileName, row: rows.length + 1, column: columnLetter(column), length: formatThousands(length), max: formatThousands(LIMITS.maxCellChars) },
    );
  const pushField = (value: string) => {
    if (value.length > LIMITS.maxCellChars) throw tooLong(row.length + 1, value.length);
    if (row.length < LIMITS.maxColumns) row.push(unprotect(value));
    else row.length++; // keep counting columns without storing them
  };
  const endRecord = () => {
    // Columns beyond the limit were counted but not stored: trim the holes.
    if (row.length > LIMITS.maxColumns) row.length = LIMITS.maxColumns;
    rows.push(row);
    row = [];
    if (rows.length > LIMITS.maxTableRows) {
      throw new BerkasError(
        'TABLE_TOO_MANY_ROWS',
        `Berkas ${fileName}, baris ${formatThousands(rows.length)}, kolom A: lebih dari ${formatThousands(LIMITS.maxTableRows)} baris; rencana aksi dibatasi ${formatThousands(LIMITS.maxStages)} tahap. Bagi menjadi beberapa berkas.`,
        { file: fileName, row: rows.length, column: 'A', max: formatThousands(LIMITS.maxTableRows) },
      );
    }
  };

  while (i < n && rows.length < maxRecords) {
    if (text[i] === '"') {
      // Quoted field: "" is a quote; ends at the closing quote.
      const startRow = rows.length + 1;
      const startColumn = row.length + 1;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new BerkasError(
            'CSV_QUOTE',
            `Berkas ${fileName}, baris ${startRow}, kolom ${columnLetter(startColumn)}: tanda petik (") pembuka tidak pernah ditutup.`,
            { file: fileName, row: startRow, column: columnLetter(startColumn) },
          );
        }
        value += text.slice(j, q);
        if (value.length > LIMITS.maxCellChars) throw tooLong(startColumn, value.length);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      // Lenient: text after the closing quote up to the delimiter belongs to the field.
      let k = j;
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      pushField(value + text.slice(j, k));
      i = k;
    } else {
      let k = i;
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      pushField(text.slice(i, k));
      i = k;
    }
    if (i >= n) {
      endRecord();
      break;
    }
    const ch = text[i];
    if (ch === delimiter) {
      i++;
      if (i >= n) {
        pushField('');
        endRecord();
      }
      continue;
    }
    // CRLF, LF or lone CR ends the record.
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    endRecord();
  }
  return rows;
}

const CANDIDATES = [';', '\t', ','] as const;

/** The delimiter that splits the first records most consistently into several fields. */
function detectDelimiter(text: string, fileName: string): string {
  let best: { delimiter: string; score: number; width: number } | undefined;
  for (const delimiter of CANDIDATES) {
    let rows: string[][];
    try {
      rows = parse(text, { delimiter, maxRecords: 50, fileName });
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length >= 2) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let width = 0;
    let score = 0;
    for (const [w, c] of counts) if (c > score || (c === score && w > width)) [width, score] = [w, c];
    if (!best || score > best.score || (score === best.score && width > best.width)) best = { delimiter, score, width };
  }
  return best && best.score > 0 ? best.delimiter : ';';
}

export function readDelimited(fileName: string, bytes: Uint8Array): TableFile {
  let text = decodeText(fileName, bytes);
  const isTsv = /\.(tsv|tab)$/i.test(fileName);
  let delimiter: string;
  // Excel's "sep=;" hint line: honoured, and not a row of the table.
  const hint = /^sep=(.)\r?\n/.exec(text);
  if (hint) {
    delimiter = hint[1] ?? ';';
    text = text.slice(hint[0].length);
  } else {
    delimiter = isTsv ? '\t' : detectDelimiter(text, fileName);
  }
  const rows = parse(text, { delimiter, fileName });
  const sheet: TableSheet = { name: fileName, rows, merges: [] };
  return { fileName, format: delimiter === '\t' ? 'tsv' : 'csv', sheets: [sheet] };
}
