/**
 * A strict reader of the one CMS shape a PAdES signature has (RFC 5652
 * ContentInfo → SignedData, detached content, certificates, one SignerInfo
 * named by issuer and serial, signed attributes), used by the verifier to
 * prove a signature intact without pkijs: pkijs matches every certificate
 * against its schema twice and re-encodes the signer's certificate, the
 * largest fixed cost of checking a small PDF (issue 16).
 *
 * It only ever answers "this shape, read exactly" or null: anything else
 * (BER indefinite lengths, an embedded content, CRLs, several signers, a key
 * identifier, a repeated attribute, bytes left over) is null, and the verifier
 * falls back to pkijs, whose judgement (and words) stay the reference for
 * every signature that is not plainly intact.
 */
import { childrenOf, DerError, oid as oidOf, readNode, tags, type DerNode } from './der';

/** One signed attribute: its type and the whole DER encoding of each value, as signed. */
export interface SignedAttribute {
  type: string;
  values: Uint8Array[];
}

export interface PlainSignedData {
  /** Each embedded certificate's own DER bytes (never re-encoded). */
  certificates: Uint8Array[];
  /** The signer's issuer Name (whole DER) and serial number (INTEGER content), as the SignerInfo names them. */
  sidIssuer: Uint8Array;
  sidSerial: Uint8Array;
  digestAlgorithm: string;
  signedAttributes: SignedAttribute[];
  /** The signed attributes as the signature covers them: their encoding with the SET OF tag (RFC 5652 5.4). */
  signedAttributesDer: Uint8Array;
  signatureAlgorithm: string;
  /** The signature algorithm's parameters (whole DER), or null when absent. */
  signatureParameters: Uint8Array | null;
  signature: Uint8Array;
}

const signedDataOid = '1.2.840.113549.1.7.2';

/** Children of a constructed node, every one with a definite length (DER), or a DerError. */
function parts(node: DerNode): DerNode[] {
  const out = childrenOf(node);
  for (const child of out) if (node.bytes[child.start + 1] === 0x80) throw new DerError('panjang tak tentu');
  return out;
}

/** Every constructed node below `node` is filled exactly by its children, each of a definite length: the whole structure reads. */
function walk(node: DerNode): void {
  if (node.isConstructed) for (const child of parts(node)) walk(child);
}

/** An OID whose last sub-identifier ends (asn1js refuses one that runs off the end). */
function objectId(node: DerNode | undefined): string {
  const content = expect(node, tags.oid).content;
  if (content.length === 0 || (content[content.length - 1] as number) & 0x80) throw new DerError('OID rusak');
  return oidOf(node!);
}

/** A Name: a SEQUENCE OF SET OF (OID, value). */
function name(node: DerNode | undefined): Uint8Array {
  for (const rdn of parts(expect(node, tags.sequence))) {
    for (const pair of parts(expect(rdn, tags.set))) {
      const [type, value, extra] = parts(expect(pair, tags.sequence));
      if (!value || extra) throw new DerError('bentuk lain');
      objectId(type);
    }
  }
  return whole(node!);
}

function expect(node: DerNode | undefined, tag: number): DerNode {
  if (!node || node.tag !== tag) throw new DerError('bentuk lain');
  return node;
}

function whole(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.start, node.end);
}

function algorithm(node: DerNode | undefined): { id: string; parameters: Uint8Array | null } {
  const [id, parameters, extra] = parts(expect(node, tags.sequence));
  if (extra) throw new DerError('bentuk lain');
  return { id: objectId(id), parameters: parameters ? whole(parameters) : null };
}

function attributes(node: DerNode): SignedAttribute[] {
  const out: SignedAttribute[] = [];
  const seen = new Set<string>();
  for (const attr of parts(node)) {
    const [type, set, extra] = parts(expect(attr, tags.sequence));
    if (extra) throw new DerError('bentuk lain');
    const id = objectId(type);
    if (seen.has(id)) throw new DerError('atribut berulang');
    seen.add(id);
    out.push({ type: id, values: parts(expect(set, tags.set)).map(whole) });
  }
  return out;
}

/** Reads `der` (exactly one ContentInfo) in the plain PAdES shape, or returns null for any other shape. */
export function readPlainSignedData(der: Uint8Array): PlainSignedData | null {
  try {
    if (der[1] === 0x80) return null;
    const contentInfo = readNode(der, 0, der.length);
    if (contentInfo.end !== der.length) return null;
    walk(contentInfo);
    const [type, explicit, extraInfo] = parts(expect(contentInfo, tags.sequence));
    if (extraInfo || objectId(type) !== signedDataOid) return null;
    const [signedData, extraContent] = parts(expect(explicit, 0xa0));
    if (extraContent) return null;
    const [version, digestAlgorithms, encap, certificates, signerInfos, extra] = parts(expect(signedData, tags.sequence));
    expect(version, tags.integer);
    parts(expect(digestAlgorithms, tags.set)).forEach(algorithm);
    // Detached content only: eContentType and nothing else.
    const encapParts = parts(expect(encap, tags.sequence));
    if (encapParts.length !== 1) return null;
    objectId(encapParts[0]);
    // Certificates present, then straight to the signers: CRLs ([1]) are another shape.
    const certs = parts(expect(certificates, 0xa0)).map((c) => whole(expect(c, tags.sequence)));
    const signers = parts(expect(signerInfos, tags.set));
    if (extra || signers.length !== 1) return null;
    return { certificates: certs, ...signerInfo(signers[0]!) };
  } catch (err) {
    if (err instanceof DerError) return null;
    throw err;
  }
}

function signerInfo(node: DerNode): Omit<PlainSignedData, 'certificates'> {
  const [version, sid, digest, signed, signatureAlgorithm, signature, extra] = parts(expect(node, tags.sequence));
  expect(version, tags.integer);
  // Issuer and serial number; a subject key identifier ([0]) is another shape.
  const [issuer, serial, extraSid] = parts(expect(sid, tags.sequence));
  if (extraSid) throw new DerError('bentuk lain');
  // Signed attributes are required (PAdES), unsigned ones (a timestamp) are another shape.
  const signedAttrs = expect(signed, 0xa0);
  if (extra) throw new DerError('bentuk lain');
  const signedAttributesDer = new Uint8Array(whole(signedAttrs));
  signedAttributesDer[0] = tags.set;
  const signatureAlg = algorithm(signatureAlgorithm);
  const value = expect(signature, tags.octetString);
  return {
    sidIssuer: name(issuer),
    sidSerial: expect(serial, tags.integer).content,
    digestAlgorithm: algorithm(digest).id,
    signedAttributes: attributes(signedAttrs),
    signedAttributesDer,
    signatureAlgorithm: signatureAlg.id,
    signatureParameters: signatureAlg.parameters,
    signature: value.content,
  };
}

/** The issuer Name (whole DER) and serial (INTEGER content) of a certificate's DER, or null when it is not shaped as one. */
export function issuerAndSerialOf(certificate: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } | null {
  try {
    const [tbs] = parts(expect(readNode(certificate, 0, certificate.length), tags.sequence));
    const fields = parts(expect(tbs, tags.sequence));
    // version is [0] EXPLICIT and optional.
    const at = fields[0]?.tag === 0xa0 ? 1 : 0;
    const serial = expect(fields[at], tags.integer);
    expect(fields[at + 1], tags.sequence);
    return { issuer: whole(expect(fields[at + 2], tags.sequence)), serial: serial.content };
  } catch (err) {
    if (err instanceof DerError) return null;
    throw err;
  }
}
