import {
  documentIntegrity,
  isVerificationPassing,
  permittedLevel,
  summarizeSignature,
  type SignatureReport,
} from '../../../../../core/domain/signing/verification';

const sig: SignatureReport = {
  field: 'TTD1_Penyusun',
  signer: 'Budi Santoso',
  nip: '198703122010011002',
  subfilter: 'ETSI.CAdES.detached',
  signedAt: null,
  signedAtSource: 'jam-penanda-tangan',
  timestampedAt: null,
  timestampClaim: null,
  level: 'B-B',
  integrity: 'valid',
  certificate: 'untrusted',
  certified: true,
  docMdpPermission: 2,
  coversWholeDocument: true,
  revision: 2,
  changesAfter: [],
  changeLevel: 'none',
  isChangePermitted: true,
  problems: [],
};

const changed: SignatureReport = { ...sig, coversWholeDocument: false, changesAfter: [{ level: 'other', description: 'isi halaman 1 diubah' }], changeLevel: 'other', isChangePermitted: false };

describe('verification verdict', () => {
  it('judges a document utuh only with every signature intact and nothing changed after any beyond what is permitted', () => {
    expect(documentIntegrity([])).toBe('tanpa-tanda-tangan');
    expect(documentIntegrity([sig])).toBe('utuh');
    expect(documentIntegrity([sig, { ...sig, integrity: 'invalid' }])).toBe('rusak');
    expect(documentIntegrity([changed])).toBe('diubah');
    // A valid signature covering the whole file on top of a change does not excuse the change (shadow attack).
    expect(documentIntegrity([changed, { ...sig, field: 'TTD2_Pengesah', certified: false }])).toBe('diubah');
    expect(documentIntegrity([changed, { ...sig, integrity: 'invalid' }])).toBe('rusak');
  });

  it('passes only a document judged utuh', () => {
    expect(isVerificationPassing({ signatures: [], revisions: 1, integrity: 'tanpa-tanda-tangan' })).toBe(false);
    expect(isVerificationPassing({ signatures: [sig], revisions: 2, integrity: 'utuh' })).toBe(true);
    expect(isVerificationPassing({ signatures: [changed], revisions: 3, integrity: 'diubah' })).toBe(false);
  });

  it('permits what the certification permits, and annotations on an approval-only document', () => {
    expect(permittedLevel(1)).toBe('lta');
    expect(permittedLevel(2)).toBe('form-filling');
    expect(permittedLevel(3)).toBe('annotations');
    expect(permittedLevel(null)).toBe('annotations');
  });

  it('summarizes a signature in one Indonesian line, integrity and trust as separate words', () => {
    expect(summarizeSignature(sig)).toBe('TTD1_Penyusun: Budi Santoso (NIP 198703122010011002) — utuh, sertifikat belum tepercaya, sertifikasi dokumen, revisi 2');
    expect(summarizeSignature({ ...sig, integrity: 'invalid', certified: false, certificate: 'expired' })).toContain('TIDAK UTUH, sertifikat kedaluwarsa');
    expect(summarizeSignature(changed)).toContain('DIUBAH SETELAH DITANDATANGANI');
  });
});
