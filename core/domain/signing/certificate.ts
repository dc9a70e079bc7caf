/**
 * What Berkas knows about a signing certificate, independent of how it was
 * parsed: shown to the officer before import and before signing, stored as
 * metadata beside the sealed key, printed on the signature stamp.
 */
import { formatIndonesianDate } from './indonesian-date';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** Bit order of the X.509 KeyUsage BIT STRING (RFC 5280 4.2.1.3). */
export const keyUsageBits: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

const keyUsageLabels: Record<KeyUsageName, string> = {
  digitalSignature: 'tanda tangan digital',
  nonRepudiation: 'nirsangkal',
  keyEncipherment: 'enkripsi kunci',
  dataEncipherment: 'enkripsi data',
  keyAgreement: 'kesepakatan kunci',
  keyCertSign: 'penandatanganan sertifikat',
  cRLSign: 'penandatanganan CRL',
  encipherOnly: 'hanya enkripsi',
  decipherOnly: 'hanya dekripsi',
};

export type CertificateKind = 'imported' | 'self-signed';

/** Parsed from an X.509 certificate; no secrets. */
export interface CertificateDetails {
  /** Subject as a readable DN: "CN=Budi Santoso, serialNumber=198703122010011002, O=...". */
  subject: string;
  commonName: string;
  /** 18-digit NIP from the subject serialNumber (how BSrE identifies civil servants), if any. */
  nip: string | null;
  /** 16-digit NIK from the subject serialNumber, if any. */
  nik: string | null;
  organization: string | null;
  issuer: string;
  issuerCommonName: string;
  /** Hex, upper case. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** null when the certificate has no KeyUsage extension (every use allowed). */
  keyUsage: KeyUsageName[] | null;
  isSelfSigned: boolean;
  /** Hex SHA-256 of the DER certificate, lower case. */
  fingerprintSha256: string;
}

/** A certificate the officer can sign with, as listed by the UI. */
export interface CertificateInfo extends CertificateDetails {
  id: string;
  kind: CertificateKind;
  /**
   * Issued by a certification authority (as BSrE issues them). A locally
   * generated certificate is not, and every screen and stamp says
   * "tidak tersertifikasi". Whether that authority is trusted is decided when
   * a signature is verified, against the configured root certificates.
   */
  isCertified: boolean;
  /** What the officer chooses by: "Budi Santoso — NIP 1987… (BSrE)" or "(tidak tersertifikasi)". */
  label: string;
  createdAt: string;
}

export const uncertifiedLabel = 'tidak tersertifikasi';

/** Digits of a subject serialNumber, read as NIP (18) or NIK (16); "NIP.1987…", "1987 0312 …" accepted. */
export function identityFromSerialNumber(value: string | null | undefined): { nip: string | null; nik: string | null } {
  if (!value) return { nip: null, nik: null };
  const digits = value.replace(/\D/g, '');
  if (digits.length === 18) return { nip: digits, nik: null };
  if (digits.length === 16) return { nip: null, nik: digits };
  return { nip: null, nik: null };
}

export function certificateLabel(details: CertificateDetails, isCertified: boolean): string {
  const who = details.nip ? `${details.commonName} — NIP ${details.nip}` : details.commonName;
  return isCertified ? `${who} (${details.issuerCommonName})` : `${who} (${uncertifiedLabel})`;
}

export function describeKeyUsage(usage: KeyUsageName[] | null): string {
  if (usage === null) return 'tidak dibatasi';
  return usage.map((u) => keyUsageLabels[u]).join(', ') || 'kosong';
}

export interface CertificateProblem {
  code: 'CERT_EXPIRED' | 'CERT_NOT_YET_VALID' | 'CERT_KEY_USAGE';
  message: string;
}

/**
 * Why this certificate must not sign now; empty when it may. A signature made
 * with an expired certificate, or one whose key usage excludes signing, fails
 * every verifier, so Berkas refuses before anything is written.
 */
export function problemsForSigning(details: CertificateDetails, now: Date, offsetMinutes = 420): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const notBefore = new Date(details.notBefore);
  const notAfter = new Date(details.notAfter);
  const who = `Sertifikat "${details.commonName}"`;
  if (now.getTime() > notAfter.getTime()) {
    problems.push({
      code: 'CERT_EXPIRED',
      message: `${who} sudah kedaluwarsa sejak ${formatIndonesianDate(notAfter, offsetMinutes)}; minta sertifikat baru kepada penerbitnya (${details.issuerCommonName}).`,
    });
  }
  if (now.getTime() < notBefore.getTime()) {
    problems.push({
      code: 'CERT_NOT_YET_VALID',
      message: `${who} baru berlaku mulai ${formatIndonesianDate(notBefore, offsetMinutes)}; periksa jam komputer atau tunggu sampai tanggal itu.`,
    });
  }
  const usage = details.keyUsage;
  if (usage !== null && !usage.includes('digitalSignature') && !usage.includes('nonRepudiation')) {
    problems.push({
      code: 'CERT_KEY_USAGE',
      message: `${who} tidak boleh dipakai untuk menandatangani: penggunaan kuncinya hanya ${describeKeyUsage(usage)}.`,
    });
  }
  return problems;
}
