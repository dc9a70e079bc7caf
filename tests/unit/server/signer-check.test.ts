/**
 * The signer-to-OPD judgement (server/intake/signer-check.ts): what counts as
 * the OPD's and what is only claimed, and which certificate of a signature is
 * the signer's when a hostile CMS carries a look-alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readNode } from '../../../core/adapters/signing/der';
import { verifyPdfWithSigners } from '../../../core/adapters/signing/pdf-verifier';
import { checkSigner, normalizeOrganization, signerCertificates, signerCertificatesOf, signerCheckSentence, type SignerCertificate } from '../../../server/intake/signer-check';
import type { SignatureSummary } from '../../../server/protocol/types';

const signedPdf = () => new Uint8Array(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'server', 'signed.pdf')));

/** signed.pdf with one more certificate in its CMS: the signer's, with issuer and serial kept and O rewritten. */
function withLookAlike(pdf: Uint8Array, organization: string): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const m = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(text);
  if (!m || m.index === undefined) throw new Error('no /Contents');
  const hex = m[1] as string;
  const raw = Buffer.from(hex, 'hex');
  const der = raw.subarray(0, readNode(raw, 0, raw.length).end);
  const info = pkijs.ContentInfo.fromBER(der);
  const signed = new pkijs.SignedData({ schema: info.content });
  const signer = (signed.certificates ?? []).find((c) => c instanceof pkijs.Certificate && c.subject.typesAndValues.some((t) => t.type === '2.5.4.11')) as pkijs.Certificate;
  const twin = pkijs.Certificate.fromBER(signer.toSchema(false).toBER(false));
  twin.subject.typesAndValues = twin.subject.typesAndValues.map((t) => (t.type === '2.5.4.10' ? new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: organization }) }) : t));
  signed.certificates = [twin, ...(signed.certificates ?? [])];
  const rebuilt = Buffer.from(new pkijs.ContentInfo({ contentType: info.contentType, content: signed.toSchema(true) }).toSchema().toBER(false)).toString('hex');
  if (rebuilt.length > hex.length) throw new Error('the placeholder is too small');
  const start = m.index + m[0].indexOf('<') + 1;
  const out = Buffer.from(pdf);
  out.write(rebuilt.padEnd(hex.length, '0'), start, 'latin1');
  return new Uint8Array(out);
}

const opd = { code: 'DISDIK', name: 'Dinas Pendidikan' };

function signature(field: string, over: Partial<SignatureSummary> = {}): SignatureSummary {
  return { field, signer: 'Budi Santoso', nip: null, signedAt: null, integrity: 'valid', certificate: 'trusted', problems: [], ...over };
}

function cert(organizations: string[], units: string[], sha256 = 'a'.repeat(64)): SignerCertificate {
  return { der: new Uint8Array(), sha256, commonName: 'Budi Santoso', organizations, units };
}

describe('normalizeOrganization', () => {
  test('case, spacing, punctuation and accents do not make two names differ', () => {
    expect(normalizeOrganization('  DINAS  Pendidikan. ')).toBe('dinas pendidikan');
    expect(normalizeOrganization('Dinas Pekerjaan Umum & Penataan Ruang')).toBe(normalizeOrganization('dinas pekerjaan umum, penataan-ruang'));
    expect(normalizeOrganization('Dinas Pendidikan')).not.toBe(normalizeOrganization('Dinas Pendidikan dan Kebudayaan'));
    expect(normalizeOrganization('Kécamatan')).toBe('kecamatan');
  });
});

