/** What signing requests carry besides the document, and the rule every signature passes first. */
import { BerkasError } from '../../domain/errors';
import { problemsForSigning, type CertificateDetails } from '../../domain/signing/certificate';
import type { SignedPdf } from '../../domain/signing/documents';

export interface SigningOptionsInput {
  /** Password of an imported PKCS#12 file (asked at every signature, as BSrE does). */
  password?: string;
  vaultPassphrase?: string;
  tsaUrl?: string;
}

export interface RencanaAksiSigningInput {
  nomor?: string;
  approver?: { name: string; nip: string; jabatan: string };
}

export interface SignedFile {
  fileName: string;
  pdf: Uint8Array;
  pages: number;
  signature: Omit<SignedPdf, 'pdf'>;
}

/** Minutes east of UTC on the officer's clock (WIB 420, WITA 480, WIT 540). */
export const offsetOf = (date: Date): number => -date.getTimezoneOffset();

/** Refuses a certificate that cannot make a valid signature at `now`, naming why. */
export function assertCanSign(details: CertificateDetails, now: Date): void {
  const offset = offsetOf(now);
  const [problem] = problemsForSigning(details, now, offset);
  if (!problem) return;
  // The dates on the officer's clock, as the Indonesian message writes them; key usages by their X.509 names.
  const localDate = (iso: string) => new Date(Date.parse(iso) + offset * 60_000).toISOString().slice(0, 10);
  throw new BerkasError(problem.code, problem.message, {
    field: 'certificate',
    commonName: details.commonName,
    issuer: details.issuerCommonName,
    notBefore: localDate(details.notBefore),
    notAfter: localDate(details.notAfter),
    keyUsage: details.keyUsage ?? [],
  });
}
