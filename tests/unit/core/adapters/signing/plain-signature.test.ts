/**
 * The verifier's own check of a plain CMS signature (no pkijs): it must prove
 * a Berkas signature intact, and say nothing (null, so pkijs judges) about
 * anything else — never "intact" where pkijs would not verify the same bytes
 * with the same certificate.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadFontFiles } from '../../../../../core/adapters/pdf/fonts';
import { readPlainSignedData } from '../../../../../core/adapters/signing/cms-signed-data';
import type { SigningKey } from '../../../../../core/adapters/signing/cades';
import { signPdf } from '../../../../../core/adapters/signing/pades-signer';
import { checkPlainSignature } from '../../../../../core/adapters/signing/plain-signature';
import { verifyPdf } from '../../../../../core/adapters/signing/pdf-verifier';
import { createSelfSignedCertificate } from '../../../../../core/adapters/signing/self-signed';
import { certificateDetails } from '../../../../../core/adapters/signing/x509';

const repo = path.resolve(__dirname, '../../../../..');

async function signedPdf(key: SigningKey): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Laporan uji', { x: 50, y: 700, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const result = await signPdf({
    pdf: await doc.save(),
    fileName: 'uji.pdf',
    key,
    details: certificateDetails(key.certificate),
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

/** The CMS bytes (without padding) and the signed bytes of a PDF's one signature. */
function partsOf(pdf: Buffer): { der: Uint8Array; signed: Uint8Array; start: number; end: number } {
  const m = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)/.exec(pdf.toString('latin1'))!;
  const [b, c] = [Number(m[1]), Number(m[2])];
  const start = b + 1;
  const end = c - 1;
  const padded = Buffer.from(pdf.toString('latin1').slice(start, end), 'hex');
  const length = padded[1]! & 0x80 ? 2 + (padded[1]! & 0x7f) + padded.readUIntBE(2, padded[1]! & 0x7f) : 2 + padded[1]!;
  return { der: new Uint8Array(padded.subarray(0, length)), signed: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c)]), start, end };
}

/** pkijs's verdict on the same bytes: verified with which certificate (its DER), or null. */
async function pkijsVerdict(der: Uint8Array, signed: Uint8Array): Promise<Uint8Array | null> {
  try {
    const data = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    const signedData = new pkijs.SignedData({ schema: data.content });
    const result = await signedData.verify({ signer: 0, data: new Uint8Array(signed).buffer, extendedMode: true, checkChain: false });
    return result.signatureVerified && result.signerCertificate ? new Uint8Array(result.signerCertificate.toSchema(true).toBER(false)) : null;
  } catch {
    return null;
  }
}

async function ecKey(): Promise<SigningKey> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berkas-ec-'));
  try {
    const keyFile = path.join(dir, 'k.pem');
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyFile]);
    execFileSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-subj', '/CN=Dewi Lestari/O=Dinas Uji', '-days', '30', '-outform', 'DER', '-out', path.join(dir, 'c.der')]);
    return { privateKey: createPrivateKey(await fs.readFile(keyFile)), certificate: new Uint8Array(await fs.readFile(path.join(dir, 'c.der'))), chain: [] };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('the plain CMS signature check', () => {
  const officer = createSelfSignedCertificate({ name: 'Rina Wulandari', nip: '198507172010012003', now: new Date() });
  const rsaKey: SigningKey = { privateKey: officer.privateKey, certificate: officer.certificate, chain: [] };
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await signedPdf(rsaKey);
  });

  it('proves an RSA and an ECDSA Berkas signature intact, with the embedded certificate as it was embedded', async () => {
    for (const key of [rsaKey, await ecKey()]) {
      const { der, signed } = partsOf(key === rsaKey ? pdf : await signedPdf(key));
      const check = checkPlainSignature(der, signed);
      expect(check).not.toBeNull();
      expect(Buffer.from(check!.signerDer).equals(Buffer.from(key.certificate))).toBe(true);
      expect(check!.binding).toEqual({ isPresent: true, problem: null });
    }
  });

  it('a changed signed byte or signature byte is not proved (pkijs words it)', () => {
    const { der, signed } = partsOf(pdf);
    const content = Buffer.from(signed);
    content[200] = content[200]! ^ 1;
    expect(checkPlainSignature(der, content)).toBeNull();
    const cms = Buffer.from(der);
    cms[cms.length - 10] = cms[cms.length - 10]! ^ 1; // inside the signature value, the last field
    expect(checkPlainSignature(cms, signed)).toBeNull();
  });

  it('two certificates with the signer\'s serial number are not its to choose from; pkijs then judges the PDF as before', async () => {
    const { der, signed, start, end } = partsOf(pdf);
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(der));
    const signedData = new pkijs.SignedData({ schema: content.content });
    const leaf = pkijs.Certificate.fromBER(new Uint8Array(officer.certificate));
    signedData.certificates = [leaf, pkijs.Certificate.fromBER(new Uint8Array(officer.certificate))];
    const twice = new Uint8Array(new pkijs.ContentInfo({ contentType: content.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false));
    expect(checkPlainSignature(twice, signed)).toBeNull();
    const doubled = Buffer.from(pdf);
    doubled.write(Buffer.from(twice).toString('hex').toUpperCase().padEnd(end - start, '0'), start, 'latin1');
    const report = await verifyPdf({ pdf: doubled, fileName: 'dua-sertifikat.pdf', trustRoots: [], now: new Date() });
    expect(report.signatures[0]!.integrity).toBe('valid');
  });

  it('other shapes are null, never a throw: BER indefinite length, bytes left over, cut short, not a SignedData', () => {
    const { der, signed } = partsOf(pdf);
    expect(readPlainSignedData(der)).not.toBeNull();
    const indefinite = Buffer.concat([Buffer.from([0x30, 0x80]), Buffer.from(der.subarray(2 + (der[1]! & 0x7f))), Buffer.from([0, 0])]);
    const leftOver = Buffer.concat([Buffer.from(der), Buffer.from([0x05, 0x00])]);
    for (const bad of [indefinite, leftOver, der.subarray(0, der.length - 1), der.subarray(0, 40), Buffer.from([0x30, 0x03, 0x06, 0x01, 0x2a]), new Uint8Array(0)]) {
      expect(readPlainSignedData(bad)).toBeNull();
      expect(checkPlainSignature(bad, signed)).toBeNull();
    }
  });

  it('whenever a damaged CMS (1,500 random byte changes) is still proved intact, pkijs verifies the same bytes with the same certificate', async () => {
    const { der, signed } = partsOf(pdf);
    let seed = 16;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let proved = 0;
    for (let i = 0; i < 1500; i++) {
      const bad = Buffer.from(der);
      const at = Math.floor(random() * bad.length);
      bad[at] = (bad[at]! + 1 + Math.floor(random() * 255)) & 0xff;
      const check = checkPlainSignature(bad, signed);
      if (!check) continue;
      proved++;
      const byPkijs = await pkijsVerdict(bad, signed);
      expect(byPkijs).not.toBeNull();
      expect(Buffer.from(byPkijs!).equals(Buffer.from(check.signerDer))).toBe(true);
    }
    // Some changes fall in parts no signature covers (the version, the list of digest algorithms); most do not.
    expect(proved).toBeLessThan(1500 / 4);
  });
});
