/** Object identifiers and algorithm choices shared by the signer, the verifier and certificate creation. */
import { randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { BerkasError } from '../../domain/errors';

export const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Node's names of the digest algorithms a signature may use, by OID. */
export const digestNames: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * A random positive INTEGER of `length` bytes in minimal DER. The top byte is
 * kept in 0x01..0x7f: a zero top byte followed by a byte below 0x80 is a
 * non-minimal encoding that OpenSSL rejects ("illegal padding"), which made one
 * self-signed certificate in ~500 unreadable.
 */
export function randomPositiveInteger(length: number, random: (size: number) => Uint8Array = randomBytes): asn1js.Integer {
  const bytes = new Uint8Array(random(length));
  bytes[0] = ((bytes[0] as number) & 0x7f) || 0x01;
  return new asn1js.Integer({ valueHex: bytes });
}

export function sha256Algorithm(): pkijs.AlgorithmIdentifier {
  // Parameters absent, as RFC 5754 prefers for SHA-2.
  return new pkijs.AlgorithmIdentifier({ algorithmId: oid.sha256 });
}

/** The signature algorithm for a private key: RSA PKCS#1 v1.5 or ECDSA, both over SHA-256. */
export function signatureAlgorithmFor(key: KeyObject): pkijs.AlgorithmIdentifier {
  if (key.asymmetricKeyType === 'rsa') {
    return new pkijs.AlgorithmIdentifier({ algorithmId: oid.sha256WithRsa, algorithmParams: new asn1js.Null() });
  }
  if (key.asymmetricKeyType === 'ec') {
    return new pkijs.AlgorithmIdentifier({ algorithmId: oid.ecdsaWithSha256 });
  }
  throw new BerkasError(
    'KEY_UNSUPPORTED',
    `Jenis kunci ${key.asymmetricKeyType ?? 'tidak dikenal'} belum didukung untuk tanda tangan; gunakan sertifikat RSA atau ECDSA.`,
    { keyType: key.asymmetricKeyType ?? 'unknown' },
  );
}

/** Signs bytes with SHA-256 (DER-encoded ECDSA signatures, as CMS and X.509 expect). */
export function signSha256(key: KeyObject, data: Uint8Array): Uint8Array {
  return new Uint8Array(cryptoSign('sha256', data, key));
}

/** The same bytes typed for APIs that want BufferSource (an ArrayBuffer-backed view); copies only a shared-memory view. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
