/**
 * The result of verifying the signatures of a PDF: the JSON of
 * `berkas verify --json` and of the pdfVerify operation, one shape for both,
 * and the one judgement of it that every screen, the CLI, the outbox and the
 * intake server use (documentIntegrity).
 *
 * Two verdicts, never merged (ARCHITECTURE.md): "utuh" — nothing changed since
 * signing except what the signer permitted (Pontianak Pasal 33 ayat (3), 34
 * ayat (5) huruf b: detection of modification) — and "tepercaya" — the signer's
 * certificate chains to an installed root (Pasal 38 ayat (4)).
 */
export type IntegrityStatus = 'valid' | 'invalid';
export type CertificateStatus = 'trusted' | 'untrusted' | 'expired';
export type SignatureLevel = 'B-B' | 'B-T' | 'lainnya';

/**
 * What a change made after a signature amounts to, from harmless to any, in the
 * order pyHanko and Acrobat rank them: lta (validation data: DSS, document
 * timestamps, document info), signatures (a further signature filling or adding
 * a signature field), form-filling (values of existing form fields),
 * annotations (comments, stamps, drawings), other (anything else: page content,
 * pages, fonts, the catalog — the document itself was changed).
 */
export type ModificationLevel = 'none' | 'lta' | 'signatures' | 'form-filling' | 'annotations' | 'other';

export const modificationLevels: readonly ModificationLevel[] = ['none', 'lta', 'signatures', 'form-filling', 'annotations', 'other'];

export function levelRank(level: ModificationLevel): number {
  return modificationLevels.indexOf(level);
}

export interface ChangeAfterSigning {
  level: Exclude<ModificationLevel, 'none'>;
  /** What changed, in Bahasa Indonesia, e.g. "isi halaman 1 diubah". */
  description: string;
}

/** Where the signing time shown comes from: a trusted timestamp, or only the signer's own clock (/M). */
export type SigningTimeSource = 'tsa' | 'jam-penanda-tangan';

export interface SignatureReport {
  /** Full name of the signature field, e.g. "TTD1_Penyusun". */
  field: string;
  /** Common name of the signing certificate; "" when the signature could not be read. */
  signer: string;
  nip: string | null;
  /** /SubFilter of the signature dictionary, e.g. "ETSI.CAdES.detached". */
  subfilter: string;
  /**
   * ISO 8601 signing time: a trusted timestamp's time when there is one, else the
   * signer's claim in /M ("menurut jam komputer penanda tangan"; signedAtSource says which).
   */
  signedAt: string | null;
  signedAtSource: SigningTimeSource;
  /** ISO 8601 time of an RFC 3161 signature timestamp that verifies and chains to a trusted TSA root (PAdES B-T). */
  timestampedAt: string | null;
  /** A timestamp token that is present but not trusted (or not valid): shown as a claim only, never as B-T. */
  timestampClaim: { time: string | null; problems: string[] } | null;
  level: SignatureLevel;
  /** The signed bytes hash to the signed message digest and the CMS signature over it checks out. */
  integrity: IntegrityStatus;
  /** Chain up to a configured root, and valid at the reference time. */
  certificate: CertificateStatus;
  /** A certification (DocMDP) signature, the author's seal on the document. */
  certified: boolean;
  /** DocMDP permission of a certification signature (1 no changes, 2 form filling and signing, 3 also annotations). */
  docMdpPermission: 1 | 2 | 3 | null;
  /** Whether the signed byte ranges reach the end of the file (later revisions follow when false). */
  coversWholeDocument: boolean;
  /** 1-based number of the file revision the signature covers (its byte range ends there); null when it ends elsewhere. */
  revision: number | null;
  /** What the revisions after this signature changed; empty when it covers the whole file. */
  changesAfter: ChangeAfterSigning[];
  /** The highest level among changesAfter ('none' without changes). */
  changeLevel: ModificationLevel;
  /** Whether changesAfter stay within what the document permits (DocMDP, or annotations without certification). */
  isChangePermitted: boolean;
  /** Why integrity or certificate is not good, in Bahasa Indonesia; empty when all is well. */
  problems: string[];
}

/**
 * utuh: every signature intact and nothing changed after any of them beyond what is permitted;
 * diubah: a signature is intact but the document was changed after it in a way not permitted
 * ("diubah setelah ditandatangani"); rusak: a signature's own bytes do not verify;
 * tanpa-tanda-tangan: no signature at all.
 */
export type DocumentIntegrity = 'utuh' | 'diubah' | 'rusak' | 'tanpa-tanda-tangan';

export interface VerificationReport {
  signatures: SignatureReport[];
  /** Number of revisions (cross-reference sections) the file has; 0 when it could not be read. */
  revisions: number;
  integrity: DocumentIntegrity;
}

/**
 * The most a document lets later revisions change: a certification signature's
 * DocMDP permission (PDF 2.0 12.8.2.2; validation data is always allowed),
 * else annotations, as Acrobat and pyHanko allow on approval-only documents.
 */
export function permittedLevel(docMdpPermission: 1 | 2 | 3 | null): ModificationLevel {
  if (docMdpPermission === 1) return 'lta';
  if (docMdpPermission === 2) return 'form-filling';
  return 'annotations';
}

export function highestLevel(changes: readonly ChangeAfterSigning[]): ModificationLevel {
  return changes.reduce<ModificationLevel>((top, c) => (levelRank(c.level) > levelRank(top) ? c.level : top), 'none');
}

/** The one judgement of a report: every caller decides "utuh" with this. */
export function documentIntegrity(signatures: readonly SignatureReport[]): DocumentIntegrity {
  if (signatures.length === 0) return 'tanpa-tanda-tangan';
  if (signatures.some((s) => s.integrity !== 'valid')) return 'rusak';
  if (signatures.some((s) => !s.isChangePermitted)) return 'diubah';
  return 'utuh';
}

/** The exit rule of `berkas verify` and the bar for sending: at least one signature, and the document utuh. */
export function isVerificationPassing(report: VerificationReport): boolean {
  return report.integrity === 'utuh';
}

const certificateWords: Record<CertificateStatus, string> = {
  trusted: 'sertifikat tepercaya',
  untrusted: 'sertifikat belum tepercaya',
  expired: 'sertifikat kedaluwarsa',
};

const integrityWords: Record<DocumentIntegrity, string> = {
  utuh: 'utuh (tidak ada perubahan sejak ditandatangani selain yang diizinkan)',
  diubah: 'DIUBAH SETELAH DITANDATANGANI',
  rusak: 'TIDAK UTUH (isi yang ditandatangani berubah atau tanda tangan rusak)',
  'tanpa-tanda-tangan': 'tidak bertanda tangan',
};

export function describeIntegrity(integrity: DocumentIntegrity): string {
  return integrityWords[integrity];
}

/** One line per signature for a terminal or a toast: integrity and trust as two separate words. */
export function summarizeSignature(s: SignatureReport): string {
  const integrity = s.integrity !== 'valid' ? 'TIDAK UTUH' : !s.isChangePermitted ? 'DIUBAH SETELAH DITANDATANGANI' : 'utuh';
  const who = s.signer ? `${s.signer}${s.nip ? ` (NIP ${s.nip})` : ''}` : '(penanda tangan tidak terbaca)';
  const revision = s.revision !== null ? `, revisi ${s.revision}` : '';
  return `${s.field}: ${who} — ${integrity}, ${certificateWords[s.certificate]}${s.certified ? ', sertifikasi dokumen' : ''}${revision}`;
}