describe('checkSigner', () => {
  test('O or OU naming the OPD (or its code) on a trusted certificate: cocok', () => {
    const viaUnit = checkSigner({ opd, signatures: [signature('TTD1')], certificates: new Map([['TTD1', cert(['Pemerintah Kota Pontianak'], ['DINAS PENDIDIKAN'])]]), registered: new Set() });
    expect(viaUnit).toMatchObject({ verdict: 'cocok', signers: [{ matchedBy: 'organisasi' }] });
    const viaCode = checkSigner({ opd, signatures: [signature('TTD1')], certificates: new Map([['TTD1', cert(['Disdik'], [])]]), registered: new Set() });
    expect(viaCode.verdict).toBe('cocok');
  });

  test('the same name on an untrusted or expired certificate is only belum-pasti', () => {
    for (const certificate of ['untrusted', 'expired'] as const) {
      const check = checkSigner({ opd, signatures: [signature('TTD1', { certificate })], certificates: new Map([['TTD1', cert(['Dinas Pendidikan'], [])]]), registered: new Set() });
      expect(check.verdict).toBe('belum-pasti');
    }
  });

  test('a registered certificate counts whatever it names, trusted or not', () => {
    const check = checkSigner({
      opd,
      signatures: [signature('TTD1', { certificate: 'untrusted' })],
      certificates: new Map([['TTD1', cert(['CV Maju Jaya'], [], 'b'.repeat(64))]]),
      registered: new Set(['b'.repeat(64)]),
    });
    expect(check).toMatchObject({ verdict: 'cocok', signers: [{ matchedBy: 'sertifikat-terdaftar' }] });
    expect(signerCheckSentence(check)).toMatch(/sertifikatnya terdaftar untuk OPD ini/);
  });

  test('another agency, a broken signature, an unreadable or ambiguous certificate: tidak-cocok, never cocok', () => {
    const other = checkSigner({ opd, signatures: [signature('TTD1')], certificates: new Map([['TTD1', cert(['Pemerintah Kota Pontianak'], ['Dinas Kesehatan'])]]), registered: new Set() });
    expect(other.verdict).toBe('tidak-cocok');
    expect(signerCheckSentence(other)).toBe(
      'Penanda tangan tidak cocok dengan OPD pengirim Dinas Pendidikan (DISDIK): sertifikat atas nama Budi Santoso, organisasi Pemerintah Kota Pontianak / Dinas Kesehatan; sertifikat itu tidak terdaftar untuk OPD ini.',
    );
    // A signature that does not verify is no evidence of who signed, even when its certificate names the OPD.
    const broken = checkSigner({ opd, signatures: [signature('TTD1', { integrity: 'invalid' })], certificates: new Map([['TTD1', cert(['Dinas Pendidikan'], [])]]), registered: new Set() });
    expect(broken).toMatchObject({ verdict: 'tidak-cocok', signers: [] });
    // Two fields of one name: which one the verifier judged cannot be told.
    const ambiguous = checkSigner({ opd, signatures: [signature('TTD1')], certificates: new Map([['TTD1', null]]), registered: new Set() });
    expect(ambiguous).toMatchObject({ verdict: 'tidak-cocok', signers: [{ matchedBy: null, problem: expect.stringMatching(/tidak dapat dipastikan/) }] });
    expect(checkSigner({ opd, signatures: [], certificates: new Map(), registered: new Set() }).verdict).toBe('tidak-cocok');
  });

  test('one matching signature among several is enough; each keeps its own line', () => {
    const check = checkSigner({
      opd,
      signatures: [signature('Vendor'), signature('Kepala')],
      certificates: new Map([
        ['Vendor', cert(['CV Maju Jaya'], [])],
        ['Kepala', cert(['Dinas Pendidikan'], [])],
      ]),
      registered: new Set(),
    });
    expect(check.verdict).toBe('cocok');
    expect(check.signers.map((s) => s.matchedBy)).toEqual([null, 'organisasi']);
  });

  test('submissions from before the check are shown as not checked, never as matching', () => {
    expect(signerCheckSentence(null)).toMatch(/^Belum diperiksa/);
  });
});

describe('signerCertificates', () => {
  test("the signer's certificate is the one its signer info points to", async () => {
    const certs = await signerCertificates(signedPdf());
    expect([...certs.keys()]).toEqual(['TTD1']);
    expect(certs.get('TTD1')).toMatchObject({ commonName: 'Budi Santoso', organizations: ['Pemerintah Kota Pontianak'], units: ['Dinas Pendidikan'] });
  });

  test('a look-alike with the same issuer and serial but another organisation makes the signer unknown, never the look-alike', async () => {
    const hostile = withLookAlike(signedPdf(), 'Dinas Kesehatan');
    expect(hostile.length).toBe(signedPdf().length);
    const certs = await signerCertificates(hostile);
    expect(certs.has('TTD1')).toBe(true);
    expect(certs.get('TTD1')).toBeNull();
    const check = checkSigner({ opd: { code: 'DINKES', name: 'Dinas Kesehatan' }, signatures: [signature('TTD1')], certificates: certs, registered: new Set() });
    expect(check.verdict).toBe('tidak-cocok');
  });
});

describe('signerCertificatesOf (the certificates from the verification, at commit)', () => {
  const fromVerification = async (pdf: Uint8Array) => {
    const { report, signerCertificates: ders } = await verifyPdfWithSigners({ pdf, fileName: 'laporan.pdf', trustRoots: [], now: new Date('2026-12-07T00:00:00Z') });
    return { report, certs: signerCertificatesOf(report.signatures, ders) };
  };

  test('the same certificate as read from the PDF alone', async () => {
    const { report, certs } = await fromVerification(signedPdf());
    expect(report.signatures.map((s) => s.integrity)).toEqual(['valid']);
    expect(certs).toEqual(await signerCertificates(signedPdf()));
  });

  test('the look-alike is never taken for the signer, though the signature verifies: the signer is unknown', async () => {
    const hostile = withLookAlike(signedPdf(), 'Dinas Kesehatan');
    const { report, certs } = await fromVerification(hostile);
    expect(report.signatures.map((s) => s.integrity)).toEqual(['valid']);
    expect(certs.get('TTD1') ?? null).toBeNull();
    const signatures = report.signatures.map((s) => signature(s.field, { integrity: s.integrity, certificate: s.certificate }));
    expect(checkSigner({ opd: { code: 'DINKES', name: 'Dinas Kesehatan' }, signatures, certificates: certs, registered: new Set() }).verdict).toBe('tidak-cocok');
  });

  test('a field name used twice counts for nothing, whatever the certificates', async () => {
    const der = (await signerCertificates(signedPdf())).get('TTD1')?.der ?? null;
    expect(der).not.toBeNull();
    const certs = signerCertificatesOf([{ field: 'TTD1' }, { field: 'TTD1' }, { field: 'TTD2' }], [der, der, der]);
    expect(certs.get('TTD1')).toBeNull();
    expect(certs.get('TTD2')).toMatchObject({ commonName: 'Budi Santoso', units: ['Dinas Pendidikan'] });
  });
});
