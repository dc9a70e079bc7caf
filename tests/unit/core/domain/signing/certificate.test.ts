import {
  certificateLabel,
  describeKeyUsage,
  identityFromSerialNumber,
  problemsForSigning,
  type CertificateDetails,
} from '../../../../../core/domain/signing/certificate';

const base: CertificateDetails = {
  subject: 'CN=Budi Santoso, serialNumber=198703122010011002, O=Pemerintah Kota Pontianak, C=ID',
  commonName: 'Budi Santoso',
  nip: '198703122010011002',
  nik: null,
  organization: 'Pemerintah Kota Pontianak',
  issuer: 'CN=BSrE, O=BSSN, C=ID',
  issuerCommonName: 'BSrE',
  serialNumber: '1002',
  notBefore: '2024-01-01T00:00:00.000Z',
  notAfter: '2026-01-01T00:00:00.000Z',
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  isSelfSigned: false,
  fingerprintSha256: 'ab',
};

describe('certificate rules', () => {
  it('reads NIP (18 digits) and NIK (16 digits) from the subject serialNumber', () => {
    expect(identityFromSerialNumber('198703122010011002')).toEqual({ nip: '198703122010011002', nik: null });
    expect(identityFromSerialNumber('NIP.19870312 201001 1 002')).toEqual({ nip: '198703122010011002', nik: null });
    expect(identityFromSerialNumber('6171011203870001')).toEqual({ nip: null, nik: '6171011203870001' });
    expect(identityFromSerialNumber('ID-12')).toEqual({ nip: null, nik: null });
    expect(identityFromSerialNumber(null)).toEqual({ nip: null, nik: null });
  });

  it('labels a self-signed certificate "tidak tersertifikasi"', () => {
    expect(certificateLabel(base, true)).toBe('Budi Santoso — NIP 198703122010011002 (BSrE)');
    expect(certificateLabel({ ...base, nip: null }, false)).toBe('Budi Santoso (tidak tersertifikasi)');
  });

  it('allows a valid signing certificate', () => {
    expect(problemsForSigning(base, new Date('2025-06-01T00:00:00Z'))).toEqual([]);
    expect(problemsForSigning({ ...base, keyUsage: null }, new Date('2025-06-01T00:00:00Z'))).toEqual([]);
  });

  it('refuses an expired certificate, naming the date and the issuer', () => {
    const [p] = problemsForSigning(base, new Date('2026-02-01T00:00:00Z'));
    expect(p?.code).toBe('CERT_EXPIRED');
    expect(p?.message).toContain('kedaluwarsa sejak 1 Januari 2026');
    expect(p?.message).toContain('BSrE');
  });

  it('refuses a certificate not valid yet', () => {
    const [p] = problemsForSigning(base, new Date('2023-06-01T00:00:00Z'));
    expect(p?.code).toBe('CERT_NOT_YET_VALID');
    expect(p?.message).toContain('1 Januari 2024');
  });

  it('refuses a certificate whose key usage excludes signing', () => {
    const [p] = problemsForSigning({ ...base, keyUsage: ['keyEncipherment'] }, new Date('2025-06-01T00:00:00Z'));
    expect(p?.code).toBe('CERT_KEY_USAGE');
    expect(p?.message).toContain('enkripsi kunci');
    expect(describeKeyUsage(['digitalSignature', 'nonRepudiation'])).toBe('tanda tangan digital, nirsangkal');
  });
});
