/**
 * A sheet as the CSV an Indonesian Excel writes and opens with a double click:
 * UTF-8 with BOM (so "é" and "–" survive), semicolons (the list separator where
 * the decimal separator is a comma), CRLF line ends.
 *
 * Safe whatever separator Excel picks, as OWASP's CSV-injection guidance asks:
 * an Excel with a comma or tab list separator splits our lines at characters
 * that are only text for us, and its quoting applies only to a field that
 * starts with a quote. So every cell holding a separator, a quote or a line
 * break is quoted, and wherever a field could begin - at the start of the cell
 * and after any , ; tab CR or LF inside it - a formula lead (= + - @ tab CR)
 * gets a ' before it, so Excel shows text instead of running a formula. A '
 * already there gets one more; the reader (delimited-reader.ts) removes one.
 */
import type { OutSheet } from '../../domain/rencana-aksi/table';

const BOM = '\uFEFF';

/** Where Excel could start a field, followed by what it would take for a formula (after any protecting quotes). */
const FORMULA_START = /(?<=^|[,;\t\r\n])(?='*[=+\-@\t\r])/g;

/** Text that stays harmless where it stands: a plain number ("-5", "-1,5") or a lone sign ("Rp 10.000,-"). */
function isHarmlessRest(rest: string): boolean {
  return rest.length === 1 || /^-?\d+([.,]\d+)?$/.test(rest);
}

/** The cell with a protecting ' at every place a formula could start. */
export function protectFormulas(text: string): string {
  return text.replace(FORMULA_START, (_match, offset: number) => (isHarmlessRest(text.slice(offset)) ? '' : "'"));
}

function field(value: string | number): string {
  const text = protectFormulas(String(value));
  return /[",;\t\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
