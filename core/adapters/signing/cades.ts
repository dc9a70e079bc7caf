/**
 * The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1,
 * CAdES detached): signed attributes content-type, message-digest and
 * signing-certificate-v2, and deliberately no signing-time (PAdES puts the
 * claimed time in the signature dictionary's /M). With a timestamp
 * authority, an RFC 3161 token over the signature value is added as the
 * unsigned attribute signature-time-stamp (level B-T).
 */
import { createHash, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferSource, oid, sha256Algorithm, signatureAlgorithmFor, signSha256 } from './algorithms';

export interface SigningKey {
  privateKey: KeyObject;
  /** The signer's certificate (DER). */
  certificate: Uint8Array;
  /** Issuer certificates to embed (DER), nearest first. */
  chain: Uint8Array[];
}

/** Returns an RFC 3161 TimeStampToken (DER ContentInfo) over the given signature value. */
export type TimestampFn = (signatureValue: Uint8Array) => Promise<Uint8Array>;

/** ESS SigningCertificateV2 (RFC 5035) naming the signer's certificate by its SHA-256. */
export function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames with one directoryName [4].
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      new asn1js.Integer({ valueHex: cert.serialNumber.valueBlock.valueHexView }),
    ],
  });
  // hashAlgorithm is left out: its DEFAULT is id-sha256.
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** DER orders SET OF by encoding; verifiers re-encode signed attributes, so ours must already be in that order. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  return encoded.sort((x, y) => compareBytes(x.der, y.der)).map((e) => e.a);
}

export interface CadesResult {
  /** DER ContentInfo(SignedData). */
  cms: Uint8Array;
  isTimestamped: boolean;
}

/**
 * Signs a SHA-256 digest of the PDF's byte ranges. The private key signs the
 * DER of the signed attributes (with the SET OF tag), exactly the bytes a
 * verifier hashes.
 */
export async function buildCadesSignature(key: SigningKey, digest: Uint8Array, timestamp?: TimestampFn): Promise<CadesResult> {
  const leaf = pkijs.Certificate.fromBER(bufferSource(key.certificate));
  const attributes = derSorted([
    new pkijs.Attribute({ type: oid.contentType, values: [new asn1js.ObjectIdentifier({ value: oid.data })] }),
    new pkijs.Attribute({ type: oid.messageDigest, values: [new asn1js.OctetString({ valueHex: bufferSource(digest) })] }),
    new pkijs.Attribute({ type: oid.signingCertificateV2, values: [signingCertificateV2(leaf, key.certificate)] }),
  ]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
  const toSign = new Uint8Array(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31; // [0] IMPLICIT in SignerInfo, but signed as a SET OF (RFC 5652 5.4)
  const signature = signSha256(key.privateKey, toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithmFor(key.privateKey),
    signature: new asn1js.OctetString({ valueHex: bufferSource(signature) }),
  });
  let isTimestamped = false;
  if (timestamp) {
    const token = await timestamp(signature);
    const parsed = asn1js.fromBER(bufferSource(token));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: oid.signatureTimeStampToken, values: [parsed.result] })],
    });
    isTimestamped = true;
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Algorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oid.data }),
    certificates: [leaf, ...key.chain.map((der) => pkijs.Certificate.fromBER(bufferSource(der)))],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: oid.signedData, content: signedData.toSchema(true) });
  return { cms: new Uint8Array(contentInfo.toSchema().toBER(false)), isTimestamped };
}
