/**
 * Certificate path checking for verification: from the signer's certificate
 * through the certificates in the signature up to one of the configured
 * trust roots (the BSrE roots, distributed by Diskominfo), each link's
 * signature checked and each certificate valid at the reference time.
 */
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertificateStatus } from '../../domain/signing/verification';
import { formatIndonesianDate } from '../../domain/signing/indonesian-date';
import { commonNameOf } from './x509';
import { bufferSource } from './algorithms';

export interface ChainResult {
  status: CertificateStatus;
  problems: string[];
  /** Leaf first; ends at a trust root when trusted. */
  path: Uint8Array[];
}

interface Cert {
  der: Uint8Array;
  x509: X509Certificate;
  pki: pkijs.Certificate;
}

// Parsed certificates by their DER: trust roots and a signer's chain recur on every verification (the intake server
// judges each commit against all its roots), and parsing them twice (node and pkijs) dominated a small PDF's check.
const parsed = new Map<string, Cert>();
const maxParsed = 512;

function load(der: Uint8Array): Cert {
  const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const hit = parsed.get(key);
  if (hit) return { ...hit, der };
  const cert = { der, x509: new X509Certificate(der), pki: pkijs.Certificate.fromBER(bufferSource(der)) };
  if (parsed.size >= maxParsed) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, cert);
  return cert;
}

/** A certificate parsed by node and pkijs, from the same cache as the chain's: a signer's certificate recurs on every PDF it signed. Throws on bytes that are not one. */
export function parsedCertificate(der: Uint8Array): { x509: X509Certificate; pki: pkijs.Certificate } {
  const { x509, pki } = load(der);
  return { x509, pki };
}

const issues = (child: Cert, parent: Cert) => child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);

/** Certificates from PEM text (any number of CERTIFICATE blocks) or one DER file. */
export function readCertificates(content: Uint8Array, fileName: string): Uint8Array[] {
  const text = Buffer.from(content).toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  const ders = blocks.length ? blocks.map((m) => new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'))) : [content];
  for (const der of ders) {
    try {
      new X509Certificate(der);
    } catch {
      throw new Error(`${fileName} bukan sertifikat X.509 (PEM atau DER)`);
    }
  }
  return ders;
}

export function evaluateChain(leafDer: Uint8Array, intermediates: Uint8Array[], roots: Uint8Array[], at: Date, offsetMinutes = 420): ChainResult {
  const leaf = load(leafDer);
  const anchors = roots.map(load);
  const pool = intermediates.map(load).filter((c) => c.x509.fingerprint256 !== leaf.x509.fingerprint256);
  const path: Cert[] = [leaf];
  const problems: string[] = [];
  let anchored = anchors.some((a) => a.x509.fingerprint256 === leaf.x509.fingerprint256);
  let current = leaf;
  for (let depth = 0; !anchored && depth < 10; depth++) {
    const root = anchors.find((a) => issues(current, a));
    if (root) {
      path.push(root);
      anchored = true;
      break;
    }
    const next = pool.find((c) => !path.includes(c) && issues(current, c));
    if (!next) break;
    if (!next.x509.ca) {
      problems.push(`Sertifikat "${commonNameOf(next.pki.subject)}" dalam rantai bukan sertifikat CA.`);
      break;
    }
    path.push(next);
    current = next;
    if (anchors.some((a) => a.x509.fingerprint256 === next.x509.fingerprint256)) anchored = true;
  }
  const ders = path.map((c) => c.der);
  if (!anchored) {
    const top = path[path.length - 1] as Cert;
    problems.push(
      anchors.length === 0
        ? 'Belum ada sertifikat akar tepercaya yang dipasang; penanda tangan tidak dapat dipastikan.'
        : `Rantai sertifikat berhenti di "${commonNameOf(top.pki.issuer)}", yang bukan akar tepercaya.`,
    );
    return { status: 'untrusted', problems, path: ders };
  }
  let status: CertificateStatus = problems.length ? 'untrusted' : 'trusted';
  for (const c of path) {
    const name = commonNameOf(c.pki.subject);
    if (c.pki.notAfter.value.getTime() < at.getTime()) {
      problems.push(`Sertifikat "${name}" kedaluwarsa sejak ${formatIndonesianDate(c.pki.notAfter.value, offsetMinutes)}.`);
      if (status === 'trusted') status = 'expired';
    } else if (c.pki.notBefore.value.getTime() > at.getTime()) {
      problems.push(`Sertifikat "${name}" baru berlaku mulai ${formatIndonesianDate(c.pki.notBefore.value, offsetMinutes)}.`);
      status = 'untrusted';
    }
  }
  return { status, problems, path: ders };
}
