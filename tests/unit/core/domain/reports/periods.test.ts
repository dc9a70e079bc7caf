import { addDays, dueDateOf, monthsOf, nextPeriod, parsePeriod, periodContaining, periodRangeText, previousPeriod } from '../../../../../core/domain/reports/periods';
import { isBerkasError } from '../../../../../core/domain/errors';

describe('report periods', () => {
  it('reads the period codes of each kind', () => {
    expect(parsePeriod('2026-Q3', 'triwulan')).toEqual({ kind: 'triwulan', code: '2026-Q3', year: 2026, start: '2026-07-01', end: '2026-09-30', label: 'Triwulan III 2026' });
    expect(parsePeriod('2026-s1', 'semester')).toMatchObject({ code: '2026-S1', start: '2026-01-01', end: '2026-06-30', label: 'Semester I 2026' });
    expect(parsePeriod('2024', 'tahunan')).toMatchObject({ code: '2024', start: '2024-01-01', end: '2024-12-31', label: 'Tahun 2024' });
    expect(parsePeriod('2026-07-14', 'insidental')).toMatchObject({ code: '2026-07-14', start: '2026-07-14', end: '2026-07-14', label: '14 Juli 2026' });
  });

  it.each([
    ['2026-Q5', 'triwulan', 'Periode "2026-Q5" tidak sah untuk laporan triwulan: tulis tahun, tanda hubung, Q dan nomor triwulan 1–4. Contoh: 2026-Q3.'],
    ['2026-Q3', 'semester', 'Periode "2026-Q3" tidak sah untuk laporan semester: tulis tahun, tanda hubung, S dan nomor semester 1–2. Contoh: 2026-S1.'],
    ['2026-02-30', 'insidental', 'Periode "2026-02-30" tidak sah untuk laporan insidental (tanggal kejadian): tulis tanggal kejadian sebagai TTTT-BB-HH. Contoh: 2026-07-14.'],
    ['1999', 'tahunan', 'Periode "1999" tidak sah untuk laporan tahunan: tahun harus 2000–2100. Contoh: 2026.'],
  ] as const)('refuses %s for %s, saying what it expects', (code, kind, message) => {
    try {
      parsePeriod(code, kind);
      throw new Error('no error');
    } catch (err) {
      expect(isBerkasError(err) && err.code).toBe('PERIOD_INVALID');
      expect((err as Error).message).toBe(message);
    }
  });

  it('finds the period of a date and steps across year ends', () => {
    expect(periodContaining('2026-11-22', 'triwulan').code).toBe('2026-Q4');
    expect(periodContaining('2026-06-30', 'semester').code).toBe('2026-S1');
    expect(nextPeriod(parsePeriod('2026-Q4', 'triwulan')).code).toBe('2027-Q1');
    expect(previousPeriod(parsePeriod('2026-S1', 'semester')).code).toBe('2025-S2');
    expect(previousPeriod(parsePeriod('2026', 'tahunan')).code).toBe('2025');
    expect(nextPeriod(parsePeriod('2028-02-28', 'insidental')).code).toBe('2028-02-29');
  });

  it('computes due dates: days after the period, the period end for 0, none for an event without deadline', () => {
    expect(dueDateOf(parsePeriod('2026-Q3', 'triwulan'), 15)).toBe('2026-10-15');
    expect(dueDateOf(parsePeriod('2026', 'tahunan'), 15)).toBe('2027-01-15');
    expect(dueDateOf(parsePeriod('2026', 'tahunan'), 0)).toBe('2026-12-31');
    expect(dueDateOf(parsePeriod('2026-07-14', 'insidental'), 1)).toBe('2026-07-15');
    expect(dueDateOf(parsePeriod('2026-07-14', 'insidental'), 0)).toBeNull();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('lists the months of a period and writes its range', () => {
    expect(monthsOf(parsePeriod('2026-S2', 'semester'))).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(periodRangeText(parsePeriod('2026-Q3', 'triwulan'))).toBe('1 Juli – 30 September 2026');
  });
});
