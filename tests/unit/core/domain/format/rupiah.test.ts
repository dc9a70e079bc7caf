import { formatRupiah } from '../../../../../core/domain/format/rupiah';
import { BerkasError } from '../../../../../core/domain/errors';

describe('formatRupiah', () => {
  it.each([
    [186_000_000, 'Rp 186.000.000'],
    [0, 'Rp 0'],
    [7, 'Rp 7'],
    [999, 'Rp 999'],
    [1000, 'Rp 1.000'],
    [10_000_000, 'Rp 10.000.000'],
    [1_234_567_890_123, 'Rp 1.234.567.890.123'],
    [1500.5, 'Rp 1.500,50'],
    [0.05, 'Rp 0,05'],
    [-25_000, '-Rp 25.000'],
  ])('writes %p as %p', (amount, expected) => {
    expect(formatRupiah(amount)).toBe(expected);
  });

  it('rounds to whole sen and never writes "-Rp 0" for a rounding remnant', () => {
    expect(formatRupiah(2.999)).toBe('Rp 3');
    expect(formatRupiah(-0.001)).toBe('Rp 0');
  });

  it.each([NaN, Infinity, -Infinity, 2 ** 60])('refuses %p with a BerkasError', (amount) => {
    expect(() => formatRupiah(amount)).toThrow(BerkasError);
  });
});
