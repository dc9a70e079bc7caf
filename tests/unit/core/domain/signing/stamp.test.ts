import { parseQrPayload, qrPayload, signatureFieldName, stampText } from '../../../../../core/domain/signing/stamp';

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
});
