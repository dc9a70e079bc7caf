/**
 * How much work a PKCS#12 file may ask of Berkas. The file itself names its
 * iteration counts, its number of bags and how deep its structures nest, so a
 * few hundred bytes could otherwise ask for hours of key derivation (2x10^9
 * iterations) before the password is even checked. Every value is checked
 * before the work it costs is done, and a refusal names the value and the limit.
 */
import { formatThousands } from '../../domain/rencana-aksi/text';
import { maxP12Bytes } from '../../domain/signing/limits';
import type { DerNode } from './der';

export interface Pkcs12Limits {
  maxBytes: number;
  maxIterations: number;
  maxTotalIterations: number;
  maxSaltBytes: number;
  maxDepth: number;
  maxContents: number;
  maxBags: number;
  maxBagNesting: number;
  maxCertificates: number;
  maxKeys: number;
  maxRsaBits: number;
}

export const pkcs12Limits: Pkcs12Limits = {
  maxBytes: maxP12Bytes,
  /*
   * What exporters write, per derivation: OpenSSL 2,048 (MAC and PBKDF2),
   * Windows 2,000, Java keytool 10,000 (JDK 8: 50,000 for keys, 100,000 for
   * the MAC), BouncyCastle (under the CA software that issues BSrE's files)
   * 1,024-51,200; the highest anyone recommends for PBKDF2 is OWASP's 600,000
   * (HMAC-SHA256). Readers that cap it: .NET at 600,000 for the whole file
   * (KB5025823), the JDK at 5,000,000 per derivation. A million keeps every
   * exporter above inside, and the worst legal derivation near a second.
   */
  maxIterations: 1_000_000,
  /* A MAC and one key at the per-derivation limit; a Java 8 file uses about 300,000. */
  maxTotalIterations: 2_000_000,
  /* Tools use 8-20 bytes (RFC 8018 asks for at least 8); a salt is hashed on every derivation. */
  maxSaltBytes: 1024,
  /*
   * A real file nests about 10 levels (PFX > ContentInfo > EncryptedData >
   * AlgorithmIdentifier > PBES2 > PBKDF2 > PRF); OpenSSL stops at 30. Bounding
   * depth keeps the BER reader, which recurses, from running out of stack.
   */
  maxDepth: 32,
  /* OpenSSL and Windows write 2 (certificates, then the key); Java up to 3. */
  maxContents: 16,
  maxBags: 64,
  /* SafeContents inside a bag: no exporter writes one at all. */
  maxBagNesting: 2,
  /* A key, its chain to the root (BSrE: 3) and perhaps a few cross-certificates; the chain search is quadratic in it. */
  maxCertificates: 32,
  /* One key is what Berkas uses; a few more are read to find the one with a certificate. */
  maxKeys: 4,
  /* OpenSSL's own ceiling for RSA (OPENSSL_RSA_MAX_MODULUS_BITS); BSrE issues 2,048 bits. */
  maxRsaBits: 16384,
};

/** A limit a file went over; pkcs12.ts turns it into the user's message. */
export class LimitExceeded extends Error {
  constructor(
    /** What was counted, in Bahasa Indonesia ("jumlah iterasi MAC"). */
    readonly what: string,
    readonly value: string,
    readonly limit: string,
    readonly unit: string,
  ) {
    super(`${what} ${value} ${unit}`);
  }
}

/** "2.000.000.000" for any size of INTEGER content, without going through float. */
export function formatBigThousands(value: bigint): string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? formatThousands(Number(value)) : value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function checkCount(what: string, value: number | bigint, limit: number, unit: string): void {
  if (value > limit) throw new LimitExceeded(what, formatBigThousands(BigInt(value)), formatThousands(limit), unit);
}

/** The value of a DER INTEGER as a bigint (negative when its top bit is set), however long it is. */
export function bigIntegerOf(node: DerNode): bigint {
  let value = 0n;
  for (const b of node.content) value = (value << 8n) | BigInt(b);
  if (node.content.length > 0 && ((node.content[0] as number) & 0x80) !== 0) value -= 1n << BigInt(8 * node.content.length);
  return value;
}

/**
 * How deep the BER/DER in `bytes` nests, walked without recursion and
 * stopping as soon as it passes `stopAfter`. Malformed input ends the walk
 * early; the reader proper then reports it.
 */
export function nestingDepth(bytes: Uint8Array, stopAfter: number): number {
  // End offset of each open constructed node; Infinity for an indefinite length.
  const ends: number[] = [];
  let deepest = 0;
  let p = 0;
  while (p < bytes.length) {
    while (ends.length > 0 && p >= (ends[ends.length - 1] as number)) ends.pop();
    if (ends[ends.length - 1] === Infinity && bytes[p] === 0 && bytes[p + 1] === 0) {
      ends.pop();
      p += 2;
      continue;
    }
    if (p + 2 > bytes.length) break;
    const isConstructed = ((bytes[p] as number) & 0x20) !== 0;
    const first = bytes[p + 1] as number;
    let q = p + 2;
    let end: number;
    if (first === 0x80) {
      if (!isConstructed) break;
      end = Infinity;
    } else if (first & 0x80) {
      const count = first & 0x7f;
      if (count > 4 || q + count > bytes.length) break;
      let length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[q++] as number);
      end = q + length;
    } else {
      end = q + first;
    }
    if (!isConstructed) {
      p = end;
      continue;
    }
    ends.push(end);
    if (ends.length > deepest) deepest = ends.length;
    if (deepest > stopAfter) break;
    p = q;
  }
  return deepest;
}

export function checkNesting(bytes: Uint8Array, what: string, limit: number): void {
  checkCount(`kedalaman susunan data ${what}`, nestingDepth(bytes, limit), limit, 'tingkat');
}
