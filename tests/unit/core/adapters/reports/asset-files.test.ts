/**
 * Asset-system exports through the AssetFiles port and the asset import:
 * the committed fixtures (tests/fixtures/reports, made by make-fixtures.ts)
 * as they arrive, the hostile variants refused with the rencana aksi import's
 * messages, and the register written back to .xlsx and read again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createAssetFiles } from '../../../../../core/adapters/reports/asset-files';
import { readAssetsFromTable } from '../../../../../core/domain/reports/asset-import';
import { assetsToSheets } from '../../../../../core/domain/reports/asset-export';
import { matchAssetIds } from '../../../../../core/domain/reports/assets';
import { diffTable } from '../../../../../core/domain/reports/diff';
import { ASSET_COLUMNS } from '../../../../../core/domain/reports/definitions';
import { isBerkasError } from '../../../../../core/domain/errors';

const fixtures = path.resolve(__dirname, '../../../../fixtures/reports');
const files = createAssetFiles();
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));
const importFixture = async (name: string) => readAssetsFromTable(await files.read(name, bytes(name)));

async function failure(name: string): Promise<{ code: string; message: string }> {
  try {
    await importFixture(name);
  } catch (err) {
    if (isBerkasError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error(`${name} was read`);
}

describe('asset-system exports', () => {
  it('reads the KIR export: two-row header, B/KB/RB marks, rooms merged down, dates as years; hidden and recap sheets ignored', async () => {
    const result = await importFixture('aset-simbada-2025.xlsx');
    expect(result.rows).toHaveLength(64);
    expect(result.sheets).toEqual([
      {
        name: 'KIR TIK',
        headerRow: 7,
        rowCount: 64,
        columns: {
          kodeBarang: 'B',
          register: 'C',
          nomorSeri: 'D',
          kategori: 'E',
          merekTipe: 'F',
          tahunPerolehan: 'I',
          kondisi: 'J/K/L',
          lokasi: 'M',
          pengguna: 'N',
          keterangan: 'P',
        },
      },
    ]);
    expect(result.ignoredColumns).toEqual(['G "Ukuran"', 'H "Bahan"', 'O "Harga Perolehan (Rp)"']);
    expect(result.findings).toEqual([]);
    const rows = result.rows.map((r) => r.cells);
    expect(rows.every((r) => /^(19|20)\d\d$/.test(r.tahunPerolehan ?? ''))).toBe(true);
    expect(rows.every((r) => ['baik', 'rusak-ringan', 'rusak-berat'].includes(r.kondisi ?? ''))).toBe(true);
    expect(new Set(rows.map((r) => r.lokasi))).toEqual(
      new Set(['Ruang Kepala Dinas', 'Sekretariat', 'Bidang Aplikasi Informatika', 'Bidang Persandian dan Statistik', 'Bidang Informasi dan Komunikasi Publik', 'Ruang Server']),
    );
    expect(rows.at(-1)).toEqual({
      kodeBarang: '1.3.2.10.02.04.003',
      register: '0007',
      nomorSeri: 'AS2011283341',
      kategori: 'Uninterruptible Power Supply (UPS)',
      merekTipe: 'APC Smart-UPS SRT 6kVA',
      tahunPerolehan: '2020',
      kondisi: 'baik',
      lokasi: 'Ruang Server',
      pengguna: 'Andi Pratama, S.T.',
    });
    // The access point's serial "-" is no serial.
    expect(rows.find((r) => r.merekTipe === 'Ubiquiti UniFi AP AC Pro')?.nomorSeri).toBeUndefined();
  });

  it("next year's export matched to last year's register: 2 written off, 3 new, the rest keep their ids", async () => {
    let n = 0;
    const newId = () => `id-${++n}`;
    const y2025 = matchAssetIds([], (await importFixture('aset-simbada-2025.xlsx')).rows, newId);
    const y2026 = matchAssetIds(y2025, (await importFixture('aset-simbada-2026.xlsx')).rows, newId);
    const diff = diffTable(y2025, y2026, ASSET_COLUMNS);
    expect([diff.added.length, diff.removed.length, diff.changed.length, diff.unchangedCount]).toEqual([3, 2, 5, 57]);
    expect(diff.added.map((a) => a.value.cells.nomorSeri)).toEqual(['PF3A01K', 'PF3A01L', 'PF3A01M']);
    expect(diff.changed.flatMap((c) => c.changes.map((x) => x.column)).sort()).toEqual(['keterangan', 'keterangan', 'keterangan', 'kondisi', 'kondisi', 'kondisi', 'pengguna']);
  });

  it('reads a CSV saved by Excel in an Indonesian locale, skipping the header repeated halfway', async () => {
    const result = await importFixture('aset-sederhana.csv');
    expect(result.rows.map((r) => [r.cells.merekTipe, r.cells.kondisi])).toEqual([
      ['Dell OptiPlex 3080 MT', 'baik'],
      ['Dell OptiPlex 3080 MT', 'rusak-ringan'],
      ['Acer Aspire 5 A514-54', 'baik'],
      ['Canon PIXMA G2010', 'rusak-berat'],
      ['Epson DS-530 II', 'baik'],
      ['TP-Link EAP225', 'baik'],
      ['ICA CN1500', 'rusak-ringan'],
    ]);
    expect(result.rows[1]?.cells.pengguna).toBe('Operator "PATEN"');
  });

  it('doubtful cells are findings naming file, sheet, row and column; the values stay as typed', async () => {
    const result = await importFixture('aset-bermasalah.xlsx');
    expect(result.rows).toHaveLength(4);
    expect(result.findings.map((f) => f.message)).toEqual([
      'Berkas aset-bermasalah.xlsx, lembar "Sheet1", baris 5, kolom F (Tahun perolehan): "dua ribu dua puluh" bukan tahun (4 angka); dibiarkan seperti tertulis.',
      'Berkas aset-bermasalah.xlsx, lembar "Sheet1", baris 6, kolom G (Kondisi): "Hilang" bukan kondisi yang dikenal (Baik/B, Rusak Ringan/RR/KB, Rusak Berat/RB); dibiarkan seperti tertulis, pilih kondisinya di tabel.',
      'Berkas aset-bermasalah.xlsx, lembar "Sheet1", baris 9, kolom D (Merek/tipe): baris di bawah baris Jumlah (baris 8) tidak dibaca; pindahkan ke atas baris Jumlah bila termasuk daftar aset.',
    ]);
    expect(result.rows[2]?.cells.kondisi).toBe('Hilang');
  });

  it.each([
    ['garbage.xlsx', 'NOT_XLSX', 'Berkas garbage.xlsx tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): namanya .xlsx tetapi isinya bukan buku kerja Excel'],
    [
      'encrypted.xlsx',
      'XLSX_ENCRYPTED',
      'Berkas encrypted.xlsx tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): buku kerja terenkripsi (dilindungi kata sandi).',
    ],
    ['old-format.xlsx', 'XLSX_ENCRYPTED', 'format .xls lama (Excel 97–2003)'],
    ['not-zip.xlsx', 'NOT_XLSX', 'namanya .xlsx tetapi isinya bukan buku kerja Excel'],
    ['truncated.xlsx', 'NOT_XLSX', 'Berkas truncated.xlsx tidak dapat dibaca (tidak ada baris atau kolom yang dapat dibaca): arsip ZIP rusak'],
    ['empty.xlsx', 'EMPTY_FILE', 'Berkas empty.xlsx kosong (0 byte; tidak ada baris atau kolom).'],
    ['no-header.xlsx', 'NO_HEADER', 'Berkas no-header.xlsx, baris 1–3, kolom A–C: tidak ditemukan baris judul kolom daftar aset'],
    ['wrong-columns.xlsx', 'HEADER_INCOMPLETE', 'Berkas wrong-columns.xlsx, lembar "Sheet1", baris 1: kolom wajib daftar aset tidak ditemukan: Tahun perolehan, Kondisi.'],
    [
      'too-many-rows.xlsx',
      'TABLE_TOO_MANY_ROWS',
      'Berkas too-many-rows.xlsx, lembar "Sheet1", baris 25.001, kolom A: lembar ini memuat 25.011 baris, melebihi batas 25.000 baris; daftar aset dibatasi 24.000 perangkat. Bagi menjadi beberapa berkas.',
    ],
  ])('refuses %s (%s) with a message naming the file and what is wrong', async (name, code, message) => {
    const f = await failure(name);
    expect(f.code).toBe(code);
    expect(f.message).toContain(message);
  });

  it('writes the register as .xlsx that reads back the same, with a frozen, filtered header and a Kondisi list', async () => {
    const rows = matchAssetIds([], (await importFixture('aset-simbada-2025.xlsx')).rows, () => globalThis.crypto.randomUUID());
    const xlsx = await files.writeXlsx(
      assetsToSheets(rows, {
        opdName: 'Dinas Komunikasi dan Informatika',
        opdCode: 'DISKOMINFO',
        government: 'Pemerintah Kota Pontianak',
        typeName: 'Laporan inventarisasi perangkat TIK',
        periodLabel: 'Tahun 2025',
      }),
    );
    const back = readAssetsFromTable(await files.read('ekspor.xlsx', xlsx));
    expect(back.rows.map((r) => r.cells)).toEqual(rows.map((r) => r.cells));
    expect(back.findings).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.getWorksheet('Inventaris TIK')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getCell('A6').value).toBe(1);
    expect(ws.getCell('H6').dataValidation).toMatchObject({ type: 'list', formulae: ['"Baik,Rusak Ringan,Rusak Berat"'] });
    const recap = wb.getWorksheet('Ringkasan')!;
    expect(recap.getCell('A2').value).toBe('Baik');
    expect(typeof recap.getCell('B2').value).toBe('number');
  });
});
