/** Secrets the server hands out: enrollment codes, device and admin tokens (PROTOCOL.md §4). */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../protocol/canonical-json';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 Crockford base32 characters (80 bits) in groups of four: "K7QM-4XTD-9HPA-2WEC". */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return (out.match(/.{4}/g) as string[]).join('-');
}

/** What a person typed, as the code was issued: case, dashes, spaces and O/I/L look-alikes forgiven. */
export function normalizeEnrollmentCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function enrollmentCodeHash(typed: string): string {
  return sha256Hex(normalizeEnrollmentCode(typed));
}

/** 32 random bytes, base64url without padding (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return sha256Hex(Buffer.from(token, 'utf8'));
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
