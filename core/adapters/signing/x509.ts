/**
 * X.509 certificate facts Berkas shows and checks: subject with NIP/NIK,
 * issuer, validity, key usage. pkijs parses; node:crypto fingerprints.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import {
  identityFromSerialNumber,
  keyUsageBits,
  type CertificateDetails,
  type KeyUsageName,
} from '../../domain/signing/certificate';
import { childrenOf, parseDer } from './der';
import { bufferSource } from './algorithms';

const attributeNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'givenName',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
  '2.5.4.97': 'organizationIdentifier',
};

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(bufferSource(der));
}

function attributeText(value: pkijs.AttributeValueType): string {
  const block = (value as unknown as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

export interface NameEntry {
  type: string;
  name: string;
  value: string;
}

export function nameEntries(name: pkijs.RelativeDistinguishedNames): NameEntry[] {
  return name.typesAndValues.map((tv) => ({ type: tv.type, name: attributeNames[tv.type] ?? tv.type, value: attributeText(tv.value) }));
}

/** RFC 4514 order (most specific first): "CN=Budi Santoso, serialNumber=…, O=…, C=ID". */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return nameEntries(name)
    .reverse()
    .map((e) => `${e.name}=${e.value}`)
    .join(', ');
}

function first(name: pkijs.RelativeDistinguishedNames, type: string): string | null {
  return nameEntries(name).find((e) => e.type === type)?.value ?? null;
}

export function commonNameOf(name: pkijs.RelativeDistinguishedNames): string {
  return first(name, '2.5.4.3') ?? first(name, '2.5.4.10') ?? formatName(name);
}

export function keyUsageOf(cert: pkijs.Certificate): KeyUsageName[] | null {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.15');
  if (!ext) return null;
  const bitString = parseDer(ext.extnValue.valueBlock.valueHexView);
  const content = bitString.content;
  const usage: KeyUsageName[] = [];
  keyUsageBits.forEach((name, i) => {
    const byte = content[1 + (i >> 3)];
    if (byte !== undefined && byte & (0x80 >> (i & 7))) usage.push(name);
  });
  return usage;
}

/** Extended key usage OIDs, or null without the extension. */
export function extendedKeyUsageOf(cert: pkijs.Certificate): { oids: string[]; isCritical: boolean } | null {
  const ext = cert.extensions?.find((e) => e.extnID === '2.5.29.37');
  if (!ext) return null;
  const seq = parseDer(ext.extnValue.valueBlock.valueHexView);
  const oids = childrenOf(seq).map((n) => {
    const c = n.content;
    const head = c[0] as number;
    const parts = [Math.floor(head / 40), head % 40];
    let v = 0;
    for (let i = 1; i < c.length; i++) {
      const b = c[i] as number;
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) {
        parts.push(v);
        v = 0;
      }
    }
    return parts.join('.');
  });
  return { oids, isCritical: ext.critical };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function isSelfIssuedAndSigned(cert: pkijs.Certificate): boolean {
  return cert.subject.isEqual(cert.issuer);
}

export function certificateDetails(der: Uint8Array): CertificateDetails {
  const cert = parseCertificate(der);
  const identity = identityFromSerialNumber(first(cert.subject, '2.5.4.5'));
  return {
    subject: formatName(cert.subject),
    commonName: commonNameOf(cert.subject),
    nip: identity.nip,
    nik: identity.nik,
    organization: first(cert.subject, '2.5.4.10'),
    issuer: formatName(cert.issuer),
    issuerCommonName: commonNameOf(cert.issuer),
    serialNumber: hex(cert.serialNumber.valueBlock.valueHexView).toUpperCase(),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    keyUsage: keyUsageOf(cert),
    isSelfSigned: isSelfIssuedAndSigned(cert),
    fingerprintSha256: sha256Hex(der),
  };
}
