import type { PackageVerifier, PdfVerifier } from '../../../../core/ports';
import { createVerificationService } from '../../../../core/services/verification-service';
import type { VerificationReport } from '../../../../core/domain/signing/verification';
import type { BagVerification } from '../../../../core/domain/handover/packaging';

const report = { integrity: 'utuh', signatures: [] } as unknown as VerificationReport;
const bytes = (text: string) => new Uint8Array(Buffer.from(text));

/** A verifier that records what it was given: the roots (as their text) and the file names. */
function recordingVerifier() {
  const calls: { fileName: string; roots: string[] }[] = [];
  const verifier: PdfVerifier = {
    verifyPdf: async (_pdf, input) => {
      calls.push({ fileName: input.fileName, roots: input.trustRoots.map((r) => Buffer.from(r).toString()) });
      return report;
    },
    readCertificates: (b) => [b],
    describeCertificate: () => {
      throw new Error('not used');
    },
  };
  return { verifier, calls };
}

function service(options: { stored?: string[]; packages?: PackageVerifier } = {}) {
  const rec = recordingVerifier();
  let listed = 0;
  const trust = {
    list: async () => {
      listed++;
      return (options.stored ?? []).map((name) => ({ fileName: `${name}.der`, der: bytes(name) }));
    },
  };
  const packages: PackageVerifier = options.packages ?? { verify: async () => ({}) as BagVerification };
  const svc = createVerificationService({ verifier: rec.verifier, trust, packages, clock: { now: () => new Date('2030-01-01T00:00:00Z') } });
  return { svc, calls: rec.calls, listed: () => listed };
}

describe('verification service', () => {
  it('judges a PDF against the installed roots followed by the caller’s', async () => {
    const { svc, calls } = service({ stored: ['akar-bsre'] });
    await svc.verify({ fileName: 'surat.pdf', pdf: bytes('%PDF'), extraRoots: [{ fileName: 'bawaan.pem', bytes: bytes('akar-bawaan') }] });
    expect(calls).toEqual([{ fileName: 'surat.pdf', roots: ['akar-bsre', 'akar-bawaan'] }]);
  });

  it('refuses a PDF over the size limit before reading any root or byte of it', async () => {
    const { svc, calls, listed } = service({ stored: ['akar'] });
    const big = new Uint8Array(101 * 1024 * 1024);
    await expect(svc.verify({ fileName: 'besar.pdf', pdf: big })).rejects.toMatchObject({
      code: 'PDF_TOO_LARGE',
      message: expect.stringContaining('PDF besar.pdf berukuran 101 MB, melebihi batas 100 MB'),
    });
    expect(calls).toEqual([]);
    expect(listed()).toBe(0);
  });

  it('judges every PDF of a package by its base name against roots read once, and not at all for a package without PDFs', async () => {
    let pdfsInside = ['data/a.pdf', 'data/sub/b.pdf'];
    const packages: PackageVerifier = {
      verify: async (_file, options) => {
        for (const p of pdfsInside) await options.checkPdf(p, bytes('%PDF'));
        return { valid: true } as BagVerification;
      },
    };
    const { svc, calls, listed } = service({ stored: ['akar'], packages });
    await svc.verifyPackage({ path: '/luar/paket.zip', extraRoots: [{ fileName: 'x.pem', bytes: bytes('lain') }] });
    expect(calls).toEqual([
      { fileName: 'a.pdf', roots: ['akar', 'lain'] },
      { fileName: 'b.pdf', roots: ['akar', 'lain'] },
    ]);
    expect(listed()).toBe(1);
    pdfsInside = [];
    await svc.verifyPackage({ path: '/luar/tanpa-pdf.zip' });
    expect(listed()).toBe(1);
  });
});
