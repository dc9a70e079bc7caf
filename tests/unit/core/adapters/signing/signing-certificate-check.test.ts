/**
 * The certificate-swap attack that signing-certificate-v2 exists to stop: a
 * second certificate for the same key (another name on it) put into the CMS in
 * place of the real one, with the SignerInfo's sid pointing at it. Neither the
 * certificates nor the sid are signed, so the CMS signature still verifies;
 * only the signed ESSCertIDv2 hash tells.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadFontFiles } from '../../../../../core/adapters/pdf/fonts';
import { signPdf } from '../../../../../core/adapters/signing/pades-signer';
import { verifyPdf } from '../../../../../core/adapters/signing/pdf-verifier';
import { createSelfSignedCertificate } from '../../../../../core/adapters/signing/self-signed';
import { checkSigningCertificate } from '../../../../../core/adapters/signing/signing-certificate-check';
import { certificateDetails } from '../../../../../core/adapters/signing/x509';

const repo = path.resolve(__dirname, '../../../../..');

async function signedPdf(officer: ReturnType<typeof createSelfSignedCertificate>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Berita acara uji', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const result = await signPdf({
    pdf: await doc.save(),
    fileName: 'uji.pdf',
    key: { privateKey: officer.privateKey, certificate: officer.certificate, chain: [] },
    details: certificateDetails(officer.certificate),
    isCertified: false,
    signedAt: new Date(),
    offsetMinutes: 420,
    role: null,
    reason: 'Uji',
    certify: true,
    fonts: await loadFontFiles(path.join(repo, 'assets')),
  });
  return Buffer.from(result.pdf);
}

/** A certificate with another name for the same key, made by OpenSSL. */
async function sameKeyOtherName(officer: ReturnType<typeof createSelfSignedCertificate>): Promise<Uint8Array<ArrayBuffer>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-ess-'));
  try {
    const keyFile = path.join(dir, 'k.pem');
    await fs.writeFile(keyFile, officer.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    execFileSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-subj', '/CN=Orang Lain/O=Bukan Dinas', '-days', '30', '-outform', 'DER', '-out', path.join(dir, 'c.der')]);
    return new Uint8Array(await fs.readFile(path.join(dir, 'c.der')));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function contentsRange(pdf: Buffer): [number, number] {
  const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/.exec(pdf.toString('latin1'))!;
  return [Number(m[1]) + 1, Number(m[2]) - 1];
}

/**
 * The CMS in /Contents: as long as its outer SEQUENCE says, not up to the last
 * non-zero byte (the reserved space is zeros, and so may be the CMS's last byte).
 */
function cmsIn(hex: string): Buffer {
  const bytes = Buffer.from(hex, 'hex');
  const first = bytes[1] ?? 0;
  const lengthBytes = first & 0x80 ? first & 0x7f : 0;
  let length = lengthBytes ? 0 : first;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return bytes.subarray(0, 2 + lengthBytes + length);
}

describe('signing-certificate-v2', () => {
  const officer = createSelfSignedCertificate({ name: 'Rina Wulandari', nip: '198507172010012003', now: new Date() });

  it('names the certificate that signed, and no other', async () => {
    const pdf = await signedPdf(officer);
    const [start, end] = contentsRange(pdf);
    const der = cmsIn(pdf.toString('latin1').slice(start, end));
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(der)).content });
    const info = signed.signerInfos[0]!;
    const right = pkijs.Certificate.fromBER(new Uint8Array(officer.certificate));
    expect(checkSigningCertificate(info, right, officer.certificate)).toEqual({ isPresent: true, problem: null });
    const otherDer = await sameKeyOtherName(officer);
    const other = pkijs.Certificate.fromBER(otherDer);
    expect(checkSigningCertificate(info, other, otherDer).problem).toContain('sertifikatnya ditukar');
  });

  it('a certificate swapped into the CMS (same key, other name) makes the signature "tidak utuh", while the CMS alone still verifies', async () => {
    const pdf = await signedPdf(officer);
    const [start, end] = contentsRange(pdf);
    const der = cmsIn(pdf.toString('latin1').slice(start, end));
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    const signed = new pkijs.SignedData({ schema: content.content });
    const other = pkijs.Certificate.fromBER(await sameKeyOtherName(officer));
    signed.certificates = [other];
    signed.signerInfos[0]!.sid = new pkijs.IssuerAndSerialNumber({ issuer: other.issuer, serialNumber: other.serialNumber });
    const forged = Buffer.from(new pkijs.ContentInfo({ contentType: content.contentType, content: signed.toSchema(true) }).toSchema().toBER(false)).toString('hex').toUpperCase();
    const swapped = Buffer.from(pdf);
    swapped.write(forged.padEnd(end - start, '0'), start, 'latin1');

    const report = await verifyPdf({ pdf: swapped, fileName: 'ditukar.pdf', trustRoots: [], now: new Date() });
    const [s] = report.signatures;
    expect(s!.signer).toBe('Orang Lain');
    expect(s!.integrity).toBe('invalid');
    // The only problem is the binding: the digest and the CMS signature checks before it passed.
    expect(s!.problems).toHaveLength(1);
    expect(s!.problems[0]).toContain('sertifikatnya ditukar');
    expect(report.integrity).toBe('rusak');
  });
});
