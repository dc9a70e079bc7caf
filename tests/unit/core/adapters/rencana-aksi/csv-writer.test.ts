/**
 * CSV export opened by an Excel whose list separator is not ours: the file is
 * split as Excel splits it (a field is quoted only when it starts with a
 * quote; CR or LF outside such a field ends the record) with ; , and tab, and
 * no field may start a formula. Berkas's own reader still gets every cell back.
 */
import { protectFormulas, writeCsv } from '../../../../../core/adapters/rencana-aksi/csv-writer';
import { readDelimited } from '../../../../../core/adapters/rencana-aksi/delimited-reader';

const hostile = [
  'Rapat,@SUM(9)',
  'Rapat;=1+1',
  'Rapat\t+cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://contoh.invalid/?x","klik")',
  '@SUM(1)',
  '-2+3+cmd|\' /C calc\'!A0',
  '+62 812 3456 7890',
  'baris satu\r\n=2+3',
  'baris satu\n-2+3',
  'x\r@A1',
  'x,\t=1',
  '"dikutip",=1',
  'a, =1',
  "'=sudah dilindungi",
  "a,''@dua kutip",
  '1,-5;=x',
  '\t=TAB',
];
const ordinary = ['Rp 10.000,-', '-5', '-1,5', '1,5', 'APBD : 50 Juta', 'Rapat; koordinasi', 'Kominfo, Bappeda', '', ' spasi di depan', 'tanda "petik"'];

/** Fields as Excel reads the text with `separator`. */
function excelFields(text: string, separator: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const stop = (k: number) => k < text.length && text[k] !== separator && text[k] !== '\r' && text[k] !== '\n';
  while (i < text.length) {
    let value = '';
    let k = i;
    if (text[i] === '"') {
      k = i + 1;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) {
          value += text.slice(k);
          k = text.length;
          break;
        }
        value += text.slice(k, q);
        if (text[q + 1] === '"') {
          value += '"';
          k = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
    }
    const from = k;
    while (stop(k)) k++;
    fields.push(value + text.slice(from, k));
    i = k;
    if (text[i] === separator) i++;
    else if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (text[i] === '\n') i++;
  }
  return fields;
}

/**
 * What Excel could run: a field starting with a formula lead. Left alone (as
 * the writer leaves them, so numbers stay numbers) are a plain number or a
 * lone sign that ends the field or is followed by ; or " - Excel's field can
 * run on past our cell into the next one, but no formula grammar takes a ;
 * or a " right after a number or a bare sign, so it stays text.
 */
function runsAsFormula(field: string): boolean {
  return /^[=+\-@\t\r]/.test(field) && !/^(-?\d+([.,]\d+)?|[=+\-@\t\r])([;"]|$)/.test(field);
}

const csvText = (cells: string[]) => new TextDecoder().decode(writeCsv({ name: 'RA', rows: cells.map((c) => [c, 'akhir']), merges: [] })).replace(/^\uFEFF/, '');

describe('CSV export against formula injection', () => {
  it.each([
    ['semicolon', ';'],
    ['comma', ','],
    ['tab', '\t'],
  ])('leaves no formula for an Excel splitting on %s', (_name, separator) => {
    const fields = excelFields(csvText([...hostile, ...ordinary]), separator);
    expect(fields.filter(runsAsFormula)).toEqual([]);
    // The check can fail: the same cells written naively do start formulas.
    expect(excelFields([...hostile].join('\r\n'), separator).filter(runsAsFormula).length).toBeGreaterThan(0);
  });

  it('quotes every cell holding a separator, quote or line break, and protects each place a field could start', () => {
    const text = csvText(['Rapat,@SUM(9)', 'a\tb', 'x\r\n=1', "'=1", 'Rp 10.000,-', '-5', 'biasa']);
    expect(text.split('\r\n').slice(0, 3)).toEqual([`"Rapat,'@SUM(9)";akhir`, `"a\tb";akhir`, `"x`]);
    expect(text).toContain(`\r\n'=1";akhir\r\n''=1;akhir\r\n"Rp 10.000,-";akhir\r\n-5;akhir\r\nbiasa;akhir\r\n`);
    expect(protectFormulas('1,-5;=x')).toBe("1,'-5;'=x");
  });

  it('reads every cell back exactly through the Berkas reader', () => {
    const cells = [...hostile, ...ordinary];
    const file = readDelimited('ekspor.csv', writeCsv({ name: 'RA', rows: [['Judul', 'akhir'], ...cells.map((c) => [c, 'akhir'])], merges: [] }));
    expect(file.sheets[0]?.rows.slice(1).map((r) => r[0] ?? '')).toEqual(cells);
  });
});
