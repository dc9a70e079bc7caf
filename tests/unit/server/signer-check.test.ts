/** The signer-to-OPD judgement (server/intake/signer-check.ts) on given certificates: what counts as the OPD's, and what is only claimed. */
import { checkSigner, normalizeOrganization, signerCheckSentence, type SignerCertificate } from '../../../server/intake/signer-check';
import type { SignatureSummary } from '../../../server/protocol/types';

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
