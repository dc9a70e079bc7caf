import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isBerkasError, type BerkasError } from '../../../../../core/domain/errors';
import { createTableFiles } from '../../../../../core/adapters/rencana-aksi/table-files';
import { cellText, readXlsx } from '../../../../../core/adapters/rencana-aksi/xlsx-reader';
import { strToU8, zipSync } from 'fflate';
import { analyzePlan, readPlanFromTable } from '../../../../../core/domain/rencana-aksi';

const dir = path.join(__dirname, '../../../../fixtures/rencana-aksi');
const files = createTableFiles();

async function failure(p: Promise<unknown>): Promise<BerkasError> {
  try {
    await p;
  } catch (err) {
    if (isBerkasError(err)) return err;
    throw err;
  }
  throw new Error('tidak gagal');
}

async function xlsxOf(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('RA'));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('readXlsx', () => {
  it('reads the officer-made workbook: hidden sheet ignored, merges, cached formula results', async () => {
    const file = await files.read('prabumulih-excel.xlsx', readFileSync(path.join(dir, 'prabumulih-excel.xlsx')));
    expect(file.format).toBe('xlsx');
    expect(file.sheets.map((s) => s.name)).toEqual(['RA 2025']);
    const sheet = file.sheets[0];
    expect(sheet?.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 7 });
    expect(sheet?.merges).toContainEqual({ top: 7, left: 1, bottom: 8, right: 1 });
    const coding = sheet?.rows.find((r) => r[1] === 'Coding');
    expect(coding?.[5]).toBe('APBD : 50 Juta');
    expect(coding?.[0]).toBe(''); // covered by the merged Output cell

    const { plan } = readPlanFromTable(file, { id: 'x', year: 2024 });
    const analysis = analyzePlan(plan);
    expect(plan).toMatchObject({ opdCode: 'DPMD', year: 2025, title: 'Pengembangan SIM PKK' });
    expect(plan.activities[0]?.outputs).toHaveLength(7);
    expect(analysis.totals.total).toBe(186_000_000);
    expect(plan.source?.statedTotal).toMatchObject({ text: '186000000', column: 'F' });
    expect(analysis.findings.some((f) => f.code.startsWith('TOTAL'))).toBe(false);
    // Tata Kelola's Pelaksana is one merged cell over both stages.
    expect(analysis.findings.some((f) => f.code === 'PELAKSANA_KOSONG')).toBe(false);
    expect(analysis.findings.filter((f) => f.code === 'TAHAP_GANDA').map((f) => f.row)).toEqual([10]);
  });

  it('turns cell values into the text the officer sees', () => {
    expect(cellText(186000000)).toBe('186000000');
    expect(cellText(0.25)).toBe('0,25');
    expect(cellText(true)).toBe('BENAR');
    expect(cellText(new Date(Date.UTC(2021, 5, 17)))).toBe('17/06/2021');
    expect(cellText({ richText: [{ text: 'APBD ' }, { text: ': 10 Juta' }] })).toBe('APBD : 10 Juta');
    expect(cellText({ formula: 'A1', result: 'APBD : 1 Juta' })).toBe('APBD : 1 Juta');
    expect(cellText({ formula: 'SUM(A1:A3)' })).toBe('=SUM(A1:A3)');
    expect(cellText({ error: '#REF!' })).toBe('#REF!');
    expect(cellText({ text: 'tautan', hyperlink: 'https://example.go.id' })).toBe('tautan');
  });

  it('binary garbage named .xlsx', async () => {
    const err = await failure(files.read('garbage.xlsx', readFileSync(path.join(dir, 'garbage.xlsx'))));
    expect(err.code).toBe('NOT_XLSX');
    expect(err.message).toMatch(/^Berkas garbage\.xlsx tidak dapat dibaca \(tidak ada baris atau kolom yang dapat dibaca\): namanya \.xlsx tetapi isinya bukan buku kerja Excel/);
  });

  it('an encrypted workbook (OLE2 with EncryptionInfo)', async () => {
    const err = await failure(files.read('encrypted.xlsx', readFileSync(path.join(dir, 'encrypted.xlsx'))));
    expect(err.code).toBe('XLSX_ENCRYPTED');
    expect(err.details).toMatchObject({ kind: 'encrypted' });
    expect(err.message).toMatch(/^Berkas encrypted\.xlsx tidak dapat dibaca \(tidak ada baris atau kolom yang dapat dibaca\): buku kerja terenkripsi/);
  });

  it('an old .xls, and an OLE file of unknown content', async () => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const xls = new Uint8Array([...header, ...new Uint8Array(500), ...Buffer.from('Workbook', 'utf16le')]);
    expect((await failure(files.read('lama.xlsx', xls))).message).toMatch(/format \.xls lama \(Excel 97–2003\)/);
    const unknown = new Uint8Array([...header, ...new Uint8Array(100)]);
    expect((await failure(files.read('x.xlsx', unknown))).message).toMatch(/terenkripsi \(dilindungi kata sandi\) atau format \.xls lama/);
  });

  it('a ZIP that is not a workbook, and a truncated workbook', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const docx = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect((await failure(files.read('surat.xlsx', docx))).message).toMatch(/bukan buku kerja Excel \(tidak ada xl\/workbook\.xml\)/);
    const good = readFileSync(path.join(dir, 'prabumulih-excel.xlsx'));
    const err = await failure(files.read('potong.xlsx', new Uint8Array(good.subarray(0, Math.floor(good.length / 2)))));
    expect(err.code).toBe('NOT_XLSX');
    expect(err.message).toMatch(/^Berkas potong\.xlsx tidak dapat dibaca/);
  });

  it('refuses a 50,000-row sheet before loading it, naming sheet, row and column', async () => {
    const bytes = await xlsxOf((ws) => {
      ws.addRow(['Output', 'Tahap Pelaksanaan', 'Metode', 'Pelaksana', 'Durasi', 'Sumber daya']);
      for (let i = 0; i < 50_000; i++) ws.addRow(['', `Tahap ${i}`, 'Rapat', 'KOMINFO', '1 Hari', 'APBD : 1 Juta']);
    });
    const err = await failure(files.read('besar.xlsx', bytes));
    expect(err.code).toBe('TABLE_TOO_MANY_ROWS');
    expect(err.message).toMatch(/^Berkas besar\.xlsx, lembar "RA", baris 25\.001, kolom A: lembar ini memuat 50\.001 baris/);
  });

  it('a hidden sheet may be large: only visible sheets count', async () => {
    const wb = new ExcelJS.Workbook();
    const ra = wb.addWorksheet('RA');
    ra.addRow(['Output', 'Tahap', 'Pelaksana', 'Durasi', 'Sumber daya']);
    ra.addRow(['O', 'T', 'P', '1 Hari', 'APBD : 1 Juta']);
    const list = wb.addWorksheet('Daftar Desa');
    for (let i = 0; i < 30_000; i++) list.addRow([`Desa ${i}`]);
    list.state = 'veryHidden';
    const file = await files.read('desa.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(file.sheets.map((s) => s.name)).toEqual(['RA']);
  });

  it('refuses a cell of 100,000 characters, naming sheet, row and column', async () => {
    const bytes = await xlsxOf((ws) => {
      ws.addRow(['Output', 'Tahap', 'Pelaksana', 'Durasi', 'Sumber daya']);
      ws.addRow(['O', 'T', 'P', '1 Hari', 'x'.repeat(100_000)]);
    });
    const err = await failure(files.read('panjang.xlsx', bytes));
    expect(err.code).toBe('CELL_TOO_LONG');
    expect(err.message).toMatch(/^Berkas panjang\.xlsx, lembar "RA", baris 2, kolom E: isi sel 100\.000 karakter/);
  });

  it('refuses a ZIP bomb while inflating it, before exceljs sees it', async () => {
    const workbook = strToU8('<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>');
    const bomb = zipSync({ 'xl/workbook.xml': workbook, 'xl/worksheets/sheet1.xml': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const err = await failure(readXlsx('bom.xlsx', bomb, { maxInflatedBytes: 1024 * 1024 }));
    expect(err.code).toBe('NOT_XLSX');
    expect(err.message).toBe('Berkas bom.xlsx tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): isi arsip mengembang melebihi 1 MB (bukan buku kerja yang wajar).');
  });

  it('refuses an empty file and one over 20 MB', async () => {
    expect((await failure(files.read('kosong.csv', new Uint8Array(0)))).code).toBe('EMPTY_FILE');
    expect((await failure(files.read('besar.csv', new Uint8Array(20 * 1024 * 1024 + 1)))).message).toMatch(/melebihi batas 20 MB/);
  });
});
