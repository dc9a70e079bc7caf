/**
 * Judging what someone else made: a PDF's signatures, or a package ZIP with
 * the PDFs inside it. Needs no workspace: the trust roots are read, never
 * written, so `berkas verify` works while the app has the data folder open.
 */
import type { Clock, PackageVerifier, PdfVerifier, TrustStore } from '../ports';
import { BerkasError } from '../domain/errors';
import { maxPdfBytes } from '../domain/signing/limits';
import type { VerificationReport } from '../domain/signing/verification';
import type { BagVerification, VerifyProgress } from '../domain/handover/packaging';
import { formatByteSize } from '../domain/format/byte-size';

export interface VerificationServiceDeps {
  verifier: PdfVerifier;
  /** The installed roots (only listed; adding one is the signing service's). */
  trust: Pick<TrustStore, 'list'>;
  packages: PackageVerifier;
  clock: Clock;
}

/** A root the caller brings along (`--trust AKAR.pem`, the page's PEM text). */
export interface ExtraRoot {
  fileName: string;
  bytes: Uint8Array;
}

/** Refuses a PDF too large to read whole, naming it, before any byte of it is parsed. */
export function assertPdfSize(size: number, fileName: string): void {
  if (size > maxPdfBytes) {
    throw new BerkasError(
      'PDF_TOO_LARGE',
      `PDF ${fileName} berukuran ${formatByteSize(size)}, melebihi batas ${formatByteSize(maxPdfBytes)}; berkas tidak dibaca. Perkecil PDF (misalnya kompres gambar) lalu coba lagi.`,
      { file: fileName },
    );
  }
}

/** Minutes east of UTC on the officer's clock (WIB 420, WITA 480, WIT 540). */
const offsetOf = (date: Date) => -date.getTimezoneOffset();

const baseName = (file: string) => file.split('/').pop() ?? file;

export function createVerificationService(deps: VerificationServiceDeps) {
  /** The installed roots followed by the caller's, as DER. */
  async function trustRoots(extra: readonly ExtraRoot[] = []): Promise<Uint8Array[]> {
    const stored = await deps.trust.list();
    const roots: Uint8Array[] = [];
    for (const file of [...stored.map((s) => ({ fileName: s.fileName, bytes: s.der })), ...extra]) {
      roots.push(...deps.verifier.readCertificates(file.bytes, file.fileName));
    }
    return roots;
  }

  function judge(fileName: string, pdf: Uint8Array, roots: Uint8Array[]): Promise<VerificationReport> {
    assertPdfSize(pdf.length, fileName);
    const now = deps.clock.now();
    return deps.verifier.verifyPdf(pdf, { fileName, trustRoots: roots, now, offsetMinutes: offsetOf(now) });
  }

  return {
    trustRoots,

    async verify(input: { fileName: string; pdf: Uint8Array; extraRoots?: readonly ExtraRoot[] }): Promise<VerificationReport> {
      assertPdfSize(input.pdf.length, input.fileName);
      return judge(input.fileName, input.pdf, await trustRoots(input.extraRoots));
    },

    /** A package ZIP read as hostile input; every PDF in it judged against the same roots, read once (when there is a PDF). */
    async verifyPackage(input: {
      path: string;
      extraRoots?: readonly ExtraRoot[];
      signal?: AbortSignal;
      onProgress?: (progress: VerifyProgress) => void;
      requireSigned?: readonly string[];
    }): Promise<BagVerification> {
      let roots: Promise<Uint8Array[]> | null = null;
      return deps.packages.verify(input.path, {
        checkPdf: async (file, pdf) => judge(baseName(file), pdf, await (roots ??= trustRoots(input.extraRoots))),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
        ...(input.requireSigned ? { requireSigned: input.requireSigned } : {}),
      });
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
