import { formatBulanTahun, formatTanggal, namaBulan } from '../../../../../core/domain/format/tanggal';
import { BerkasError } from '../../../../../core/domain/errors';

describe('formatTanggal', () => {
  it('writes an ISO date the Indonesian way', () => {
    expect(formatTanggal('2021-06-17')).toBe('17 Juni 2021');
    expect(formatTanggal('1985-07-01')).toBe('1 Juli 1985');
    expect(formatTanggal('2024-02-29')).toBe('29 Februari 2024');
    expect(formatTanggal('2020-12-31')).toBe('31 Desember 2020');
  });

  it('reads a Date on the local calendar', () => {
    expect(formatTanggal(new Date(2021, 5, 17, 23, 59))).toBe('17 Juni 2021');
    expect(formatTanggal(new Date(2021, 0, 1, 0, 0))).toBe('1 Januari 2021');
  });

  it('reads a stored moment (ISO time with its zone) on the local calendar, as a Date', () => {
    for (const moment of ['2026-11-22T22:06:24.530Z', '2021-06-17T03:00:00Z', '2021-06-17T23:30+07:00', '2021-12-31T17:00:00.000Z']) {
      expect(formatTanggal(moment)).toBe(formatTanggal(new Date(moment)));
    }
    expect(() => formatTanggal('2021-06-17T03:00:00')).toThrow(/TTTT-BB-HH/);
    expect(() => formatTanggal('2021-02-30T03:00:00Z')).toThrow(BerkasError);
  });

  it('names every month', () => {
    const written = Array.from({ length: 12 }, (_, i) => formatTanggal(`2021-${String(i + 1).padStart(2, '0')}-01`));
    expect(written).toEqual(namaBulan.map((m) => `1 ${m} 2021`));
  });

  it('takes other month names for another language', () => {
    const english = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    expect(formatTanggal('2021-06-17', english)).toBe('17 June 2021');
    expect(() => formatTanggal('2021-06-17', ['Jan'])).toThrow(BerkasError);
  });

  it.each(['2021-02-29', '2021-13-01', '2021-00-10', '17-06-2021', '2021-6-17', '', 'kemarin'])('refuses %p and says how to write it', (value) => {
    expect(() => formatTanggal(value)).toThrow(/TTTT-BB-HH/);
  });

  it('refuses an invalid Date', () => {
    expect(() => formatTanggal(new Date('bukan tanggal'))).toThrow(BerkasError);
  });
});

describe('formatBulanTahun', () => {
  it('writes month and year', () => {
    expect(formatBulanTahun('2010-01')).toBe('Januari 2010');
    expect(formatBulanTahun('2010-11')).toBe('November 2010');
    expect(formatBulanTahun(new Date(2021, 5, 17))).toBe('Juni 2021');
  });

  it.each(['2010-13', '2010-00', '2010', '201001'])('refuses %p', (value) => {
    expect(() => formatBulanTahun(value)).toThrow(/TTTT-BB/);
  });
});
