import { problemsForSigning, type CertificateDetails, type CertificateInfo } from '@core/domain/signing/certificate';

export type Validity = 'valid' | 'expired' | 'notYetValid';

/** Whether a certificate is inside its validity period now. */
export function validityOf(cert: Pick<CertificateDetails, 'notBefore' | 'notAfter'>, now: Date): Validity {
  if (now.getTime() > new Date(cert.notAfter).getTime()) return 'expired';
  if (now.getTime() < new Date(cert.notBefore).getTime()) return 'notYetValid';
  return 'valid';
}

/** Minutes east of UTC on the officer's clock (WIB 420), as the services use. */
export function localOffsetMinutes(now: Date): number {
  return -now.getTimezoneOffset();
}

/** Why this certificate cannot sign now (the services' own rule and words); empty when it can. */
export function signingProblems(cert: CertificateDetails, now: Date): string[] {
  return problemsForSigning(cert, now, localOffsetMinutes(now)).map((p) => p.message);
}

/**
 * The certificate to offer first: a certified one that can sign, else any that
 * can sign, else the first. An officer with a BSrE certificate should not
 * sign with a local one by accident.
 */
export function preferredCertificate(certs: readonly CertificateInfo[], now: Date): CertificateInfo | null {
  const usable = certs.filter((c) => signingProblems(c, now).length === 0);
  return usable.find((c) => c.isCertified) ?? usable[0] ?? certs[0] ?? null;
}

/** "AB:CD:…" in groups of two for reading a fingerprint aloud over the phone. */
export function groupedFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,2}/g) ?? []).join(':');
}
