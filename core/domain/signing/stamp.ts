/**
 * What a visible signature says and what its QR code carries. The QR payload
 * lets anyone with a phone read which document this is and the SHA-256 of its
 * unsigned content (the file as rendered, before the first signature was
 * appended), and then check a copy against it.
 */
import { formatIndonesianDateTime } from './indonesian-date';
import { problemsForSigning, uncertifiedLabel, type CertificateInfo } from './certificate';

export interface StampText {
  heading: string;
  name: string;
  lines: string[];
  /** Shown in red when present. */
  warning: string | null;
}

export interface StampInput {
  signerName: string;
  nip: string | null;
  signedAt: Date;
  offsetMinutes: number;
  isCertified: boolean;
  issuerCommonName: string;
}

export function stampText(input: StampInput): StampText {
  const lines: string[] = [];
  if (input.nip) lines.push(`NIP ${input.nip}`);
  lines.push(formatIndonesianDateTime(input.signedAt, input.offsetMinutes));
  if (input.isCertified) lines.push(`Sertifikat: ${input.issuerCommonName}`);
  return {
    heading: 'Ditandatangani secara elektronik oleh',
    name: input.signerName,
    lines,
    warning: input.isCertified ? null : `Sertifikat ${uncertifiedLabel}`,
  };
}

const qrPrefix = 'berkas:v1';

export function qrPayload(documentId: string, unsignedSha256: string): string {
  return `${qrPrefix};doc=${documentId};sha256=${unsignedSha256.toLowerCase()}`;
}

export function parseQrPayload(text: string): { documentId: string; unsignedSha256: string } | null {
  const m = /^berkas:v1;doc=([^;]+);sha256=([0-9a-f]{64})$/.exec(text.trim());
  return m ? { documentId: m[1] ?? '', unsignedSha256: m[2] ?? '' } : null;
}

/** Roles of the signature slots a Berkas document lays out, in signing order. */
export type SignatureRole = 'penyusun' | 'pengesah';

const roleFieldNames: Record<SignatureRole, string> = {
  penyusun: 'Penyusun',
  pengesah: 'Pengesah',
};

/**
 * A field name no other field in the document has: "TTD1_Penyusun",
 * "TTD2_Pengesah", then "TTD3", ... Distinct names keep each signature's
 * field (and so its /V) its own after incremental updates.
 */
export function signatureFieldName(existing: readonly string[], role: SignatureRole | null): string {
  const taken = new Set(existing);
  for (let n = existing.length + 1; ; n++) {
    const name = role ? `TTD${n}_${roleFieldNames[role]}` : `TTD${n}`;
    if (!taken.has(name)) return name;
  }
}

/** What the UI shows before the officer confirms a signature (Jambi Pasal 7(7)(c)). */
export interface SignPreview {
  documentTitle: string;
  documentId: string;
  pages: number;
  signer: {
    name: string;
    nip: string | null;
    issuer: string;
    isCertified: boolean;
    /** "tidak tersertifikasi" for a self-signed certificate, else empty. */
    note: string;
    notAfter: string;
  };
  /** Problems that will stop signing (expired, key usage); empty when it can go ahead. */
  problems: string[];
}

/**
 * Who signs and what stops them, as every sign preview shows it (a rencana
 * aksi, a report, a handover package, a countersignature): one reading of
 * the certificate, so the screens never disagree. `offsetMinutes` is the
 * officer's clock, for the dates in the problems.
 */
export function signerOfPreview(certificate: CertificateInfo, now: Date, offsetMinutes: number): Pick<SignPreview, 'signer' | 'problems'> {
  return {
    signer: {
      name: certificate.commonName,
      nip: certificate.nip,
      issuer: certificate.issuerCommonName,
      isCertified: certificate.isCertified,
      note: certificate.isCertified ? '' : uncertifiedLabel,
      notAfter: certificate.notAfter,
    },
    problems: problemsForSigning(certificate, now, offsetMinutes).map((p) => p.message),
  };
}
