/** Small text helpers shared by the parsers, the import and the findings. */

/** "A", "B", ..., "Z", "AA" for a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Comparison key: case-, accent-, punctuation- and space-insensitive, so
 * "Format Data yang  dibutuhkan" and "format data yang Dibutuhkan." match.
 */
export function comparisonKey(text: string): string {
  // Plain ASCII (nearly every cell) skips Unicode normalisation: same result, far cheaper.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Lower case, accents removed, runs of anything but letters/digits turned into one space. */
export function wordsOf(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Digits grouped the Indonesian way: 186000000 -> "186.000.000". */
export function formatThousands(value: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(Math.trunc(value)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return (negative ? '-' : '') + out;
}

/** "Rp 186.000.000" (integer Rupiah). */
export function formatRupiah(amount: number): string {
  return `Rp ${formatThousands(amount)}`;
}

/** Trims and turns non-breaking/odd spaces into plain ones; cells arrive with all kinds. */
export function cleanCell(text: string): string {
  return text.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
}

/** Shortens a value quoted inside a message. */
export function quote(text: string, max = 60): string {
  const oneLine = /\s\s|[\t\r\n]|^\s|\s$/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  return `"${oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine}"`;
}
