import { carryOverData, fillMonthlyRows } from '../../../../../core/domain/reports/carry-over';
import { definitionFor } from '../../../../../core/domain/reports/definitions';
import { diffTable } from '../../../../../core/domain/reports/diff';
import { parsePeriod } from '../../../../../core/domain/reports/periods';
import { ASSET_COLUMNS } from '../../../../../core/domain/reports/definitions';
import { isBerkasError } from '../../../../../core/domain/errors';
import type { ReportData, TableRow } from '../../../../../core/domain/reports/values';

function ids() {
  let n = 0;
  return () => `baru-${++n}`;
}

describe('carry-over', () => {
  it('the asset register carries whole, with its row ids, into the next year', () => {
    const def = definitionFor('inventaris-tik');
    const aset = [
      { id: 'r1', cells: { kodeBarang: '1.3.2.10.01.02.001', kategori: 'Komputer (PC)', merekTipe: 'HP ProDesk 400', tahunPerolehan: '2019', kondisi: 'baik' } },
      { id: 'r2', cells: { kodeBarang: '1.3.2.10.02.03.001', kategori: 'Laptop', merekTipe: 'Lenovo V14', tahunPerolehan: '2021', kondisi: 'rusak-ringan' } },
    ];
    const next = carryOverData(def, { aset, catatan: 'Diperiksa Januari.' }, parsePeriod('2025', 'tahunan'), parsePeriod('2026', 'tahunan'), ids());
    expect(next).toEqual({ aset, catatan: 'Diperiksa Januari.' });
    expect(next.aset).not.toBe(aset);
  });

  it('a monthly table gets one row per month of the new period for each application, measurements emptied', () => {
    const def = definitionFor('monev-aplikasi');
    const data: ReportData = {
      layanan: [{ id: 'l1', cells: { nama: 'SIMPEG', target: '99' } }],
      pemantauan: [
        { id: 'p1', cells: { aplikasi: 'SIMPEG', bulan: '2026-01', ketersediaan: '99,9', pengguna: '300' } },
        { id: 'p2', cells: { aplikasi: 'SIMPEG', bulan: '2026-02', ketersediaan: '98' } },
        { id: 'p3', cells: { aplikasi: 'e-Surat', bulan: '2026-01', ketersediaan: '97' } },
      ],
      temuan: [
        { id: 't1', cells: { temuan: 'Cadangan harian gagal', status: 'proses' } },
        { id: 't2', cells: { temuan: 'Sertifikat TLS kedaluwarsa', status: 'selesai' } },
      ],
      evaluasi: 'Baik.',
    };
    const next = carryOverData(def, data, parsePeriod('2026-S1', 'semester'), parsePeriod('2026-S2', 'semester'), ids());
    expect((next.pemantauan as { cells: Record<string, string> }[]).map((r) => r.cells)).toEqual([
      ...['07', '08', '09', '10', '11', '12'].map((m) => ({ aplikasi: 'SIMPEG', bulan: `2026-${m}` })),
      ...['07', '08', '09', '10', '11', '12'].map((m) => ({ aplikasi: 'e-Surat', bulan: `2026-${m}` })),
    ]);
    // A resolved finding stays behind; an open one follows.
    expect(next.temuan).toEqual([{ id: 't1', cells: { temuan: 'Cadangan harian gagal', status: 'proses' } }]);
    expect(next.layanan).toEqual(data['layanan']);
  });

  it('an incident does not carry its facts into another incident', () => {
    const next = carryOverData(
      definitionFor('insiden'),
      { waktuKejadian: '2026-11-20T08:00', dampak: 'Layanan mati', status: 'pulih' },
      parsePeriod('2026-11-20', 'insidental'),
      parsePeriod('2026-11-22', 'insidental'),
      ids(),
    );
    expect(next).toEqual({});
  });

  it('refuses to carry backwards', () => {
    expect.assertions(2);
    try {
      carryOverData(definitionFor('laporan-egov'), {}, parsePeriod('2026-Q3', 'triwulan'), parsePeriod('2026-Q2', 'triwulan'), ids());
    } catch (err) {
      expect(isBerkasError(err) && err.code).toBe('CARRY_OVER_BACKWARDS');
      expect((err as Error).message).toBe('Periode tujuan Triwulan II 2026 tidak sesudah periode asal Triwulan III 2026; data hanya dibawa ke periode berikutnya.');
    }
  });

  it('fills missing months without duplicating rows already there', () => {
    const field = definitionFor('monev-aplikasi').fields.find((f) => f.key === 'pemantauan')!;
    const rows = fillMonthlyRows(
      field,
      [{ id: 'x', cells: { aplikasi: 'SIMPEG', bulan: '2026-01', ketersediaan: '99' } }],
      ['SIMPEG', ' '],
      parsePeriod('2026-Q1', 'triwulan'),
      ids(),
    );
    expect(rows.map((r) => `${r.id} ${r.cells.bulan}`)).toEqual(['x 2026-01', 'baru-1 2026-02', 'baru-2 2026-03']);
  });
});

describe('diffTable', () => {
  it('finds added, removed and changed rows with field-level changes', () => {
    const before: TableRow[] = [
      { id: 'a', cells: { merekTipe: 'HP ProDesk 400', kondisi: 'baik', lokasi: 'Ruang Server' } },
      { id: 'b', cells: { merekTipe: 'Epson L3110', kondisi: 'baik' } },
      { id: 'c', cells: { merekTipe: 'Lenovo V14', kondisi: 'baik' } },
    ];
    const after: TableRow[] = [
      { id: 'a', cells: { merekTipe: 'HP ProDesk 400', kondisi: 'rusak-berat', lokasi: 'Gudang' } },
      { id: 'c', cells: { merekTipe: 'Lenovo V14', kondisi: 'baik' } },
      { id: 'd', cells: { merekTipe: 'Mikrotik RB4011', kondisi: 'baik' } },
    ];
    const diff = diffTable(before, after, ASSET_COLUMNS);
    expect(diff.added.map((a) => [a.row, a.value.id])).toEqual([[3, 'd']]);
    expect(diff.removed.map((r) => [r.row, r.value.id])).toEqual([[2, 'b']]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.changes).toEqual([
      { column: 'kondisi', label: 'Kondisi', before: 'baik', after: 'rusak-berat' },
      { column: 'lokasi', label: 'Lokasi', before: 'Ruang Server', after: 'Gudang' },
    ]);
    expect(diff.unchangedCount).toBe(1);
  });
});
