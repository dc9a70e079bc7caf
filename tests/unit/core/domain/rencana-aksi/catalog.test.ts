import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isBerkasError } from '../../../../../core/domain/errors';
import { readCatalogJson, readCatalogTable } from '../../../../../core/domain/rencana-aksi';

const dir = path.join(__dirname, '../../../../fixtures/rencana-aksi');

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isBerkasError(err)) return err.message;
    throw err;
  }
  throw new Error('tidak gagal');
}

describe("Diskominfo's activity catalog", () => {
  it('reads the JSON form', () => {
    const catalog = readCatalogJson('katalog-kegiatan.json', readFileSync(path.join(dir, 'katalog-kegiatan.json'), 'utf8'));
    expect(catalog.issuedBy).toBe('Diskominfo Kota Prabumulih');
    expect(catalog.entries).toHaveLength(4);
    expect(catalog.entries[0]).toEqual({
      opdCode: 'DISDUKCAPIL',
      opdName: 'Dinas Kependudukan dan Pencatatan Sipil',
      year: 2025,
      activity: 'Pengembangan SIM PKK',
      output: 'Pengembangan Aplikasi',
      programCode: '2.12.02',
    });
    expect(catalog.entries[2]?.year).toBeUndefined();
  });

  it('reads the table form with the same entries', () => {
    const json = readCatalogJson('k.json', readFileSync(path.join(dir, 'katalog-kegiatan.json'), 'utf8'));
    const rows = [
      ['Kode OPD', 'Nama OPD', 'Tahun', 'Kegiatan', 'Output', 'Kode Program'],
      ...json.entries.map((e) => [e.opdCode, e.opdName, e.year ? String(e.year) : '', e.activity, e.output ?? '', e.programCode ?? '']),
    ];
    expect(readCatalogTable('k.csv', [{ name: 'k', rows, merges: [] }]).entries).toEqual(json.entries);
  });

  it('refuses malformed catalogs, naming the entry or the row and column', () => {
    expect(message(() => readCatalogJson('k.json', '{"format":"lain","version":1,"entries":[]}'))).toMatch(/^Katalog kegiatan k\.json tidak sah: kolom "format" harus/);
    expect(message(() => readCatalogJson('k.json', 'bukan json'))).toMatch(/bukan JSON yang sah/);
    expect(
      message(() => readCatalogJson('k.json', JSON.stringify({ format: 'berkas-katalog-kegiatan', version: 1, entries: [{ opdCode: 'A', activity: 'X' }, { opdCode: 'B', activity: '' }] }))),
    ).toMatch(/entri ke-2, kolom "activity": nama kegiatan kosong/);
    expect(message(() => readCatalogTable('k.csv', [{ name: 'k', rows: [['Kode OPD', 'Kegiatan', 'Tahun'], ['A', 'X', '25']], merges: [] }]))).toMatch(
      /baris 2, kolom C: tahun "25" bukan tahun 2000–2100/,
    );
    expect(message(() => readCatalogTable('k.csv', [{ name: 'k', rows: [['Nama', 'Alamat']], merges: [] }]))).toMatch(/tidak ditemukan baris judul kolom/);
  });
});
