import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isBerkasError, type BerkasError } from '../../../../../core/domain/errors';
import { readDelimited, decodeText } from '../../../../../core/adapters/rencana-aksi/delimited-reader';
import { createTableFiles } from '../../../../../core/adapters/rencana-aksi/table-files';

const dir = path.join(__dirname, '../../../../fixtures/rencana-aksi');
const enc = (s: string) => new TextEncoder().encode(s);

async function failure(p: Promise<unknown> | (() => unknown)): Promise<BerkasError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (isBerkasError(err)) return err;
    throw err;
  }
  throw new Error('tidak gagal');
}

const rowsOf = (name: string, text: string | Uint8Array) => readDelimited(name, typeof text === 'string' ? enc(text) : text).sheets[0]?.rows;

describe('readDelimited', () => {
  it('reads the Prabumulih TSV as typed, blank line and all', () => {
    const file = readDelimited('prabumulih-contoh.tsv', readFileSync(path.join(dir, 'prabumulih-contoh.tsv')));
    const rows = file.sheets[0]?.rows ?? [];
    expect(file.format).toBe('tsv');
    expect(rows[0]).toEqual(['Output / Sub Output', 'Tahap Pelaksanaan', 'Metode/ Teknologi/p latfrom', 'Pelaksana', 'Durasi', 'Sumber daya yang digunakan']);
    expect(rows[3]).toEqual(['']);
    expect(rows[9]).toEqual(['', 'Coding', 'PhP, My SQL', 'VENDOR', '4 Bulan', 'APBD : 50 Juta']);
  });

  it('reads Excel "CSV UTF-8" of an Indonesian locale: BOM, semicolons, CRLF, quotes, line breaks in a cell', () => {
    const file = readDelimited('prabumulih-excel.csv', readFileSync(path.join(dir, 'prabumulih-excel.csv')));
    const rows = file.sheets[0]?.rows ?? [];
    expect(file.format).toBe('csv');
    expect(rows[0]?.[0]).toBe('RENCANA AKSI PELAKSANAAN E-GOVERNMENT'); // no BOM left in the first cell
    const aplikasi = rows.find((r) => r[0]?.startsWith('Pengembangan Aplikasi'));
    expect(aplikasi?.[0]).toBe('Pengembangan Aplikasi\n- Modul Data PKK\n- Modul Pelaporan');
    expect(rows.find((r) => r[1] === 'Coding')?.[2]).toBe('PhP; My SQL');
    expect(rows.every((r) => r.every((c) => !c.includes('\r')))).toBe(true);
  });

  it.each([
    ['semicolon', 'a;b;"c;d"\n1,5;2;3\n', [['a', 'b', 'c;d'], ['1,5', '2', '3']]],
    ['comma', 'a,b,"2 Hari, 5 Kali"\r\n1,2,3\r\n', [['a', 'b', '2 Hari, 5 Kali'], ['1', '2', '3']]],
    ['tab in a .csv', 'a\tb\tc\n1\t2\t3', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['quoted quotes', 'a;"say ""hi""";c\n', [['a', 'say "hi"', 'c']]],
    ['lone CR line ends', 'a;b\rc;d\r', [['a', 'b'], ['c', 'd']]],
    ['trailing empty field', 'a;\n', [['a', '']]],
    ['sep= hint', 'sep=,\na,b;c\n', [['a', 'b;c']]],
    ['formula-protected cell', "'=SUM(A1);'-x;'biasa\n", [['=SUM(A1)', '-x', "'biasa"]]],
  ])('%s', (_name, text, rows) => {
    expect(rowsOf('uji.csv', text)).toEqual(rows);
  });

  it('decodes UTF-16 "Unicode text" and ANSI Windows-1252', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('Pelaksana\tDurasi\n', 'utf16le')]);
    expect(rowsOf('uji.txt', utf16)).toEqual([['Pelaksana', 'Durasi']]);
    const ansi = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x3b, 0x96, 0x93, 0x61, 0x94]); // "Café;–“a”" in cp1252
    expect(decodeText('uji.csv', ansi)).toBe('Café;–“a”');
  });

  it('refuses binary content, naming the file', async () => {
    const err = await failure(() => readDelimited('data.csv', new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x01])));
    expect(err.code).toBe('NOT_TEXT');
    expect(err.message).toMatch(/^Berkas data\.csv tidak dapat dibaca \(tidak ada baris atau kolom yang dapat dibaca\): isinya bukan teks/);
  });

  it('refuses a cell of 100,000 characters, naming row and column', async () => {
    const text = `Output;Tahap;Pelaksana\nA;${'x'.repeat(100_000)};P\n`;
    const err = await failure(() => readDelimited('panjang.csv', enc(text)));
    expect(err.code).toBe('CELL_TOO_LONG');
    expect(err.message).toMatch(/^Berkas panjang\.csv, baris 2, kolom B: isi sel 100\.000 karakter, melebihi batas 10\.000 karakter/);
    expect(err.details).toMatchObject({ file: 'panjang.csv', row: 2, column: 'B' });
  });

  it('refuses a quoted cell of 100,000 characters too', async () => {
    const err = await failure(() => readDelimited('panjang.csv', enc(`a;b\n1;"${'y'.repeat(100_000)}"\n`)));
    expect(err.message).toMatch(/baris 2, kolom B: isi sel/);
  });

  it('an unclosed quote names where it opened', async () => {
    const err = await failure(() => readDelimited('kutip.csv', enc('a;b;c\n1;"dua;3\n4;5;6\n')));
    expect(err.code).toBe('CSV_QUOTE');
    expect(err.message).toBe('Berkas kutip.csv, baris 2, kolom B: tanda petik (") pembuka tidak pernah ditutup.');
  });

  it('refuses a 50,000-row file, naming the row where the limit is passed', async () => {
    const lines = ['Output;Tahap Pelaksanaan;Metode;Pelaksana;Durasi;Sumber daya'];
    for (let i = 0; i < 50_000; i++) lines.push(`;Tahap ${i};Rapat;KOMINFO;1 Hari;APBD : 1 Juta`);
    const err = await failure(createTableFiles().read('besar.csv', enc(lines.join('\r\n'))));
    expect(err.code).toBe('TABLE_TOO_MANY_ROWS');
    expect(err.message).toMatch(/^Berkas besar\.csv, baris 25\.001, kolom A: lebih dari 25\.000 baris/);
  });

  it('keeps only the first 64 columns of a very wide row', () => {
    const rows = rowsOf('lebar.csv', Array.from({ length: 1000 }, (_, i) => String(i)).join(';') + '\n2;3\n');
    expect(rows?.[0]).toHaveLength(64);
    expect(rows?.[0]?.[63]).toBe('63');
    expect(rows?.[1]).toEqual(['2', '3']);
  });
});
