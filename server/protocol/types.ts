/** JSON shapes of the protocol (PROTOCOL.md §5–§8) shared by the server's layers. */
export type SubmissionState = 'open' | 'committed';
// The wire shapes both sides read are defined once, with the app (core/domain/outbox/protocol.ts):
// a field added there is a field the server must fill, checked by the compiler.
export { REVIEW_STATUSES } from '../../core/domain/outbox/protocol';
export type { MissingBlob, Receipt, Review, ReviewStatus } from '../../core/domain/outbox/protocol';

export interface ErrorSummary {
  code: string;
  message: string;
}

/** One intact-or-not signature of the main document, as the review page shows it. */
export interface SignatureSummary {
  field: string;
  signer: string;
  nip: string | null;
  signedAt: string | null;
  integrity: 'valid' | 'invalid';
  certificate: 'trusted' | 'untrusted' | 'expired';
  problems: string[];
}

/**
 * How one intact signature of the main document relates to the sending OPD:
 * the organisation (O) and unit (OU) its certificate names, and whether that
 * is the OPD (by name or code, normalised), or the certificate is one the OPD
 * registered with Diskominfo.
 */
export interface SignerMatch {
  field: string;
  signer: string;
  organizations: string[];
  units: string[];
  certificateSha256: string | null;
  certificate: 'trusted' | 'untrusted' | 'expired';
  matchedBy: 'organisasi' | 'sertifikat-terdaftar' | null;
  /** Why the certificate could not be read, when it could not. */
  problem?: string;
}

/**
 * The signer-to-OPD check of a commit (PROTOCOL.md §6.3). cocok: an intact
 * signature's certificate is registered for the OPD, or names it and chains
 * to a trusted root; belum-pasti: it names the OPD but nothing vouches for the
 * certificate; tidak-cocok: no intact signature is the OPD's.
 */
export interface SignerCheck {
  verdict: 'cocok' | 'belum-pasti' | 'tidak-cocok';
  opd: string;
  opdName: string;
  signers: SignerMatch[];
}
