/** Manifest validation (PROTOCOL.md §3): every refusal names its field; derivation from bag-info.txt. */
import { parseTagFile } from '../../../core/domain/handover/bagit';
import { isIntakeError } from '../../../server/protocol/errors';
import { metadataFromBagInfo, metadataMismatch, parseManifest, type Manifest } from '../../../server/protocol/manifest';
import { isSubmissionId } from '../../../server/protocol/ids';

const hex = (c: string) => c.repeat(64);
const base = {
  protocol: 1,
  submissionId: '0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10',
  type: 'laporan',
  opd: 'DISDIK',
  period: '2025-T2',
  revisionOf: null,
  appVersion: '0.1.0',
  mainDocument: 'data/laporan.pdf',
  reportType: 'laporan-egov',
  files: [
    { path: 'bagit.txt', sha256: hex('a'), size: 55 },
    { path: 'bag-info.txt', sha256: hex('b'), size: 10 },
    { path: 'manifest-sha256.txt', sha256: hex('c'), size: 10 },
    { path: 'data/laporan.pdf', sha256: hex('d'), size: 1000 },
  ],
};

function fieldOf(raw: unknown): string | undefined {
  try {
    parseManifest(raw);
    return undefined;
  } catch (err) {
    if (!isIntakeError(err)) throw err;
    expect(err.code).toBe('MANIFEST_INVALID');
    expect(err.message).toMatch(/^Manifes tidak sah: /);
    return err.details?.field as string;
  }
}

describe('parseManifest', () => {
  test('accepts a valid manifest and keeps optional fields only when given', () => {
    const m = parseManifest(base);
    expect(m.reportType).toBe('laporan-egov');
    expect('profileId' in m).toBe(false);
    expect(m.files).toHaveLength(4);
  });

  test.each([
    ['protocol', { protocol: 2 }],
    ['submissionId', { submissionId: '0190A5F2-7C3E-7D41-9B2A-3F6C1E8D2A10' }],
    ['submissionId', { submissionId: '0190a5f2-7c3e-4d41-9b2a-3f6c1e8d2a10' }],
    ['type', { type: 'surat' }],
    ['opd', { opd: 'disdik' }],
    ['period', { period: '2025-T5' }],
    ['period', { period: '2025-13' }],
    ['revisionOf', { revisionOf: 'bukan-id' }],
    ['revisionOf', { revisionOf: base.submissionId }],
    ['appVersion', { appVersion: '' }],
    ['reportType', { reportType: 'Laporan EGOV' }],
    ['mainDocument', { mainDocument: 'data/lain.pdf' }],
    ['mainDocument', { mainDocument: 'bagit.txt' }],
    ['tambahan', { tambahan: 1 }],
    ['files', { files: base.files.slice(0, 2) }],
    ['files', { files: base.files.filter((f) => f.path !== 'manifest-sha256.txt').concat({ path: 'data/x', sha256: hex('e'), size: 1 }) }],
    ['files[4].path', { files: [...base.files, { path: '../keluar.txt', sha256: hex('e'), size: 1 }] }],
    ['files[4].path', { files: [...base.files, { path: '/data/abs.txt', sha256: hex('e'), size: 1 }] }],
    ['files[4].path', { files: [...base.files, { path: 'data\\win.txt', sha256: hex('e'), size: 1 }] }],
    ['files[4].path', { files: [...base.files, { path: 'data/laporan.pdf', sha256: hex('e'), size: 1 }] }],
    ['files', { files: [...base.files, { path: 'data/LAPORAN.pdf', sha256: hex('e'), size: 1 }] }],
    ['files[4].sha256', { files: [...base.files, { path: 'data/x.txt', sha256: 'A'.repeat(64), size: 1 }] }],
    ['files[4].size', { files: [...base.files, { path: 'data/x.txt', sha256: hex('e'), size: -1 }] }],
    ['files[4].size', { files: [...base.files, { path: 'data/x.txt', sha256: hex('e'), size: 1.5 }] }],
    ['files[4].size', { files: [...base.files, { path: 'data/x.txt', sha256: hex('d'), size: 5 }] }],
    ['files[4].mode', { files: [...base.files, { path: 'data/x.txt', sha256: hex('e'), size: 1, mode: 644 }] }],
  ])('refuses %s', (field, change) => {
    expect(fieldOf({ ...base, ...change })).toBe(field);
  });

  test.each([
    ['data/CON', 'reserved-name'],
    ['data/NUL.txt', 'reserved-name'],
    ['data/COM1.php', 'reserved-name'],
    ['data/COM\u00b9.txt', 'reserved-name'],
    ['data/laporan.pdf.', 'trailing-dot-or-space'],
    ['data/laporan.pdf ', 'trailing-dot-or-space'],
    ['data/laporan.pdf:tersembunyi', 'colon'],
    ['data/a?.txt', 'windows-forbidden-character'],
    ['//server/share/x', 'unc'],
    ['C:/x.txt', 'drive-letter'],
  ])('refuses the file path %j by the package name policy (%s)', (p, rule) => {
    try {
      parseManifest({ ...base, files: [...base.files, { path: p, sha256: hex('e'), size: 1 }] });
      throw new Error('diterima');
    } catch (err) {
      if (!isIntakeError(err)) throw err;
      expect(err.details).toEqual({ field: 'files[4].path', rule });
    }
  });

  test('refuses twins one file system would merge: case, NFC/NFD, a file that is also a folder', () => {
    for (const [p, rule] of [
      ['data/LAPORAN.pdf', 'case-or-normalization-twin'],
      ['data/laporan.pdf/lampiran.txt', 'file-and-folder'],
    ]) {
      try {
        parseManifest({ ...base, files: [...base.files, { path: p, sha256: hex('e'), size: 1 }] });
        throw new Error('diterima');
      } catch (err) {
        if (!isIntakeError(err)) throw err;
        expect(err.details).toEqual({ field: 'files', rule });
      }
    }
  });

  test('refuses what is not an object', () => {
    expect(fieldOf(null)).toBe('manifest');
    expect(fieldOf([base])).toBe('manifest');
  });

  test('ids: UUIDv7 lowercase or ULID', () => {
    expect(isSubmissionId('01J1Z8X3KQ7T2V9W4M5N6P7R8S')).toBe(true);
    expect(isSubmissionId('01J1Z8X3KQ7T2V9W4M5N6P7R8U')).toBe(false);
    expect(isSubmissionId('81J1Z8X3KQ7T2V9W4M5N6P7R8S')).toBe(false);
  });
});

