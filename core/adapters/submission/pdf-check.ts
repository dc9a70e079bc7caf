/**
 * The signing engineer's verifier, used for two questions the outbox asks: is
 * this PDF signed (at least one signature, every one intact) before it may be
 * queued, and which Berkas document is it (the XMP DocumentID the signer
 * writes, urn:berkas:doc:<id>) so its data.json can be found. Whether the
 * certificate chains to a BSrE root is not asked here: Diskominfo judges that
 * on its review page (PROTOCOL.md §6.2 item 4).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { PdfInspection } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { maxPdfBytes } from '../../domain/signing/limits';
import { isVerificationPassing, type VerificationReport } from '../../domain/signing/verification';
import type { PdfSignatureCheck } from '../bagit/verify';
import { readDocumentId } from '../signing/pades-signer';
import { verifyPdf } from '../signing/pdf-verifier';
import { formatByteSize } from '../../domain/format/byte-size';

async function reportOf(pdf: Uint8Array, fileName: string, now: Date, doc?: PDFDocument): Promise<VerificationReport> {
  return verifyPdf({ pdf, fileName, trustRoots: [], now, offsetMinutes: -now.getTimezoneOffset(), ...(doc ? { doc } : {}) });
}

/**
 * Reports of PDFs judged a moment ago, by the SHA-256 of their bytes: the
 * outbox inspects a PDF and then packages those very bytes, and the bag check
 * would otherwise verify the signature a second time (the largest fixed cost
 * of a small package, issue 16). Same bytes, same verdict; kept one minute.
 */
export class PdfReportMemo {
  private readonly reports = new Map<string, { report: VerificationReport; at: number }>();

  constructor(private readonly max = 16) {}

  get(sha256: string, now: Date): VerificationReport | undefined {
    const hit = this.reports.get(sha256);
    if (!hit) return undefined;
    if (now.getTime() - hit.at > 60_000 || now.getTime() < hit.at) {
      this.reports.delete(sha256);
      return undefined;
    }
    return hit.report;
  }

  set(sha256: string, report: VerificationReport, now: Date): void {
    this.reports.delete(sha256);
    if (this.reports.size >= this.max) this.reports.delete(this.reports.keys().next().value as string);
    this.reports.set(sha256, { report, at: now.getTime() });
  }
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function inspectPdf(pdf: Uint8Array, fileName: string, now: Date, memo?: PdfReportMemo): Promise<PdfInspection> {
  if (pdf.byteLength > maxPdfBytes) {
    throw new BerkasError('PDF_TOO_LARGE', `PDF ${fileName} berukuran ${formatByteSize(pdf.byteLength)}, melebihi batas ${formatByteSize(maxPdfBytes)}.`, { file: fileName });
  }
  // Parsed once: the verifier reads the signatures from it, and the document id is read from the same object.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false }).catch(() => undefined);
  const report = await reportOf(pdf, fileName, now, doc);
  const sha256 = sha256Of(pdf);
  memo?.set(sha256, report, now);
  const problems = report.signatures.flatMap((s) => (s.integrity === 'valid' && s.isChangePermitted ? [] : s.problems.map((p) => `${s.field}: ${p}`)));
  const times = report.signatures.map((s) => s.signedAt).filter((t): t is string => t !== null);
  return {
    fileName,
    sha256,
    isSigned: isVerificationPassing(report),
    signers: report.signatures.map((s) => s.signer).filter((s) => s !== ''),
    signedAt: times.length > 0 ? times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null,
    documentId: doc ? documentIdOf(doc) : null,
    problems,
  };
}

function documentIdOf(doc: PDFDocument): string | null {
  try {
    return readDocumentId(doc);
  } catch {
    return null;
  }
}

/** The bag verifier's check of a PDF's signatures: the verifier's report (it throws on a PDF it cannot read), or the memo's. */
export function pdfSignatureCheck(now: () => Date, memo?: PdfReportMemo): PdfSignatureCheck {
  return async (file, bytes) => {
    const at = now();
    const sha = memo ? sha256Of(bytes) : '';
    const known = memo?.get(sha, at);
    if (known) return known;
    const report = await reportOf(bytes, file, at);
    memo?.set(sha, report, at);
    return report;
  };
}
