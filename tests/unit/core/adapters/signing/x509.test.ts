import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePkcs12, type Pkcs12Contents } from '../../../../../core/adapters/signing/pkcs12';
import { certificateDetails } from '../../../../../core/adapters/signing/x509';
import { createSelfSignedCertificate, keyMatchesCertificate } from '../../../../../core/adapters/signing/self-signed';
import { evaluateChain, readCertificates } from '../../../../../core/adapters/signing/trust';

const dir = path.resolve(__dirname, '../../../../fixtures/signing');
const p12 = (name: string) => parsePkcs12(new Uint8Array(readFileSync(path.join(dir, name))), 'rahasia-uji', name);
const pem = (name: string) => readCertificates(new Uint8Array(readFileSync(path.join(dir, name))), name);

describe('certificate details', () => {
  it('reads subject, NIP, issuer, validity and key usage', async () => {
    const d = certificateDetails((await p12('officer.p12')).certificate);
    expect(d).toMatchObject({
      subject: 'CN=Budi Santoso, serialNumber=198703122010011002, OU=Dinas Pendidikan, O=Pemerintah Kota Pontianak, C=ID',
      commonName: 'Budi Santoso',
      nip: '198703122010011002',
      organization: 'Pemerintah Kota Pontianak',
      issuerCommonName: 'Berkas Uji CA Penerbit',
      notBefore: '2024-01-01T00:00:00.000Z',
      notAfter: '2040-01-01T00:00:00.000Z',
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      isSelfSigned: false,
    });
    expect(d.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(certificateDetails((await p12('encipher-only.p12')).certificate).keyUsage).toEqual(['keyEncipherment']);
  });

  it('makes a self-signed certificate with one attribute per RDN and signing key usage', async () => {
    const made = createSelfSignedCertificate({ name: 'Siti Aminah', nip: '197805142003122001', organization: 'Dinas Pendidikan', now: new Date('2026-01-10T00:00:00Z') });
    const d = certificateDetails(made.certificate);
    expect(d.subject).toBe('CN=Siti Aminah, serialNumber=197805142003122001, O=Dinas Pendidikan, C=ID');
    expect(d.issuer).toBe(d.subject);
    expect(d.isSelfSigned).toBe(true);
    expect(d.nip).toBe('197805142003122001');
    expect(d.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(d.notAfter).toBe('2029-01-10T00:00:00.000Z');
    expect(keyMatchesCertificate(made.privateKey, made.certificate)).toBe(true);
    expect(keyMatchesCertificate((await p12('officer.p12')).privateKey, made.certificate)).toBe(false);
  });
});

describe('certificate path', () => {
  let officer: Pkcs12Contents;
  beforeAll(async () => {
    officer = await p12('officer.p12');
  });
  const now = new Date('2030-01-01T00:00:00Z');

  it('is trusted up to a configured root through the intermediate', () => {
    const r = evaluateChain(officer.certificate, officer.chain, pem('root.pem'), now);
    expect(r.status).toBe('trusted');
    expect(r.path).toHaveLength(3);
  });

  it('is untrusted without the root or with an unrelated one', () => {
    expect(evaluateChain(officer.certificate, officer.chain, [], now).status).toBe('untrusted');
    const other = evaluateChain(officer.certificate, officer.chain, pem('untrusted-root.pem'), now);
    expect(other.status).toBe('untrusted');
    expect(other.problems[0]).toContain('bukan akar tepercaya');
  });

  it('is expired when a certificate on it has expired at the reference time', async () => {
    const expired = await p12('expired.p12');
    const r = evaluateChain(expired.certificate, expired.chain, pem('root.pem'), now);
    expect(r.status).toBe('expired');
    expect(r.problems.join(' ')).toContain('kedaluwarsa sejak 1 Januari 2020');
    // At a time inside its validity (a trusted timestamp) it is fine.
    expect(evaluateChain(expired.certificate, expired.chain, pem('root.pem'), new Date('2019-06-01T00:00:00Z')).status).toBe('trusted');
  });
});
