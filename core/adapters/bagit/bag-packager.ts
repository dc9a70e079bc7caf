/** The BagPackager port: the streaming BagIt ZIP writer and the verifier, with the PDF signature check wired in. */
import { promises as fs } from 'node:fs';
import type { BagPackager } from '../../ports';
import { writeBagZip } from './bag-writer';
import { verifyBagZip, type PdfSignatureCheck } from './verify';

export function createBagPackager(options: { checkPdf?: PdfSignatureCheck } = {}): BagPackager {
  return {
    write: (request) => writeBagZip(request),
    verify: (file, verifyOptions = {}) =>
      verifyBagZip(file, {
        ...verifyOptions,
        ...(options.checkPdf ? { checkPdf: options.checkPdf } : {}),
      }),
    remove: (file) => fs.rm(file, { force: true }),
  };
}
