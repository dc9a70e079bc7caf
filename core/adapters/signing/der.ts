/**
 * A small BER/DER reader for the containers pkijs does not open for us
 * (PKCS#12, whose legacy encryption WebCrypto lacks). It accepts BER's
 * indefinite lengths and constructed OCTET STRINGs, as Windows exports use.
 */
export interface DerNode {
  /** The identifier octet (class, constructed bit, low tag number). */
  tag: number;
  isConstructed: boolean;
  /** Offset of the identifier octet in `bytes`. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the content (and past the end-of-contents octets when indefinite). */
  end: number;
  /** Content octets (for indefinite length: up to, not including, the end-of-contents). */
  content: Uint8Array;
  bytes: Uint8Array;
}

/** Its message ends an officer's sentence ("… bukan berkas sertifikat PKCS#12 yang utuh: datanya terpotong"), so it is in plain words, never ASN.1 terms. */
export class DerError extends Error {}

export const tags = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

export function readNode(bytes: Uint8Array, offset = 0, limit = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError('datanya terpotong');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('susunan datanya tidak dikenal');
  const isConstructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = bytes[pos++] as number;
  if (first === 0x80) {
    if (!isConstructed) throw new DerError('susunan datanya rusak');
    // Indefinite length: children until the 00 00 end-of-contents.
    const contentStart = pos;
    let p = pos;
    for (;;) {
      if (p + 2 > limit) throw new DerError('datanya terpotong');
      if (bytes[p] === 0 && bytes[p + 1] === 0) break;
      p = readNode(bytes, p, limit).end;
    }
    return { tag, isConstructed, start: offset, contentStart, end: p + 2, content: bytes.subarray(contentStart, p), bytes };
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError('susunan datanya rusak');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos++] as number);
  }
  const end = pos + length;
  if (end > limit) throw new DerError('datanya terpotong');
  return { tag, isConstructed, start: offset, contentStart: pos, end, content: bytes.subarray(pos, end), bytes };
}

/** Parses exactly one element filling `bytes`. */
export function parseDer(bytes: Uint8Array): DerNode {
  const node = readNode(bytes, 0, bytes.length);
  if (node.end !== bytes.length) throw new DerError('ada data lebih di ujung berkas');
  return node;
}

export function childrenOf(node: DerNode): DerNode[] {
  if (!node.isConstructed) throw new DerError('diharapkan nilai tersusun (constructed)');
  const out: DerNode[] = [];
  let p = node.contentStart;
  const stop = node.contentStart + node.content.length;
  while (p < stop) {
    const child = readNode(node.bytes, p, stop);
    out.push(child);
    p = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} tidak ada`);
  // A constructed OCTET STRING (0x24) stands for an OCTET STRING in BER.
  if (node.tag !== tag && !(tag === tags.octetString && node.tag === 0x24)) {
    throw new DerError(`${what}: tag 0x${node.tag.toString(16)} bukan 0x${tag.toString(16)}`);
  }
  return node;
}

/** The value of an OCTET STRING, joining the pieces of a constructed one. */
export function octets(node: DerNode): Uint8Array {
  if (!node.isConstructed) return node.content;
  const parts = childrenOf(node).map(octets);
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function oid(node: DerNode): string {
  expectTag(node, tags.oid, 'OID');
  const c = node.content;
  if (c.length === 0) throw new DerError('OID kosong');
  const first = c[0] as number;
  const parts: number[] = [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80];
  let value = 0;
  for (let i = 1; i < c.length; i++) {
    const b = c[i] as number;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export function integer(node: DerNode): number {
  expectTag(node, tags.integer, 'INTEGER');
  let value = 0;
  for (const b of node.content) value = value * 256 + b;
  if (value > Number.MAX_SAFE_INTEGER) throw new DerError('INTEGER terlalu besar');
  return value;
}

/** The whole encoding of a node (identifier, length, content) as a view. */
export function encodingOf(node: DerNode): Uint8Array {
  return node.bytes.subarray(node.start, node.end);
}
