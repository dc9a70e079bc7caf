/**
 * The signing-certificate attributes (RFC 5035 signing-certificate-v2, RFC 2634
 * signing-certificate) bind the signature to one certificate: without checking
 * them, anyone could swap the certificate embedded in the CMS for another with
 * the same key (a re-issued or forged one, with another name) and the
 * signature would still verify. ETSI EN 319 122-1 requires the binding for
 * CAdES baseline signatures; PAdES B-B is built on it.
 */
import { createHash } from 'node:crypto';
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { childrenOf, expectTag, oid as oidOf, octets, parseDer, tags, type DerNode } from './der';
import { oid } from './algorithms';
import type { SignedAttribute } from './cms-signed-data';

const hashNames: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface SigningCertificateCheck {
  /** Whether a signing-certificate(-v2) attribute is among the signed attributes. */
  isPresent: boolean;
  /** Why the attribute does not name the certificate used; null when it does (or is absent). */
  problem: string | null;
}

function serialOf(issuerSerial: DerNode | undefined): Uint8Array | null {
  if (!issuerSerial) return null;
  const serial = childrenOf(expectTag(issuerSerial, tags.sequence, 'IssuerSerial'))[1];
  return serial ? expectTag(serial, tags.integer, 'serialNumber').content : null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Strips the leading zero octets DER puts before a serial whose top bit is set, so both sides compare alike. */
function unsigned(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** The check on pkijs's reading of a SignerInfo (the verifier's path for every CMS shape other than the plain one). */
export function checkSigningCertificate(info: pkijs.SignerInfo, signer: pkijs.Certificate, signerDer: Uint8Array): SigningCertificateCheck {
  const attributes: SignedAttribute[] = (info.signedAttrs?.attributes ?? []).map((a) => ({
    type: a.type,
    // Only the two binding attributes are read; their values are encoded again as pkijs read them.
    values: a.type === oid.signingCertificateV2 || a.type === oid.signingCertificate ? a.values.map((v: asn1js.BaseBlock) => new Uint8Array(v.toBER(false))) : [],
  }));
  return checkSigningCertificateOf(attributes, new Uint8Array(signer.serialNumber.valueBlock.valueHexView), signerDer);
}

/** Whether the signed attributes name the certificate `signerDer` (serial number `signerSerial`, INTEGER content) as the signer's. */
export function checkSigningCertificateOf(attrs: readonly SignedAttribute[], signerSerial: Uint8Array, signerDer: Uint8Array): SigningCertificateCheck {
  const v2 = attrs.filter((a) => a.type === oid.signingCertificateV2);
  const v1 = attrs.filter((a) => a.type === oid.signingCertificate);
  if (v2.length + v1.length === 0) return { isPresent: false, problem: null };
  if (v2.length > 1 || v1.length > 1) return { isPresent: true, problem: 'Atribut signing-certificate muncul lebih dari sekali.' };
  const isV2 = v2.length === 1;
  const attr = (isV2 ? v2[0] : v1[0])!;
  try {
    const value = attr.values[0];
    if (!value || attr.values.length !== 1) throw new Error('nilai atribut tidak tepat satu');
    const root = parseDer(value);
    const certs = childrenOf(expectTag(childrenOf(expectTag(root, tags.sequence, 'SigningCertificate'))[0], tags.sequence, 'certs'));
    const first = certs[0];
    if (!first) throw new Error('daftar sertifikat kosong');
    const parts = childrenOf(expectTag(first, tags.sequence, 'ESSCertID'));
    let hashName = isV2 ? 'sha256' : 'sha1';
    let at = 0;
    if (isV2 && parts[0]?.tag === tags.sequence) {
      const algorithm = oidOf(childrenOf(parts[0])[0]!);
      const name = hashNames[algorithm];
      if (!name) throw new Error(`algoritma hash ${algorithm} tidak dikenal`);
      hashName = name;
      at = 1;
    }
    const certHash = octets(expectTag(parts[at], tags.octetString, 'certHash'));
    if (!sameBytes(certHash, createHash(hashName).update(signerDer).digest())) {
      return { isPresent: true, problem: 'Sertifikat di dalam tanda tangan bukan sertifikat yang ditandatangani (hash pada atribut signing-certificate berbeda): sertifikatnya ditukar.' };
    }
    const serial = serialOf(parts[at + 1]);
    if (serial && !sameBytes(unsigned(serial), unsigned(signerSerial))) {
      return { isPresent: true, problem: 'Nomor seri pada atribut signing-certificate tidak sama dengan sertifikat penanda tangan.' };
    }
    return { isPresent: true, problem: null };
  } catch (err) {
    return { isPresent: true, problem: `Atribut signing-certificate tidak terbaca: ${(err as Error).message}.` };
  }
}
