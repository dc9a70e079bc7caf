/**
 * A local key pair and self-signed certificate for an officer who has no BSrE
 * certificate yet. Such signatures still detect modification, but nothing
 * vouches for the name in them: every screen and stamp calls the certificate
 * "tidak tersertifikasi".
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferSource, randomPositiveInteger, signatureAlgorithmFor, signSha256 } from './algorithms';

export interface SelfSignedInput {
  name: string;
  nip: string | null;
  organization?: string | null;
  now: Date;
  /** Validity in years from now. */
  years?: number;
}

export interface SelfSignedResult {
  certificate: Uint8Array;
  privateKey: KeyObject;
}

/** A Name with one attribute per RDN (pkijs alone would put them all into one multi-valued RDN). */
function rdn(entries: [string, asn1js.BaseBlock][]): pkijs.RelativeDistinguishedNames {
  const sequence = new asn1js.Sequence({
    value: entries.map(
      ([type, value]) =>
        new asn1js.Set({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: type }), value] })] }),
    ),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

export function createSelfSignedCertificate(input: SelfSignedInput): SelfSignedResult {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });

  const entries: [string, asn1js.BaseBlock][] = [['2.5.4.6', new asn1js.PrintableString({ value: 'ID' })]];
  if (input.organization) entries.push(['2.5.4.10', new asn1js.Utf8String({ value: input.organization })]);
  if (input.nip) entries.push(['2.5.4.5', new asn1js.PrintableString({ value: input.nip })]);
  entries.push(['2.5.4.3', new asn1js.Utf8String({ value: input.name })]);
  const name = rdn(entries);

  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomPositiveInteger(16);
  cert.issuer = name;
  cert.subject = rdn(entries);
  // Five minutes of slack for a clock that runs a little behind another machine's.
  cert.notBefore.value = new Date(input.now.getTime() - 5 * 60_000);
  cert.notAfter.value = new Date(input.now.getTime());
  cert.notAfter.value.setUTCFullYear(cert.notAfter.value.getUTCFullYear() + (input.years ?? 3));
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spki);

  const publicKeyBits = cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const keyId = createHash('sha1').update(publicKeyBits).digest();
  cert.extensions = [
    extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    // digitalSignature (bit 0) and nonRepudiation (bit 1): 0b11000000 with 6 unused bits.
    extension('2.5.29.15', true, new asn1js.BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 })),
    extension(
      '2.5.29.37',
      false,
      new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.4', '1.3.6.1.4.1.311.10.3.12'] }).toSchema(),
    ),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: keyId })),
  ];
  const algorithm = signatureAlgorithmFor(privateKey);
  cert.signature = algorithm;
  cert.signatureAlgorithm = algorithm;
  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  cert.tbsView = tbs;
  cert.signatureValue = new asn1js.BitString({ valueHex: bufferSource(signSha256(privateKey, tbs)) });
  const der = new Uint8Array(cert.toSchema(false).toBER(false));
  return { certificate: der, privateKey };
}

/** Checks that a key and certificate belong together (used when opening a stored self-signed pair). */
export function keyMatchesCertificate(key: KeyObject, certificate: Uint8Array): boolean {
  const cert = pkijs.Certificate.fromBER(bufferSource(certificate));
  const certSpki = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  const keySpki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return certSpki.equals(keySpki);
}
