/**
 * Canonical JSON (PROTOCOL.md §1.2): RFC 8785 restricted to the values the
 * protocol carries — objects with keys in UTF-16 code-unit order, no
 * whitespace, strings as JSON.stringify writes them, non-negative safe
 * integers only. The manifest hash and the receipt signature are over these
 * bytes, so the app and the server must produce them identically.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`canonical JSON: ${value} bukan bilangan bulat tak negatif`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON: jenis ${typeof value} tidak didukung`);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
