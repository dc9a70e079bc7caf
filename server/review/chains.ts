/**
 * Each signature's certificate chain, for the submission page: the signer's
 * certificate (as the signer check finds it), then each issuer found among
 * the certificates the CMS carries, up to an installed root when there is
 * one — judged by the same evaluateChain the verifier uses.
 */
import { X509Certificate } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { childrenOf, encodingOf, oid, readNode, tags } from '../../core/adapters/signing/der';
import { readFormFields } from '../../core/adapters/signing/pdf-fields';
import { evaluateChain } from '../../core/adapters/signing/trust';
import { sha256Hex } from '../../core/adapters/signing/x509';
import { signerCertificates } from '../intake/signer-check';

export interface ChainLink {
  subject: string;
  issuer: string;
  notAfter: string;
  sha256: string;
  isRoot: boolean;
}

export interface SignatureChain {
  field: string;
  links: ChainLink[];
  status: 'trusted' | 'untrusted' | 'expired';
  problems: string[];
}

const SIGNED_DATA = '1.2.840.113549.1.7.2';

/** Every certificate a CMS SignedData carries (its `certificates` set). */
export function cmsCertificates(contents: Uint8Array | null): Uint8Array[] {
  if (!contents) return [];
  try {
    const [type, wrapped] = childrenOf(readNode(contents, 0, contents.length));
    if (!type || !wrapped || oid(type) !== SIGNED_DATA || wrapped.tag !== 0xa0) return [];
    const inner = childrenOf(wrapped)[0];
    if (!inner || inner.tag !== tags.sequence) return [];
    const set = childrenOf(inner).find((n) => n.tag === 0xa0);
    return set ? childrenOf(set).filter((n) => n.tag === tags.sequence).map(encodingOf) : [];
  } catch {
    return [];
  }
}

function linkOf(der: Uint8Array, roots: ReadonlySet<string>): ChainLink {
  const x = new X509Certificate(der);
  const sha256 = sha256Hex(der);
  return { subject: x.subject.replace(/\n/g, ', '), issuer: x.issuer.replace(/\n/g, ', '), notAfter: new Date(x.validTo).toISOString(), sha256, isRoot: roots.has(sha256) };
}

export async function signatureChains(pdf: Uint8Array, roots: Uint8Array[], at: Date): Promise<Map<string, SignatureChain>> {
  const out = new Map<string, SignatureChain>();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  const fields = readFormFields(doc).signatures;
  const signers = await signerCertificates(pdf);
  const rootSet = new Set(roots.map(sha256Hex));
  for (const field of fields) {
    const signer = signers.get(field.fieldName);
    if (!signer || out.has(field.fieldName)) continue;
    try {
      const chain = evaluateChain(signer.der, cmsCertificates(field.contents), roots, at);
      out.set(field.fieldName, { field: field.fieldName, links: chain.path.map((d) => linkOf(d, rootSet)), status: chain.status, problems: chain.problems });
    } catch (err) {
      out.set(field.fieldName, { field: field.fieldName, links: [], status: 'untrusted', problems: [`Rantai sertifikat tidak terbaca: ${(err as Error).message}`] });
    }
  }
  return out;
}
