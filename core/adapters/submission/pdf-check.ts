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
import { BerkasError } from '../../domain/errors';
import { maxPdfBytes } from '../../domain/signing/limits';
import { isVerificationPassing, type VerificationReport } from '../../domain/signing/verification';
import type { PdfSignatureCheck } from '../bagit/verify';
import { readDocumentId } from '../signing/pades-signer';
import { verifyPdf } from '../signing/pdf-verifier';
import { formatByteSize } from '../../domain/format/byte-size';

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
    throw new BerkasError('PDF_TOO_LARGE', `PDF ${fileName} berukuran ${formatByteSize(pdf.byteLength)}, melebihi batas ${formatByteSize(maxPdfBytes)}.`, { file: fileName });
  }
  const report = await reportOf(pdf, fileName, now);
  const problems = report.signatures.flatMap((s) => (s.integrity === 'valid' && s.isChangePermitted ? [] : s.problems.map((p) => `${s.field}: ${p}`)));
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

/** The bag verifier's check of a PDF's signatures: the verifier's report (it throws on a PDF it cannot read). */
export function pdfSignatureCheck(now: () => Date): PdfSignatureCheck {
  return (file, bytes) => reportOf(bytes, file, now());
}
