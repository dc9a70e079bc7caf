/** The roots signatures are trusted up to (the BSrE roots Diskominfo distributes), installed in the workspace. */
import type { PdfVerifier, TrustStore } from '../../ports';
import type { CertificateDetails } from '../../domain/signing/certificate';

export function createTrustRoots(deps: { trust: TrustStore; engine: PdfVerifier }) {
  return {
    async listTrustRoots(): Promise<{ fileName: string; certificate: CertificateDetails }[]> {
      const stored = await deps.trust.list();
      return stored.flatMap((s) => deps.engine.readCertificates(s.der, s.fileName).map((der) => ({ fileName: s.fileName, certificate: deps.engine.describeCertificate(der) })));
    },

    /** Every certificate of the file is installed (a PEM may carry a chain); one that cannot be read refuses the file. */
    async addTrustRoot(input: { fileName: string; bytes: Uint8Array }): Promise<CertificateDetails[]> {
      const ders = deps.engine.readCertificates(input.bytes, input.fileName);
      const added: CertificateDetails[] = [];
      for (const [i, der] of ders.entries()) {
        const details = deps.engine.describeCertificate(der);
        await deps.trust.add(ders.length > 1 ? `${input.fileName}-${i + 1}` : input.fileName, der);
        added.push(details);
      }
      return added;
    },
  };
}
