import { slugOf } from '../../../../../core/domain/files/slug';

describe('slugOf', () => {
  it('keeps ASCII letters and digits joined by hyphens, accents dropped', () => {
    expect(slugOf('Sistem Informasi Kepegawaian (SIMPEG) 2.1', 'x')).toBe('sistem-informasi-kepegawaian-simpeg-2-1');
    expect(slugOf('Sékolah Dasar', 'x')).toBe('sekolah-dasar');
  });

  it('gives the fallback when nothing is left', () => {
    expect(slugOf('???', 'laporan')).toBe('laporan');
    expect(slugOf('', 'dokumen')).toBe('dokumen');
  });

  it('cuts at the limit and never ends on a hyphen', () => {
    expect(slugOf('abcd efgh', 'x', 5)).toBe('abcd');
    expect(slugOf('a'.repeat(80), 'x')).toHaveLength(60);
    expect(slugOf('a'.repeat(80), 'x', 30)).toHaveLength(30);
  });
});
