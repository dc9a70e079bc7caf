import {
  badBagNameReason,
  bagSize,
  findFoldCollisions,
  formatBagInfo,
  formatManifest,
  parseManifest,
  parseOxum,
  payloadOxum,
} from '../../../../../core/domain/handover/bagit';

describe('BagIt text', () => {
  it('refuses the names issue 5 names, and those our reader would refuse', () => {
    expect(badBagNameReason('data/laporan 100%.pdf')).toContain('persen');
    expect(badBagNameReason('data/a\nb')).toContain('ganti baris');
    expect(badBagNameReason('data/a\rb')).toContain('ganti baris');
    expect(badBagNameReason('data/a\\b')).toContain('garis miring terbalik');
    expect(badBagNameReason('data/../x')).not.toBeNull();
    expect(badBagNameReason('data/Laporan Akhir (final) – ß.pdf')).toBeNull();
  });

  it('finds names equal after case and Unicode folding', () => {
    expect(findFoldCollisions(['data/README', 'data/x', 'data/readme'])).toEqual([['data/README', 'data/readme']]);
    expect(findFoldCollisions(['data/kafe\u0301', 'data/kaf\u00e9'])).toHaveLength(1);
    expect(findFoldCollisions(['data/a', 'data/b'])).toEqual([]);
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
    const parsed = parseManifest(`${'A'.repeat(64)}\tdata/x%25y\r\n${'c'.repeat(64)} ./data/z\n`, 'manifest-sha256.txt');
    expect([...parsed.entries]).toEqual([
      ['data/x%y', 'a'.repeat(64)],
      ['data/z', 'c'.repeat(64)],
    ]);
    const bad = parseManifest(`abc data/x\n${'a'.repeat(64)}  data/y\n${'b'.repeat(64)}  data/y\n`, 'm.txt');
    expect(bad.problems).toEqual(['m.txt baris 1: bukan "<sha256> <jalur>"', 'm.txt baris 3: jalur data/y tercantum dua kali']);
  });
});