describe('bag-info.txt and the manifest', () => {
  const bagInfo = parseTagFile(
    'Source-Organization: DISDIK\nBerkas-Submission-Id: 0190a5f2-7c3e-7d41-9b2a-3f6c1e8d2a10\nBerkas-Type: laporan\nBerkas-OPD: DISDIK\nBerkas-Period: 2025-T2\nBerkas-App-Version: 0.1.0\nBerkas-Main-Document: data/laporan.pdf\nBerkas-Report-Type: laporan-egov\n',
  );

  test('derives the manifest fields; absent optional ones are null or omitted', () => {
    const meta = metadataFromBagInfo(bagInfo);
    expect(meta).toMatchObject({ submissionId: base.submissionId, type: 'laporan', opd: 'DISDIK', period: '2025-T2', revisionOf: null, reportType: 'laporan-egov', missing: [] });
    expect('profileId' in meta).toBe(false);
    expect(metadataFromBagInfo(parseTagFile('Berkas-Type: laporan\n')).missing).toContain('Berkas-OPD');
  });

  test('names the first field bag-info.txt contradicts', () => {
    const m: Manifest = parseManifest(base);
    expect(metadataMismatch(m, bagInfo)).toBeNull();
    expect(metadataMismatch({ ...m, period: '2025-T3' }, bagInfo)).toMatchObject({ field: 'period', label: 'Berkas-Period', expected: '2025-T3', found: '2025-T2' });
    expect(metadataMismatch({ ...m, profileId: 'jember' }, bagInfo)).toMatchObject({ field: 'profileId', label: 'Berkas-Profile' });
  });
});
