import { definitionFor, knownReportKeys } from '../../../../../core/domain/reports/definitions';
import { parsePeriod } from '../../../../../core/domain/reports/periods';
import { eventDateFromData, validateReport } from '../../../../../core/domain/reports/validate';
import { parseNumberId, type ReportData } from '../../../../../core/domain/reports/values';
import type { RegionProfile } from '../../../../../core/domain/profiles/profile';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const profilesDir = path.join(__dirname, '../../../../../assets/profiles');

describe('report definitions', () => {
  it('every report type of every region profile has its own fields', () => {
    const keys = readdirSync(profilesDir).flatMap((f) => (JSON.parse(readFileSync(path.join(profilesDir, f), 'utf8')) as RegionProfile).reports.map((r) => r.key));
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect({ key, isKnown: knownReportKeys().includes(key) }).toEqual({ key, isKnown: true });
  });

  it('an unknown key still gets a form (narrative and attachment)', () => {
    expect(definitionFor('laporan-baru').fields.map((f) => f.key)).toEqual(['isi', 'lampiran']);
  });

  it('the incident report asks when, which systems, impact, actions, data secured, reported to whom', () => {
    const keys = definitionFor('insiden').fields.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['waktuKejadian', 'sistem', 'dampak', 'tindakan', 'pengamananData', 'dilaporkanKepada']));
  });
});

describe('validateReport', () => {
  const today = '2026-11-22';

  it('names every missing required field of an incident report', () => {
    const def = definitionFor('insiden');
    const findings = validateReport(def, {}, { period: parsePeriod('2026-11-20', 'insidental'), today });
    expect(findings.map((f) => f.message)).toEqual([
      '"Waktu kejadian" wajib diisi.',
      '"Sistem elektronik yang terdampak" wajib diisi.',
      '"Jenis kejadian" wajib diisi.',
      '"Dampak" wajib diisi.',
      '"Tindakan yang telah diambil" wajib diisi.',
      '"Pengamanan data" wajib diisi.',
      'Tabel "Dilaporkan kepada" wajib berisi paling sedikit satu baris.',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('an event in the future, or on another day than the period, is an error', () => {
    const def = definitionFor('insiden');
    const period = parsePeriod('2026-11-20', 'insidental');
    const future = validateReport(def, { waktuKejadian: '2026-11-23T08:00' }, { period, today }).find((f) => f.field === 'waktuKejadian');
    expect(future?.message).toBe('"Waktu kejadian": 2026-11-23 berada setelah hari ini (2026-11-22).');
    const other = validateReport(def, { waktuKejadian: '2026-11-19 22:10' }, { period, today }).find((f) => f.field === 'waktuKejadian');
    expect(other?.message).toBe('"Waktu kejadian": 2026-11-19 tidak sama dengan periode laporan (2026-11-20).');
    expect(eventDateFromData(def, { waktuKejadian: '2026-11-19 22:10' })).toBe('2026-11-19');
    const bad = validateReport(def, { waktuKejadian: 'kemarin sore' }, { period, today }).find((f) => f.field === 'waktuKejadian');
    expect(bad?.message).toBe('"Waktu kejadian": "kemarin sore" bukan tanggal dan jam; tulis tanggal dan jam 24 jam, misalnya 14/07/2026 08.30 (di berkas data: 2026-07-14 08:30).');
  });

  it('names the table, row and column of a bad cell', () => {
    const def = definitionFor('monev-aplikasi');
    const period = parsePeriod('2026-S2', 'semester');
    const data: ReportData = {
      layanan: [{ id: 'a', cells: { nama: 'SIMPEG', target: '99,5' } }],
      pemantauan: [
        { id: 'm1', cells: { aplikasi: 'SIMPEG', bulan: '2026-07', ketersediaan: '99,7', pengguna: '1.250' } },
        { id: 'm2', cells: { aplikasi: 'SIMPEG', bulan: '2026-03', ketersediaan: '101' } },
        { id: 'm3', cells: { aplikasi: 'SIMPEG', bulan: '2026-07', ketersediaan: '98', transaksi: '12,5' } },
      ],
      temuan: [{ id: 't', cells: { temuan: 'Sertifikat TLS kedaluwarsa', status: 'tunda' } }],
      evaluasi: 'Layanan stabil.',
    };
    expect(validateReport(def, data, { period, today }).map((f) => f.message)).toEqual([
      'Tabel "Pemantauan bulanan", baris 2, kolom "Bulan": Maret 2026 di luar periode Semester II 2026.',
      'Tabel "Pemantauan bulanan", baris 2, kolom "Ketersediaan (%)": "101" di luar 0–100 persen.',
      'Tabel "Pemantauan bulanan", baris 3, kolom "Transaksi": "12,5" bukan bilangan bulat (contoh: 1.250).',
      'Tabel "Pemantauan bulanan", baris 3, kolom "Bulan": "SIMPEG" bulan Juli 2026 sudah ada di baris 1.',
      'Tabel "Temuan dan tindak lanjut", baris 1, kolom "Status": "tunda" bukan pilihan yang dikenal (Belum ditindaklanjuti, Dalam proses, Selesai).',
    ]);
  });

  it('the data request needs the confidentiality statement (Banjarmasin Pasal 11 ayat (1))', () => {
    const def = definitionFor('permohonan-data');
    const findings = validateReport(def, { pernyataan: false }, { period: parsePeriod('2026-11-01', 'insidental'), today });
    expect(findings.find((f) => f.field === 'pernyataan')?.message).toBe('"Melampirkan surat pernyataan menjaga kerahasiaan dan tidak menyalahgunakan data" wajib dicentang.');
  });

  it('flags duplicate serial numbers and bad years in the asset register, and caps a flood of findings', () => {
    const def = definitionFor('inventaris-tik');
    const period = parsePeriod('2026', 'tahunan');
    const row = (id: string, cells: Record<string, string>) => ({
      id,
      cells: { kodeBarang: '1.3.2.10.02.03.001', kategori: 'Laptop', merekTipe: 'Lenovo', tahunPerolehan: '2020', kondisi: 'baik', ...cells },
    });
    const findings = validateReport(def, { aset: [row('a', { nomorSeri: 'PF2ABC' }), row('b', { nomorSeri: 'pf2abc', tahunPerolehan: '2031' })] }, { period, today });
    expect(findings.map((f) => f.message)).toEqual([
      'Tabel "Daftar perangkat TIK", baris 2, kolom "Tahun perolehan": tahun 2031 di luar 1950–2027.',
      'Tabel "Daftar perangkat TIK", baris 2, kolom "Nomor seri": nomor seri "PF2ABC" sama dengan baris 1; setiap perangkat memiliki nomor seri sendiri.',
    ]);
    const many = Array.from({ length: 500 }, (_, i) => ({ id: String(i), cells: { kategori: 'PC' } }));
    const flood = validateReport(def, { aset: many }, { period, today });
    expect(flood).toHaveLength(201);
    expect(flood.at(-1)?.message).toBe('Tabel "Daftar perangkat TIK": 1800 temuan lain tidak ditampilkan; perbaiki yang di atas lebih dulu.');
  });
});

describe('parseNumberId', () => {
  it.each([
    ['1.250', 1250],
    ['99,5', 99.5],
    ['99.5', 99.5],
    ['12.345.678', 12345678],
    ['100%', 100],
    ['', null],
    ['sepuluh', null],
    ['1,2,3', null],
  ] as const)('%s -> %s', (text, value) => expect(parseNumberId(text)).toBe(value));
});
