/**
 * The signer's certificate of a CMS SignedData, found by the rule the intake's
 * signer check trusts (server/intake/signer-check.ts): the one embedded
 * certificate the SignerInfo points to, and only when exactly one answers.
 * Read with the project's DER reader; the verifier records it for each intact
 * signature so the signer check need not parse the PDF again.
 */
import { createHash } from 'node:crypto';
import { childrenOf, encodingOf, expectTag, oid, readNode, tags, type DerNode } from './der';

const OID = { signedData: '1.2.840.113549.1.7.2', subjectKeyIdentifier: '2.5.29.14' };

export interface CertificateParts {
  der: Uint8Array;
  serial: DerNode;
  issuer: DerNode;
  subject: DerNode;
  publicKey: Uint8Array;
  subjectKeyId: Uint8Array | null;
}

/** The fields of an X.509 certificate this check needs, read with the project's DER reader (pkijs parses ten times slower). */
export function certificateParts(cert: DerNode): CertificateParts {
  const tbs = expectTag(childrenOf(expectTag(cert, tags.sequence, 'Certificate'))[0], tags.sequence, 'TBSCertificate');
  const fields = childrenOf(tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const spki = childrenOf(expectTag(fields[at + 5], tags.sequence, 'SubjectPublicKeyInfo'));
  const bits = expectTag(spki[1], tags.bitString, 'subjectPublicKey').content;
  let subjectKeyId: Uint8Array | null = null;
  const extensions = fields.find((f) => f.tag === 0xa3);
  for (const ext of extensions ? childrenOf(childrenOf(extensions)[0] as DerNode) : []) {
    const parts = childrenOf(ext);
    if (parts[0] && oid(parts[0]) === OID.subjectKeyIdentifier) subjectKeyId = readNode((parts[parts.length - 1] as DerNode).content).content;
  }
  return {
    der: encodingOf(cert),
    serial: expectTag(fields[at], tags.integer, 'serialNumber'),
    issuer: expectTag(fields[at + 2], tags.sequence, 'issuer'),
    subject: expectTag(fields[at + 4], tags.sequence, 'subject'),
    publicKey: bits.subarray(1),
    subjectKeyId,
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * The signer's certificate of one signature field's CMS, found as pkijs finds
 * the one it verifies with (issuer and serial number; or a subjectKeyIdentifier
 * sid, by the SHA-1 of the public key) and as the verifier names it (the
 * subjectKeyIdentifier extension) — and only when exactly one certificate
 * answers to every way of looking: a second one could name another organisation.
 */
export function uniqueSignerCertificate(contents: Uint8Array | null): Uint8Array | null {
  if (!contents) return null;
  try {
    const [type, wrapped] = childrenOf(readNode(contents, 0, contents.length));
    if (!type || !wrapped || oid(type) !== OID.signedData || wrapped.tag !== 0xa0) return null;
    const signedData = childrenOf(expectTag(childrenOf(wrapped)[0], tags.sequence, 'SignedData'));
    const infos = childrenOf(expectTag(signedData[signedData.length - 1], tags.set, 'signerInfos'));
    if (infos.length !== 1) return null;
    const sid = childrenOf(infos[0] as DerNode)[1];
    const certificates = signedData.find((n) => n.tag === 0xa0);
    const certs = (certificates ? childrenOf(certificates) : []).filter((n) => n.tag === tags.sequence).map(certificateParts);
    let candidates: CertificateParts[];
    if (sid?.tag === tags.sequence) {
      const [issuer, serial] = childrenOf(sid);
      if (!issuer || !serial) return null;
      candidates = certs.filter((c) => same(encodingOf(c.issuer), encodingOf(issuer)) && same(c.serial.content, serial.content));
    } else if (sid?.tag === 0x80) {
      const keyId = sid.content;
      candidates = certs.filter((c) => same(createHash('sha1').update(c.publicKey).digest(), keyId) || (c.subjectKeyId !== null && same(c.subjectKeyId, keyId)));
    } else {
      return null;
    }
    const [only] = candidates;
    return candidates.length === 1 && only ? only.der : null;
  } catch {
    return null;
  }
}
