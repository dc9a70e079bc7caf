/**
 * The PdfVerifier port over this folder's verifier: everything `berkas
 * verify` needs, without the PKCS#12 reader, the PAdES signer or the fonts it
 * embeds, so judging an outside file loads none of them.
 */
import type { PdfVerifier } from '../../ports';
import { BerkasError } from '../../domain/errors';
import { verifyPdf } from './pdf-verifier';
import { readCertificates } from './trust';
import { certificateDetails } from './x509';

export function createVerifierEngine(): PdfVerifier {
  return {
    verifyPdf(pdf, input) {
      return verifyPdf({ pdf, fileName: input.fileName, trustRoots: input.trustRoots, now: input.now, offsetMinutes: input.offsetMinutes });
    },

    readCertificates(bytes, fileName) {
      try {
        return readCertificates(bytes, fileName);
      } catch (err) {
        throw new BerkasError('CERT_FILE', `Berkas ${fileName} bukan sertifikat X.509 (PEM atau DER): ${(err as Error).message}.`, { file: fileName });
      }
    },

    describeCertificate(der) {
      return certificateDetails(der);
    },
  };
}
