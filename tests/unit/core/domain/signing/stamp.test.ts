import type { CertificateInfo } from '../../../../../core/domain/signing/certificate';
import { parseQrPayload, qrPayload, signatureFieldName, signerOfPreview, stampText } from '../../../../../core/domain/signing/stamp';

describe('signature stamp', () => {
  it('gives every signature a field name no other field has', () => {
    expect(signatureFieldName([], 'penyusun')).toBe('TTD1_Penyusun');
    expect(signatureFieldName(['TTD1_Penyusun'], 'pengesah')).toBe('TTD2_Pengesah');
    expect(signatureFieldName(['TTD1_Penyusun', 'TTD2_Pengesah'], null)).toBe('TTD3');
    expect(signatureFieldName(['Nama', 'TTD2'], null)).toBe('TTD3');
    expect(signatureFieldName(['TTD2_Penyusun', 'x'], 'penyusun')).toBe('TTD3_Penyusun');
  });

  it('carries the document id and the SHA-256 in the QR payload', () => {
    const sha = 'AB'.repeat(32);
    const text = qrPayload('a1b2-c3', sha);
    expect(text).toBe(`berkas:v1;doc=a1b2-c3;sha256=${'ab'.repeat(32)}`);
    expect(parseQrPayload(text)).toEqual({ documentId: 'a1b2-c3', unsignedSha256: 'ab'.repeat(32) });
    expect(parseQrPayload('berkas:v1;doc=x;sha256=12')).toBeNull();
  });

  it('says who signed and when, and warns for a self-signed certificate', () => {
    const at = new Date('2021-06-17T07:05:00Z');
    const certified = stampText({ signerName: 'Budi Santoso', nip: '198703122010011002', signedAt: at, offsetMinutes: 420, isCertified: true, issuerCommonName: 'BSrE' });
    expect(certified.lines).toEqual(['NIP 198703122010011002', '17 Juni 2021 14.05 WIB', 'Sertifikat: BSrE']);
    expect(certified.warning).toBeNull();
    const own = stampText({ signerName: 'Budi', nip: null, signedAt: at, offsetMinutes: 420, isCertified: false, issuerCommonName: 'Budi' });
    expect(own.warning).toBe('Sertifikat tidak tersertifikasi');
  });

  it('shows the signer of a preview from the certificate, with what stops signing', () => {
    const own: CertificateInfo = {
      subject: 'CN=Budi Santoso',
      commonName: 'Budi Santoso',
      nip: '198703122010011002',
      nik: null,
      organization: null,
      issuer: 'CN=Budi Santoso',
      issuerCommonName: 'Budi Santoso',
      serialNumber: '1',
      notBefore: '2024-01-01T00:00:00.000Z',
      notAfter: '2026-01-01T00:00:00.000Z',
      keyUsage: null,
      isSelfSigned: true,
      fingerprintSha256: 'ab',
      id: 'c1',
      kind: 'self-signed',
      isCertified: false,
      label: 'Budi Santoso (tidak tersertifikasi)',
      createdAt: '2024-01-01T00:00:00.000Z',
    };
    const valid = signerOfPreview(own, new Date('2025-06-01T00:00:00Z'), 420);
    expect(valid).toEqual({
      signer: { name: 'Budi Santoso', nip: '198703122010011002', issuer: 'Budi Santoso', isCertified: false, note: 'tidak tersertifikasi', notAfter: '2026-01-01T00:00:00.000Z' },
      problems: [],
    });
    const late = signerOfPreview({ ...own, isCertified: true, issuerCommonName: 'BSrE' }, new Date('2026-02-01T00:00:00Z'), 420);
    expect(late.signer.note).toBe('');
    expect(late.problems).toHaveLength(1);
    expect(late.problems[0]).toContain('sudah kedaluwarsa');
  });
});
