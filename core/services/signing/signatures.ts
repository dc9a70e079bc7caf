/**
 * Adding a PAdES signature to a PDF: as its penyusun (plan-documents.ts), as
 * a further signer approving it (an incremental update), or for another
 * service's rendered document (a report). Never on top of a document changed
 * after an earlier signature.
 */
import type { Clock, SigningEngine, SigningKeyHandle } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { assertPdfSize } from '../verification-service';
import { assertCanSign, offsetOf, type SigningOptionsInput } from './inputs';
import type { Certificates } from './certificates';

export interface SignBytesOptions extends SigningOptionsInput {
  fileName: string;
  role: 'penyusun' | 'pengesah' | null;
  reason: string;
  certify: boolean;
  location?: string;
  documentId?: string;
}

export function createSignatures(deps: { engine: SigningEngine; clock: Clock; certificates: Certificates; defaultTsaUrl?: string }) {
  /**
   * A signature on top of a document changed after an earlier signature (or whose signature is
   * broken) would lend the new signer's name to the change: the shadow attack of issue 11.
   */
  async function assertSignable(pdf: Uint8Array, fileName: string): Promise<void> {
    const now = deps.clock.now();
    const report = await deps.engine.verifyPdf(pdf, { fileName, trustRoots: [], now, offsetMinutes: offsetOf(now) });
    if (report.integrity === 'diubah') {
      const changes = report.signatures.flatMap((s) => (s.isChangePermitted ? [] : s.changesAfter.filter((c) => c.level === 'other' || c.level === 'annotations').map((c) => c.description)));
      throw new BerkasError(
        'PDF_MODIFIED_AFTER_SIGNING',
        `PDF ${fileName} tidak ditandatangani: dokumen ini diubah setelah ditandatangani (${[...new Set(changes)].slice(0, 3).join('; ')}). Tanda tangan baru akan ikut mengesahkan perubahan itu; mintalah berkas asli dari penanda tangan sebelumnya.`,
        { file: fileName },
      );
    }
    if (report.integrity === 'rusak') {
      throw new BerkasError('PDF_SIGNATURE_BROKEN', `PDF ${fileName} tidak ditandatangani: tanda tangan yang sudah ada di dalamnya tidak utuh, jadi isinya tidak lagi seperti saat ditandatangani.`, { file: fileName });
    }
  }

  async function signBytes(pdf: Uint8Array, handle: SigningKeyHandle, isCertified: boolean, options: SignBytesOptions) {
    assertCanSign(handle.details, deps.clock.now());
    const signedAt = deps.clock.now();
    const tsaUrl = options.tsaUrl ?? deps.defaultTsaUrl;
    return deps.engine.signPdf(pdf, handle, {
      fileName: options.fileName,
      isCertified,
      role: options.role,
      reason: options.reason,
      ...(options.location ? { location: options.location } : {}),
      certify: options.certify,
      ...(options.documentId ? { documentId: options.documentId } : {}),
      signedAt,
      offsetMinutes: offsetOf(signedAt),
      ...(tsaUrl ? { tsaUrl } : {}),
    });
  }

  /** A further signature on a PDF (the kepala OPD approving), as an incremental update. */
  async function signPdfWith(input: { fileName: string; pdf: Uint8Array; handle: SigningKeyHandle; isCertified: boolean; reason?: string } & SigningOptionsInput) {
    assertPdfSize(input.pdf.length, input.fileName);
    await assertSignable(input.pdf, input.fileName);
    return signBytes(input.pdf, input.handle, input.isCertified, { ...input, role: null, reason: input.reason ?? 'Menyetujui', certify: false });
  }

  return {
    signBytes,
    signPdfWith,

    /** Signs documents another service renders (a report) with an opened key: the first free slot of their block is the signer's. */
    signerWith(handle: SigningKeyHandle, isCertified: boolean, tsaUrl?: string) {
      return async (pdf: Uint8Array, fileName: string, reason: string) => {
        const signed = await signPdfWith({ fileName, pdf, handle, isCertified, reason, ...(tsaUrl !== undefined ? { tsaUrl } : {}) });
        return {
          pdf: signed.pdf,
          level: signed.level,
          signer: handle.details.commonName,
          isCertified,
          fieldName: signed.fieldName,
          documentId: signed.documentId,
          unsignedSha256: signed.unsignedSha256,
          isCertification: signed.isCertification,
          page: signed.page,
          certificate: handle.details,
        };
      };
    },

    /** A further signature with a stored certificate. */
    async signPdf(input: { fileName: string; pdf: Uint8Array; certificateId: string; reason?: string } & SigningOptionsInput) {
      assertPdfSize(input.pdf.length, input.fileName);
      const { handle, info } = await deps.certificates.openCertificate(input.certificateId, input);
      return signPdfWith({ ...input, handle, isCertified: info.isCertified });
    },
  };
}

export type Signatures = ReturnType<typeof createSignatures>;
