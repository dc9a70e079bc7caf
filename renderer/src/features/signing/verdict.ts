import type { SignatureReport, VerificationReport } from '@core/domain/signing/verification';

/**
 * The one-line answer an officer reads first when a PDF is checked, from the
 * per-signature report of pdfVerify (the same report `berkas verify` prints).
 * Worst first: a broken signature outweighs everything else.
 *
 * - unsigned: no signature at all.
 * - broken: at least one signature whose signed bytes no longer match
 *   (Pontianak Pasal 33 ayat (3): modification detected).
 * - changedAfter: every signature intact, but the document was changed after
 *   one of them in a way its signer did not permit (page content, pages, a new
 *   form field; annotations on a certified document) — judged once, in
 *   core/domain (documentIntegrity), as the CLI and the intake server judge it.
 * - unverifiedSigner: intact, but a signer's certificate does not chain to a
 *   trusted root or has expired (e.g. "tidak tersertifikasi"): the content is
 *   as signed, the identity is not vouched for (Pasal 38 ayat (4)).
 * - valid: intact and every signer trusted.
 */
export type VerdictKind = 'unsigned' | 'broken' | 'changedAfter' | 'unverifiedSigner' | 'valid';

export interface Verdict {
  kind: VerdictKind;
  total: number;
  broken: number;
  untrusted: number;
  expired: number;
}

export function verdictOf(report: VerificationReport): Verdict {
  const signatures = report.signatures;
  const count = (test: (s: SignatureReport) => boolean) => signatures.filter(test).length;
  const counts = {
    total: signatures.length,
    broken: count((s) => s.integrity !== 'valid'),
    untrusted: count((s) => s.certificate === 'untrusted'),
    expired: count((s) => s.certificate === 'expired'),
  };
  let kind: VerdictKind;
  if (report.integrity === 'tanpa-tanda-tangan') kind = 'unsigned';
  else if (report.integrity === 'rusak') kind = 'broken';
  else if (report.integrity === 'diubah') kind = 'changedAfter';
  else if (counts.untrusted + counts.expired > 0) kind = 'unverifiedSigner';
  else kind = 'valid';
  return { kind, ...counts };
}

/** Whether another signature may be added: never on top of a broken one or unsigned changes. */
export function canAddSignature(verdict: Verdict): boolean {
  return verdict.kind !== 'broken' && verdict.kind !== 'changedAfter';
}
