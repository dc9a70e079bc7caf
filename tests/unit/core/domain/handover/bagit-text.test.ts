import { badBagNameReason, bagSize, formatBagInfo, formatManifest, parseOxum, payloadOxum } from '../../../../../core/domain/handover/bagit';
import { parseManifestFile } from '../../../../../core/domain/handover/bagit-rules';

describe('BagIt text', () => {
  it('refuses the names issue 5 names, and those our reader would refuse', () => {
    expect(badBagNameReason('data/laporan 100%.pdf')).toContain('persen');
    expect(badBagNameReason('data/a\nb')).toContain('ganti baris');
    expect(badBagNameReason('data/a\rb')).toContain('ganti baris');
    expect(badBagNameReason('data/a\\b')).toContain('garis miring terbalik');
    expect(badBagNameReason('data/../x')).not.toBeNull();
    expect(badBagNameReason('data/Laporan Akhir (final) – ß.pdf')).toBeNull();
    // The package name policy every reader applies, so Berkas never writes what it would refuse.
    expect(badBagNameReason('data/kode-sumber/aux.c')).toContain('perangkat Windows');
    expect(badBagNameReason('data/laporan.pdf.')).toContain('titik atau spasi');
    expect(badBagNameReason('data/laporan.pdf:rahasia')).toContain('titik dua');
    expect(badBagNameReason('data/ spasi-depan.txt')).toContain('diawali spasi');
  });

  it('formats Payload-Oxum and Bag-Size', () => {
    expect(payloadOxum(1234, 5)).toBe('1234.5');
    expect(parseOxum('1234.5')).toEqual({ bytes: 1234, files: 5 });
    expect(parseOxum('12x')).toBeNull();
    expect(bagSize(999)).toBe('999 bytes');
    expect(bagSize(42_600_000_000)).toBe('42.6 GB');
    expect(bagSize(1_500_000)).toBe('1.5 MB');
  });

  it('keeps bag-info values on one line and drops empty ones', () => {
    expect(formatBagInfo([['A', 'satu\ndua'], ['B', '']])).toBe('A: satu dua\n');
  });

  it('writes sorted manifests and reads them back, also from other tools', () => {
    const text = formatManifest([
      { path: 'data/b', sha256: 'b'.repeat(64) },
      { path: 'data/a', sha256: 'a'.repeat(64) },
    ]);
    expect(text).toBe(`${'a'.repeat(64)}  data/a\n${'b'.repeat(64)}  data/b\n`);
    const parsed = parseManifestFile(`${'A'.repeat(64)}\tdata/x%25y\r\n${'c'.repeat(64)} ./data/z\n`, 'manifest-sha256.txt', 'sha256');
    expect([...parsed.entries]).toEqual([
      ['data/x%y', 'a'.repeat(64)],
      ['data/z', 'c'.repeat(64)],
    ]);
    const bad = parseManifestFile(`abc data/x\n${'a'.repeat(64)}  data/y\n${'b'.repeat(64)}  data/y\n`, 'm.txt', 'sha256');
    expect(bad.issues.map((i) => [i.rule, i.message.slice(0, 12)])).toEqual([
      ['manifest-line', 'm.txt baris '],
      ['manifest-duplicate', 'm.txt baris '],
    ]);
  });
});
