import { readDurasi, totalDays } from '../../../../../core/domain/rencana-aksi/duration';

describe('readDurasi: durations as officers write them', () => {
  it.each([
    ['1 Bulan', 30, undefined],
    ['2 minggu', 14, undefined],
    ['4 Bulan', 120, undefined],
    ['1 Hari', 1, undefined],
    ['2 Hari, 5 Kali', 2, 5],
    ['1 Hari, 2 Kali', 1, 2],
    ['2 hari x 5 kali', 2, 5],
    ['5 x 2 hari', 2, 5],
    ['2 hari (5 kali)', 2, 5],
    ['1 Tahun', 365, undefined],
    ['1 Triwulan', 90, undefined],
    ['1 bulan 2 minggu', 44, undefined],
    ['sebulan', 30, undefined],
    ['dua minggu', 14, undefined],
    ['1,5 Bulan', 45, undefined],
    ['0,5 hari', 0.5, undefined],
    ['3 Bln', 90, undefined],
    ['selama 2 pekan', 14, undefined],
  ])('%s -> %d days, times %s', (text, days, times) => {
    const r = readDurasi(text);
    expect(r.status).toBe('ok');
    expect(r.value).toEqual(times === undefined ? { text, days } : { text, days, times });
  });

  it('empty and "-" are missing', () => {
    expect(readDurasi('').status).toBe('empty');
    expect(readDurasi(' - ').status).toBe('empty');
  });

  it.each([
    ['2-3 bulan', /rentang/],
    ['Januari s/d Maret', /rentang/],
    ['4 Jam', /jam/],
    ['5 Kali', /tanpa lama/],
    ['Setiap bulan', /tidak dikenali/],
    ['30', /tidak dikenali/],
    ['2 Hari, 5 Kali, 3 Kali', /lebih dari sekali/],
    ['0 hari', /nol/],
  ])('reports %s as unreadable, text kept', (text, reason) => {
    const r = readDurasi(text);
    expect(r.status).toBe('unreadable');
    expect(r.value).toEqual({ text });
    expect(r.reason).toMatch(reason);
  });

  it('total days multiply by the number of times', () => {
    expect(totalDays(readDurasi('2 Hari, 5 Kali').value)).toBe(10);
    expect(totalDays(readDurasi('1 Bulan').value)).toBe(30);
    expect(totalDays(readDurasi('tidak tahu').value)).toBeUndefined();
  });
});
