/**
 * Proves a detached CMS signature over the signed bytes of a PDF intact
 * without pkijs, for the plain shape cms-signed-data.ts reads (every Berkas
 * signature, and most others). The checks are those of pkijs's
 * SignedData.verify and of the verifier after it: the signer is the one
 * embedded certificate with the SignerInfo's serial number and issuer; the
 * content-type and message-digest attributes are there and the digest is the
 * signed bytes'; the signature over the signed attributes verifies with that
 * certificate's key (RSA PKCS#1 v1.5 or ECDSA); the signing-certificate
 * attribute, when present, names that very certificate.
 *
 * Anything short of all of that returns null and the verifier asks pkijs,
 * which finds and words the trouble as before: this file never judges a
 * signature invalid, so it cannot be the reason one is refused.
 */
import { createHash, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { digestNames, oid } from './algorithms';
import { issuerAndSerialOf, readPlainSignedData } from './cms-signed-data';
import { readNode, tags } from './der';
import { checkSigningCertificateOf, type SigningCertificateCheck } from './signing-certificate-check';
import { parsedCertificate } from './trust';

export interface PlainSignatureCheck {
  signer: pkijs.Certificate;
  /** The signer's certificate as embedded (its own bytes, as the signing-certificate attribute hashed them). */
  signerDer: Uint8Array;
  /** Every embedded certificate, the signer's included, for the chain. */
  certificates: Uint8Array[];
  binding: SigningCertificateCheck;
}

/** Signature algorithms checked here: the key type they need and their hash (null: the SignerInfo's digest algorithm). */
const signatureAlgorithms: Record<string, { key: 'rsa' | 'ec'; hash: string | null }> = {
  '1.2.840.113549.1.1.1': { key: 'rsa', hash: null },
  '1.2.840.113549.1.1.5': { key: 'rsa', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { key: 'rsa', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { key: 'rsa', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { key: 'rsa', hash: 'sha512' },
  '1.2.840.10045.4.1': { key: 'ec', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { key: 'ec', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { key: 'ec', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { key: 'ec', hash: 'sha512' },
};

const nullParameters = Uint8Array.of(tags.null, 0);

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** The OCTET STRING content of one attribute value's encoding, or null for any other encoding. */
function octetValue(encoding: Uint8Array): Uint8Array | null {
  if (encoding[0] !== tags.octetString) return null;
  try {
    const node = readNode(encoding, 0, encoding.length);
    return node.end === encoding.length ? node.content : null;
  } catch {
    return null;
  }
}

function verifies(hash: string, data: Uint8Array, key: KeyObject, isEc: boolean, signature: Uint8Array): boolean {
  try {
    return cryptoVerify(hash, data, isEc ? { key, dsaEncoding: 'der' } : key, signature);
  } catch {
    return false;
  }
}

/** The signer and its binding when the signature in `der` is plainly intact over `signedBytes`; null otherwise (ask pkijs). */
export function checkPlainSignature(der: Uint8Array, signedBytes: Uint8Array): PlainSignatureCheck | null {
  const cms = readPlainSignedData(der);
  if (!cms) return null;
  const digestName = digestNames[cms.digestAlgorithm];
  const algorithm = signatureAlgorithms[cms.signatureAlgorithm];
  if (!digestName || !algorithm) return null;
  if (cms.signatureParameters && !(algorithm.key === 'rsa' && equal(cms.signatureParameters, nullParameters))) return null;

  const contentType = cms.signedAttributes.find((a) => a.type === oid.contentType);
  const messageDigest = cms.signedAttributes.find((a) => a.type === oid.messageDigest);
  if (!contentType || messageDigest?.values.length !== 1) return null;
  const claimed = octetValue(messageDigest.values[0]!);
  if (!claimed || !equal(claimed, createHash(digestName).update(signedBytes).digest())) return null;

  // Exactly one certificate carries the serial number, and its issuer is the one named: no look-alike to choose from.
  const named = cms.certificates.flatMap((c) => {
    const id = issuerAndSerialOf(c);
    return id && equal(id.serial, cms.sidSerial) ? [{ der: c, issuer: id.issuer }] : [];
  });
  const only = named.length === 1 ? named[0]! : null;
  if (!only || !equal(only.issuer, cms.sidIssuer)) return null;

  let signer: ReturnType<typeof parsedCertificate>;
  let key: KeyObject;
  try {
    // Every certificate must read as one (the chain reads them all); the signer's is parsed from the same cache.
    for (const c of cms.certificates) parsedCertificate(c);
    signer = parsedCertificate(only.der);
    key = signer.x509.publicKey;
  } catch {
    return null;
  }
  if (key.asymmetricKeyType !== algorithm.key) return null;
  if (!verifies(algorithm.hash ?? digestName, cms.signedAttributesDer, key, algorithm.key === 'ec', cms.signature)) return null;

  const binding = checkSigningCertificateOf(cms.signedAttributes, cms.sidSerial, only.der);
  if (binding.problem) return null;
  return { signer: signer.pki, signerDer: only.der, certificates: cms.certificates, binding };
}
