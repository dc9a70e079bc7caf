import { isVerificationPassing, summarizeSignature, type SignatureReport } from '../../../../../core/domain/signing/verification';

const sig: SignatureReport = {
  field: 'TTD1_Penyusun',
  signer: 'Budi Santoso',
  nip: '198703122010011002',
  subfilter: 'ETSI.CAdES.detached',
  signedAt: null,
  timestampedAt: null,
  level: 'B-B',
  integrity: 'valid',
  certificate: 'untrusted',
  certified: true,
  coversWholeDocument: true,
  problems: [],
};

describe('verification verdict', () => {
  it('passes only with at least one signature and every one intact', () => {
    expect(isVerificationPassing({ signatures: [] })).toBe(false);
    expect(isVerificationPassing({ signatures: [sig] })).toBe(true);
    expect(isVerificationPassing({ signatures: [sig, { ...sig, integrity: 'invalid' }] })).toBe(false);
  });

  it('summarizes a signature in one Indonesian line', () => {
    expect(summarizeSignature(sig)).toBe('TTD1_Penyusun: Budi Santoso (NIP 198703122010011002) — utuh, sertifikat tidak tepercaya, sertifikasi dokumen');
    expect(summarizeSignature({ ...sig, integrity: 'invalid', certified: false, certificate: 'expired' })).toContain('TIDAK UTUH, sertifikat kedaluwarsa');
  });
});
