import { formatByteSize } from '../../../../../core/domain/format/byte-size';
import { isBerkasError } from '../../../../../core/domain/errors';

describe('formatByteSize', () => {
  it('writes small sizes in B, with Indonesian grouping', () => {
    expect(formatByteSize(0)).toBe('0 B');
    expect(formatByteSize(12)).toBe('12 B');
    expect(formatByteSize(1023)).toBe('1.023 B');
  });

  it('uses 1024-based units with at most one decimal (comma) under 100', () => {
    expect(formatByteSize(1024)).toBe('1 KB');
    expect(formatByteSize(1536)).toBe('1,5 KB');
    expect(formatByteSize(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatByteSize(6 * 1024 * 1024 + 3)).toBe('6 MB');
    expect(formatByteSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatByteSize(Math.round(2.14 * 1024 ** 3))).toBe('2,1 GB');
  });

  it('writes whole numbers from 100 on, grouped', () => {
    expect(formatByteSize(100 * 1024 * 1024)).toBe('100 MB');
    expect(formatByteSize(850 * 1024)).toBe('850 KB');
    expect(formatByteSize(1023 * 1024)).toBe('1.023 KB');
  });

  it('rounds before choosing the unit: never "100,0 KB" nor "1.024 KB"', () => {
    expect(formatByteSize(Math.round(99.96 * 1024))).toBe('100 KB');
    expect(formatByteSize(Math.round(1023.6 * 1024))).toBe('1 MB');
    expect(formatByteSize(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('stops at TB', () => {
    expect(formatByteSize(3.25 * 1024 ** 4)).toBe('3,3 TB');
    expect(formatByteSize(2048 * 1024 ** 4)).toBe('2.048 TB');
  });

  it('refuses what is not a size, naming the value', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      let caught: unknown;
      try {
        formatByteSize(bad);
      } catch (err) {
        caught = err;
      }
      expect(isBerkasError(caught) && caught.code === 'SIZE_INVALID' && caught.message.includes(String(bad))).toBe(true);
    }
  });
});
