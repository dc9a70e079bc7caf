import type { CertificateInfo } from '../../../../core/domain/signing/certificate';
import { documentIntegrity, type SignatureReport, type VerificationReport } from '../../../../core/domain/signing/verification';

/** A signature as pdfVerify reports an intact, trusted one; tests change what they look at. */
export function signature(overrides: Partial<SignatureReport> = {}): SignatureReport {
  return {
    field: 'TTD1_Penyusun',
    signer: 'Budi Santoso',
    nip: '198703122010011002',
    subfilter: 'ETSI.CAdES.detached',
    signedAt: '2026-06-17T07:05:00.000Z',
    signedAtSource: 'jam-penanda-tangan',
    timestampedAt: null,
    timestampClaim: null,
    level: 'B-B',
    integrity: 'valid',
    certificate: 'trusted',
    certified: true,
    docMdpPermission: 2,
    coversWholeDocument: true,
    revision: 2,
    changesAfter: [],
    changeLevel: 'none',
    isChangePermitted: true,
    problems: [],
    ...overrides,
  };
}

/** A report over these signatures, judged by the one judgement of core/domain. */
export function report(signatures: SignatureReport[]): VerificationReport {
  return { signatures, revisions: Math.max(1, ...signatures.map((s) => s.revision ?? 1)), integrity: documentIntegrity(signatures) };
}

/** A stored certificate as certificateList returns it (values of tests/fixtures/signing/officer.p12). */
export function certificate(overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    id: 'c-1',
    kind: 'imported',
    label: 'Budi Santoso — NIP 198703122010011002 (Berkas Uji CA Penerbit)',
    subject: 'CN=Budi Santoso, serialNumber=198703122010011002, O=Pemerintah Kota Uji, C=ID',
    commonName: 'Budi Santoso',
    nip: '198703122010011002',
    nik: null,
    organization: 'Pemerintah Kota Uji',
    issuer: 'CN=Berkas Uji CA Penerbit',
    issuerCommonName: 'Berkas Uji CA Penerbit',
    serialNumber: '1002',
    notBefore: '2024-01-01T00:00:00.000Z',
    notAfter: '2040-01-01T00:00:00.000Z',
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    isSelfSigned: false,
    isCertified: true,
    fingerprintSha256: 'ab'.repeat(32),
    createdAt: '2026-06-01T00:00:00.000Z',
    ...overrides,
  };
}
