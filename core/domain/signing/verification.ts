/**
 * The result of verifying the signatures of a PDF: the JSON of
 * `berkas verify --json` and of the pdfVerify operation, one shape for both.
 */
export type IntegrityStatus = 'valid' | 'invalid';
export type CertificateStatus = 'trusted' | 'untrusted' | 'expired';
export type SignatureLevel = 'B-B' | 'B-T' | 'lainnya';

export interface SignatureReport {
  /** Full name of the signature field, e.g. "TTD1_Penyusun". */
  field: string;
  /** Common name of the signing certificate; "" when the signature could not be read. */
  signer: string;
  nip: string | null;
  /** /SubFilter of the signature dictionary, e.g. "ETSI.CAdES.detached". */
  subfilter: string;
  /** ISO 8601: the time in /M, or the timestamp's time when a valid token is present. */
  signedAt: string | null;
  /** ISO 8601 time of an RFC 3161 signature timestamp (PAdES B-T), null without one. */
  timestampedAt: string | null;
  level: SignatureLevel;
  /** The signed bytes hash to the signed message digest and the CMS signature over it checks out. */
  integrity: IntegrityStatus;
  /** Chain up to a configured root, and valid at the reference time. */
  certificate: CertificateStatus;
  /** A certification (DocMDP) signature, the author's seal on the document. */
  certified: boolean;
  /** Whether the signed byte ranges reach the end of the file (later revisions follow when false). */
  coversWholeDocument: boolean;
  /** Why integrity or certificate is not good, in Bahasa Indonesia; empty when all is well. */
  problems: string[];
}

export interface VerificationReport {
  signatures: SignatureReport[];
}

/** The exit rule of `berkas verify`: at least one signature, and every one intact. */
export function isVerificationPassing(report: VerificationReport): boolean {
  return report.signatures.length > 0 && report.signatures.every((s) => s.integrity === 'valid');
}

const certificateWords: Record<CertificateStatus, string> = {
  trusted: 'sertifikat tepercaya',
  untrusted: 'sertifikat tidak tepercaya',
  expired: 'sertifikat kedaluwarsa',
};

/** One line per signature for a terminal or a toast. */
export function summarizeSignature(s: SignatureReport): string {
  const integrity = s.integrity === 'valid' ? 'utuh' : 'TIDAK UTUH';
  const who = s.signer ? `${s.signer}${s.nip ? ` (NIP ${s.nip})` : ''}` : '(penanda tangan tidak terbaca)';
  return `${s.field}: ${who} — ${integrity}, ${certificateWords[s.certificate]}${s.certified ? ', sertifikasi dokumen' : ''}`;
}
