/**
 * The signing engineer's verifier, used for two questions the outbox asks: is
 * this PDF signed (at least one signature, every one intact) before it may be
 * queued, and which Berkas document is it (the XMP DocumentID the signer
 * writes, urn:berkas:doc:<id>) so its data.json can be found. Whether the
 * certificate chains to a BSrE root is not asked here: Diskominfo judges that
 * on its review page (PROTOCOL.md §6.2 item 4).
 */
import { PDFDocument } from 'pdf-lib';
import type { PdfInspection } from '../../ports';
import { BerkasError, isBerkasError } from '../../domain/errors';
import { formatMegabytes, maxPdfBytes } from '../../domain/signing/limits';
import { isVerificationPassing, type VerificationReport } from '../../domain/signing/verification';
import type { SignatureReport as BagSignatureReport, PdfSignatureCheck } from '../bagit/verify';
import { readDocumentId } from '../signing/pades-signer';
import { verifyPdf } from '../signing/pdf-verifier';

async function reportOf(pdf: Uint8Array, fileName: string, now: Date): Promise<VerificationReport> {
  return verifyPdf({ pdf, fileName, trustRoots: [], now, offsetMinutes: -now.getTimezoneOffset() });
}

async function documentIdOf(pdf: Uint8Array): Promise<string | null> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    return readDocumentId(doc);
  } catch {
    return null;
  }
}

export async function inspectPdf(pdf: Uint8Array, fileName: string, now: Date): Promise<PdfInspection> {
  if (pdf.byteLength > maxPdfBytes) {
    throw new BerkasError('PDF_TOO_LARGE', `PDF ${fileName} berukuran ${formatMegabytes(pdf.byteLength)}, melebihi batas ${formatMegabytes(maxPdfBytes)}.`, { file: fileName });
  }
  const report = await reportOf(pdf, fileName, now);
  const problems = report.signatures.flatMap((s) => (s.integrity === 'valid' ? [] : s.problems.map((p) => `${s.field}: ${p}`)));
  const times = report.signatures.map((s) => s.signedAt).filter((t): t is string => t !== null);
  return {
    fileName,
    isSigned: isVerificationPassing(report),
    signers: report.signatures.map((s) => s.signer).filter((s) => s !== ''),
    signedAt: times.length > 0 ? times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null,
    documentId: await documentIdOf(pdf),
    problems,
  };
}

/** The bag verifier's view of a PDF's signatures (one report per signature, or one "unsigned"). */
export function pdfSignatureCheck(now: () => Date): PdfSignatureCheck {
  return async (file, bytes) => {
    let report: VerificationReport;
    try {
      report = await reportOf(bytes, file, now());
    } catch (err) {
      // A PDF the verifier cannot read is judged as not validly signed, with the reason.
      const note = isBerkasError(err) ? err.message : `PDF ${file} tidak dapat dibaca.`;
      return [{ file, isSigned: false, isValid: false, notes: [note] }];
    }
    if (report.signatures.length === 0) return [{ file, isSigned: false, isValid: false, notes: [] }];
    return report.signatures.map(
      (s): BagSignatureReport => ({
        file,
        isSigned: true,
        isValid: s.integrity === 'valid',
        ...(s.signer ? { signer: s.signer } : {}),
        ...(s.signedAt ? { signedAt: s.signedAt } : {}),
        notes: s.problems,
      }),
    );
  };
}
