/**
 * A sheet as the CSV an Indonesian Excel writes and opens with a double click:
 * UTF-8 with BOM (so "é" and "–" survive), semicolons (the list separator where
 * the decimal separator is a comma), CRLF line ends, fields quoted only when
 * they must be. A cell starting with = + - @ is prefixed with ' so Excel shows
 * it as text instead of running it as a formula; the reader removes the prefix.
 */
import type { OutSheet } from '../../domain/rencana-aksi/table';

const BOM = '\uFEFF';

function field(value: string | number): string {
  let text = String(value);
  const isFormulaLike = /^[=+\-@\t\r]/.test(text) && text.length > 1 && !/^-?\d+([.,]\d+)?$/.test(text);
  // A cell that already starts with the protecting ' gets one more, so the reader gives it back as typed.
  if (isFormulaLike || /^'[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeCsv(sheet: OutSheet): Uint8Array {
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const lines = sheet.rows.map((cells) => {
    const padded = [...cells];
    while (padded.length < width) padded.push('');
    return padded.map(field).join(';');
  });
  return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}
